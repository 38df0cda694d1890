"""Federation between real `kin serve` processes on loopback ports, each with its own database and --public-url.

Hubs follow each other through WebFinger and signed inboxes; coordinators approve or reject; the answers are seen on
both sides; Undo removes a follower; deliveries to a server that was down are retried once it is back. A small
Python peer (keys and signatures made with the openssl command) posts what a real server would not: unsigned,
badly signed, replayed and oversized activities, each refused with its status and no change. The same peer checks
that the Accept kin delivers is signed with the key its actor document publishes.
"""
import base64
import email.utils
import hashlib
import http.server
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.parse

import kinserver
from kinserver import KinServer, free_port

OPENSSL = shutil.which("openssl")


def start_on(port, extra=()):
    """A kin server on `port` (so its actor ids survive a restart) with --public-url set to match."""
    srv = KinServer(extra_args=["--public-url", f"http://127.0.0.1:{port}", *extra])
    return restart_on(srv, port)


def restart_on(srv, port):
    saved = kinserver.free_port
    kinserver.free_port = lambda: port
    try:
        return srv.start()
    finally:
        kinserver.free_port = saved


def wait_for(check, timeout=20, what="condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def openssl(*args, data=None):
    return subprocess.run([OPENSSL, *args], input=data, capture_output=True, check=True).stdout


class Peer:
    """A minimal ActivityPub actor in this process: serves its actor document and records what reaches its inbox."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="kin-peer-")
        self.key = os.path.join(self.dir, "key.pem")
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", self.key)
        self.other_key = os.path.join(self.dir, "other.pem")
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", self.other_key)
        self.public_pem = openssl("pkey", "-in", self.key, "-pubout").decode()
        self.port = free_port()
        self.actor = f"http://127.0.0.1:{self.port}/users/peer"
        self.received = []
        peer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                if self.path != "/users/peer":
                    self.send_response(404)
                    self.end_headers()
                    return
                body = json.dumps({
                    "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
                    "id": peer.actor, "type": "Person", "preferredUsername": "peer",
                    "inbox": peer.actor + "/inbox", "outbox": peer.actor + "/outbox",
                    "publicKey": {"id": peer.actor + "#main-key", "owner": peer.actor,
                                  "publicKeyPem": peer.public_pem}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/activity+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                peer.received.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(202)
                self.end_headers()

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def signed(self, port, path, body, key=None, date=None, sign_digest=True):
        """Headers of a POST to 127.0.0.1:port/path signed as Mastodon signs (draft-cavage, rsa-sha256)."""
        date = date or email.utils.formatdate(usegmt=True)
        digest = "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()
        host = f"127.0.0.1:{port}"
        text = f"(request-target): post {path}\nhost: {host}\ndate: {date}\ndigest: {digest}"
        signature = base64.b64encode(openssl("dgst", "-sha256", "-sign", key or self.key, data=text.encode()))
        return {"Host": host, "Date": date, "Digest": digest, "Content-Type": "application/activity+json",
                "Signature": f'keyId="{self.actor}#main-key",algorithm="rsa-sha256",'
                             f'headers="(request-target) host date digest",signature="{signature.decode()}"'}

    def follow(self, hub_actor, n):
        return json.dumps({"@context": "https://www.w3.org/ns/activitystreams",
                           "id": f"{self.actor}/activities/{n}", "type": "Follow", "actor": self.actor,
                           "object": hub_actor}).encode()


def verify_signature(headers, path, body, public_pem):
    """Checks a draft-cavage rsa-sha256 signature of a POST received by the peer with the openssl command."""
    params = dict(part.split("=", 1) for part in headers["signature"].split(","))
    params = {k: v.strip('"') for k, v in params.items()}
    lines = []
    for name in params["headers"].split(" "):
        lines.append(f"(request-target): post {path}" if name == "(request-target)" else f"{name}: {headers[name]}")
    assert headers["digest"] == "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()
    with tempfile.TemporaryDirectory() as d:
        pem, sig = os.path.join(d, "pub.pem"), os.path.join(d, "sig")
        with open(pem, "w") as f:
            f.write(public_pem)
        with open(sig, "wb") as f:
            f.write(base64.b64decode(params["signature"]))
        p = subprocess.run([OPENSSL, "dgst", "-sha256", "-verify", pem, "-signature", sig],
                           input="\n".join(lines).encode(), capture_output=True)
    return p.returncode == 0, params


@unittest.skipUnless(OPENSSL, "needs the openssl command")
class FederationTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.servers = []
        cls.peer = Peer()
        try:
            cls.a = cls.hub_server("alpha")
            cls.b = cls.hub_server("beta", ("--federation-retry-seconds", "1"))
            cls.c = cls.hub_server("gamma")
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def hub_server(cls, slug, extra=()):
        srv = start_on(free_port(), extra)
        cls.servers.append(srv)
        srv.slug = slug
        srv.token, _ = srv.join(srv.create_hub(slug, name=f"Hub {slug}"), f"coord-{slug}")
        srv.actor = f"http://127.0.0.1:{srv.port}/federation/hubs/{slug}"
        srv.handle = f"@{slug}@127.0.0.1:{srv.port}"
        return srv

    @classmethod
    def tearDownClass(cls):
        for srv in cls.servers:
            srv.cleanup()
        cls.peer.close()

    # --- helpers -------------------------------------------------------------------------------------------
    def api(self, srv, method, what, body=None, status=200):
        r = srv.request(method, f"/api/v1/hubs/{srv.slug}/federation/{what}", body, token=srv.token)
        self.assertEqual(r.status, status, r)
        return r.json

    def items(self, srv, what):
        return self.api(srv, "GET", what)["items"]

    def state_of(self, srv, what, actor):
        return next((f["state"] for f in self.items(srv, what) if f["actor"] == actor), None)

    def events(self, srv):
        r = srv.request("GET", f"/api/v1/hubs/{srv.slug}/events?limit=200", token=srv.token)
        return [e["type"] for e in r.json["items"]]

    def snapshot(self, srv):
        return (self.items(srv, "requests"), self.items(srv, "followers"), self.events(srv))

    def post_inbox(self, srv, body, headers):
        return srv.request("POST", f"/federation/hubs/{srv.slug}/inbox", raw=body, headers=headers)

    # --- tests ---------------------------------------------------------------------------------------------
    def test_documents_are_served_with_their_media_types(self):
        r = self.b.request("GET", f"/.well-known/webfinger?resource=acct:beta@127.0.0.1:{self.b.port}")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.headers["content-type"], "application/jrd+json")
        self.assertEqual(r.json["links"][0]["href"], self.b.actor)
        self.assertEqual(self.b.request("GET", "/.well-known/webfinger?resource=acct:nobody@127.0.0.1:"
                                        f"{self.b.port}").status, 404)
        self.assertEqual(self.b.request("GET", "/.well-known/webfinger?resource=acct:beta@elsewhere.example").status,
                         404)
        self.assertEqual(self.b.request("GET", "/.well-known/webfinger?resource=beta").status, 400)
        self.assertEqual(self.b.request("GET", "/.well-known/webfinger").status, 400)
        r = self.b.request("GET", "/federation/hubs/beta")
        self.assertEqual(r.headers["content-type"], "application/activity+json")
        actor = r.json
        self.assertEqual((actor["id"], actor["type"], actor["preferredUsername"]), (self.b.actor, "Group", "beta"))
        self.assertEqual(actor["publicKey"]["owner"], self.b.actor)
        self.assertIn("BEGIN PUBLIC KEY", actor["publicKey"]["publicKeyPem"])
        self.assertEqual(actor["endpoints"]["sharedInbox"], f"http://127.0.0.1:{self.b.port}/federation/inbox")
        self.assertEqual(self.b.request("GET", "/federation/actor").json["type"], "Application")
        followers = self.b.request("GET", "/federation/hubs/beta/followers").json
        self.assertEqual(followers["type"], "OrderedCollection")
        self.assertNotIn("orderedItems", followers)  # a count only: who follows is not listed
        self.assertEqual(self.b.request("GET", "/federation/hubs/nobody").status, 404)
        # The hub's HTML page sends ActivityPub clients to the actor; browsers still get the page.
        r = self.b.request("GET", "/h/beta", headers={"Accept": "application/activity+json"})
        self.assertEqual((r.status, r.headers.get("location")), (303, self.b.actor))
        self.assertEqual(self.b.request("GET", "/h/beta", headers={"Accept": "text/html"}).status, 200)

    def test_the_outbox_is_a_paged_collection(self):
        outbox = f"{self.b.actor}/outbox"
        r = self.b.request("GET", "/federation/hubs/beta/outbox")
        self.assertEqual((r.status, r.headers["content-type"]), (200, "application/activity+json"))
        self.assertEqual((r.json["type"], r.json["first"]["type"]), ("OrderedCollection", "OrderedCollectionPage"))
        self.assertEqual((r.json["first"]["id"], r.json["first"]["partOf"]), (f"{outbox}?page=1", outbox))
        self.assertEqual(r.json["last"], f"{outbox}?page={max(1, -(-r.json['totalItems'] // 20))}")
        page = self.b.request("GET", "/federation/hubs/beta/outbox?page=1")
        self.assertEqual(page.status, 200, page)
        self.assertEqual(page.json["type"], "OrderedCollectionPage")
        self.assertEqual(page.json["orderedItems"], r.json["first"]["orderedItems"])
        self.assertEqual(self.b.request("GET", "/federation/hubs/beta/outbox?page=99").json["orderedItems"], [])
        for bad in ("0", "x", "-1", "1.5", "9999999"):
            r = self.b.request("GET", f"/federation/hubs/beta/outbox?page={bad}")
            self.assertEqual(r.status, 400, f"{bad}: {r}")
            self.assertEqual(r.json["errors"][0]["field"], "page")
        self.assertEqual(self.b.request("GET", "/federation/hubs/beta/outbox?since=1").status, 400)
        self.assertEqual(self.b.request("GET", "/federation/hubs/nobody/outbox?page=1").status, 404)

    def test_follow_is_approved_and_the_accept_is_seen_on_both_sides(self):
        f = self.api(self.a, "POST", "following", {"target": self.b.handle}, status=201)
        self.assertEqual((f["actor"], f["state"], f["direction"]), (self.b.actor, "pending", "following"))
        wait_for(lambda: self.state_of(self.b, "requests", self.a.actor) == "pending", what="the follow request")
        self.assertIn("federation.follow_requested", self.events(self.b))
        self.api(self.b, "POST", "approve", {"actor": self.a.actor})
        wait_for(lambda: self.state_of(self.a, "following", self.b.actor) == "accepted", what="the Accept")
        self.assertEqual(self.state_of(self.b, "followers", self.a.actor), "accepted")
        self.assertEqual(self.items(self.b, "requests"), [])
        self.assertIn("federation.follower_approved", self.events(self.b))
        self.assertIn("federation.follow_accepted", self.events(self.a))
        self.assertEqual(self.b.request("GET", "/federation/hubs/beta/followers").json["totalItems"],
                         len(self.items(self.b, "followers")))
        # A second request for the same follow is a conflict, not a second Follow.
        r = self.a.request("POST", "/api/v1/hubs/alpha/federation/following", {"target": self.b.actor},
                           token=self.a.token)
        self.assertEqual(r.status, 409, r)

    def test_reject_and_undo(self):
        self.api(self.c, "POST", "following", {"target": self.a.handle}, status=201)
        wait_for(lambda: self.state_of(self.a, "requests", self.c.actor) == "pending", what="the request")
        self.api(self.a, "POST", "reject", {"actor": self.c.actor})
        wait_for(lambda: self.state_of(self.c, "following", self.a.actor) == "rejected", what="the Reject")
        self.assertIn("federation.follow_rejected", self.events(self.c))
        self.assertEqual(self.items(self.a, "requests"), [])
        # Asking again after a refusal is allowed; approved this time, then undone.
        self.api(self.c, "POST", "following", {"target": self.a.handle}, status=201)
        wait_for(lambda: self.state_of(self.a, "requests", self.c.actor) == "pending", what="the second request")
        self.api(self.a, "POST", "approve", {"actor": self.c.actor})
        wait_for(lambda: self.state_of(self.c, "following", self.a.actor) == "accepted", what="the Accept")
        self.api(self.c, "POST", "unfollow", {"actor": self.a.actor}, status=204)
        self.assertIsNone(self.state_of(self.c, "following", self.a.actor))
        wait_for(lambda: self.state_of(self.a, "followers", self.c.actor) is None, what="the Undo")
        self.assertIn("federation.follower_left", self.events(self.a))

    def test_bad_posts_are_refused_with_their_status_and_change_nothing(self):
        path = f"/federation/hubs/{self.c.slug}/inbox"
        before = self.snapshot(self.c)
        body = self.peer.follow(self.c.actor, "bad-1")
        unsigned = {"Content-Type": "application/activity+json", "Date": email.utils.formatdate(usegmt=True)}
        self.assertEqual(self.post_inbox(self.c, body, unsigned).status, 401)
        r = self.post_inbox(self.c, body, self.peer.signed(self.c.port, path, body, key=self.peer.other_key))
        self.assertEqual(r.status, 401, r)
        self.assertEqual(r.headers["content-type"], "application/problem+json")
        stale = email.utils.formatdate(time.time() - 13 * 3600, usegmt=True)
        self.assertEqual(self.post_inbox(self.c, body, self.peer.signed(self.c.port, path, body, date=stale)).status,
                         401)
        tampered = self.peer.signed(self.c.port, path, body)
        self.assertEqual(self.post_inbox(self.c, self.peer.follow(self.c.actor, "bad-2"), tampered).status, 401)
        big = body + b" " * (300 * 1024)
        self.assertEqual(self.post_inbox(self.c, big, self.peer.signed(self.c.port, path, big)).status, 413)
        text = dict(self.peer.signed(self.c.port, path, body), **{"Content-Type": "text/plain"})
        self.assertEqual(self.post_inbox(self.c, body, text).status, 415)
        forged = json.dumps({"id": f"http://127.0.0.1:{self.a.port}/x/1", "type": "Follow",
                             "actor": self.peer.actor, "object": self.c.actor}).encode()
        self.assertEqual(self.post_inbox(self.c, forged, self.peer.signed(self.c.port, path, forged)).status, 403)
        self.assertEqual(self.snapshot(self.c), before)

        # A good one is taken once; its replay answers 200 and changes nothing.
        good = self.peer.follow(self.c.actor, "good-1")
        self.assertEqual(self.post_inbox(self.c, good, self.peer.signed(self.c.port, path, good)).status, 202)
        after = self.snapshot(self.c)
        self.assertEqual([f["actor"] for f in after[0]], [self.peer.actor])
        self.assertEqual(self.post_inbox(self.c, good, self.peer.signed(self.c.port, path, good)).status, 200)
        self.assertEqual(self.snapshot(self.c), after)

        # Approving delivers an Accept to the peer, signed with the key gamma's actor document publishes.
        self.api(self.c, "POST", "approve", {"actor": self.peer.actor})
        received = wait_for(lambda: [x for x in self.peer.received if b'"Accept"' in x[2]], what="the Accept")
        inbox_path, headers, accept = received[0]
        self.assertEqual(inbox_path, "/users/peer/inbox")
        pem = self.c.request("GET", "/federation/hubs/gamma").json["publicKey"]["publicKeyPem"]
        ok, params = verify_signature(headers, inbox_path, accept, pem)
        self.assertTrue(ok, headers)
        self.assertEqual(params["keyId"], self.c.actor + "#main-key")
        self.assertEqual(json.loads(accept)["object"]["id"], f"{self.peer.actor}/activities/good-1")

    def test_sharing_an_offer_reaches_followers_without_personal_data_and_unsharing_deletes_it(self):
        # Epsilon shares; zeta (another kin server) and the in-process peer follow it.
        e = self.hub_server("epsilon")
        z = self.hub_server("zeta")
        self.api(z, "POST", "following", {"target": e.handle}, status=201)
        wait_for(lambda: self.state_of(e, "requests", z.actor) == "pending", what="zeta's request")
        self.api(e, "POST", "approve", {"actor": z.actor})
        path = "/federation/hubs/epsilon/inbox"
        body = self.peer.follow(e.actor, "share-1")
        self.assertEqual(self.post_inbox(e, body, self.peer.signed(e.port, path, body)).status, 202)
        self.api(e, "POST", "approve", {"actor": self.peer.actor})
        wait_for(lambda: self.state_of(z, "following", e.actor) == "accepted", what="the Accept to zeta")
        member, _ = e.member("epsilon", "rosa-epsilon")
        r = e.request("POST", "/api/v1/hubs/epsilon/offers",
                      {"category": "food", "description": "Rosa's lentils, call 600123456",
                       "capacity": {"amount": 10, "unit": "meal", "period": "week"},
                       "area": {"center": {"lat": 40.41234, "lon": -3.70111}, "radius_km": 1}}, token=member)
        self.assertEqual(r.status, 201, r)
        offer = r.json["id"]
        share = f"/api/v1/offers/{offer}/share"
        self.assertEqual(e.request("POST", share, token=member).status, 403)
        self.assertEqual(z.request("POST", share, token=z.token).status, 404)  # not on zeta's server
        before = len(self.peer.received)
        r = e.request("POST", share, token=e.token)
        self.assertEqual((r.status, r.json["published"]), (200, True), r)
        self.assertEqual(r.json["object_id"], f"{e.actor}/shared/offers/{offer}")

        def created():
            docs = [json.loads(b) for p, _, b in self.peer.received[before:] if p == "/users/peer/inbox"]
            return {d["object"]["type"]: d for d in docs if d["type"] == "Create"}
        wait_for(lambda: {"Proposal", "Note"} <= set(created()), what="Create(Proposal) and Create(Note)")
        docs = created()
        proposal = docs["Proposal"]["object"]
        self.assertEqual(proposal["id"], r.json["object_id"])
        self.assertEqual(proposal["purpose"], "offer")
        self.assertEqual(proposal["attributedTo"], e.actor)
        self.assertEqual(proposal["publishes"]["resourceClassifiedAs"], ["food"])
        self.assertIn("location", proposal)  # the ~2 km cell, not the offer's own point
        wire = json.dumps(docs)
        for secret in ("Rosa", "600123456", "lentils", "rosa-epsilon", "40.4123", "-3.7011"):
            self.assertNotIn(secret, wire)
        self.assertIn("federation.shared", self.events(e))
        # What the hub publishes can be dereferenced by its id, as published and with no sign-in.
        for activity in docs.values():
            got = e.request("GET", urllib.parse.urlsplit(activity["id"]).path)
            self.assertEqual((got.status, got.headers["content-type"]), (200, "application/activity+json"), got)
            self.assertEqual(got.json, activity)
        got = e.request("GET", urllib.parse.urlsplit(proposal["id"]).path)
        self.assertEqual(got.status, 200, got)
        self.assertEqual((got.json["id"], got.json["type"]), (proposal["id"], "Proposal"))
        self.assertEqual(got.json["publishes"], proposal["publishes"])
        note = e.request("GET", urllib.parse.urlsplit(docs["Note"]["object"]["id"]).path)
        self.assertEqual((note.status, note.json["type"], note.json["url"]), (200, "Note", proposal["id"]))
        for secret in ("Rosa", "600123456", "lentils", "rosa-epsilon"):
            self.assertNotIn(secret, got.body + note.body)
        accept_to_peer = next(d for d in (json.loads(b) for p, _, b in self.peer.received)
                              if d["type"] == "Accept" and d["actor"] == e.actor)
        # Nothing else answers: another hub's path, an item not shared, an activity that was not public.
        for path in (f"/federation/hubs/zeta/shared/offers/{offer}", "/federation/hubs/epsilon/shared/offers/nope",
                     f"/federation/hubs/epsilon/shared/things/{offer}", "/federation/hubs/nobody/shared/offers/x",
                     "/federation/hubs/epsilon/activities/nope",
                     urllib.parse.urlsplit(accept_to_peer["id"]).path):
            self.assertEqual(e.request("GET", path).status, 404, path)
        outbox = e.request("GET", "/federation/hubs/epsilon/outbox").json
        self.assertIn("Proposal", json.dumps(outbox))
        # Sharing again publishes nothing and answers with the same record.
        again = e.request("POST", share, token=e.token)
        self.assertEqual((again.status, again.json["object_id"], again.json["published"]),
                         (200, r.json["object_id"], False))
        self.assertEqual(e.request("GET", "/federation/hubs/epsilon/outbox").json["totalItems"],
                         outbox["totalItems"])
        # Unsharing: a Delete of each; a second unshare is 404.
        before = len(self.peer.received)
        self.assertEqual(e.request("DELETE", share, token=e.token).status, 204)
        self.assertEqual(e.request("DELETE", share, token=e.token).status, 404)

        def deleted():
            return [json.loads(b) for p, _, b in self.peer.received[before:]
                    if p == "/users/peer/inbox" and json.loads(b)["type"] == "Delete"]
        wait_for(lambda: len(deleted()) == 2, what="two Deletes")
        self.assertEqual({d["object"]["type"] for d in deleted()}, {"Tombstone"})
        self.assertIn("federation.unshared", self.events(e))
        # Withdrawn: the objects are gone, and so are the Creates that carried them (from the outbox too); the
        # Deletes are there to be read.
        self.assertEqual(e.request("GET", urllib.parse.urlsplit(proposal["id"]).path).status, 404)
        for activity in docs.values():
            self.assertEqual(e.request("GET", urllib.parse.urlsplit(activity["id"]).path).status, 404)
        listed = e.request("GET", "/federation/hubs/epsilon/outbox").json["first"]["orderedItems"]
        self.assertEqual([a["type"] for a in listed if a["object"]["id"] in (proposal["id"], proposal["id"] + "/note")],
                         ["Delete", "Delete"])
        self.assertEqual(e.request("GET", urllib.parse.urlsplit(proposal["id"]).path + "/note").status, 404)
        for d in deleted():
            self.assertEqual(e.request("GET", urllib.parse.urlsplit(d["id"]).path).json, d)


    def test_an_activity_posted_to_two_hubs_own_inboxes_is_kept_by_both_and_the_second_copy_is_a_replay(self):
        # Two hubs of one server follow the peer, which (like Mastodon for actors without a shared inbox) posts
        # the same Create to each hub's own inbox. Received ids are kept server-wide, so the second copy is a
        # replay (200); the first must already have reached both hubs.
        m = self.hub_server("eta")
        theta_token, _ = m.join(m.create_hub("theta", name="Hub theta"), "coord-theta")
        hubs = {"eta": m.token, "theta": theta_token}
        for slug, token in hubs.items():
            actor = f"http://127.0.0.1:{m.port}/federation/hubs/{slug}"
            r = m.request("POST", f"/api/v1/hubs/{slug}/federation/following", {"target": self.peer.actor},
                          token=token)
            self.assertEqual(r.status, 201, r)

            def follow_of(actor=actor):
                return next((d for d in (json.loads(b) for p, _, b in self.peer.received if p == "/users/peer/inbox")
                             if d["type"] == "Follow" and d["actor"] == actor), None)
            follow = wait_for(follow_of, what=f"{slug}'s Follow")
            accept = json.dumps({"@context": "https://www.w3.org/ns/activitystreams",
                                 "id": f"{self.peer.actor}/activities/accept-{slug}", "type": "Accept",
                                 "actor": self.peer.actor, "object": follow}).encode()
            path = f"/federation/hubs/{slug}/inbox"
            r = m.request("POST", path, raw=accept, headers=self.peer.signed(m.port, path, accept))
            self.assertEqual(r.status, 202, r)
            r = m.request("GET", f"/api/v1/hubs/{slug}/federation/following", token=token)
            self.assertEqual([f["state"] for f in r.json["items"] if f["actor"] == self.peer.actor], ["accepted"])
        proposal = f"{self.peer.actor}/proposals/soup"
        create = json.dumps({
            "@context": "https://www.w3.org/ns/activitystreams", "id": f"{self.peer.actor}/activities/create-soup",
            "type": "Create", "actor": self.peer.actor, "to": ["https://www.w3.org/ns/activitystreams#Public"],
            "object": {"id": proposal, "type": "Proposal", "attributedTo": self.peer.actor, "purpose": "offer",
                       "publishes": {"type": "Intent", "resourceClassifiedAs": ["food"],
                                     "resourceQuantity": {"hasUnit": "meal", "hasNumericalValue": "12"}},
                       "published": "2026-11-24T10:00:00Z"}}).encode()
        statuses = []
        for slug in hubs:
            path = f"/federation/hubs/{slug}/inbox"
            statuses.append(m.request("POST", path, raw=create, headers=self.peer.signed(m.port, path, create)).status)
        self.assertEqual(statuses, [202, 200])
        for slug, token in hubs.items():
            r = m.request("GET", f"/api/v1/hubs/{slug}/federation/shared", token=token)
            self.assertEqual(r.status, 200, r)
            self.assertEqual([(i["object_id"], i["quantity"]) for i in r.json["items"]], [(proposal, 12)], slug)

    def test_a_delivery_is_retried_after_the_peer_was_down(self):
        port = free_port()
        d = start_on(port)
        self.servers.append(d)
        d.slug = "delta"
        d.token, _ = d.join(d.create_hub("delta", name="Hub delta"), "coord-delta")
        d.actor = f"http://127.0.0.1:{port}/federation/hubs/delta"
        self.api(d, "POST", "following", {"target": self.b.handle}, status=201)
        wait_for(lambda: self.state_of(self.b, "requests", d.actor) == "pending", what="the request")
        d.stop()
        self.api(self.b, "POST", "approve", {"actor": d.actor})
        time.sleep(2)  # beta tries and fails at least once while delta is down
        restart_on(d, port)
        wait_for(lambda: self.state_of(d, "following", self.b.actor) == "accepted", timeout=30,
                 what="the Accept after delta came back")


class InboxFloodTests(unittest.TestCase):
    """One address posting to the inboxes faster than --federation-inbox-burst, then -per-minute, allow gets 429 with
    Retry-After before any signature is checked; the rest of the server answers as before."""

    def test_an_address_over_its_inbox_allowance_is_told_to_wait(self):
        srv = KinServer(extra_args=["--federation-inbox-burst", "3", "--federation-inbox-per-minute", "1"]).start()
        try:
            body = json.dumps({"@context": "https://www.w3.org/ns/activitystreams", "id": "http://127.0.0.1:9/a/1",
                               "type": "Follow", "actor": "http://127.0.0.1:9/u", "object": "x"}).encode()
            headers = {"Content-Type": "application/activity+json"}
            statuses = [srv.request("POST", "/federation/inbox", raw=body, headers=headers).status for _ in range(3)]
            self.assertEqual(statuses, [401, 401, 401])  # unsigned: refused on its merits within the burst
            r = srv.request("POST", "/federation/inbox", raw=body, headers=headers)
            self.assertEqual(r.status, 429, r)
            self.assertGreaterEqual(int(r.headers["retry-after"]), 1)
            self.assertEqual(r.headers["content-type"], "application/problem+json")
            self.assertEqual(srv.request("GET", "/healthz").status, 200)
            self.assertEqual(srv.request("GET", "/api/v1/openapi.json").status, 200)
        finally:
            srv.stop()


class DeliveryQueueCommandTests(unittest.TestCase):
    """`kin admin deliveries` shows the operator each target inbox: pending, since when, next try, last error."""

    def test_the_operator_sees_what_is_stuck_and_why(self):
        work = tempfile.mkdtemp()
        try:
            db = os.path.join(work, "kin.db")
            subprocess.run([kinserver.KIN_BIN, "migrate", "--db", db], check=True, capture_output=True)
            out = subprocess.run([kinserver.KIN_BIN, "admin", "deliveries", "--db", db], check=True,
                                 capture_output=True, text=True).stdout
            self.assertIn("nothing pending", out)
            now = int(time.time())
            with sqlite3.connect(db) as conn:
                conn.execute("INSERT INTO federation_deliveries (activity_id, inbox, body, signer, created_at, "
                             "next_attempt_at, attempts, last_error) VALUES ('a1', 'https://down.example/inbox', "
                             "'{}', 'i', ?, ?, 3, '503 Service Unavailable')", (now - 3600, now + 600))
                # Queued after a1 to the same inbox and due long ago, it waits for a1 all the same.
                conn.execute("INSERT INTO federation_deliveries (activity_id, inbox, body, signer, created_at, "
                             "next_attempt_at, attempts, last_error) VALUES ('a3', 'https://down.example/inbox', "
                             "'{}', 'i', ?, ?, 0, '')", (now - 60, now - 60))
                conn.execute("INSERT INTO federation_deliveries (activity_id, inbox, body, signer, created_at, "
                             "next_attempt_at, attempts, last_error, delivered_at) VALUES ('a2', "
                             "'https://up.example/inbox', '{}', 'i', ?, ?, 1, '', ?)", (now, now, now))
            out = subprocess.run([kinserver.KIN_BIN, "admin", "deliveries", "--db", db], check=True,
                                 capture_output=True, text=True).stdout
            lines = out.splitlines()
            self.assertTrue(lines[1].startswith("2 ") and lines[1].endswith("https://down.example/inbox"), out)
            # The next try is the oldest's (a1, in ten minutes), not the due-long-ago one waiting behind it.
            next_try = time.strftime("%Y-%m-%dT%H:%M", time.gmtime(now + 600))
            self.assertIn(next_try, lines[1].split()[2], out)
            self.assertIn("last error: 503 Service Unavailable", lines[2])
            self.assertIn("1 waiting behind the oldest", lines[3])
            self.assertTrue(lines[4].startswith("0 ") and lines[4].endswith("https://up.example/inbox"), out)
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
