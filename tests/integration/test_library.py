"""The library of things over real HTTP: the catalogue, reservations without overlap (buffer included, also when
they race), check-out and check-in with condition notes, maintenance, the waiting list, overdue loans, and bad input
that names the field and changes nothing."""
import datetime
import threading
import time
import unittest

from test_service import ApiTestCase


def at(hours=0, seconds=0):
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=hours, seconds=seconds)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def window(start_h, end_h):
    return {"start": at(start_h), "end": at(end_h)}


class LibraryTests(ApiTestCase):
    @classmethod
    def build(cls):
        s = cls.srv
        cls.coord, _ = cls.new_hub("tools", "toolcoord")
        cls.keeper, _ = s.member("tools", "toolkeeper", "intake")
        cls.ana, cls.ana_id = s.member("tools", "toolana")
        cls.ben, cls.ben_id = s.member("tools", "toolben")

    def thing(self, **over):
        body = {"name": "Cordless drill", "category": "tools", "condition": "good", "max_loan_days": 3,
                "buffer_hours": 2}
        body.update(over)
        return self.ok("POST", "/api/v1/hubs/tools/things", body, token=self.keeper, status=201)

    def reserve(self, thing_id, token, w, status=201):
        return self.ok("POST", f"/api/v1/things/{thing_id}/reservations", w, token=token, status=status)

    def test_reserve_check_out_and_in_with_the_log(self):
        t = self.thing()
        self.assertEqual((t["status"], t["borrowers"], t["buffer_hours"]), ("available", "members", 2))
        loan = self.reserve(t["id"], self.ana, window(0, 24))
        self.assertEqual((loan["status"], loan["borrower_id"]), ("reserved", self.ana_id))
        # Checking in what is not out is refused.
        self.assertProblem(self.req("POST", f"/api/v1/loans/{loan['id']}/checkin", {"condition": "ok"},
                                    token=self.keeper), 409)
        self.assertProblem(self.req("POST", f"/api/v1/loans/{loan['id']}/checkout", token=self.ana), 403)
        out = self.ok("POST", f"/api/v1/loans/{loan['id']}/checkout", token=self.keeper, status=200)
        self.assertEqual((out["status"], out["out_condition"]), ("out", "good"))
        self.assertIsNotNone(out["checked_out_at"])
        self.assertProblem(self.req("POST", f"/api/v1/loans/{loan['id']}/checkin", {}, token=self.keeper), 422,
                           field="condition")
        back = self.ok("POST", f"/api/v1/loans/{loan['id']}/checkin", {"condition": "bit is blunt"},
                       token=self.keeper, status=200)
        self.assertEqual((back["status"], back["return_condition"]), ("returned", "bit is blunt"))
        self.assertEqual(self.ok("GET", f"/api/v1/things/{t['id']}", token=self.ben)["condition"], "bit is blunt")
        events = self.events("tools", self.coord)
        types = [e["type"] for e in events if e["subject"] in (t["id"], loan["id"])]
        self.assertEqual(types, ["lendable.created", "loan.reserved", "loan.checked_out", "loan.returned"])

    def test_overlaps_and_the_buffer_are_refused(self):
        t = self.thing()
        self.reserve(t["id"], self.ana, window(1, 25))
        r = self.req("POST", f"/api/v1/things/{t['id']}/reservations", window(20, 30), token=self.ben)
        self.assertProblem(r, 409)
        r = self.req("POST", f"/api/v1/things/{t['id']}/reservations", window(26, 30), token=self.ben)
        self.assertProblem(r, 409)
        self.assertIn("2 hours between loans", r.json["detail"])
        self.reserve(t["id"], self.ben, window(28, 30))
        cal = self.ok("GET", f"/api/v1/things/{t['id']}/calendar", token=self.ben, status=200)["items"]
        self.assertEqual(len(cal), 2)
        self.assertNotIn("borrower_id", cal[0])  # the calendar never says who

    def test_export_holds_loans_and_waiting_lists_and_deletion_lets_them_go(self):
        leaving, _ = self.srv.member("tools", "toolleaving")
        t = self.thing(name="Ladder")
        taken = self.reserve(t["id"], self.ben, window(100, 110))
        mine = self.reserve(t["id"], leaving, window(200, 210))
        self.ok("POST", f"/api/v1/things/{t['id']}/waitlist", token=leaving, status=204)
        export = self.ok("GET", "/api/v1/me/export", token=leaving, status=200)
        self.assertEqual([l["id"] for l in export["loans"]], [mine["id"]])
        self.assertEqual([w["thing_id"] for w in export["waiting_lists"]], [t["id"]])
        self.ok("POST", "/api/v1/me/delete", {"password": "a long enough password"}, token=leaving, status=204)
        self.assertEqual(self.ok("GET", f"/api/v1/loans/{mine['id']}", token=self.keeper, status=200)["status"],
                         "cancelled")
        self.assertEqual(self.ok("GET", f"/api/v1/loans/{taken['id']}", token=self.keeper, status=200)["status"],
                         "reserved")
        self.assertEqual(self.ok("GET", f"/api/v1/things/{t['id']}/waitlist", token=self.keeper, status=200)["items"],
                         [])

    def test_racing_reservations_let_exactly_one_through(self):
        t = self.thing()
        w = window(50, 52)
        results, lock, start = [], threading.Lock(), threading.Barrier(10)

        def go(token):
            start.wait()
            r = self.srv.request("POST", f"/api/v1/things/{t['id']}/reservations", w, token=token)
            with lock:
                results.append(r.status)

        threads = [threading.Thread(target=go, args=(self.ana if i % 2 else self.ben,)) for i in range(10)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        self.assertEqual(sorted(results), [201] + [409] * 9)

    def test_bad_reservations_name_the_field_and_save_nothing(self):
        t = self.thing()
        for body, field in [({"start": at(1)}, "end"), ({"start": "tomorrow", "end": at(2)}, "start"),
                            (window(5, 1), "end"), (window(-5, -1), "end"), (window(1, 24 * 5), "end"),
                            ({**window(1, 2), "who": "x"}, "who")]:
            with self.subTest(body=body):
                r = self.req("POST", f"/api/v1/things/{t['id']}/reservations", body, token=self.ana)
                self.assertProblem(r, 422, field=field)
        self.assertEqual(self.ok("GET", f"/api/v1/things/{t['id']}/calendar", token=self.ana)["items"], [])
        r = self.req("POST", "/api/v1/hubs/tools/things", {"name": "", "category": "Big Tools", "max_loan_days": 0,
                                                           "buffer_hours": -1}, token=self.keeper)
        self.assertProblem(r, 422)
        self.assertEqual({e["field"] for e in r.json["errors"]}, {"name", "category", "max_loan_days", "buffer_hours"})
        r = self.req("POST", "/api/v1/hubs/tools/things", {"name": "x", "category": "x", "borrowers": "anyone"},
                     token=self.keeper)
        self.assertProblem(r, 422, field="borrowers")

    def test_maintenance_blocks_lending_until_back(self):
        t = self.thing()
        loan = self.reserve(t["id"], self.ana, window(0, 5))
        m = self.ok("POST", f"/api/v1/things/{t['id']}/status", {"status": "maintenance", "note": "new battery"},
                    token=self.keeper, status=200)
        self.assertEqual(m["status"], "maintenance")
        self.assertProblem(self.req("POST", f"/api/v1/things/{t['id']}/reservations", window(10, 12),
                                    token=self.ben), 409)
        self.assertProblem(self.req("POST", f"/api/v1/loans/{loan['id']}/checkout", token=self.keeper), 409)
        listed = self.walk("/api/v1/hubs/tools/things?status=maintenance", self.ana)[0]
        self.assertIn(t["id"], [x["id"] for x in listed])
        self.ok("POST", f"/api/v1/things/{t['id']}/status", {"status": "available"}, token=self.keeper, status=200)
        self.ok("POST", f"/api/v1/loans/{loan['id']}/checkout", token=self.keeper, status=200)
        self.assertProblem(self.req("POST", f"/api/v1/things/{t['id']}/status", {"status": "broken"},
                                    token=self.keeper), 422, field="status")

    def test_rules_say_who_may_borrow(self):
        seat = self.thing(name="Child car seat", category="baby", borrowers="intake")
        self.assertProblem(self.req("POST", f"/api/v1/things/{seat['id']}/reservations", window(1, 3),
                                    token=self.ana), 403)
        self.reserve(seat["id"], self.keeper, window(1, 3))

    def test_waiting_list_and_cancelling(self):
        t = self.thing()
        loan = self.reserve(t["id"], self.ana, window(0, 10))
        self.assertEqual(self.req("POST", f"/api/v1/things/{t['id']}/waitlist", token=self.ben).status, 204)
        self.assertProblem(self.req("POST", f"/api/v1/things/{t['id']}/waitlist", token=self.ben), 409)
        waiting = self.ok("GET", f"/api/v1/things/{t['id']}/waitlist", token=self.keeper, status=200)["items"]
        self.assertEqual([w["member_id"] for w in waiting], [self.ben_id])
        self.assertProblem(self.req("POST", f"/api/v1/loans/{loan['id']}/cancel", token=self.ben), 404)
        c = self.ok("POST", f"/api/v1/loans/{loan['id']}/cancel", token=self.ana, status=200)
        self.assertEqual(c["status"], "cancelled")
        self.assertProblem(self.req("POST", f"/api/v1/loans/{loan['id']}/cancel", token=self.ana), 409)
        # The freed window can be taken; reserving takes Ben off the list.
        self.reserve(t["id"], self.ben, window(0, 10))
        self.assertEqual(self.ok("GET", f"/api/v1/things/{t['id']}/waitlist", token=self.keeper)["items"], [])
        self.assertEqual(self.req("DELETE", f"/api/v1/things/{t['id']}/waitlist", token=self.ben).status, 404)

    def test_members_see_their_own_loans_and_keepers_the_overdue(self):
        t = self.thing()
        loan = self.ok("POST", f"/api/v1/things/{t['id']}/reservations", {"start": at(), "end": at(seconds=2)},
                       token=self.ben, status=201)
        self.ok("POST", f"/api/v1/loans/{loan['id']}/checkout", {"condition": "scratched"}, token=self.keeper,
                status=200)
        mine = self.walk("/api/v1/hubs/tools/loans", self.ben, limit=200)[0]
        self.assertTrue(mine and all(l["borrower_id"] == self.ben_id for l in mine))
        self.assertNotIn(loan["id"], [l["id"] for l in self.walk("/api/v1/hubs/tools/loans", self.ana, 200)[0]])
        time.sleep(3)
        overdue = self.ok("GET", "/api/v1/hubs/tools/loans/overdue", token=self.keeper, status=200)["items"]
        self.assertIn(loan["id"], [l["id"] for l in overdue])
        self.assertProblem(self.req("GET", "/api/v1/hubs/tools/loans/overdue", token=self.ben), 403)
        out = self.walk("/api/v1/hubs/tools/loans?status=out", self.keeper, 200)[0]
        self.assertIn(loan["id"], [l["id"] for l in out])


if __name__ == "__main__":
    unittest.main()
