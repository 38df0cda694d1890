"""Escalation of unmet needs between real `kin serve` processes on loopback ports (issue 10).

Alpha follows beta and gamma (approved); all three work around the same district. A coordinator of alpha offers a
need; beta and gamma both see it; beta accepts first and wins; gamma's later acceptance is refused as taken and
gamma is told; alpha's coordinator confirms and beta gets a need of its own whose contact (read by beta's
coordinator the normal way) is the person's, while gamma never received it. A replayed delivery changes nothing,
declining the hand-over keeps the need at home, and a hub with a delay escalates on its own.
"""
import html
import json
import os
import re
import sqlite3
import time
import unittest
import urllib.parse

from kinserver import free_port
from test_federation import restart_on, start_on, wait_for

PHONE = "+34 611 222 333"
EMAIL = "lucia.escalation@example.org"
EXACT = {"lat": 40.416775, "lon": -3.703790}
AREAS = {"alpha": (40.4168, -3.7038), "beta": (40.4200, -3.7000), "gamma": (40.4100, -3.7100),
         "delta": (40.4150, -3.7050)}


def db_bytes(srv):
    """Everything the server's database holds on disk, WAL included."""
    out = b""
    for suffix in ("", "-wal"):
        path = srv.db + suffix
        if os.path.exists(path):
            with open(path, "rb") as f:
                out += f.read()
    return out


class EscalationTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.servers = []
        try:
            # Alpha retries a failed delivery only after 20 s, so gamma can be down while beta wins and accept
            # after it comes back, before alpha's news reaches it.
            cls.a = cls.hub_server("alpha", ("--federation-retry-seconds", "20"))
            cls.b = cls.hub_server("beta")
            cls.c = cls.hub_server("gamma")
            for other in (cls.b, cls.c):
                cls.follow(cls.a, other)
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def hub_server(cls, slug, extra=()):
        port = free_port()
        srv = start_on(port, ("--escalation-sweep-seconds", "1", *extra))
        cls.servers.append(srv)
        srv.slug, srv.port_fixed = slug, port
        srv.token, _ = srv.join(srv.create_hub(slug, name=f"Hub {slug}"), f"coord-{slug}")
        srv.actor = f"http://127.0.0.1:{port}/federation/hubs/{slug}"
        srv.handle = f"@{slug}@127.0.0.1:{port}"
        lat, lon = AREAS[slug]
        r = srv.request("PATCH", f"/api/v1/hubs/{slug}/settings",
                        {"area": {"center": {"lat": lat, "lon": lon}, "radius_km": 5}}, token=srv.token)
        assert r.status == 200, r
        return srv

    @classmethod
    def follow(cls, srv, other):
        r = srv.request("POST", f"/api/v1/hubs/{srv.slug}/federation/following", {"target": other.handle},
                        token=srv.token)
        assert r.status == 201, r
        requests = f"/api/v1/hubs/{other.slug}/federation/requests"
        wait_for(lambda: any(f["actor"] == srv.actor for f in other.request("GET", requests, token=other.token)
                             .json["items"]), what="the follow request")
        r = other.request("POST", f"/api/v1/hubs/{other.slug}/federation/approve", {"actor": srv.actor},
                          token=other.token)
        assert r.status == 200, r
        following = f"/api/v1/hubs/{srv.slug}/federation/following"
        wait_for(lambda: any(f["actor"] == other.actor and f["state"] == "accepted"
                             for f in srv.request("GET", following, token=srv.token).json["items"]),
                 what="the Accept")

    @classmethod
    def tearDownClass(cls):
        for srv in cls.servers:
            srv.cleanup()

    # --- helpers -------------------------------------------------------------------------------------------
    def ask(self, srv, phone=PHONE):
        member, _ = srv.member(srv.slug, f"asker-{time.time_ns()}")
        r = srv.request("POST", f"/api/v1/hubs/{srv.slug}/needs",
                        {"category": "groceries", "description": "Food for a family of four this week",
                         "quantity": 4, "urgency": "high", "location": dict(EXACT), "place": "near the plaza",
                         "contact": {"preferred": "phone", "phone": phone, "email": EMAIL,
                                     "address": "Calle Mayor 1, 3B"}}, token=member)
        self.assertEqual(r.status, 201, r)
        return r.json["id"]

    def escalations(self, srv):
        r = srv.request("GET", f"/api/v1/hubs/{srv.slug}/escalations", token=srv.token)
        self.assertEqual(r.status, 200, r)
        return r.json["items"]

    def find(self, srv, need_id, role):
        return next((e for e in self.escalations(srv) if need_id in e["id"] and e["role"] == role), None)

    def wait_state(self, srv, need_id, role, state, timeout=30):
        return wait_for(lambda: (lambda e: e if e and e["state"] == state else None)(self.find(srv, need_id, role)),
                        timeout=timeout, what=f"{srv.slug}'s escalation to be {state}")

    def step(self, srv, escalation, action, status=200):
        r = srv.request("POST", f"/api/v1/hubs/{srv.slug}/escalations/{escalation['key']}/{action}",
                        token=srv.token)
        self.assertEqual(r.status, status, r)
        return r.json

    def events(self, srv):
        r = srv.request("GET", f"/api/v1/hubs/{srv.slug}/events?limit=200", token=srv.token)
        return r.json["items"]

    CSRF = "c" * 43  # the double-submit token: the same value in the cookie and the form

    def web(self, srv, method, path, form=None, lang="en", token=None):
        headers = {"Cookie": f"kin_session={token or srv.token}; kin_lang={lang}; kin_csrf={self.CSRF}"}
        raw = None
        if form is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            raw = urllib.parse.urlencode({"csrf": self.CSRF, **form}).encode()
        return srv.request(method, path, headers=headers, raw=raw)

    def between_hubs(self, srv, need, lang="en", token=None):
        """The need page's "between hubs" section as text (tags dropped, entities decoded), or None."""
        r = self.web(srv, "GET", f"/needs/{need}", lang=lang, token=token)
        self.assertEqual(r.status, 200, r)
        m = re.search(r'<section class="between-hubs".*?</section>', r.body, re.S)
        if not m:
            return None
        self.assertNotIn(PHONE, m.group(0))
        self.assertNotIn(EMAIL, m.group(0))
        self.assertNotIn("Calle Mayor", m.group(0))
        return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", m.group(0))).split()), m.group(0)

    # --- tests ---------------------------------------------------------------------------------------------
    def test_actor_documents_publish_a_contact_key(self):
        doc = self.b.request("GET", "/federation/hubs/beta").json
        key = doc["contactKey"]
        self.assertEqual((key["type"], key["owner"], key["id"]), ("X25519Key", self.b.actor, self.b.actor + "#contact-key"))
        self.assertEqual(len(key["publicKeyBase64"]), 44)
        self.assertEqual(self.b.request("GET", "/federation/hubs/beta").json["contactKey"], key)  # made once

    def test_first_acceptance_wins_and_the_contact_goes_sealed_to_the_winner_after_confirming(self):
        need = self.ask(self.a)
        r = self.a.request("POST", f"/api/v1/needs/{need}/escalate", token=self.a.token)
        self.assertEqual(r.status, 201, r)
        self.assertEqual((r.json["role"], r.json["state"]), ("outgoing", "offered"))
        self.assertEqual(sorted(r.json["offered_to"]), sorted([self.b.actor, self.c.actor]))
        self.assertEqual(self.a.request("POST", f"/api/v1/needs/{need}/escalate", token=self.a.token).status, 409)
        # The need page tells the coordinator where it went, in English and Spanish, and no longer offers to send
        # it again; a member of the hub does not see the section.
        text, section = self.between_hubs(self.a, need)
        self.assertIn("Between hubs", text)
        self.assertIn("State: offered, waiting for an answer", text)
        self.assertIn(f"Offered to hubs: 2 ({', '.join(sorted([self.b.handle, self.c.handle]))})", text)
        self.assertNotIn("Taken by", text)
        self.assertNotIn("/confirm", section)
        page = self.web(self.a, "GET", f"/needs/{need}").body
        self.assertNotIn(f'action="/needs/{need}/escalate"', page)
        text_es, _ = self.between_hubs(self.a, need, lang="es")
        self.assertIn("Entre grupos", text_es)
        self.assertIn("ofrecida, esperando respuesta", text_es)
        self.assertIn("Ofrecida a grupos: 2", text_es)
        member, _ = self.a.member("alpha", f"m-{time.time_ns()}")
        self.assertIsNone(self.between_hubs(self.a, need, token=member))
        at_b = self.wait_state(self.b, need, "incoming", "received")
        at_c = self.wait_state(self.c, need, "incoming", "received")
        self.assertEqual((at_b["origin"], at_b["hops"], at_b["need"]), (self.a.actor, 1, None))
        self.assertEqual(at_b["shared_need"]["category"], "groceries")
        self.assertEqual(at_b["shared_need"]["urgency"], "high")
        for srv in (self.b, self.c):
            self.assertNotIn(PHONE.encode(), db_bytes(srv))
            self.assertNotIn(b"near the plaza", db_bytes(srv))

        # Gamma is down while beta accepts and wins, so alpha's news cannot reach it yet.
        self.c.stop()
        self.step(self.b, at_b, "accept")
        home = self.wait_state(self.a, need, "outgoing", "awaiting_confirm")
        self.assertEqual(home["taker"], self.b.actor)

        def withdrawal_to_gamma_failed():
            with sqlite3.connect(self.a.db, timeout=10) as conn:
                return conn.execute("SELECT attempts FROM federation_deliveries WHERE json_extract(body, '$.type') = "
                                    "'Undo' AND instr(body, ?) > 0 AND instr(inbox, ?) > 0",
                                    (need, str(self.c.port_fixed))).fetchone() or (0,)
        wait_for(lambda: withdrawal_to_gamma_failed()[0] >= 1, what="alpha's first try to tell gamma")
        restart_on(self.c, self.c.port_fixed)
        late = self.step(self.c, at_c, "accept")
        self.assertEqual(late["state"], "accepted")
        # Alpha refuses gamma's acceptance as taken; gamma hears it lost.
        self.wait_state(self.c, need, "incoming", "closed")
        self.assertIn("escalation.lost", [e["type"] for e in self.events(self.c)])

        def refusals():
            with sqlite3.connect(self.a.db, timeout=10) as conn:
                bodies = [json.loads(b) for (b,) in conn.execute("SELECT body FROM federation_deliveries")]
            return [(b["to"], b["taker"]) for b in bodies if b.get("type") == "Reject" and b.get("reason") == "taken"
                    and need in b.get("escalation", "")]
        self.assertEqual(wait_for(refusals, what="alpha refusing gamma"), [([self.c.actor], self.c.actor)])
        self.assertEqual(self.find(self.a, need, "outgoing")["taker"], self.b.actor)  # still beta

        # The need page shows who took it, awaiting the coordinator, with the buttons.
        text, section = self.between_hubs(self.a, need)
        self.assertIn("State: taken: confirm or keep it here", text)
        self.assertIn(f"Taken by {self.b.handle}", text)
        self.assertIn(f'action="/h/alpha/escalations/{home["key"]}/confirm"', section)
        self.assertIn(f'action="/h/alpha/escalations/{home["key"]}/decline-handover"', section)
        self.assertIn(f"La aceptó {self.b.handle}", self.between_hubs(self.a, need, lang="es")[0])

        # Nothing personal has left alpha before its coordinator confirms.
        self.assertNotIn(PHONE.encode(), db_bytes(self.b))
        confirmed = self.step(self.a, home, "confirm")
        self.assertEqual(confirmed["state"], "handed_over")
        won = self.wait_state(self.b, need, "incoming", "won")
        self.assertIsNotNone(won["need"])
        text, _ = self.between_hubs(self.a, need)
        self.assertIn("State: handed over", text)
        self.assertIn(f"Taken by {self.b.handle}", text)
        self.assertIn("traspasada", self.between_hubs(self.a, need, lang="es")[0])
        # At beta, the need it took says where it came from.
        text, _ = self.between_hubs(self.b, won["need"])
        self.assertIn(f"Came from {self.a.handle}", text)
        self.assertIn(f"Vino de {self.a.handle}", self.between_hubs(self.b, won["need"], lang="es")[0])

        # Beta's coordinator reads the contact the normal way, and it is the person's.
        r = self.b.request("GET", f"/api/v1/needs/{won['need']}", token=self.b.token)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["contact"]["phone"], PHONE)
        self.assertEqual(r.json["contact"]["email"], EMAIL)
        self.assertEqual((r.json["category"], r.json["quantity"], r.json["urgency"], r.json["status"]),
                         ("groceries", 4, "high", "open"))
        self.assertAlmostEqual(r.json["location"]["lat"], EXACT["lat"], places=6)
        types = [e["type"] for e in self.events(self.b)]
        self.assertIn("escalation.won", types)
        self.assertIn("need.created", types)
        # Sealed at rest at beta; never at gamma; never in any event.
        self.assertNotIn(PHONE.encode(), db_bytes(self.b))
        self.assertNotIn(PHONE.encode(), db_bytes(self.c))
        self.assertNotIn(EMAIL.encode(), db_bytes(self.c))
        for srv in (self.a, self.b, self.c):
            self.assertNotIn(PHONE, json.dumps(self.events(srv)))

        # At home the need is kept, closed as handed over, its log saying where it went and who read the contact.
        r = self.a.request("GET", f"/api/v1/needs/{need}", token=self.a.token)
        self.assertEqual(r.json["status"], "cancelled")
        handed = [e for e in self.events(self.a) if e["type"] == "escalation.handed_over"]
        self.assertEqual([(e["subject"], e["detail"]) for e in handed], [(need, self.b.actor)])
        log = self.a.request("GET", f"/api/v1/needs/{need}/access-log", token=self.a.token).json["items"]
        self.assertIn(f"escalation hand-over to {self.b.actor}", [x["reason"] for x in log])

        # A replayed delivery (alpha's hand-over sent again, same activity id) changes nothing at beta.
        before = (self.escalations(self.b), len(self.events(self.b)),
                  self.b.request("GET", "/api/v1/hubs/beta/needs?limit=200", token=self.b.token).json["items"])
        with sqlite3.connect(self.a.db, timeout=10) as conn:
            n = conn.execute("UPDATE federation_deliveries SET delivered_at = NULL, next_attempt_at = 0 "
                             "WHERE json_extract(body, '$.type') = 'Create' AND instr(body, ?) > 0", (need,)).rowcount
        self.assertEqual(n, 1)

        def redelivered():
            with sqlite3.connect(self.a.db, timeout=10) as conn:
                return conn.execute("SELECT delivered_at FROM federation_deliveries WHERE json_extract(body, '$.type') "
                                    "= 'Create' AND instr(body, ?) > 0", (need,)).fetchone()[0] is not None
        wait_for(redelivered, what="the replayed hand-over")
        after = (self.escalations(self.b), len(self.events(self.b)),
                 self.b.request("GET", "/api/v1/hubs/beta/needs?limit=200", token=self.b.token).json["items"])
        self.assertEqual(after, before)

    def test_declining_the_handover_keeps_the_need_at_home(self):
        need = self.ask(self.a, phone="+34 699 000 111")
        self.assertEqual(self.a.request("POST", f"/api/v1/needs/{need}/escalate", token=self.a.token).status, 201)
        at_b = self.wait_state(self.b, need, "incoming", "received")
        # Only coordinators decide.
        member, _ = self.b.member("beta", f"m-{time.time_ns()}")
        r = self.b.request("POST", f"/api/v1/hubs/beta/escalations/{at_b['key']}/accept", token=member)
        self.assertEqual(r.status, 403, r)
        self.step(self.b, at_b, "accept")
        home = self.wait_state(self.a, need, "outgoing", "awaiting_confirm")
        # Declined from the need page's button, which brings the coordinator back to the need.
        r = self.web(self.a, "POST", f"/h/alpha/escalations/{home['key']}/decline-handover", {"return": "need"})
        self.assertEqual(r.status, 303, r)
        self.assertEqual(r.headers["location"], f"/needs/{need}?escalated=decline-handover")
        self.assertEqual(self.find(self.a, need, "outgoing")["state"], "withdrawn")
        page = self.web(self.a, "GET", f"/needs/{need}?escalated=decline-handover").body
        self.assertIn("The need stays here; the other hub was told.", page)
        text, _ = self.between_hubs(self.a, need)
        self.assertIn("State: withdrawn", text)
        self.assertNotIn("Taken by", text)
        self.assertIn(f'action="/needs/{need}/escalate"', page)  # open again: it may be offered again
        self.wait_state(self.b, need, "incoming", "closed")
        self.assertEqual(self.a.request("GET", f"/api/v1/needs/{need}", token=self.a.token).json["status"], "open")
        self.assertIsNone(self.find(self.b, need, "incoming")["need"])
        self.assertNotIn(b"+34 699 000 111", db_bytes(self.b))
        # A confirm now has nothing to confirm.
        self.step(self.a, home, "confirm", status=409)

    def test_a_hub_with_a_delay_escalates_on_its_own(self):
        d = self.hub_server("delta")
        self.follow(d, self.b)
        r = d.request("PUT", "/api/v1/hubs/delta/escalation-settings", {"delay_hours": -1, "hop_limit": 2},
                      token=d.token)
        self.assertEqual(r.status, 422, r)
        self.assertIn("delay_hours", r.body)
        r = d.request("PUT", "/api/v1/hubs/delta/escalation-settings", {"delay_hours": 0.0005, "hop_limit": 2},
                      token=d.token)
        self.assertEqual(r.status, 200, r)
        settings = d.request("GET", "/api/v1/hubs/delta/escalation-settings", token=d.token).json
        self.assertEqual(settings["hop_limit"], 2)
        self.assertAlmostEqual(settings["delay_hours"], 0.0005, places=3)  # kept to the second
        need = self.ask(d, phone="+34 688 555 444")
        out = self.wait_state(d, need, "outgoing", "offered", timeout=30)
        self.assertEqual(out["offered_to"], [self.b.actor])
        self.wait_state(self.b, need, "incoming", "received")
        started = [e for e in self.events(d) if e["type"] == "escalation.started"]
        self.assertEqual([(e["subject"], e["actor"]) for e in started], [(need, "system")])
        # The person cancels at home: the sweeper withdraws the offer everywhere.
        r = d.request("POST", f"/api/v1/needs/{need}/cancel", {"reason": "found help"}, token=d.token)
        self.assertIn(r.status, (200, 201), r)
        self.wait_state(d, need, "outgoing", "withdrawn")
        self.wait_state(self.b, need, "incoming", "closed")


if __name__ == "__main__":
    unittest.main()
