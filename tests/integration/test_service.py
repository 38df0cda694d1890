"""The service as a whole: health, metrics, the OpenAPI document, unknown routes and methods, protective headers.

This module also holds what the other integration tests share (ApiTestCase, body builders, problem checks), so
that they need no helper module outside tests/integration/test_*.py.
"""
import json
import signal
import socket
import subprocess
import unittest

from kinserver import KinServer

PASSWORD = "a long enough password"

# Madrid, Puerta del Sol: an exact point that should never be shown to fellow members.
EXACT = {"lat": 40.416775, "lon": -3.703790}


# --- bodies ------------------------------------------------------------------------------------------------
def need_body(**over):
    body = {"category": "food", "description": "Two bags of groceries for a family of four"}
    body.update(over)
    return body


def private_need_body(**over):
    """A need with exact location and contact details, the things fellow members must not see."""
    body = need_body(location=dict(EXACT), place="near the plaza",
                     contact={"preferred": "phone", "phone": "+34 600 000 000", "email": "ana@example.org",
                              "address": "Calle Mayor 1, 3B", "location": dict(EXACT)})
    body.update(over)
    return body


def offer_body(category="food", amount=3, **over):
    body = {"category": category, "description": "I can cook and bring meals",
            "capacity": {"amount": amount, "unit": "meals", "period": "week"}}
    body.update(over)
    return body


# --- raw HTTP ----------------------------------------------------------------------------------------------
class RawResponse:
    def __init__(self, raw):
        head, _, body = raw.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        self.status = int(lines[0].split(b" ")[1]) if lines and lines[0] else 0
        self.headers = {}
        for line in lines[1:]:
            k, _, v = line.partition(b":")
            self.headers[k.decode("latin-1").strip().lower()] = v.decode("latin-1").strip()
        n = self.headers.get("content-length")
        self.body = body[:int(n)] if n is not None else body
        try:
            self.json = json.loads(self.body)
        except ValueError:
            self.json = None

    def __repr__(self):
        return f"<raw {self.status} {self.body[:300]!r}>"


def raw_exchange(port, data, timeout=30):
    """Sends `data` (bytes, a whole HTTP/1.1 request) on a fresh connection; returns the first response.

    Tolerates the server closing its side while we are still sending (as it may after a 413)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    chunks = []
    try:
        try:
            s.sendall(data)
            s.shutdown(socket.SHUT_WR)
        except (BrokenPipeError, ConnectionResetError):
            pass
        while True:
            try:
                c = s.recv(65536)
            except ConnectionResetError:
                break
            if not c:
                break
            chunks.append(c)
    finally:
        s.close()
    return RawResponse(b"".join(chunks))


def raw_request(port, method, path, body=b"", content_type="application/json", token=None, extra=b""):
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n".encode()
    if content_type:
        head += f"Content-Type: {content_type}\r\n".encode()
    if token:
        head += f"Authorization: Bearer {token}\r\n".encode()
    head += extra
    head += f"Content-Length: {len(body)}\r\n\r\n".encode()
    return raw_exchange(port, head + body)


# --- the server --------------------------------------------------------------------------------------------
def stop_server(srv):
    """Stops `srv` with SIGTERM and fails if it did not exit cleanly (crash, sanitizer report, hang)."""
    if srv is None:
        return
    proc = srv.proc
    err = ""
    if proc is not None and proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            _, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            srv.cleanup()
            raise AssertionError("kin serve did not stop within 30 s of SIGTERM")
    rc = proc.returncode if proc is not None else 0
    srv.cleanup()
    if rc != 0 or "Sanitizer" in (err or "") or "runtime error:" in (err or ""):
        raise AssertionError(f"kin serve exited with {rc}; stderr:\n{(err or '')[-4000:]}")


class ApiTestCase(unittest.TestCase):
    """One `kin serve` per test class. Subclasses fill the world in `build()`."""

    srv = None
    server_args = ()

    @classmethod
    def setUpClass(cls):
        cls.srv = KinServer(extra_args=cls.server_args)
        cls.srv.start()
        try:
            cls.build()
        except BaseException:
            try:
                stop_server(cls.srv)
            finally:
                cls.srv = None
            raise

    @classmethod
    def tearDownClass(cls):
        srv, cls.srv = cls.srv, None
        stop_server(srv)

    @classmethod
    def build(cls):
        pass

    # --- shortcuts -----------------------------------------------------------------------------------------
    @classmethod
    def new_hub(cls, slug, handle):
        """A hub made from the command line and its first coordinator; returns (token, member id)."""
        return cls.srv.join(cls.srv.create_hub(slug, name=f"Hub {slug}"), handle)

    def req(self, method, path, body=None, token=None, **kw):
        r = self.srv.request(method, path, body, token=token, **kw)
        self.assertNotEqual(r.status, 500, f"{method} {path}: {r}")
        return r

    def ok(self, method, path, body=None, token=None, status=None, **kw):
        """A request that must succeed (2xx, or exactly `status`); returns its JSON."""
        r = self.req(method, path, body, token=token, **kw)
        if status is None:
            self.assertTrue(200 <= r.status < 300, f"{method} {path}: {r}")
        else:
            self.assertEqual(r.status, status, f"{method} {path}: {r}")
        return r.json

    def assertProblem(self, r, status, field=None, msg=None):
        """`r` is an RFC 9457 problem with HTTP `status`; with `field`, its errors name that field."""
        where = f"{msg + ': ' if msg else ''}{r!r}"
        self.assertEqual(r.status, status, where)
        self.assertTrue(r.headers.get("content-type", "").startswith("application/problem+json"),
                        f"content-type {r.headers.get('content-type')!r}: {where}")
        self.assertIsInstance(r.json, dict, where)
        for key in ("type", "title", "status", "detail"):
            self.assertIn(key, r.json, where)
        self.assertEqual(r.json["status"], status, where)
        self.assertTrue(r.json["detail"], where)
        if field is not None:
            self.assertIn(field, [e.get("field") for e in r.json.get("errors", [])], where)
            for e in r.json["errors"]:
                self.assertTrue(e.get("detail"), where)

    def walk(self, path, token=None, limit=2):
        """Every item of a paginated list, following next_cursor with `limit`; also returns the page count."""
        items, pages, cursor = [], 0, None
        sep = "&" if "?" in path else "?"
        while True:
            url = f"{path}{sep}limit={limit}" + (f"&cursor={cursor}" if cursor else "")
            page = self.ok("GET", url, token=token, status=200)
            pages += 1
            self.assertLessEqual(len(page["items"]), limit)
            items.extend(page["items"])
            cursor = page["next_cursor"]
            if cursor is None:
                return items, pages
            self.assertIsInstance(cursor, str)
            self.assertLess(pages, 1000, "pagination does not end")

    def events(self, slug, token):
        return self.walk(f"/api/v1/hubs/{slug}/events", token, limit=200)[0]


# --- tests of the service itself -------------------------------------------------------------------------
ROUTES = {
    ("GET", "/healthz"), ("GET", "/metrics"), ("GET", "/api/v1/openapi.json"),
    ("GET", "/api/v1/needs/{need}/access-log"), ("GET", "/api/v1/hubs/{hub}/access-log"),
    ("GET", "/api/v1/status/{token}/access-log"),
    ("GET", "/api/v1/me/export"), ("GET", "/api/v1/me/sessions"), ("DELETE", "/api/v1/me/sessions/{session}"),
    ("POST", "/api/v1/me/delete"),
    ("POST", "/api/v1/sessions"), ("DELETE", "/api/v1/sessions/current"), ("POST", "/api/v1/tokens"),
    ("GET", "/api/v1/me"), ("PATCH", "/api/v1/me"), ("POST", "/api/v1/join"), ("POST", "/api/v1/password-reset"),
    ("GET", "/api/v1/hubs"), ("POST", "/api/v1/hubs"), ("GET", "/api/v1/hubs/{hub}"),
    ("PATCH", "/api/v1/hubs/{hub}/settings"), ("POST", "/api/v1/hubs/{hub}/invites"),
    ("GET", "/api/v1/hubs/{hub}/members"), ("PUT", "/api/v1/hubs/{hub}/members/{member}/roles"),
    ("GET", "/api/v1/hubs/{hub}/events"), ("GET", "/api/v1/hubs/{hub}/needs"), ("POST", "/api/v1/hubs/{hub}/needs"),
    ("POST", "/api/v1/hubs/{hub}/intake"), ("POST", "/api/v1/needs/{need}/merge"), ("GET", "/api/v1/needs/{need}"), ("PATCH", "/api/v1/needs/{need}"),
    ("POST", "/api/v1/needs/{need}/cancel"), ("POST", "/api/v1/needs/{need}/claim"),
    ("POST", "/api/v1/needs/{need}/pair"), ("GET", "/api/v1/status/{token}"), ("PATCH", "/api/v1/status/{token}"),
    ("POST", "/api/v1/status/{token}/cancel"), ("GET", "/api/v1/hubs/{hub}/offers"),
    ("POST", "/api/v1/hubs/{hub}/offers"), ("GET", "/api/v1/offers/{offer}"), ("PATCH", "/api/v1/offers/{offer}"),
    ("POST", "/api/v1/offers/{offer}/pause"), ("POST", "/api/v1/offers/{offer}/resume"),
    ("GET", "/api/v1/hubs/{hub}/matches"), ("GET", "/api/v1/matches/{match}"),
    ("POST", "/api/v1/matches/{match}/accept"), ("POST", "/api/v1/matches/{match}/decline"),
    ("POST", "/api/v1/matches/{match}/start"), ("POST", "/api/v1/matches/{match}/complete"),
    ("POST", "/api/v1/matches/{match}/release"),
    ("GET", "/api/v1/hubs/{hub}/suggestions"), ("POST", "/api/v1/hubs/{hub}/suggestions/refresh"),
    ("POST", "/api/v1/hubs/{hub}/suggestions/confirm"), ("GET", "/api/v1/suggestions/{suggestion}"),
    ("POST", "/api/v1/suggestions/{suggestion}/confirm"), ("POST", "/api/v1/suggestions/{suggestion}/accept"),
    ("POST", "/api/v1/suggestions/{suggestion}/decline"),
    ("GET", "/api/v1/hubs/{hub}/proposals"), ("POST", "/api/v1/hubs/{hub}/proposals"),
    ("GET", "/api/v1/proposals/{proposal}"), ("PATCH", "/api/v1/proposals/{proposal}"),
    ("POST", "/api/v1/proposals/{proposal}/open"), ("POST", "/api/v1/proposals/{proposal}/close"),
    ("POST", "/api/v1/proposals/{proposal}/ballots"), ("GET", "/api/v1/proposals/{proposal}/results"),
    ("GET", "/api/v1/proposals/{proposal}/votes"),
    # Shared resources: stock
    ("GET", "/api/v1/hubs/{hub}/stock"), ("POST", "/api/v1/hubs/{hub}/stock"),
    ("GET", "/api/v1/hubs/{hub}/stock/expiring"), ("GET", "/api/v1/hubs/{hub}/stock/moves"),
    ("GET", "/api/v1/stock/{item}"), ("PATCH", "/api/v1/stock/{item}"), ("GET", "/api/v1/stock/{item}/moves"),
    ("POST", "/api/v1/stock/{item}/donations"), ("POST", "/api/v1/stock/{item}/distributions"),
    ("POST", "/api/v1/stock/{item}/counts"),
    # Two-step sign-in (safety)
    ("GET", "/api/v1/me/two-factor"), ("POST", "/api/v1/me/two-factor"), ("POST", "/api/v1/me/two-factor/confirm"),
    ("POST", "/api/v1/me/two-factor/disable"), ("GET", "/api/v1/hubs/{hub}/security"),
    ("PUT", "/api/v1/hubs/{hub}/security"),
}
# Shifts (issue 6).
# Federation (issue 10): the documents peers read, the inboxes, and the coordinators' follow API.
ROUTES |= {
    ("GET", "/.well-known/webfinger"), ("GET", "/federation/actor"), ("GET", "/federation/actor/outbox"),
    ("GET", "/federation/hubs/{hub}"), ("GET", "/federation/hubs/{hub}/outbox"),
    ("GET", "/federation/hubs/{hub}/activities/{activity}"), ("GET", "/federation/hubs/{hub}/shared/{kind}/{item}"),
    ("GET", "/federation/hubs/{hub}/shared/{kind}/{item}/note"),
    ("GET", "/federation/hubs/{hub}/followers"), ("GET", "/federation/hubs/{hub}/following"),
    ("POST", "/federation/hubs/{hub}/inbox"), ("POST", "/federation/inbox"),
    ("GET", "/api/v1/hubs/{hub}/federation/following"), ("POST", "/api/v1/hubs/{hub}/federation/following"),
    ("GET", "/api/v1/hubs/{hub}/federation/followers"), ("GET", "/api/v1/hubs/{hub}/federation/requests"),
    ("POST", "/api/v1/hubs/{hub}/federation/approve"), ("POST", "/api/v1/hubs/{hub}/federation/reject"),
    ("POST", "/api/v1/hubs/{hub}/federation/unfollow"),
    ("POST", "/api/v1/offers/{offer}/share"), ("DELETE", "/api/v1/offers/{offer}/share"),
    ("POST", "/api/v1/needs/{need}/share"), ("DELETE", "/api/v1/needs/{need}/share"),
}
# Federation: escalation of unmet needs between hubs (issue 10).
ROUTES |= {
    ("POST", "/api/v1/needs/{need}/escalate"), ("GET", "/api/v1/hubs/{hub}/escalations"),
    ("GET", "/api/v1/hubs/{hub}/escalations/{escalation}"),
    ("POST", "/api/v1/hubs/{hub}/escalations/{escalation}/accept"),
    ("POST", "/api/v1/hubs/{hub}/escalations/{escalation}/decline"),
    ("POST", "/api/v1/hubs/{hub}/escalations/{escalation}/forward"),
    ("POST", "/api/v1/hubs/{hub}/escalations/{escalation}/confirm"),
    ("POST", "/api/v1/hubs/{hub}/escalations/{escalation}/decline-handover"),
    ("GET", "/api/v1/hubs/{hub}/escalation-settings"), ("PUT", "/api/v1/hubs/{hub}/escalation-settings"),
}
ROUTES |= {("GET", "/api/v1/hubs/{hub}/federation/shared"), ("GET", "/api/v1/directory")}
# Councils of hubs (issue 8 over issue 10).
ROUTES |= {
    ("GET", "/api/v1/hubs/{hub}/councils"), ("POST", "/api/v1/hubs/{hub}/councils"),
    ("GET", "/api/v1/councils/{council}"), ("POST", "/api/v1/councils/{council}/invitations"),
    ("POST", "/api/v1/councils/{council}/accept"), ("POST", "/api/v1/councils/{council}/decline"),
    ("POST", "/api/v1/councils/{council}/leave"), ("POST", "/api/v1/councils/{council}/removals"),
    ("GET", "/api/v1/councils/{council}/proposals"), ("POST", "/api/v1/councils/{council}/proposals"),
    ("GET", "/api/v1/councils/{council}/proposals/{proposal}"),
    ("POST", "/api/v1/councils/{council}/proposals/{proposal}/open"),
    ("POST", "/api/v1/councils/{council}/proposals/{proposal}/close"),
    ("POST", "/api/v1/councils/{council}/proposals/{proposal}/ballots"),
}
ROUTES |= {
    ("GET", "/api/v1/hubs/{hub}/shifts"), ("POST", "/api/v1/hubs/{hub}/shifts"),
    ("GET", "/api/v1/hubs/{hub}/shift-policy"), ("PUT", "/api/v1/hubs/{hub}/shift-policy"),
    ("GET", "/api/v1/shifts/{shift}"), ("PUT", "/api/v1/shifts/{shift}"),
    ("POST", "/api/v1/shifts/{shift}/occurrences/{occurrence}/change"),
    ("POST", "/api/v1/shifts/{shift}/occurrences/{occurrence}/signups"),
    ("POST", "/api/v1/signups/{signup}/withdraw"), ("POST", "/api/v1/signups/{signup}/check-in"),
    ("POST", "/api/v1/signups/{signup}/hours"), ("POST", "/api/v1/signups/{signup}/no-show"),
    ("POST", "/api/v1/signups/{signup}/swaps"), ("POST", "/api/v1/swaps/{swap}/accept"),
    ("POST", "/api/v1/swaps/{swap}/decline"), ("GET", "/api/v1/me/shifts"),
    ("GET", "/api/v1/proposals/{proposal}/votes"), ("GET", "/api/v1/hubs/{hub}/assembly/settings"),
    ("PUT", "/api/v1/hubs/{hub}/assembly/settings"), ("POST", "/api/v1/hubs/{hub}/members/{member}/vouch"),
    # Shared resources: library of things
    ("GET", "/api/v1/hubs/{hub}/things"), ("POST", "/api/v1/hubs/{hub}/things"), ("GET", "/api/v1/things/{thing}"),
    ("PATCH", "/api/v1/things/{thing}"), ("POST", "/api/v1/things/{thing}/status"),
    ("GET", "/api/v1/things/{thing}/calendar"), ("POST", "/api/v1/things/{thing}/reservations"),
    ("GET", "/api/v1/things/{thing}/waitlist"), ("POST", "/api/v1/things/{thing}/waitlist"),
    ("DELETE", "/api/v1/things/{thing}/waitlist"), ("GET", "/api/v1/hubs/{hub}/loans"),
    ("GET", "/api/v1/hubs/{hub}/loans/overdue"), ("GET", "/api/v1/loans/{loan}"), ("POST", "/api/v1/loans/{loan}/cancel"),
    ("POST", "/api/v1/loans/{loan}/checkout"), ("POST", "/api/v1/loans/{loan}/checkin"),
    ("GET", "/api/v1/hubs/{hub}/delegates"), ("GET", "/api/v1/delegates/{delegate}/votes"),
    # Shared resources: capacity
    ("GET", "/api/v1/hubs/{hub}/capacity"), ("POST", "/api/v1/hubs/{hub}/capacity"),
    ("GET", "/api/v1/hubs/{hub}/occupancy"), ("GET", "/api/v1/capacity/{capacity}"),
    ("PUT", "/api/v1/capacity/{capacity}/slots"), ("GET", "/api/v1/capacity/{capacity}/allocations"),
    ("POST", "/api/v1/capacity/{capacity}/allocations"), ("POST", "/api/v1/capacity-allocations/{allocation}/release"),
    # Shared resources: spreadsheets
    ("GET", "/api/v1/hubs/{hub}/stock/export"), ("GET", "/api/v1/hubs/{hub}/loans/export"),
    ("GET", "/api/v1/hubs/{hub}/occupancy/export"), ("POST", "/api/v1/hubs/{hub}/stock/import"),
    ("POST", "/api/v1/hubs/{hub}/things/import"),
    ("GET", "/api/v1/hubs/{hub}/shifts.ics"), ("GET", "/api/v1/calendars/{token}"),
    ("POST", "/api/v1/me/calendar-token"), ("DELETE", "/api/v1/me/calendar-token"),
    ("GET", "/api/v1/me/notifications"), ("GET", "/api/v1/me/reminders"), ("PUT", "/api/v1/me/reminders"),
    ("GET", "/api/v1/hubs/{hub}/smtp"), ("PUT", "/api/v1/hubs/{hub}/smtp"), ("DELETE", "/api/v1/hubs/{hub}/smtp"),
    ("GET", "/api/v1/hubs/{hub}/care-hours"),
}


class ServiceTests(ApiTestCase):
    @classmethod
    def build(cls):
        cls.token, cls.me = cls.new_hub("svc", "svccoord")

    def test_healthz_says_ok(self):
        r = self.req("GET", "/healthz")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.body.strip(), "ok")

    def test_head_healthz_has_no_body(self):
        r = self.req("HEAD", "/healthz")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.body, "")

    def test_metrics_count_requests_by_route_and_database_time(self):
        self.ok("GET", "/api/v1/me", token=self.token, status=200)
        self.req("GET", "/api/v1/needs/need_doesnotexist", token=self.token)
        secret = "secretstatustoken0123456789"
        self.assertEqual(self.req("GET", f"/api/v1/status/{secret}").status, 404)
        r = self.req("GET", "/metrics")
        self.assertEqual(r.status, 200)
        self.assertTrue(r.headers["content-type"].startswith("text/plain"), r.headers)
        text = r.body
        self.assertIn("# TYPE kin_http_requests_total counter", text)
        self.assertRegex(text, r'kin_http_requests_total\{route="me.get",method="GET",status="200"\} [1-9]')
        self.assertRegex(text, r'kin_http_requests_total\{route="needs.get",method="GET",status="404"\} [1-9]')
        self.assertRegex(text, r'kin_http_requests_total\{route="status.get",method="GET",status="404"\} [1-9]')
        self.assertRegex(text, r"(?m)^kin_db_seconds_total [0-9.e+-]+$")
        # Labels carry route names, never raw paths: those hold ids and private status tokens.
        self.assertNotIn(secret, text)
        self.assertNotIn("need_doesnotexist", text)
        # Every sample line parses as Prometheus text.
        for line in text.splitlines():
            if line and not line.startswith("#"):
                self.assertRegex(line, r'^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? ([0-9.eE+-]+|\+Inf|NaN)$')

    def test_unmatched_paths_are_counted_as_unmatched(self):
        self.req("GET", "/no/such/thing/abcdef")
        text = self.req("GET", "/metrics").body
        self.assertNotIn("abcdef", text)
        self.assertIn('route="unmatched"', text)

    def test_openapi_document_describes_every_route(self):
        r = self.req("GET", "/api/v1/openapi.json")
        self.assertEqual(r.status, 200)
        doc = r.json
        self.assertIsInstance(doc, dict)
        self.assertTrue(str(doc.get("openapi", "")).startswith("3."), doc.get("openapi"))
        described = {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops
                     if m in ("get", "post", "put", "patch", "delete")}
        self.assertEqual(described, ROUTES)

    def test_unknown_path_is_404_problem(self):
        self.assertProblem(self.req("GET", "/api/v1/nothing-here"), 404)
        self.assertProblem(self.req("GET", "/api/v1/hubs/svc/nothing"), 404)

    def test_wrong_method_is_405_with_allow(self):
        r = self.req("DELETE", "/api/v1/hubs")
        self.assertEqual(r.status, 405, r)
        self.assertEqual([m.strip() for m in r.headers["allow"].split(",")], ["GET", "HEAD", "POST"])
        self.assertTrue(r.headers["content-type"].startswith("application/problem+json"))
        r = self.req("PUT", "/api/v1/needs/some_id")
        self.assertEqual(r.status, 405, r)
        self.assertEqual({m.strip() for m in r.headers["allow"].split(",")}, {"GET", "HEAD", "PATCH"})

    def test_405_problem_body_says_405(self):
        self.assertProblem(self.req("DELETE", "/api/v1/hubs"), 405)

    def test_protective_headers_on_every_answer(self):
        for r in (self.req("GET", "/healthz"), self.req("GET", "/api/v1/me", token=self.token),
                  self.req("GET", "/api/v1/me")):
            self.assertEqual(r.headers.get("x-content-type-options"), "nosniff", r.headers)
            self.assertEqual(r.headers.get("cache-control"), "no-store", r.headers)
            self.assertIn("x-frame-options", r.headers)

    def test_unauthenticated_answers_name_the_scheme(self):
        r = self.req("GET", "/api/v1/me")
        self.assertProblem(r, 401)
        self.assertEqual(r.headers.get("www-authenticate"), "Bearer")

    def test_keep_alive_serves_many_requests_on_one_connection(self):
        import http.client
        conn = http.client.HTTPConnection("127.0.0.1", self.srv.port, timeout=30)
        try:
            for _ in range(5):
                conn.request("GET", "/api/v1/hubs/svc")
                r = conn.getresponse()
                body = r.read()
                self.assertEqual(r.status, 200)
                self.assertEqual(json.loads(body)["slug"], "svc")
        finally:
            conn.close()

    def test_chunked_request_body_is_read(self):
        body = json.dumps({"category": "food", "description": "sent in chunks"}).encode()
        chunks = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (body[:10], body[10:]))
        request = (b"POST /api/v1/hubs/svc/needs HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                   b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                   b"Authorization: Bearer " + self.token.encode() + b"\r\n\r\n" + chunks + b"0\r\n\r\n")
        r = raw_exchange(self.srv.port, request)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["description"], "sent in chunks")

    def test_oversized_headers_are_refused_and_server_lives_on(self):
        r = raw_request(self.srv.port, "GET", "/api/v1/hubs", b"", content_type=None,
                        extra=b"X-Big: " + b"a" * (20 * 1024) + b"\r\n")
        self.assertIn(r.status, (413, 431), r)
        self.assertEqual(self.req("GET", "/healthz").status, 200)

    def test_garbage_request_line_does_not_hurt_the_server(self):
        r = raw_exchange(self.srv.port, b"THIS IS NOT HTTP\r\n\r\n")
        self.assertIn(r.status, (0, 400), r)
        r = raw_exchange(self.srv.port, b"GET /api/v1/hubs/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        self.assertIn(r.status, (400, 404), r)
        self.assertEqual(self.req("GET", "/healthz").status, 200)


if __name__ == "__main__":
    unittest.main()
