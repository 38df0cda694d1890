"""Privacy promises over real HTTP: every read of contact details is on record, and the person can see who read
them."""
import unittest

from kinserver import KinServer

SLUG = "privacy"


class ContactAccessLogTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = KinServer().start()
        cls.coord, _ = cls.srv.join(cls.srv.create_hub(SLUG), "privcoord")

    @classmethod
    def tearDownClass(cls):
        cls.srv.cleanup()

    def ask_publicly(self):
        r = self.srv.request("POST", f"/api/v1/hubs/{SLUG}/intake", {
            "category": "food", "description": "hot meals", "contact": {"preferred": "phone", "phone": "+34 611 222 333"}})
        self.assertEqual(r.status, 201, r)
        return r.json["need"]["id"], r.json["status_token"]

    def log_by_token(self, token):
        r = self.srv.request("GET", f"/api/v1/status/{token}/access-log")
        self.assertEqual(r.status, 200, r)
        return r.json["items"]

    def test_reads_by_coordinator_and_helper_are_recorded_and_visible_to_the_person(self):
        need, token = self.ask_publicly()
        self.assertEqual(self.log_by_token(token), [])
        helper, helper_id = self.srv.member(SLUG, "privhelper")
        neighbour, _ = self.srv.member(SLUG, "privneighbour")

        # A fellow member sees no contact, and nothing is recorded.
        r = self.srv.request("GET", f"/api/v1/needs/{need}", token=neighbour)
        self.assertFalse(r.json["contact_visible"])
        self.assertEqual(self.log_by_token(token), [])

        # The coordinator reads the contact: one record.
        r = self.srv.request("GET", f"/api/v1/needs/{need}", token=self.coord)
        self.assertEqual(r.json["contact"]["phone"], "+34 611 222 333")
        log = self.log_by_token(token)
        self.assertEqual(len(log), 1)
        self.assertEqual(log[0]["reason"], "coordinator")

        # The helper who takes it reads it: a second record naming the task.
        offer = self.srv.request("POST", f"/api/v1/hubs/{SLUG}/offers",
                                 {"category": "food", "description": "I cook"}, token=helper).json["id"]
        match = self.srv.request("POST", f"/api/v1/needs/{need}/claim", {"offer": offer}, token=helper).json["id"]
        r = self.srv.request("GET", f"/api/v1/needs/{need}", token=helper)
        self.assertTrue(r.json["contact_visible"])
        log = self.log_by_token(token)
        self.assertEqual([e["reason"] for e in log], ["helper of " + match, "coordinator"])
        self.assertEqual(log[0]["reader_id"], helper_id)

        # Coordinators see the same in the hub's log; helpers may not read the log.
        hub_log = self.srv.request("GET", f"/api/v1/hubs/{SLUG}/access-log", token=self.coord)
        self.assertEqual(hub_log.status, 200)
        self.assertIn(match, " ".join(e["reason"] for e in hub_log.json["items"]))
        self.assertEqual(self.srv.request("GET", f"/api/v1/hubs/{SLUG}/access-log", token=helper).status, 403)
        self.assertEqual(self.srv.request("GET", f"/api/v1/needs/{need}/access-log", token=helper).status, 403)
        self.assertEqual(len(self.srv.request("GET", f"/api/v1/needs/{need}/access-log", token=self.coord)
                             .json["items"]), 2)

    def test_a_member_sees_who_read_their_own_need_and_own_reads_are_not_logged(self):
        asker, _ = self.srv.member(SLUG, "privasker")
        need = self.srv.request("POST", f"/api/v1/hubs/{SLUG}/needs",
                                {"category": "rides", "description": "to the clinic",
                                 "contact": {"email": "me@example.org"}}, token=asker).json["id"]
        self.assertTrue(self.srv.request("GET", f"/api/v1/needs/{need}", token=asker).json["contact_visible"])
        r = self.srv.request("GET", f"/api/v1/needs/{need}/access-log", token=asker)
        self.assertEqual((r.status, r.json["items"]), (200, []))
        self.srv.request("GET", f"/api/v1/needs/{need}", token=self.coord)
        self.assertEqual(len(self.srv.request("GET", f"/api/v1/needs/{need}/access-log", token=asker).json["items"]), 1)

    def test_unknown_status_token_has_no_log(self):
        self.assertEqual(self.srv.request("GET", "/api/v1/status/nope/access-log").status, 404)


if __name__ == "__main__":
    unittest.main()
