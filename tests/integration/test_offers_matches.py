"""Offers and matches over HTTP: offering, pausing, claiming and pairing, the need and match lifecycles,
capacity, contact details for the helper, and two helpers racing for one need."""
import threading
import unittest

from test_service import ApiTestCase, need_body, offer_body, private_need_body


class OfferTests(ApiTestCase):
    @classmethod
    def build(cls):
        cls.coord, cls.coord_id = cls.new_hub("offers", "offercoord")
        cls.giver, cls.giver_id = cls.srv.member("offers", "offergiver")
        cls.fellow, cls.fellow_id = cls.srv.member("offers", "offerfellow")
        cls.outsider, _ = cls.new_hub("offers-other", "offeroutsider")

    def create(self, body=None, token=None):
        r = self.req("POST", "/api/v1/hubs/offers/offers", body or offer_body(), token=token or self.giver)
        self.assertEqual(r.status, 201, r)
        return r.json

    def get(self, offer_id, token=None):
        return self.ok("GET", f"/api/v1/offers/{offer_id}", token=token or self.fellow, status=200)

    def test_offer_is_created_and_seen_by_members(self):
        body = offer_body("rides", 4, skills=["driving", "spanish"], languages=["es", "en"],
                          area={"center": {"lat": 40.416775, "lon": -3.703790}, "radius_km": 3},
                          availability="weekday evenings")
        offer = self.create(body)
        self.assertEqual(offer["status"], "active")
        self.assertEqual(offer["member_id"], self.giver_id)
        self.assertEqual(offer["capacity"], {"amount": 4, "unit": "meals", "period": "week"})
        self.assertEqual(offer["skills"], ["driving", "spanish"])
        self.assertEqual(offer["area"]["radius_km"], 3)
        # Helpers are shown roughly where they are, never exactly.
        self.assertNotEqual(offer["area"]["center"], body["area"]["center"])
        self.assertAlmostEqual(offer["area"]["center"]["lat"], 40.4168, delta=0.01)
        self.assertEqual(self.get(offer["id"]), offer)
        self.assertProblem(self.req("GET", f"/api/v1/offers/{offer['id']}", token=self.outsider), 404)
        self.assertProblem(self.req("GET", f"/api/v1/offers/{offer['id']}"), 401)
        self.assertProblem(self.req("GET", "/api/v1/offers/offer_unknown", token=self.fellow), 404)
        created = [e for e in self.events("offers", self.coord) if e["subject"] == offer["id"]]
        self.assertEqual([(e["type"], e["actor"], e["detail"]) for e in created],
                         [("offer.created", self.giver_id, "rides")])

    def test_invalid_offers_store_nothing(self):
        before = len(self.walk("/api/v1/hubs/offers/offers", self.coord, 200)[0])
        cases = [
            ({"description": "x", "capacity": {"amount": 1, "unit": "u"}}, "category"),
            (offer_body("spaceships"), "category"),
            (offer_body(description=""), "description"),
            (offer_body(amount=0), "capacity.amount"),
            (offer_body(amount=10001), "capacity.amount"),
            (offer_body(capacity={"amount": 2, "unit": " "}), "capacity.unit"),
            (offer_body(capacity={"amount": 2, "unit": "u" * 41}), "capacity.unit"),
            (offer_body(capacity={"unit": "meals"}), "capacity.amount"),
            (offer_body(capacity={"amount": 2, "unit": "meals", "period": "year"}), "capacity.period"),
            (offer_body(capacity={"amount": 2, "unit": "meals", "price": 5}), "capacity.price"),
            (offer_body(skills="driving"), "skills"),
            (offer_body(skills=[""]), "skills[0]"),
            (offer_body(languages=["e"]), "languages[0]"),
            (offer_body(area={"radius_km": 0}), "area.radius_km"),
            (offer_body(area={"radius_km": 201}), "area.radius_km"),
            (offer_body(area={"center": {"lat": 0, "lon": 999}}), "area.center.lon"),
            (offer_body(availability="a" * 501), "availability"),
            (offer_body(price=10), "price"),
        ]
        for body, field in cases:
            with self.subTest(field=field):
                self.assertProblem(self.req("POST", "/api/v1/hubs/offers/offers", body, token=self.giver), 422,
                                   field)
        self.assertProblem(self.req("POST", "/api/v1/hubs/offers/offers", offer_body(), token=self.outsider), 403)
        self.assertProblem(self.req("POST", "/api/v1/hubs/offers/offers", offer_body()), 401)
        self.assertEqual(len(self.walk("/api/v1/hubs/offers/offers", self.coord, 200)[0]), before)

    def test_owner_updates_offer_others_cannot(self):
        offer = self.create()
        r = self.req("PATCH", f"/api/v1/offers/{offer['id']}",
                     {"description": "Soup on Sundays", "capacity": {"amount": 5, "unit": "bowls", "period": "day"}},
                     token=self.giver)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["description"], "Soup on Sundays")
        self.assertEqual(r.json["capacity"], {"amount": 5, "unit": "bowls", "period": "day"})
        self.assertEqual(r.json["category"], "food")
        for token, status in ((self.fellow, 403), (self.coord, 403), (self.outsider, 404)):
            self.assertProblem(self.req("PATCH", f"/api/v1/offers/{offer['id']}", {"description": "hijacked"},
                                        token=token), status)
        for body, field in (({"description": "x", "capacity": {"amount": 0, "unit": "u"}}, "capacity.amount"),
                            ({"description": "x", "category": "nope"}, "category"),
                            ({"description": "x", "member_id": self.fellow_id}, "member_id")):
            self.assertProblem(self.req("PATCH", f"/api/v1/offers/{offer['id']}", body, token=self.giver), 422,
                               field)
        self.assertEqual(self.get(offer["id"])["description"], "Soup on Sundays")

    def test_pause_and_resume(self):
        offer = self.create()
        r = self.req("POST", f"/api/v1/offers/{offer['id']}/pause", token=self.giver)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["status"], "paused")
        self.assertProblem(self.req("POST", f"/api/v1/offers/{offer['id']}/pause", token=self.giver), 409)
        self.assertEqual(self.ok("POST", f"/api/v1/offers/{offer['id']}/resume", token=self.giver)["status"],
                         "active")
        self.assertProblem(self.req("POST", f"/api/v1/offers/{offer['id']}/resume", token=self.giver), 409)
        # A coordinator may pause someone's offer, but only its owner may resume it.
        self.assertEqual(self.ok("POST", f"/api/v1/offers/{offer['id']}/pause", token=self.coord)["status"],
                         "paused")
        self.assertProblem(self.req("POST", f"/api/v1/offers/{offer['id']}/resume", token=self.coord), 403)
        self.assertProblem(self.req("POST", f"/api/v1/offers/{offer['id']}/resume", token=self.fellow), 403)
        self.assertEqual(self.get(offer["id"])["status"], "paused")
        events = [(e["type"], e["actor"]) for e in self.events("offers", self.coord) if e["subject"] == offer["id"]]
        self.assertEqual(events, [("offer.created", self.giver_id), ("offer.paused", self.giver_id),
                                  ("offer.resumed", self.giver_id), ("offer.paused", self.coord_id)])

    def test_offer_list_filters(self):
        mine = self.create(offer_body("tools", 1), token=self.fellow)
        other = self.create(offer_body("tools", 1))
        self.ok("POST", f"/api/v1/offers/{other['id']}/pause", token=self.giver, status=200)
        ids = lambda q: {o["id"] for o in self.walk(f"/api/v1/hubs/offers/offers?{q}", self.fellow, 200)[0]}  # noqa
        self.assertEqual(ids("category=tools"), {mine["id"], other["id"]})
        self.assertEqual(ids("category=tools&status=active"), {mine["id"]})
        self.assertEqual(ids("category=tools&status=paused"), {other["id"]})
        self.assertEqual(ids(f"category=tools&member={self.fellow_id}"), {mine["id"]})
        self.assertProblem(self.req("GET", "/api/v1/hubs/offers/offers?status=gone", token=self.fellow), 422,
                           "status")
        self.assertProblem(self.req("GET", "/api/v1/hubs/offers/offers?colour=red", token=self.fellow), 422,
                           "colour")
        self.assertProblem(self.req("GET", "/api/v1/hubs/offers/offers", token=self.outsider), 403)


class MatchTests(ApiTestCase):
    @classmethod
    def build(cls):
        cls.coord, cls.coord_id = cls.new_hub("match", "matchcoord")
        cls.asker, cls.asker_id = cls.srv.member("match", "matchasker")
        cls.helper, cls.helper_id = cls.srv.member("match", "matchhelper")
        cls.helper2, cls.helper2_id = cls.srv.member("match", "matchhelper2")
        cls.fellow, cls.fellow_id = cls.srv.member("match", "matchfellow")
        cls.intake, cls.intake_id = cls.srv.member("match", "matchintake", "intake")
        cls.outsider, cls.outsider_id = cls.new_hub("match-other", "matchoutsider")
        r = cls.srv.request("POST", "/api/v1/hubs/match/offers", offer_body("food", 100), token=cls.helper)
        cls.offer = r.json["id"]
        r = cls.srv.request("POST", "/api/v1/hubs/match/offers", offer_body("food", 100), token=cls.helper2)
        cls.offer2 = r.json["id"]
        r = cls.srv.request("POST", "/api/v1/hubs/match/offers", offer_body("rides", 100), token=cls.helper)
        cls.rides_offer = r.json["id"]
        r = cls.srv.request("POST", "/api/v1/hubs/match-other/offers", offer_body("food", 5), token=cls.outsider)
        cls.foreign_offer = r.json["id"]

    # --- helpers -----------------------------------------------------------------------------------------
    def new_need(self, body=None):
        return self.ok("POST", "/api/v1/hubs/match/needs", body or private_need_body(), token=self.asker,
                       status=201)["id"]

    def need(self, need_id, token=None):
        return self.ok("GET", f"/api/v1/needs/{need_id}", token=token or self.asker, status=200)

    def match(self, match_id, token=None):
        return self.ok("GET", f"/api/v1/matches/{match_id}", token=token or self.coord, status=200)

    def claim(self, need_id, offer=None, token=None, note=""):
        body = {"offer": offer or self.offer}
        if note:
            body["note"] = note
        return self.ok("POST", f"/api/v1/needs/{need_id}/claim", body, token=token or self.helper, status=201)

    def act(self, match_id, verb, token=None, reason=None, status=200):
        body = {"reason": reason} if reason is not None else None
        r = self.req("POST", f"/api/v1/matches/{match_id}/{verb}", body, token=token or self.helper)
        if status == 200:
            self.assertEqual(r.status, 200, r)
        else:
            self.assertProblem(r, status)
        return r

    def assertStates(self, need_id, match_id, need_status, match_status):
        self.assertEqual(self.need(need_id)["status"], need_status)
        self.assertEqual(self.match(match_id)["status"], match_status)

    # --- the happy path ----------------------------------------------------------------------------------
    def test_claim_start_complete(self):
        need_id = self.new_need()
        m = self.claim(need_id, note="I can bring it tonight")
        self.assertEqual(m["status"], "accepted")
        self.assertEqual(m["origin"], "claim")
        self.assertEqual((m["need_id"], m["offer_id"], m["helper_id"], m["proposed_by"]),
                         (need_id, self.offer, self.helper_id, self.helper_id))
        self.assertEqual(m["note"], "I can bring it tonight")
        need = self.need(need_id)
        self.assertEqual(need["status"], "matched")
        self.assertEqual(need["active_match"]["id"], m["id"])
        # The helper who took it now sees how to reach the person; fellow members still do not.
        helper_view = self.need(need_id, self.helper)
        self.assertTrue(helper_view["contact_visible"])
        self.assertEqual(helper_view["contact"]["address"], "Calle Mayor 1, 3B")
        fellow_view = self.need(need_id, self.fellow)
        self.assertFalse(fellow_view["contact_visible"])
        self.assertNotIn("contact", fellow_view)
        # ...and the second helper neither.
        self.assertNotIn("contact", self.need(need_id, self.helper2))

        self.assertEqual(self.act(m["id"], "start").json["status"], "in_progress")
        self.assertStates(need_id, m["id"], "in_progress", "in_progress")
        self.assertTrue(self.need(need_id, self.helper)["contact_visible"])

        self.assertEqual(self.act(m["id"], "complete").json["status"], "completed")
        self.assertStates(need_id, m["id"], "fulfilled", "completed")
        self.assertIsNone(self.need(need_id)["active_match"])
        # Once done, the address is no longer the helper's to see.
        self.assertNotIn("contact", self.need(need_id, self.helper))

        # A fulfilled need cannot be cancelled, changed or claimed; a completed match cannot move on.
        self.assertProblem(self.req("POST", f"/api/v1/needs/{need_id}/cancel", token=self.asker), 409)
        self.assertProblem(self.req("PATCH", f"/api/v1/needs/{need_id}", {"description": "x"}, token=self.asker),
                           409)
        self.assertProblem(self.req("POST", f"/api/v1/needs/{need_id}/claim", {"offer": self.offer2},
                                    token=self.helper2), 409)
        for verb, reason in (("complete", None), ("start", None), ("release", "changed my mind"),
                             ("accept", None)):
            self.act(m["id"], verb, reason=reason, status=409)
        self.assertStates(need_id, m["id"], "fulfilled", "completed")

        log = [(e["type"], e["actor"]) for e in self.events("match", self.coord)
               if e["subject"] in (need_id, m["id"])]
        self.assertEqual(log, [("need.created", self.asker_id), ("match.claimed", self.helper_id),
                               ("match.started", self.helper_id), ("match.completed", self.helper_id)])
        claimed = [e for e in self.events("match", self.coord) if e["subject"] == m["id"]][0]
        self.assertIn(need_id, claimed["detail"])

    def test_complete_straight_from_accepted(self):
        need_id = self.new_need()
        m = self.claim(need_id)
        self.act(m["id"], "complete")
        self.assertStates(need_id, m["id"], "fulfilled", "completed")

    # --- release, decline, cancel ------------------------------------------------------------------------
    def test_release_needs_a_reason_and_reopens_the_need(self):
        need_id = self.new_need()
        m = self.claim(need_id)
        self.act(m["id"], "release", status=422)
        r = self.req("POST", f"/api/v1/matches/{m['id']}/release", {"reason": "   "}, token=self.helper)
        self.assertProblem(r, 422, "reason")
        self.assertStates(need_id, m["id"], "matched", "accepted")  # nothing changed
        self.act(m["id"], "start")
        r = self.act(m["id"], "release", reason="my car broke down")
        self.assertEqual((r.json["status"], r.json["reason"]), ("released", "my car broke down"))
        need = self.need(need_id)
        self.assertEqual(need["status"], "open")
        self.assertIsNone(need["active_match"])
        self.assertNotIn("contact", self.need(need_id, self.helper))
        released = [e for e in self.events("match", self.coord) if e["subject"] == m["id"]][-1]
        self.assertEqual((released["type"], released["actor"], released["detail"]),
                         ("match.released", self.helper_id, "my car broke down"))
        # Open again, so someone else can take it.
        m2 = self.claim(need_id, self.offer2, self.helper2)
        self.assertStates(need_id, m2["id"], "matched", "accepted")
        self.act(m["id"], "start", status=409)  # the released match stays released

    def test_coordinator_pairs_helper_declines(self):
        need_id = self.new_need()
        r = self.req("POST", f"/api/v1/needs/{need_id}/pair", {"offer": self.offer2, "note": "you live close"},
                     token=self.coord)
        self.assertEqual(r.status, 201, r)
        m = r.json
        self.assertEqual((m["status"], m["origin"], m["proposed_by"], m["helper_id"]),
                         ("proposed", "coordinator", self.coord_id, self.helper2_id))
        self.assertEqual(self.need(need_id)["status"], "matched")
        # A proposal is not yet a yes: the helper does not see contact details until accepting.
        self.assertNotIn("contact", self.need(need_id, self.helper2))
        # Only the helper answers a proposal.
        for token in (self.asker, self.coord, self.fellow):
            self.act(m["id"], "decline", token=token, reason="no", status=403)
        self.act(m["id"], "accept", token=self.helper, status=403)
        self.act(m["id"], "start", token=self.helper2, status=409)  # not accepted yet
        self.act(m["id"], "decline", token=self.helper2, status=422)  # a reason is required
        self.assertStates(need_id, m["id"], "matched", "proposed")
        r = self.act(m["id"], "decline", token=self.helper2, reason="I am away this week")
        self.assertEqual((r.json["status"], r.json["reason"]), ("declined", "I am away this week"))
        self.assertEqual(self.need(need_id)["status"], "open")
        self.act(m["id"], "accept", token=self.helper2, status=409)
        log = [(e["type"], e["actor"]) for e in self.events("match", self.coord) if e["subject"] == m["id"]]
        self.assertEqual(log, [("match.proposed", self.coord_id), ("match.declined", self.helper2_id)])

    def test_coordinator_pairs_helper_accepts(self):
        need_id = self.new_need()
        m = self.ok("POST", f"/api/v1/needs/{need_id}/pair", {"offer": self.offer2}, token=self.coord, status=201)
        r = self.act(m["id"], "accept", token=self.helper2)
        self.assertEqual(r.json["status"], "accepted")
        self.assertEqual(self.need(need_id)["status"], "matched")
        self.assertTrue(self.need(need_id, self.helper2)["contact_visible"])
        self.act(m["id"], "accept", token=self.helper2, status=409)
        # A coordinator may move someone else's match along; a fellow member may not.
        self.act(m["id"], "start", token=self.fellow, status=403)
        self.act(m["id"], "start", token=self.intake, status=403)
        self.act(m["id"], "start", token=self.coord)
        self.act(m["id"], "release", token=self.coord, reason="helper unreachable")
        self.assertStates(need_id, m["id"], "open", "released")

    def test_pairing_is_for_coordinators(self):
        need_id = self.new_need()
        for token, status in ((self.fellow, 403), (self.intake, 403), (self.helper2, 403), (self.outsider, 404)):
            self.assertProblem(self.req("POST", f"/api/v1/needs/{need_id}/pair", {"offer": self.offer2},
                                        token=token), status)
        self.assertProblem(self.req("POST", f"/api/v1/needs/{need_id}/pair", {"offer": self.offer2}), 401)
        self.assertEqual(self.need(need_id)["status"], "open")

    def test_cancelling_a_matched_need_cancels_its_match(self):
        need_id = self.new_need()
        m = self.claim(need_id)
        self.act(m["id"], "start")
        r = self.req("POST", f"/api/v1/needs/{need_id}/cancel", {"reason": "family came to help"},
                     token=self.asker)
        self.assertEqual(r.status, 200, r)
        self.assertStates(need_id, m["id"], "cancelled", "cancelled")
        self.assertNotIn("contact", self.need(need_id, self.helper))
        for verb, reason in (("complete", None), ("start", None), ("release", "x"), ("accept", None),
                             ("decline", "x")):
            self.act(m["id"], verb, reason=reason, status=409)
        self.assertStates(need_id, m["id"], "cancelled", "cancelled")
        self.assertProblem(self.req("POST", f"/api/v1/needs/{need_id}/claim", {"offer": self.offer2},
                                    token=self.helper2), 409)

    # --- claiming rules ----------------------------------------------------------------------------------
    def test_claim_rules(self):
        need_id = self.new_need()
        cases = [
            (self.helper, {"offer": self.offer2}, 422, "offer"),         # someone else's offer
            (self.helper, {"offer": self.rides_offer}, 422, "offer"),    # wrong category
            (self.outsider, {"offer": self.foreign_offer}, 404, None),   # not a member of the need's hub
            (self.helper, {"offer": self.foreign_offer}, 422, "offer"),  # offer of another hub
            (self.helper, {"offer": "offer_unknown"}, 422, "offer"),
            (self.helper, {}, 422, "offer"),
            (self.helper, {"offer": 5}, 422, "offer"),
            (self.helper, {"offer": self.offer, "note": "n" * 1001}, 422, "note"),
            (self.helper, {"offer": self.offer, "price": 0}, 422, "price"),
        ]
        for token, body, status, field in cases:
            with self.subTest(body=body):
                self.assertProblem(self.req("POST", f"/api/v1/needs/{need_id}/claim", body, token=token), status,
                                   field)
        self.assertProblem(self.req("POST", "/api/v1/needs/need_unknown/claim", {"offer": self.offer},
                                    token=self.helper), 404)
        self.assertProblem(self.req("POST", f"/api/v1/needs/{need_id}/claim", {"offer": self.offer}), 401)
        self.assertEqual(self.need(need_id)["status"], "open")
        self.assertEqual(self.walk(f"/api/v1/hubs/match/matches?need={need_id}", self.coord)[0], [])

    def test_claim_with_a_paused_offer_is_409(self):
        offer = self.ok("POST", "/api/v1/hubs/match/offers", offer_body("food", 5), token=self.helper2,
                        status=201)["id"]
        self.ok("POST", f"/api/v1/offers/{offer}/pause", token=self.helper2, status=200)
        need_id = self.new_need()
        self.assertProblem(self.req("POST", f"/api/v1/needs/{need_id}/claim", {"offer": offer}, token=self.helper2),
                           409)
        self.assertProblem(self.req("POST", f"/api/v1/needs/{need_id}/pair", {"offer": offer}, token=self.coord),
                           409)
        self.assertEqual(self.need(need_id)["status"], "open")
        self.ok("POST", f"/api/v1/offers/{offer}/resume", token=self.helper2, status=200)
        self.claim(need_id, offer, self.helper2)

    def test_claiming_a_taken_need_is_409(self):
        need_id = self.new_need()
        m = self.claim(need_id)
        self.assertProblem(self.req("POST", f"/api/v1/needs/{need_id}/claim", {"offer": self.offer2},
                                    token=self.helper2), 409)
        self.assertProblem(self.req("POST", f"/api/v1/needs/{need_id}/pair", {"offer": self.offer2},
                                    token=self.coord), 409)
        self.assertEqual(self.need(need_id)["active_match"]["id"], m["id"])

    def test_capacity_caps_active_matches(self):
        offer = self.ok("POST", "/api/v1/hubs/match/offers", offer_body("food", 2), token=self.helper2,
                        status=201)["id"]
        needs = [self.new_need(need_body(description=f"capacity need {i}")) for i in range(4)]
        m1 = self.claim(needs[0], offer, self.helper2)
        m2 = self.ok("POST", f"/api/v1/needs/{needs[1]}/pair", {"offer": offer}, token=self.coord, status=201)
        r = self.req("POST", f"/api/v1/needs/{needs[2]}/claim", {"offer": offer}, token=self.helper2)
        self.assertProblem(r, 409)
        self.assertProblem(self.req("POST", f"/api/v1/needs/{needs[2]}/pair", {"offer": offer}, token=self.coord),
                           409)
        self.assertEqual(self.need(needs[2])["status"], "open")
        # Finishing or letting go of one frees its place.
        self.act(m1["id"], "complete", token=self.helper2)
        m3 = self.claim(needs[2], offer, self.helper2)
        self.assertProblem(self.req("POST", f"/api/v1/needs/{needs[3]}/claim", {"offer": offer},
                                    token=self.helper2), 409)
        self.act(m2["id"], "decline", token=self.helper2, reason="too much this week")
        self.claim(needs[3], offer, self.helper2)
        self.assertEqual(self.match(m3["id"])["status"], "accepted")

    def test_raising_capacity_allows_more(self):
        offer = self.ok("POST", "/api/v1/hubs/match/offers", offer_body("food", 1), token=self.helper2,
                        status=201)["id"]
        a, b = self.new_need(), self.new_need()
        self.claim(a, offer, self.helper2)
        self.assertProblem(self.req("POST", f"/api/v1/needs/{b}/claim", {"offer": offer}, token=self.helper2), 409)
        self.ok("PATCH", f"/api/v1/offers/{offer}", {"capacity": {"amount": 2, "unit": "meals"}},
                token=self.helper2, status=200)
        self.claim(b, offer, self.helper2)

    def test_two_helpers_race_for_one_need(self):
        for round_ in range(5):
            need_id = self.new_need(need_body(description=f"race {round_}"))
            barrier = threading.Barrier(2)
            results = {}

            def go(name, token, offer):
                barrier.wait()
                results[name] = self.srv.request("POST", f"/api/v1/needs/{need_id}/claim", {"offer": offer},
                                                 token=token)

            threads = [threading.Thread(target=go, args=("a", self.helper, self.offer)),
                       threading.Thread(target=go, args=("b", self.helper2, self.offer2))]
            for t in threads:
                t.start()
            for t in threads:
                t.join(60)
            statuses = sorted(r.status for r in results.values())
            self.assertEqual(statuses, [201, 409], results)
            loser = [r for r in results.values() if r.status == 409][0]
            self.assertProblem(loser, 409)
            winner = [r for r in results.values() if r.status == 201][0]
            matches = self.walk(f"/api/v1/hubs/match/matches?need={need_id}", self.coord)[0]
            self.assertEqual([m["id"] for m in matches], [winner.json["id"]])
            self.assertEqual(self.need(need_id)["active_match"]["id"], winner.json["id"])

    def test_one_offer_with_room_for_one_raced_onto_two_needs(self):
        for round_ in range(5):
            offer = self.ok("POST", "/api/v1/hubs/match/offers", offer_body("food", 1), token=self.helper2,
                            status=201)["id"]
            needs = [self.new_need(need_body(description=f"capacity race {round_}.{i}")) for i in range(2)]
            barrier = threading.Barrier(3)
            results = []
            lock = threading.Lock()

            def go(need_id, token, path):
                barrier.wait()
                r = self.srv.request("POST", f"/api/v1/needs/{need_id}/{path}", {"offer": offer}, token=token)
                with lock:
                    results.append(r)

            threads = [threading.Thread(target=go, args=(needs[0], self.helper2, "claim")),
                       threading.Thread(target=go, args=(needs[1], self.helper2, "claim")),
                       threading.Thread(target=go, args=(needs[1], self.coord, "pair"))]
            for t in threads:
                t.start()
            for t in threads:
                t.join(60)
            statuses = sorted(r.status for r in results)
            self.assertEqual(statuses, [201, 409, 409], results)
            active = [m for m in self.walk("/api/v1/hubs/match/matches", self.coord, 200)[0]
                      if m["offer_id"] == offer]
            self.assertEqual(len(active), 1, active)

    # --- reading matches ---------------------------------------------------------------------------------
    def test_match_reading_and_filters(self):
        need_id = self.new_need()
        m = self.claim(need_id)
        self.assertEqual(self.match(m["id"], self.fellow), m)
        self.assertProblem(self.req("GET", f"/api/v1/matches/{m['id']}", token=self.outsider), 404)
        self.assertProblem(self.req("GET", f"/api/v1/matches/{m['id']}"), 401)
        self.assertProblem(self.req("GET", "/api/v1/matches/match_unknown", token=self.coord), 404)
        by_need = self.walk(f"/api/v1/hubs/match/matches?need={need_id}", self.fellow)[0]
        self.assertEqual(by_need, [m])
        by_helper = self.walk(f"/api/v1/hubs/match/matches?helper={self.helper_id}&status=accepted",
                              self.fellow)[0]
        self.assertIn(m["id"], [x["id"] for x in by_helper])
        self.assertTrue(all(x["helper_id"] == self.helper_id and x["status"] == "accepted" for x in by_helper))
        self.assertProblem(self.req("GET", "/api/v1/hubs/match/matches?status=won", token=self.fellow), 422,
                           "status")
        self.assertProblem(self.req("GET", "/api/v1/hubs/match/matches?offer=x", token=self.fellow), 422, "offer")
        self.assertProblem(self.req("GET", "/api/v1/hubs/match/matches", token=self.outsider), 403)
        self.assertProblem(self.req("GET", "/api/v1/hubs/match/matches"), 401)

    def test_match_action_bodies_are_checked(self):
        need_id = self.new_need()
        m = self.claim(need_id)
        url = f"/api/v1/matches/{m['id']}/release"
        self.assertProblem(self.req("POST", url, {"reason": "ok", "also": 1}, token=self.helper), 422, "also")
        self.assertProblem(self.req("POST", url, {"reason": 42}, token=self.helper), 422, "reason")
        self.assertProblem(self.req("POST", url, {"reason": "r" * 1001}, token=self.helper), 422, "reason")
        self.assertProblem(self.req("POST", url, token=self.helper, raw=b'{"reason": "x"}',
                                    headers={"Content-Type": "text/plain"}), 422, "Content-Type")
        self.assertProblem(self.req("POST", "/api/v1/matches/match_unknown/start", token=self.helper), 404)
        self.assertStates(need_id, m["id"], "matched", "accepted")


if __name__ == "__main__":
    unittest.main()
