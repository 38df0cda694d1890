"""The assembly over real HTTP: proposals from draft to outcome for every counting method, the electorate frozen
at opening, results visibility and quorum, every bad ballot refused with nothing stored, and anonymity checked in
the database file itself.
"""
import datetime
import os
import sqlite3
import time
import unittest

from test_service import ApiTestCase


def at(minutes):
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=minutes)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def proposal_body(**over):
    body = {"title": "Open the pantry on Sundays", "text": "We have **enough** volunteers.", "method": "consent",
            "closes_at": at(60)}
    body.update(over)
    return body


class AssemblyTests(ApiTestCase):
    @classmethod
    def build(cls):
        s = cls.srv
        cls.coord, cls.coord_id = cls.new_hub("asm", "asmcoord")
        cls.voters = [s.member("asm", f"asmvoter{i}") for i in range(5)]
        cls.outsider, _ = cls.new_hub("asm-other", "asmoutsider")

    # --- helpers -------------------------------------------------------------------------------------------
    def draft(self, token=None, **over):
        return self.ok("POST", "/api/v1/hubs/asm/proposals", proposal_body(**over), token=token or self.coord,
                       status=201)

    def opened(self, **over):
        p = self.draft(**over)
        return self.ok("POST", f"/api/v1/proposals/{p['id']}/open", token=self.coord, status=200)

    def vote(self, pid, token, ballot, status=201):
        return self.ok("POST", f"/api/v1/proposals/{pid}/ballots", ballot, token=token, status=status)

    def close(self, pid):
        return self.ok("POST", f"/api/v1/proposals/{pid}/close", token=self.coord, status=200)

    # --- lifecycle -----------------------------------------------------------------------------------------
    def test_any_member_drafts_and_only_a_coordinator_opens_and_closes(self):
        token = self.voters[0][0]
        p = self.draft(token=token)
        self.assertEqual(p["status"], "draft")
        self.assertEqual(p["author_id"], self.voters[0][1])
        self.assertTrue(p["viewer"]["may_manage"])
        self.assertFalse(p["viewer"]["may_vote"])
        self.assertProblem(self.req("POST", f"/api/v1/proposals/{p['id']}/open", token=token), 403)
        changed = self.ok("PATCH", f"/api/v1/proposals/{p['id']}", {"title": "Sundays and Mondays"}, token=token)
        self.assertEqual(changed["title"], "Sundays and Mondays")
        self.assertProblem(self.req("PATCH", f"/api/v1/proposals/{p['id']}", {"title": "x"},
                                    token=self.voters[1][0]), 403)
        opened = self.ok("POST", f"/api/v1/proposals/{p['id']}/open", token=self.coord, status=200)
        self.assertEqual(opened["status"], "open")
        members = self.walk("/api/v1/hubs/asm/members", self.coord, 200)[0]
        self.assertEqual(opened["electorate_size"], len(members))
        self.assertProblem(self.req("PATCH", f"/api/v1/proposals/{p['id']}", {"title": "late"}, token=self.coord),
                           409)
        self.assertProblem(self.req("POST", f"/api/v1/proposals/{p['id']}/open", token=self.coord), 409)
        closed = self.close(p["id"])
        self.assertEqual(closed["status"], "closed")
        self.assertIsNotNone(closed["outcome"])
        self.assertProblem(self.req("POST", f"/api/v1/proposals/{p['id']}/close", token=self.coord), 409)
        types = [e["type"] for e in self.events("asm", self.coord) if e["subject"] == p["id"]]
        self.assertEqual(types, ["proposal.created", "proposal.updated", "proposal.opened", "proposal.closed"])

    def test_anonymity_cannot_be_changed_after_creation(self):
        p = self.draft()
        r = self.req("PATCH", f"/api/v1/proposals/{p['id']}", {"anonymous": False}, token=self.coord)
        self.assertProblem(r, 422, field="anonymous")

    def test_bad_proposals_name_the_field_and_store_nothing(self):
        before = self.walk("/api/v1/hubs/asm/proposals", self.coord, 200)[0]
        cases = [
            (proposal_body(title=""), "title"),
            (proposal_body(method="lottery"), "method"),
            (proposal_body(method="irv", options=["only one"]), "options"),
            (proposal_body(method="approval", options=["a", "a"]), "options[1]"),
            (proposal_body(options=["a", "b"]), "options"),
            (proposal_body(method="stv", options=["a", "b", "c"], seats=3), "seats"),
            (proposal_body(closes_at=at(-5)), "closes_at"),
            (proposal_body(closes_at="tomorrow"), "closes_at"),
            (proposal_body(opens_at=at(90)), "closes_at"),
            (proposal_body(review_at=at(30)), "review_at"),
            (proposal_body(quorum={"percent": 120}), "quorum.percent"),
            (proposal_body(visibility="always"), "visibility"),
            (proposal_body(electorate="role"), "electorate_role"),
            (proposal_body(colour="red"), "colour"),
            ({"title": "no method"}, "method"),
        ]
        for body, field in cases:
            with self.subTest(field=field):
                self.assertProblem(self.req("POST", "/api/v1/hubs/asm/proposals", body, token=self.coord), 422,
                                   field=field)
        self.assertEqual(self.walk("/api/v1/hubs/asm/proposals", self.coord, 200)[0], before)

    # --- ballots -------------------------------------------------------------------------------------------
    def test_bad_ballots_are_refused_and_nothing_is_stored(self):
        p = self.opened(method="irv", options=["Monday", "Tuesday", "Wednesday"], visibility="after_voting")
        token = self.voters[0][0]
        cases = [
            ({"ranking": [0, 7]}, 422, "ranking[1]"),
            ({"ranking": [1, 1]}, 422, "ranking[1]"),
            ({"ranking": []}, 422, "ranking"),
            ({"ranking": ["Monday"]}, 422, "ranking[0]"),
            ({"position": "agree"}, 422, "position"),
            ({"ranking": [0], "vote": 1}, 422, "vote"),
        ]
        for ballot, status, field in cases:
            with self.subTest(ballot=ballot):
                self.assertProblem(self.req("POST", f"/api/v1/proposals/{p['id']}/ballots", ballot, token=token),
                                   status, field=field)
        fresh = self.ok("GET", f"/api/v1/proposals/{p['id']}", token=token)
        self.assertEqual(fresh["ballots_cast"], 0)
        self.assertTrue(fresh["viewer"]["may_vote"])
        # A good ballot, then a second one is a conflict and changes nothing.
        self.vote(p["id"], token, {"ranking": [2, 0]})
        self.assertProblem(self.req("POST", f"/api/v1/proposals/{p['id']}/ballots", {"ranking": [1]}, token=token),
                           409)
        fresh = self.ok("GET", f"/api/v1/proposals/{p['id']}", token=token)
        self.assertEqual(fresh["ballots_cast"], 1)
        self.assertTrue(fresh["viewer"]["has_voted"])
        results = self.ok("GET", f"/api/v1/proposals/{p['id']}/results", token=token)
        self.assertEqual(results["participants"], 1)
        self.assertEqual(results["winners"], [2])

    def test_consent_objections_and_blocks_need_a_reason(self):
        p = self.opened()
        for position in ("object", "block"):
            r = self.req("POST", f"/api/v1/proposals/{p['id']}/ballots", {"position": position},
                         token=self.voters[0][0])
            self.assertProblem(r, 422, field="reason")
            r = self.req("POST", f"/api/v1/proposals/{p['id']}/ballots", {"position": position, "reason": "  "},
                         token=self.voters[0][0])
            self.assertProblem(r, 422, field="reason")
        self.assertEqual(self.ok("GET", f"/api/v1/proposals/{p['id']}", token=self.coord)["ballots_cast"], 0)
        self.vote(p["id"], self.voters[0][0], {"position": "block", "reason": "we have no key holder on Sundays"})
        self.vote(p["id"], self.voters[1][0], {"position": "object", "reason": "too soon"})
        self.vote(p["id"], self.voters[2][0], {"position": "agree"})
        outcome = self.close(p["id"])["outcome"]
        self.assertFalse(outcome["passes"])
        self.assertEqual(outcome["blocks"], ["we have no key holder on Sundays"])
        self.assertEqual(outcome["objections"], ["too soon"])
        self.assertEqual({t["label"]: t["value"] for t in outcome["totals"]},
                         {"agree": "1", "abstain": "0", "object": "1", "block": "1"})

    def test_no_votes_before_opening_or_after_closing(self):
        p = self.draft()
        self.assertProblem(self.req("POST", f"/api/v1/proposals/{p['id']}/ballots", {"position": "agree"},
                                    token=self.voters[0][0]), 409)
        self.ok("POST", f"/api/v1/proposals/{p['id']}/open", token=self.coord)
        self.close(p["id"])
        r = self.req("POST", f"/api/v1/proposals/{p['id']}/ballots", {"position": "agree"}, token=self.voters[0][0])
        self.assertProblem(r, 409)
        self.assertIn("closed", r.json["detail"])
        self.assertEqual(self.ok("GET", f"/api/v1/proposals/{p['id']}", token=self.coord)["ballots_cast"], 0)

    def test_the_electorate_is_frozen_when_voting_opens(self):
        p = self.opened(method="majority")
        late, _ = self.srv.member("asm", "asmlatecomer")
        r = self.req("POST", f"/api/v1/proposals/{p['id']}/ballots", {"position": "yes"}, token=late)
        self.assertProblem(r, 403)
        self.assertFalse(self.ok("GET", f"/api/v1/proposals/{p['id']}", token=late)["viewer"]["may_vote"])

    def test_a_role_electorate_admits_only_that_role(self):
        p = self.opened(method="majority", electorate="role", electorate_role="coordinator")
        self.assertEqual(p["electorate_size"], 1)
        self.assertProblem(self.req("POST", f"/api/v1/proposals/{p['id']}/ballots", {"position": "yes"},
                                    token=self.voters[0][0]), 403)
        self.vote(p["id"], self.coord, {"position": "yes"})

    def test_strangers_and_anonymous_callers_see_nothing(self):
        p = self.opened()
        self.assertProblem(self.req("GET", f"/api/v1/proposals/{p['id']}", token=self.outsider), 404)
        self.assertProblem(self.req("GET", f"/api/v1/proposals/{p['id']}"), 401)
        self.assertProblem(self.req("POST", f"/api/v1/proposals/{p['id']}/ballots", {"position": "agree"},
                                    token=self.outsider), 404)

    # --- methods -------------------------------------------------------------------------------------------
    def test_every_method_counts_and_keeps_its_report(self):
        v = [t for t, _ in self.voters]
        cases = [
            (dict(method="majority", majority="two_thirds"),
             [{"position": "yes"}, {"position": "yes"}, {"position": "no"}, {"position": "abstain"}],
             lambda o: self.assertTrue(o["passes"])),
            (dict(method="approval", options=["soup", "salad", "stew"]),
             [{"approve": [0, 1]}, {"approve": [1]}, {"approve": []}],
             lambda o: self.assertEqual(o["winners"], [1])),
            (dict(method="score", options=["soup", "salad"], max_score=3),
             [{"scores": [3, 1]}, {"scores": [0, 3]}, {"scores": [3, 3]}],
             lambda o: self.assertEqual([t["value"] for t in o["totals"]], ["6", "7"])),
            (dict(method="dot", options=["a", "b", "c"], dots=4),
             [{"dots": [4, 0, 0]}, {"dots": [0, 2, 2]}, {"dots": [1, 0, 3]}],
             lambda o: self.assertEqual(o["winners"], [0])),
            (dict(method="irv", options=["A", "B", "C"]),
             [{"ranking": [0, 1]}, {"ranking": [1, 0]}, {"ranking": [2, 1]}, {"ranking": [1]}, {"ranking": [0]}],
             lambda o: (self.assertEqual(o["winners"], [1]), self.assertEqual(len(o["rounds"]), 2),
                        self.assertEqual(o["rounds"][0]["eliminated"], [2]))),
            (dict(method="stv", options=["A", "B", "C", "D"], seats=2),
             [{"ranking": [0, 1]}, {"ranking": [0, 2]}, {"ranking": [0, 1]}, {"ranking": [3]}, {"ranking": [2]}],
             lambda o: (self.assertEqual(o["winners"][0], 0), self.assertEqual(len(o["winners"]), 2),
                        self.assertGreaterEqual(len(o["rounds"]), 2))),
            (dict(method="schulze", options=["A", "B", "C"]),
             [{"ranking": [0, 1, 2]}, {"ranking": [1, 2, 0]}, {"ranking": [0, 2, 1]}],
             lambda o: self.assertEqual(o["ranking"][0], 0)),
        ]
        for over, ballots, check in cases:
            with self.subTest(method=over["method"]):
                p = self.opened(**over)
                for token, ballot in zip(v, ballots):
                    self.vote(p["id"], token, ballot)
                closed = self.close(p["id"])
                self.assertEqual(closed["outcome"]["participants"], len(ballots))
                check(closed["outcome"])
                # The stored report is what results and the proposal give back later.
                self.assertEqual(self.ok("GET", f"/api/v1/proposals/{p['id']}/results", token=v[4]),
                                 closed["outcome"])

    # --- visibility and quorum -----------------------------------------------------------------------------
    def test_results_visibility(self):
        after_closing = self.opened(method="majority")
        after_voting = self.opened(method="majority", visibility="after_voting")
        always = self.opened(method="majority", visibility="always", anonymous=False)
        token = self.voters[0][0]
        self.assertProblem(self.req("GET", f"/api/v1/proposals/{after_closing['id']}/results", token=token), 409)
        self.assertProblem(self.req("GET", f"/api/v1/proposals/{after_voting['id']}/results", token=token), 409)
        self.assertEqual(self.ok("GET", f"/api/v1/proposals/{always['id']}/results", token=token)["participants"], 0)
        self.vote(after_closing["id"], token, {"position": "yes"})
        self.vote(after_voting["id"], token, {"position": "yes"})
        self.assertProblem(self.req("GET", f"/api/v1/proposals/{after_closing['id']}/results", token=token), 409)
        self.assertEqual(self.ok("GET", f"/api/v1/proposals/{after_voting['id']}/results", token=token)["participants"], 1)
        # Someone who has not voted still waits; after closing everyone sees.
        self.assertProblem(self.req("GET", f"/api/v1/proposals/{after_voting['id']}/results",
                                    token=self.voters[1][0]), 409)
        self.close(after_closing["id"])
        self.assertEqual(self.ok("GET", f"/api/v1/proposals/{after_closing['id']}/results",
                                 token=self.voters[1][0])["participants"], 1)

    def test_below_quorum_the_result_does_not_count(self):
        p = self.opened(method="majority", quorum={"percent": 50})
        self.vote(p["id"], self.voters[0][0], {"position": "yes"})
        outcome = self.close(p["id"])["outcome"]
        self.assertFalse(outcome["quorum_reached"])
        self.assertFalse(outcome["passes"])
        self.assertEqual(outcome["quorum_required"], (p["electorate_size"] + 1) // 2)
        self.assertEqual({t["label"]: t["value"] for t in outcome["totals"]}["yes"], "1")
        ev = [e for e in self.events("asm", self.coord) if e["subject"] == p["id"] and e["type"] == "proposal.closed"]
        self.assertEqual(ev[0]["detail"], "did not reach quorum")

    # --- resisting capture ---------------------------------------------------------------------------------
    def test_waiting_period_and_vouching(self):
        s = self.srv
        s.create_hub("asm-wait", name="Waiting")
        coord, _ = s.join(s.admin_invite("asm-wait", "coordinator"), "asmwaitcoord")
        newcomer, newcomer_id = s.join(s.admin_invite("asm-wait"), "asmwaitnew")
        self.assertEqual(self.ok("GET", "/api/v1/hubs/asm-wait/assembly/settings", token=newcomer),
                         {"waiting_days": 0, "vouches_needed": 2})
        for body, field in (({"waiting_days": 400, "vouches_needed": 1}, "waiting_days"),
                            ({"waiting_days": 7, "vouches_needed": 0}, "vouches_needed"),
                            ({"waiting_days": 7}, "vouches_needed")):
            self.assertProblem(self.req("PUT", "/api/v1/hubs/asm-wait/assembly/settings", body, token=coord), 422,
                               field=field)
        self.assertProblem(self.req("PUT", "/api/v1/hubs/asm-wait/assembly/settings",
                                    {"waiting_days": 7, "vouches_needed": 1}, token=newcomer), 403)
        self.ok("PUT", "/api/v1/hubs/asm-wait/assembly/settings", {"waiting_days": 7, "vouches_needed": 1},
                token=coord)
        # Everyone here joined today: nobody is past the waiting period, so nobody can vouch and nothing opens.
        r = self.req("POST", f"/api/v1/hubs/asm-wait/members/{newcomer_id}/vouch", token=coord)
        self.assertProblem(r, 403)
        self.assertIn("7 days", r.json["detail"])
        p = self.ok("POST", "/api/v1/hubs/asm-wait/proposals", proposal_body(), token=coord, status=201)
        r = self.req("POST", f"/api/v1/proposals/{p['id']}/open", token=coord)
        self.assertProblem(r, 409)
        self.assertEqual(self.ok("GET", f"/api/v1/proposals/{p['id']}", token=coord)["status"], "draft")
        # Self-vouching and strangers are refused.
        self.assertProblem(self.req("POST", f"/api/v1/hubs/asm-wait/members/{newcomer_id}/vouch", token=newcomer),
                           422, field="member")
        self.assertProblem(self.req("POST", "/api/v1/hubs/asm-wait/members/mem_nobody/vouch", token=coord), 404)

    # --- delegates -------------------------------------------------------------------------------------------
    def elect(self, candidates, mandate="Speak for us at the city food council"):
        p = self.opened(kind="election", method="stv", candidates=candidates, mandate=mandate)
        return p

    def test_an_election_makes_delegates_with_their_mandate_and_any_member_can_start_a_recall(self):
        (t0, m0), (t1, m1), (t2, m2), (t3, _), (t4, _) = self.voters
        p = self.elect([m0, m1, m2])
        self.assertEqual(p["kind"], "election")
        self.assertEqual(len(p["options"]), 3)
        self.assertTrue(p["options"][1].startswith("asmvoter1"))
        for token, ranking in ((t0, [1, 0]), (t1, [1]), (t2, [2, 1]), (t3, [1, 2])):
            self.vote(p["id"], token, {"ranking": ranking})
        self.assertEqual(self.close(p["id"])["outcome"]["winners"], [1])
        delegates = [d for d in self.ok("GET", "/api/v1/hubs/asm/delegates", token=t4)["items"]
                     if d["elected_by"] == p["id"]]
        self.assertEqual(len(delegates), 1)
        delegate = delegates[0]
        self.assertEqual((delegate["member_id"], delegate["status"]), (m1, "active"))
        self.assertEqual(delegate["mandate"], "Speak for us at the city food council")

        # The delegate's votes on open-ballot proposals are visible to members once results are public.
        council = self.opened(method="majority", anonymous=False)
        secret = self.opened(method="majority")
        self.vote(council["id"], t1, {"position": "no"})
        self.vote(secret["id"], t1, {"position": "yes"})
        self.assertEqual(self.ok("GET", f"/api/v1/delegates/{delegate['id']}/votes", token=t4)["items"], [])
        self.close(council["id"])
        self.close(secret["id"])
        votes = self.ok("GET", f"/api/v1/delegates/{delegate['id']}/votes", token=t4)["items"]
        self.assertEqual([(v["proposal_id"], v["ballot"]["position"]) for v in votes], [(council["id"], "no")])
        self.assertProblem(self.req("GET", f"/api/v1/delegates/{delegate['id']}/votes", token=self.outsider), 404)

        # Any member starts a recall and may open it; a coordinator cannot sit on it.
        recall = self.ok("POST", "/api/v1/hubs/asm/proposals",
                         proposal_body(kind="recall", method="majority", recall_delegate=delegate["id"],
                                       title="Recall our food council delegate"), token=t4, status=201)
        self.ok("POST", f"/api/v1/proposals/{recall['id']}/open", token=t4, status=200)
        for token in (t0, t2, t3):
            self.vote(recall["id"], token, {"position": "yes"})
        self.close(recall["id"])
        after = {d["id"]: d for d in self.ok("GET", "/api/v1/hubs/asm/delegates", token=t4)["items"]}[delegate["id"]]
        self.assertEqual((after["status"], after["recalled_by"]), ("recalled", recall["id"]))
        self.assertIsNotNone(after["ended_at"])
        # A recalled delegate cannot be recalled again.
        r = self.req("POST", "/api/v1/hubs/asm/proposals",
                     proposal_body(kind="recall", method="majority", recall_delegate=delegate["id"]), token=t4)
        self.assertProblem(r, 422, field="recall_delegate")

    def test_a_delegate_who_deletes_their_account_no_longer_holds_the_mandate(self):
        token, member = self.srv.member("asm", "asmleaving")
        t4 = self.voters[4][0]
        p = self.elect([member, self.voters[0][1]])
        for voter_token in (self.voters[1][0], self.voters[2][0], t4):
            self.vote(p["id"], voter_token, {"ranking": [0]})
        self.close(p["id"])
        mine = [d for d in self.ok("GET", "/api/v1/hubs/asm/delegates", token=t4)["items"] if d["elected_by"] == p["id"]]
        self.assertEqual([(d["member_id"], d["status"]) for d in mine], [(member, "active")])
        # Their export holds the term and how they voted where ballots were open; secret ballots are not theirs to
        # trace any more than anyone's.
        council = self.opened(method="majority", anonymous=False)
        self.vote(council["id"], token, {"position": "yes"})
        export = self.ok("GET", "/api/v1/me/export", token=token, status=200)
        self.assertEqual([d["id"] for d in export["delegate_terms"]["items"]], [mine[0]["id"]])
        self.assertEqual([(v["proposal_id"], v["ballot"]["position"]) for v in export["open_ballot_votes"]["items"]],
                         [(council["id"], "yes")])
        self.assertEqual((export["proposals"], export["loans"], export["waiting_lists"]), ([], [], []))
        self.assertEqual(export["took_part_in"], [council["id"]])
        self.ok("POST", "/api/v1/me/delete", {"password": "a long enough password"}, token=token, status=204)
        after = {d["id"]: d for d in self.ok("GET", "/api/v1/hubs/asm/delegates", token=t4)["items"]}[mine[0]["id"]]
        self.assertNotEqual(after["status"], "active")
        self.assertIsNotNone(after["ended_at"])
        self.assertIn("delegate.ended", [e["type"] for e in self.events("asm", self.coord)])

    def test_bad_elections_and_recalls_name_the_field(self):
        (_, m0), (_, m1) = self.voters[0], self.voters[1]
        cases = [
            (proposal_body(kind="election", method="irv", candidates=[m0, m1], mandate="m"), "method"),
            (proposal_body(kind="election", method="stv", candidates=[m0, "mem_nobody"], mandate="m"),
             "candidates[1]"),
            (proposal_body(kind="election", method="stv", candidates=[m0, m1]), "mandate"),
            (proposal_body(kind="recall", method="majority"), "recall_delegate"),
            (proposal_body(kind="recall", method="majority", recall_delegate="dlg_nobody"), "recall_delegate"),
            (proposal_body(kind="recall", method="consent", recall_delegate="x"), "recall_delegate"),
            (proposal_body(mandate="not an election"), "mandate"),
        ]
        for body, field in cases:
            with self.subTest(field=field, kind=body.get("kind")):
                self.assertProblem(self.req("POST", "/api/v1/hubs/asm/proposals", body, token=self.coord), 422,
                                   field=field)

    # --- time ----------------------------------------------------------------------------------------------
    def test_the_server_closes_and_counts_at_the_closing_time(self):
        p = self.opened(method="majority", closes_at=at(0.05))  # three seconds from now
        self.vote(p["id"], self.voters[0][0], {"position": "yes"})
        time.sleep(4)
        # Past the closing time a ballot is refused at once, before the sweeper has run.
        r = self.req("POST", f"/api/v1/proposals/{p['id']}/ballots", {"position": "no"}, token=self.voters[1][0])
        self.assertProblem(r, 409)
        # The sweeper runs when the server starts and then once a minute: restart rather than wait.
        self.srv.stop()
        self.srv.start()
        # The sweeper's first pass runs beside the server, so give it a moment after the server answers.
        deadline = time.time() + 15
        while True:
            closed = self.ok("GET", f"/api/v1/proposals/{p['id']}", token=self.coord)
            if closed["status"] == "closed" or time.time() > deadline:
                break
            time.sleep(0.1)
        self.assertEqual(closed["status"], "closed")
        self.assertTrue(closed["outcome"]["passes"])
        self.assertEqual(closed["outcome"]["participants"], 1)
        closing = [e for e in self.events("asm", self.coord) if e["subject"] == p["id"] and e["type"] == "proposal.closed"]
        self.assertEqual(closing[0]["actor"], "system")

    # --- open and anonymous ballots ------------------------------------------------------------------------
    def test_open_proposals_show_who_voted_how_and_anonymous_ones_do_not(self):
        open_vote = self.opened(method="majority", anonymous=False)
        secret = self.opened(method="majority")
        for token, _ in self.voters[:2]:
            self.vote(open_vote["id"], token, {"position": "no"})
            self.vote(secret["id"], token, {"position": "no"})
        self.close(open_vote["id"])
        self.close(secret["id"])
        votes = self.ok("GET", f"/api/v1/proposals/{open_vote['id']}/votes", token=self.voters[3][0])["items"]
        self.assertEqual(sorted(v["member_id"] for v in votes), sorted(m for _, m in self.voters[:2]))
        self.assertEqual({v["ballot"]["position"] for v in votes}, {"no"})
        self.assertProblem(self.req("GET", f"/api/v1/proposals/{secret['id']}/votes", token=self.coord), 409)

    def test_anonymous_ballots_cannot_be_linked_to_voters_in_the_database(self):
        p = self.opened(method="approval", options=["a", "b", "c", "d", "e"])
        # Each voter approves a different option, so a ballot's content would betray its voter if anything
        # linked the two tables.
        order = []
        for i, (token, member) in enumerate(self.voters):
            self.vote(p["id"], token, {"approve": [i]})
            order.append(member)
        self.close(p["id"])
        # Closing checkpointed the write-ahead log, whose frames kept the ballots' pages in commit order.
        wal = self.srv.db + "-wal"
        self.assertEqual(os.path.getsize(wal) if os.path.exists(wal) else 0, 0)
        db = sqlite3.connect(f"file:{self.srv.db}?mode=ro", uri=True)
        try:
            def columns(table):
                return [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
            ballot_columns = columns("proposal_ballots")
            participation_columns = columns("proposal_participation")
            # No voter, time or sequence column on ballots; no ballot, time or sequence on participation.
            for forbidden in ("member", "voter", "at", "created_at", "seq", "rowid"):
                self.assertNotIn(forbidden, ballot_columns)
            self.assertEqual(sorted(participation_columns), ["member", "proposal"])
            # Neither table has a rowid that would record insertion order.
            for table in ("proposal_ballots", "proposal_participation"):
                with self.assertRaises(sqlite3.OperationalError):
                    db.execute(f"SELECT rowid FROM {table}").fetchall()
            # Nothing was recorded for an anonymous proposal.
            self.assertEqual(db.execute("SELECT count(*) FROM proposal_recorded_votes WHERE proposal = ?",
                                        (p["id"],)).fetchone()[0], 0)
            # Ballots as stored, in storage order: their order is that of their random ids, not of voting.
            stored = db.execute("SELECT id, approve FROM proposal_ballots WHERE proposal = ?",
                                (p["id"],)).fetchall()
            self.assertEqual(len(stored), 5)
            self.assertEqual([r[0] for r in stored], sorted(r[0] for r in stored))
            voted_in_order = [f"1:{i}" for i in range(5)]
            self.assertEqual(sorted(r[1] for r in stored), voted_in_order)
            # Ballot ids share nothing with member ids or the order of voting.
            for ballot_id, _ in stored:
                for member in order:
                    self.assertNotIn(member, ballot_id)
            # No event recorded a vote (an event's time and actor would sit beside the ballot).
            self.assertEqual(db.execute("SELECT count(*) FROM events WHERE subject = ? AND type LIKE '%vote%'",
                                        (p["id"],)).fetchone()[0], 0)
        finally:
            db.close()


if __name__ == "__main__":
    unittest.main()
