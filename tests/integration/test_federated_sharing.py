"""Sharing offers and needs between two `kin serve` processes on loopback (issue 10): beta follows alpha (approved);
alpha shares an offer and a need; beta's members see them with only what a shared item carries; a change reaches
beta as an Update; pausing, unsharing and unfollowing take them away; a Create from a hub beta does not follow is
ignored and forged Updates are refused; the directory lists both hubs nearest first.

The in-process peer of test_federation.py (keys and signatures made with the openssl command) plays a server
beta does not follow and a forger.
"""
import glob
import json
import time
import unittest

from kinserver import free_port
from test_federation import OPENSSL, Peer, start_on, wait_for

ALPHA_CENTRE = {"lat": 40.4168, "lon": -3.7038}
BETA_CENTRE = {"lat": 40.4500, "lon": -3.6900}
EXACT = {"lat": 40.41234, "lon": -3.70123}
# What must never leave alpha: the requester's and helper's names and handles, phone, email, exact place, words.
PERSONAL = ("Amina", "amina-alpha", "600 111 222", "600111222", "amina@example.org", "Olivar", "40.4123", "-3.7012",
            "Rosa", "rosa-alpha", "lentils", "children")


@unittest.skipUnless(OPENSSL, "needs the openssl command")
class FederatedSharingTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.servers = []
        cls.peer = Peer()
        try:
            cls.a = cls.hub_server("alpha", ALPHA_CENTRE)
            cls.b = cls.hub_server("beta", BETA_CENTRE)
            cls.follow(cls.b, cls.a)
            cls.rosa, _ = cls.a.member("alpha", "rosa-alpha")
            cls.amina, _ = cls.a.join(cls.a.admin_invite("alpha"), "amina-alpha", display_name="Amina Haddad")
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def hub_server(cls, slug, centre):
        srv = start_on(free_port())
        cls.servers.append(srv)
        srv.slug = slug
        srv.token, _ = srv.join(srv.create_hub(slug, name=f"Hub {slug}"), f"coord-{slug}")
        srv.actor = f"http://127.0.0.1:{srv.port}/federation/hubs/{slug}"
        srv.handle = f"@{slug}@127.0.0.1:{srv.port}"
        r = srv.request("PATCH", f"/api/v1/hubs/{slug}/settings",
                        {"area": {"center": centre, "radius_km": 3}, "categories": ["food", "groceries", "rides"]},
                        token=srv.token)
        assert r.status == 200, r
        return srv

    @classmethod
    def follow(cls, follower, followed):
        r = follower.request("POST", f"/api/v1/hubs/{follower.slug}/federation/following", {"target": followed.handle},
                             token=follower.token)
        assert r.status == 201, r
        wait_for(lambda: any(f["actor"] == follower.actor for f in cls.fed(followed, "requests")), what="the request")
        r = followed.request("POST", f"/api/v1/hubs/{followed.slug}/federation/approve", {"actor": follower.actor},
                             token=followed.token)
        assert r.status == 200, r
        wait_for(lambda: any(f["actor"] == followed.actor and f["state"] == "accepted"
                             for f in cls.fed(follower, "following")), what="the Accept")

    @classmethod
    def tearDownClass(cls):
        for srv in cls.servers:
            srv.cleanup()
        cls.peer.close()

    # --- helpers -------------------------------------------------------------------------------------------
    @staticmethod
    def fed(srv, what):
        r = srv.request("GET", f"/api/v1/hubs/{srv.slug}/federation/{what}", token=srv.token)
        assert r.status == 200, r
        return r.json["items"]

    def shared_on_b(self):
        return {i["object_id"]: i for i in self.fed(self.b, "shared")}

    def share(self, kind, item_id):
        r = self.a.request("POST", f"/api/v1/{kind}s/{item_id}/share", token=self.a.token)
        self.assertEqual(r.status, 200, r)
        return r.json["object_id"]

    def new_offer(self, amount=10):
        r = self.a.request("POST", "/api/v1/hubs/alpha/offers",
                           {"category": "food", "description": "Rosa's lentils, call 600123456",
                            "capacity": {"amount": amount, "unit": "meal", "period": "week"},
                            "area": {"center": EXACT, "radius_km": 1}}, token=self.rosa)
        self.assertEqual(r.status, 201, r)
        return r.json["id"]

    def new_need(self):
        r = self.a.request("POST", "/api/v1/hubs/alpha/needs",
                           {"category": "groceries", "description": "Groceries for Amina and her 4 children",
                            "quantity": 4, "urgency": "high", "place": "Calle del Olivar 7", "location": EXACT,
                            "contact": {"preferred": "phone", "phone": "+34 600 111 222",
                                        "email": "amina@example.org"}}, token=self.amina)
        self.assertEqual(r.status, 201, r)
        return r.json["id"]

    def stored_bytes(self, srv):
        """Every byte of the server's database, with its write-ahead log."""
        data = b""
        for path in glob.glob(srv.db + "*"):
            with open(path, "rb") as f:
                data += f.read()
        return data

    def signed_post(self, body, path="/federation/inbox"):
        return self.b.request("POST", path, raw=body, headers=self.peer.signed(self.b.port, path, body))

    def proposal(self, object_id, attributed_to, quantity="5"):
        return {"id": object_id, "type": "Proposal", "attributedTo": attributed_to, "purpose": "offer",
                "unitBased": False, "name": "Offer: bread",
                "publishes": {"id": object_id + "#primary", "type": "Intent", "action": "transfer",
                              "resourceConformsTo": "http://x.example/categories/food",
                              "resourceClassifiedAs": ["food"],
                              "resourceQuantity": {"hasUnit": "loaf", "hasNumericalValue": quantity}},
                "published": "2026-11-24T10:00:00Z", "updated": "2030-01-01T00:00:00Z"}

    def activity(self, verb, actor, n, obj):
        return json.dumps({"@context": "https://www.w3.org/ns/activitystreams",
                           "id": f"{self.peer.actor}/activities/{n}", "type": verb, "actor": actor,
                           "object": obj}).encode()

    # --- tests ---------------------------------------------------------------------------------------------
    def test_shared_offer_and_need_reach_the_follower_change_and_go_away(self):
        offer, need = self.new_offer(), self.new_need()
        offer_url, need_url = self.share("offer", offer), self.share("need", need)
        self.assertEqual(offer_url, f"{self.a.actor}/shared/offers/{offer}")
        wait_for(lambda: {offer_url, need_url} <= set(self.shared_on_b()), what="both items on beta")
        items = self.shared_on_b()
        o, n = items[offer_url], items[need_url]
        hub = {"actor": self.a.actor, "name": "Hub alpha", "url": f"http://127.0.0.1:{self.a.port}/h/alpha"}
        self.assertEqual(set(o), {"object_id", "hub", "kind", "category", "quantity", "unit", "period", "area",
                                  "distance_m", "name", "language", "published", "updated", "received_at"})
        self.assertEqual((o["hub"], o["kind"], o["category"], o["quantity"], o["unit"], o["period"]),
                         (hub, "offer", "food", 10, "meal", "week"))
        self.assertEqual(set(n), {"object_id", "hub", "kind", "category", "quantity", "unit", "urgency", "area",
                                  "distance_m", "name", "language", "published", "updated", "received_at"})
        self.assertEqual((n["hub"], n["kind"], n["category"], n["quantity"], n["urgency"]),
                         (hub, "need", "groceries", 4, "high"))
        for item in (o, n):
            self.assertEqual(set(item["area"]), {"lat", "lon", "radius_m"})
            self.assertGreaterEqual(item["area"]["radius_m"], 1494)  # the whole ~2 km cell, never the point
            self.assertGreater(item["distance_m"], 0)
        page = self.b.request("GET", "/h/beta/nearby", headers=self.cookie_of_b())
        self.assertEqual(page.status, 200, page)
        self.assertIn("Hub alpha", page.body)
        self.assertIn("Necesidades", page.body)
        served = json.dumps(items) + page.body
        stored = self.stored_bytes(self.b)
        for secret in PERSONAL:
            self.assertNotIn(secret, served)
            self.assertNotIn(secret.encode(), stored)

        # Alpha changes the offer: beta gets the Update.
        r = self.a.request("PATCH", f"/api/v1/offers/{offer}", {"capacity": {"amount": 6, "unit": "meal",
                                                                              "period": "week"}}, token=self.rosa)
        self.assertEqual(r.status, 200, r)
        wait_for(lambda: self.shared_on_b().get(offer_url, {}).get("quantity") == 6, what="the Update on beta")
        # Alpha pauses it: it is withdrawn from beta, and no longer shared at alpha.
        r = self.a.request("POST", f"/api/v1/offers/{offer}/pause", token=self.rosa)
        self.assertEqual(r.status, 200, r)
        wait_for(lambda: offer_url not in self.shared_on_b(), what="the paused offer gone from beta")
        self.assertEqual(self.a.request("DELETE", f"/api/v1/offers/{offer}/share", token=self.a.token).status, 404)
        # Alpha unshares the need: gone.
        self.assertEqual(self.a.request("DELETE", f"/api/v1/needs/{need}/share", token=self.a.token).status, 204)
        wait_for(lambda: need_url not in self.shared_on_b(), what="the unshared need gone from beta")

    def cookie_of_b(self):
        return {"Cookie": f"kin_session={self.b.token}", "Accept-Language": "es"}

    def test_nothing_is_kept_from_a_hub_beta_does_not_follow(self):
        before = self.shared_on_b()
        obj = self.proposal(f"{self.peer.actor}/offers/1", self.peer.actor)
        r = self.signed_post(self.activity("Create", self.peer.actor, "create-1", obj))
        self.assertEqual(r.status, 202, r)
        self.assertEqual(self.shared_on_b(), before)
        self.assertNotIn(obj["id"].encode(), self.stored_bytes(self.b))

    def test_descriptions_go_out_only_when_the_hub_chose_it(self):
        def offer_with(text):
            r = self.a.request("POST", "/api/v1/hubs/alpha/offers",
                               {"category": "food", "description": text,
                                "capacity": {"amount": 2, "unit": "loaf", "period": "week"}}, token=self.rosa)
            self.assertEqual(r.status, 201, r)
            return self.share("offer", r.json["id"])
        quiet = offer_with("Bread from the corner bakery")
        settings = "/api/v1/hubs/alpha/settings"
        r = self.a.request("PATCH", settings, {"share_description": True}, token=self.a.token)
        self.assertEqual((r.status, r.json["share_description"]), (200, True), r)
        try:
            loud = offer_with("Bread on Fridays")
            wait_for(lambda: {quiet, loud} <= set(self.shared_on_b()), what="both offers on beta")
            items = self.shared_on_b()
            self.assertNotIn("summary", items[quiet])
            self.assertEqual(items[loud]["summary"], "Bread on Fridays")
        finally:
            r = self.a.request("PATCH", settings, {"share_description": False}, token=self.a.token)
            self.assertEqual((r.status, r.json["share_description"]), (200, False), r)
        for url in (quiet, loud):
            self.a.request("DELETE", url.replace(f"{self.a.actor}/shared/", "/api/v1/") + "/share", token=self.a.token)

    def test_forged_updates_of_alphas_item_are_refused_and_change_nothing(self):
        offer = self.new_offer(amount=3)
        url = self.share("offer", offer)
        wait_for(lambda: url in self.shared_on_b(), what="the offer on beta")
        before = self.shared_on_b()[url]
        # Signed by the peer as itself, but claiming alpha wrote the Proposal.
        r = self.signed_post(self.activity("Update", self.peer.actor, "forge-1", self.proposal(url, self.a.actor)))
        self.assertEqual(r.status, 400, r)
        self.assertIn("attributedTo", r.json["detail"])
        # Signed by the peer, claiming to be alpha.
        r = self.signed_post(self.activity("Update", self.a.actor, "forge-2", self.proposal(url, self.a.actor)))
        self.assertEqual(r.status, 401, r)
        # The peer's own Proposal, given alpha's object id.
        r = self.signed_post(self.activity("Update", self.peer.actor, "forge-3", self.proposal(url, self.peer.actor)))
        self.assertIn(r.status, (400, 403), r)
        time.sleep(1.5)
        self.assertEqual(self.shared_on_b()[url], before)

    def test_a_bad_proposal_is_refused_naming_the_field(self):
        obj = self.proposal(f"{self.peer.actor}/offers/2", self.peer.actor, quantity="-3")
        r = self.signed_post(self.activity("Create", self.peer.actor, "bad-1", obj))
        self.assertEqual(r.status, 400, r)
        self.assertIn("object.quantity", r.json["detail"])

    def test_the_directory_lists_both_hubs_nearest_first(self):
        near = "40.4170,-3.7040"  # in alpha's area, ~4 km from beta's centre
        r = self.b.request("GET", f"/api/v1/directory?near={near}")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["near"], {"lat": 40.417, "lon": -3.704})
        actors = [i["actor"] for i in r.json["items"]]
        self.assertEqual(actors, [self.a.actor, self.b.actor])
        first = r.json["items"][0]
        self.assertTrue(first["covers"])
        self.assertEqual(first["categories"], ["food", "groceries", "rides"])
        self.assertEqual(first["languages"], ["en", "es"])
        self.assertEqual(first["url"], f"http://127.0.0.1:{self.a.port}/h/alpha")
        # From a point nearer beta, beta comes first.
        r = self.b.request("GET", "/api/v1/directory?near=40.4500,-3.6900")
        self.assertEqual([i["actor"] for i in r.json["items"]], [self.b.actor, self.a.actor])
        for bad in ("", "north", "91,0", "40.4"):
            r = self.b.request("GET", f"/api/v1/directory?near={bad}")
            self.assertEqual(r.status, 400, (bad, r))
            self.assertTrue(r.headers["content-type"].startswith("application/problem+json"))
            self.assertTrue(any(e["field"].startswith("near") for e in r.json["errors"]), r)
        r = self.b.request("GET", "/api/v1/directory")
        self.assertEqual(r.status, 400, r)
        self.assertEqual(r.json["errors"][0]["field"], "near")
        page = self.b.request("GET", f"/directory?near={near}&lang=es")
        self.assertEqual(page.status, 200, page)
        self.assertIn("Hub alpha", page.body)
        self.assertLess(page.body.index("Hub alpha"), page.body.index("Hub beta"))
        self.assertEqual(self.b.request("GET", "/directory?near=north").status, 422)

    def test_unfollowing_drops_what_the_hub_shared(self):
        # A third hub on alpha's server, followed by beta, then unfollowed.
        srv = self.a
        token, _ = srv.join(srv.create_hub("delta", name="Hub delta"), "coord-delta")
        delta = type("Hub", (), {})()
        delta.port, delta.slug, delta.token = srv.port, "delta", token
        delta.actor = f"http://127.0.0.1:{srv.port}/federation/hubs/delta"
        delta.handle = f"@delta@127.0.0.1:{srv.port}"
        delta.request = srv.request
        self.follow(self.b, delta)
        member, _ = srv.member("delta", "someone-delta")
        r = srv.request("POST", "/api/v1/hubs/delta/offers",
                        {"category": "food", "description": "soup", "capacity": {"amount": 2, "unit": "pot",
                                                                                 "period": "week"}}, token=member)
        self.assertEqual(r.status, 201, r)
        r = srv.request("POST", f"/api/v1/offers/{r.json['id']}/share", token=token)
        self.assertEqual(r.status, 200, r)
        url = r.json["object_id"]
        wait_for(lambda: url in self.shared_on_b(), what="delta's offer on beta")
        r = self.b.request("POST", "/api/v1/hubs/beta/federation/unfollow", {"actor": delta.actor}, token=self.b.token)
        self.assertIn(r.status, (200, 204), r)
        self.assertNotIn(url, self.shared_on_b())


if __name__ == "__main__":
    unittest.main()
