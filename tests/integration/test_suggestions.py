"""Suggestions over real HTTP: the engine runs by itself after changes, coordinators confirm one or many, helpers
accept or decline, and a decline sends the need to someone else."""
import time
import unittest

from test_service import ApiTestCase, need_body, offer_body

SOL = {"lat": 40.4169, "lon": -3.7035}
NEAR = {"lat": 40.4200, "lon": -3.7000}


class SuggestionTests(ApiTestCase):
    hubs = 0

    def setUp(self):
        """A hub of its own for each test, so offers in one do not take needs in another."""
        SuggestionTests.hubs += 1
        self.slug = f"sugg{self.hubs}"
        s = self.srv
        self.coord, _ = self.new_hub(self.slug, f"{self.slug}coord")
        self.asker, _ = s.member(self.slug, f"{self.slug}asker")
        self.ana, self.ana_id = s.member(self.slug, f"{self.slug}ana")
        self.ben, self.ben_id = s.member(self.slug, f"{self.slug}ben")

    def offer(self, token, amount=1, center=SOL, radius=3, **over):
        body = offer_body("food", amount, area={"center": center, "radius_km": radius}, **over)
        return self.ok("POST", f"/api/v1/hubs/{self.slug}/offers", body, token=token, status=201)["id"]

    def ask(self, **over):
        return self.ok("POST", f"/api/v1/hubs/{self.slug}/needs", need_body(location=NEAR, **over), token=self.asker,
                       status=201)["id"]

    def board(self, token):
        return self.ok("GET", f"/api/v1/hubs/{self.slug}/suggestions", token=token, status=200)

    def wait_for(self, what, token, timeout=15):
        """Polls the board until `what(board)` holds; returns the board and how long it took."""
        started = time.monotonic()
        while True:
            board = self.board(token)
            if what(board):
                return board, time.monotonic() - started
            if time.monotonic() - started > timeout:
                self.fail(f"the board never got there: {board}")
            time.sleep(0.05)

    def test_new_need_gets_a_suggestion_by_itself_and_the_helper_accepts(self):
        offer = self.offer(self.ana)
        need = self.ask(description="Rice and lentils", urgency="high")
        board, took = self.wait_for(lambda b: any(s["need_id"] == need for s in b["suggestions"]), self.coord)
        print(f"\n    suggestion appeared {took * 1000:.0f} ms after the need was posted")
        s = next(s for s in board["suggestions"] if s["need_id"] == need)
        self.assertEqual((s["offer_id"], s["helper_id"], s["status"]), (offer, self.ana_id, "suggested"))
        self.assertEqual(s["why"]["urgency"], "high")
        self.assertGreater(s["why"]["distance_m"], 0)
        self.assertEqual(s["why"]["helper_load_after"], 1)

        # The helper sees it among their own; another member does not.
        self.assertIn(s["id"], [x["id"] for x in self.board(self.ana)["suggestions"]])
        self.assertNotIn(s["id"], [x["id"] for x in self.board(self.ben)["suggestions"]])
        self.assertEqual(self.board(self.ana)["unmet"], [])
        self.assertProblem(self.req("GET", f"/api/v1/suggestions/{s['id']}", token=self.ben), 404)

        accepted = self.ok("POST", f"/api/v1/suggestions/{s['id']}/accept", token=self.ana, status=200)
        self.assertEqual(accepted["status"], "accepted")
        match = self.ok("GET", f"/api/v1/matches/{accepted['match_id']}", token=self.ana, status=200)
        self.assertEqual((match["status"], match["need_id"]), ("accepted", need))
        self.assertProblem(self.req("POST", f"/api/v1/suggestions/{s['id']}/accept", token=self.ana), 409)
        self.ok("POST", f"/api/v1/matches/{match['id']}/complete", token=self.ana, status=200)

    def test_decline_needs_a_reason_and_sends_the_need_elsewhere(self):
        ana_offer = self.offer(self.ana, center=SOL)
        ben_offer = self.offer(self.ben, center=NEAR, radius=5)
        need = self.ask(description="A ride to the clinic")

        def suggested_to(offer):
            return lambda b: any(s["need_id"] == need and s["offer_id"] == offer for s in b["suggestions"])

        board, _ = self.wait_for(lambda b: any(s["need_id"] == need for s in b["suggestions"]), self.coord)
        first = next(s for s in board["suggestions"] if s["need_id"] == need)
        declined_by = self.ana if first["offer_id"] == ana_offer else self.ben
        other_offer = ben_offer if first["offer_id"] == ana_offer else ana_offer

        self.assertProblem(self.req("POST", f"/api/v1/suggestions/{first['id']}/decline", token=declined_by), 422)
        self.assertProblem(self.req("POST", f"/api/v1/suggestions/{first['id']}/decline", {"reason": "no"},
                                    token=self.coord), 403)
        d = self.ok("POST", f"/api/v1/suggestions/{first['id']}/decline", {"reason": "Away until Monday"},
                    token=declined_by, status=200)
        self.assertEqual((d["status"], d["reason"]), ("declined", "Away until Monday"))
        # The engine notices the decline and proposes the other helper.
        self.wait_for(suggested_to(other_offer), self.coord)
        events = [e["type"] for e in self.events(self.slug, self.coord)]
        self.assertIn("suggestion.declined", events)

    def test_coordinator_confirms_one_or_many_and_stale_ones_are_reported(self):
        cleo, _ = self.srv.member(self.slug, f"{self.slug}cleo")
        offer = self.offer(cleo, amount=5)
        needs = [self.ask(description=f"Bag {i}") for i in range(3)]
        board, _ = self.wait_for(
            lambda b: {s["need_id"] for s in b["suggestions"] if s["offer_id"] == offer} >= set(needs), self.coord)
        mine = [s for s in board["suggestions"] if s["offer_id"] == offer and s["need_id"] in needs]

        # Members cannot confirm; bad bodies say what to fix.
        self.assertProblem(self.req("POST", f"/api/v1/suggestions/{mine[0]['id']}/confirm", token=cleo), 403)
        self.assertProblem(self.req("POST", f"/api/v1/hubs/{self.slug}/suggestions/confirm", {}, token=self.coord), 422,
                           field="suggestions")
        self.assertProblem(self.req("POST", f"/api/v1/hubs/{self.slug}/suggestions/confirm", {"suggestions": []},
                                    token=self.coord), 422, field="suggestions")
        self.assertProblem(self.req("POST", f"/api/v1/hubs/{self.slug}/suggestions/confirm",
                                    {"suggestions": ["x"], "colour": "red"}, token=self.coord), 422, field="colour")

        one = self.ok("POST", f"/api/v1/suggestions/{mine[0]['id']}/confirm", token=self.coord, status=200)
        self.assertEqual(one["status"], "confirmed")
        pairing = self.ok("GET", f"/api/v1/matches/{one['match_id']}", token=cleo, status=200)
        self.assertEqual((pairing["status"], pairing["origin"]), ("proposed", "coordinator"))

        result = self.ok("POST", f"/api/v1/hubs/{self.slug}/suggestions/confirm",
                         {"suggestions": [mine[1]["id"], mine[2]["id"], mine[0]["id"], "sugg_unknown"]},
                         token=self.coord, status=200)["results"]
        self.assertEqual([r["confirmed"] for r in result], [True, True, False, False])
        self.assertEqual(result[2]["error"]["status"], 409)   # already confirmed
        self.assertEqual(result[3]["error"]["status"], 404)
        for r in result[:2]:
            self.assertEqual(r["match"]["status"], "proposed")

    def test_refresh_reports_and_unmet_needs_say_why(self):
        need = self.ask(category="food", language="eu", description="Someone who speaks Basque")
        self.offer(self.ben, center=SOL, languages=["es"])
        run = self.ok("POST", f"/api/v1/hubs/{self.slug}/suggestions/refresh", token=self.coord, status=200)
        self.assertGreaterEqual(run["open_needs"], 1)
        board = self.board(self.coord)
        unmet = {u["need_id"]: u["cause"] for u in board["unmet"]}
        self.assertEqual(unmet.get(need), "no_shared_language")
        self.assertProblem(self.req("POST", f"/api/v1/hubs/{self.slug}/suggestions/refresh", token=self.ben), 403)
        self.assertProblem(self.req("GET", "/api/v1/suggestions/sugg_nope", token=self.coord), 404)


if __name__ == "__main__":
    unittest.main()
