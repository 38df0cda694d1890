"""The public intake: asking for help without an account, the private status link, closing the form, and its
rate limit."""
import unittest

from test_service import ApiTestCase, need_body, offer_body, private_need_body


class PublicIntakeTests(ApiTestCase):
    # Public intake allows a burst of 30 requests per address on one server; this class stays well below.

    @classmethod
    def build(cls):
        cls.coord, cls.coord_id = cls.new_hub("pub", "pubcoord")
        cls.intake, _ = cls.srv.member("pub", "pubintake", "intake")
        cls.fellow, _ = cls.srv.member("pub", "pubfellow")
        cls.helper, cls.helper_id = cls.srv.member("pub", "pubhelper")
        cls.offer = cls.srv.request("POST", "/api/v1/hubs/pub/offers", offer_body("food", 50),
                                    token=cls.helper).json["id"]

    def submit(self, body=None, slug="pub"):
        r = self.req("POST", f"/api/v1/hubs/{slug}/intake", body or private_need_body())
        self.assertEqual(r.status, 201, r)
        return r.json

    def count(self):
        return len(self.walk("/api/v1/hubs/pub/needs", self.coord, 200)[0])

    def test_anyone_can_ask_and_follow_their_request(self):
        receipt = self.submit()
        need, token = receipt["need"], receipt["status_token"]
        self.assertEqual(need["source"], "public")
        self.assertIsNone(need["requester_id"])
        self.assertEqual(need["status"], "open")
        self.assertTrue(need["contact_visible"])
        self.assertEqual(need["contact"]["phone"], "+34 600 000 000")
        self.assertGreaterEqual(len(token), 16)
        self.assertTrue(receipt["status_url"].endswith("/s/" + token), receipt["status_url"])
        self.assertEqual(self.req("GET", receipt["status_url"].split(str(self.srv.port), 1)[1]).status, 200)
        # The status link shows the person their own request, contact included.
        status = self.ok("GET", f"/api/v1/status/{token}", status=200)
        self.assertEqual(status["id"], need["id"])
        self.assertEqual(status["contact"]["address"], "Calle Mayor 1, 3B")
        # Inside the hub: intake and coordinators see contact, fellow members do not.
        self.assertTrue(self.ok("GET", f"/api/v1/needs/{need['id']}", token=self.intake)["contact_visible"])
        self.assertTrue(self.ok("GET", f"/api/v1/needs/{need['id']}", token=self.coord)["contact_visible"])
        seen = self.ok("GET", f"/api/v1/needs/{need['id']}", token=self.fellow)
        self.assertFalse(seen["contact_visible"])
        self.assertNotIn("contact", seen)
        listed = [n for n in self.walk("/api/v1/hubs/pub/needs", self.coord, 200)[0] if n["id"] == need["id"]]
        self.assertNotIn("contact", listed[0])
        created = [e for e in self.events("pub", self.coord) if e["subject"] == need["id"]]
        self.assertEqual([(e["type"], e["actor"]) for e in created], [("need.created", "public")])
        # The token is nowhere in what members can read.
        self.assertNotIn(token, str(self.events("pub", self.coord)))
        self.assertNotIn(token, str(seen))

    def test_status_link_updates_and_cancels_its_own_need(self):
        receipt = self.submit()
        token, need_id = receipt["status_token"], receipt["need"]["id"]
        r = self.req("PATCH", f"/api/v1/status/{token}", {"description": "Only one bag now", "quantity": 1})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["description"], "Only one bag now")
        self.assertEqual(self.ok("GET", f"/api/v1/needs/{need_id}", token=self.coord)["description"],
                         "Only one bag now")
        self.assertProblem(self.req("PATCH", f"/api/v1/status/{token}", {"quantity": 0}), 422, "quantity")
        self.assertProblem(self.req("PATCH", f"/api/v1/status/{token}", {"status": "fulfilled"}), 422, "status")
        r = self.req("POST", f"/api/v1/status/{token}/cancel", {"reason": "solved"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["status"], "cancelled")
        self.assertEqual(self.ok("GET", f"/api/v1/needs/{need_id}", token=self.coord)["status"], "cancelled")
        self.assertEqual(self.ok("GET", f"/api/v1/status/{token}")["status"], "cancelled")
        self.assertProblem(self.req("POST", f"/api/v1/status/{token}/cancel"), 409)
        self.assertProblem(self.req("PATCH", f"/api/v1/status/{token}", {"description": "again"}), 409)
        log = [(e["type"], e["actor"], e["detail"]) for e in self.events("pub", self.coord)
               if e["subject"] == need_id]
        self.assertEqual(log, [("need.created", "public", "food"), ("need.updated", "public", ""),
                               ("need.cancelled", "public", "solved")])

    def test_status_link_does_not_reveal_the_helper(self):
        receipt = self.submit()
        token, need_id = receipt["status_token"], receipt["need"]["id"]
        m = self.ok("POST", f"/api/v1/needs/{need_id}/claim", {"offer": self.offer}, token=self.helper,
                    status=201)
        self.assertTrue(self.ok("GET", f"/api/v1/needs/{need_id}", token=self.helper)["contact_visible"])
        status = self.ok("GET", f"/api/v1/status/{token}", status=200)
        self.assertEqual(status["status"], "matched")
        self.assertIsNone(status["active_match"])
        self.assertNotIn(self.helper_id, str(status))
        r = self.req("PATCH", f"/api/v1/status/{token}", {"accessibility": "third floor, no lift"})
        self.assertEqual(r.status, 200, r)
        self.assertIsNone(r.json["active_match"])
        self.assertNotIn(self.helper_id, r.body)
        # Cancelling through the link ends the helper's match too.
        r = self.req("POST", f"/api/v1/status/{token}/cancel")
        self.assertEqual(r.status, 200, r)
        self.assertNotIn(self.helper_id, r.body)
        self.assertEqual(self.ok("GET", f"/api/v1/matches/{m['id']}", token=self.helper)["status"], "cancelled")

    def test_invalid_status_tokens_are_404(self):
        for token in ("nope", "x" * 300, "%00", "..%2F..%2Fetc"):
            with self.subTest(token=token):
                self.assertProblem(self.req("GET", f"/api/v1/status/{token}"), 404)
                self.assertProblem(self.req("PATCH", f"/api/v1/status/{token}", {"description": "x"}), 404)
                self.assertProblem(self.req("POST", f"/api/v1/status/{token}/cancel"), 404)
        # A member session token is not a status token.
        self.assertProblem(self.req("GET", f"/api/v1/status/{self.coord}"), 404)

    def test_closed_intake_is_409_and_stores_nothing(self):
        r = self.req("PATCH", "/api/v1/hubs/pub/settings", {"intake_open": False}, token=self.coord)
        self.assertEqual(r.status, 200, r)
        self.assertFalse(r.json["intake_open"])
        try:
            self.assertFalse(self.ok("GET", "/api/v1/hubs/pub")["intake_open"])
            before = self.count()
            self.assertProblem(self.req("POST", "/api/v1/hubs/pub/intake", need_body()), 409)
            self.assertEqual(self.count(), before)
            # Members and intake still work while the public form is closed.
            self.ok("POST", "/api/v1/hubs/pub/needs?on_behalf=true", need_body(), token=self.intake, status=201)
        finally:
            r = self.req("PATCH", "/api/v1/hubs/pub/settings", {"intake_open": True}, token=self.coord)
            self.assertEqual(r.status, 200, r)
        self.submit()

    def test_public_intake_is_validated(self):
        before = self.count()
        for body, field in ((need_body(category="weapons"), "category"),
                            (need_body(location={"lat": 100, "lon": 0}), "location.lat"),
                            (need_body(handle="me"), "handle"),
                            (need_body(source="member"), "source")):
            with self.subTest(field=field):
                self.assertProblem(self.req("POST", "/api/v1/hubs/pub/intake", body), 422, field)
        self.assertProblem(self.req("POST", "/api/v1/hubs/pub/intake?hub=x", need_body()), 422, "hub")
        self.assertProblem(self.req("POST", "/api/v1/hubs/nohub/intake", need_body()), 404)
        self.assertEqual(self.count(), before)


class IntakeRateLimitTests(ApiTestCase):
    @classmethod
    def build(cls):
        cls.coord, _ = cls.new_hub("flood", "floodcoord")

    def test_public_intake_is_rate_limited_per_address(self):
        statuses = []
        for i in range(60):
            r = self.req("POST", "/api/v1/hubs/flood/intake", need_body(description=f"flood {i}"))
            statuses.append(r.status)
            if r.status == 429:
                self.assertProblem(r, 429)
                break
            self.assertEqual(r.status, 201, r)
        self.assertIn(429, statuses)
        self.assertGreaterEqual(statuses.count(201), 10, "limited before a busy crisis morning would be")
        # Members are not limited by the public form's bucket.
        self.ok("POST", "/api/v1/hubs/flood/needs", need_body(), token=self.coord, status=201)
        # Everything answered 201 is stored, and nothing else.
        stored = self.walk("/api/v1/hubs/flood/needs", self.coord, 200)[0]
        self.assertEqual(len(stored), statuses.count(201) + 1)


if __name__ == "__main__":
    unittest.main()
