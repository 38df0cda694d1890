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


class PersonalDataTests(unittest.TestCase):
    """Export, sign-in list and revocation, and account deletion."""

    @classmethod
    def setUpClass(cls):
        cls.srv = KinServer().start()
        cls.coord, _ = cls.srv.join(cls.srv.create_hub("pd"), "pdcoord")

    @classmethod
    def tearDownClass(cls):
        cls.srv.cleanup()

    def test_export_holds_my_needs_offers_tasks_and_who_read_my_contact(self):
        me, me_id = self.srv.member("pd", "pdexporter")
        need = self.srv.request("POST", "/api/v1/hubs/pd/needs", {
            "category": "food", "description": "soup", "contact": {"phone": "+34 622 000 111"}}, token=me).json["id"]
        self.srv.request("POST", "/api/v1/hubs/pd/offers", {"category": "rides", "description": "I drive"}, token=me)
        self.srv.request("GET", f"/api/v1/needs/{need}", token=self.coord)  # a recorded read
        r = self.srv.request("GET", "/api/v1/me/export", token=me)
        self.assertEqual(r.status, 200, r)
        self.assertIn("attachment", r.headers.get("content-disposition", ""))
        data = r.json
        self.assertEqual(data["profile"]["id"], me_id)
        self.assertEqual([n["id"] for n in data["needs"]], [need])
        self.assertEqual(data["needs"][0]["contact"]["phone"], "+34 622 000 111")
        self.assertEqual([o["category"] for o in data["offers"]], ["rides"])
        self.assertEqual(len(data["contact_reads"]), 1)
        self.assertTrue(data["sessions"])
        self.assertNotIn("token_hash", r.body)
        self.assertNotIn("password", r.body)

    def test_a_person_lists_and_revokes_their_sign_ins(self):
        first, _ = self.srv.member("pd", "pdsessions")
        second = self.srv.request("POST", "/api/v1/sessions",
                                  {"handle": "pdsessions", "password": "a long enough password"}).json["token"]
        sessions = self.srv.request("GET", "/api/v1/me/sessions", token=first).json["items"]
        self.assertEqual(len(sessions), 2)
        newest = sessions[0]["id"]  # the second sign-in
        self.assertEqual(self.srv.request("DELETE", f"/api/v1/me/sessions/{newest}", token=first).status, 204)
        self.assertEqual(self.srv.request("GET", "/api/v1/me", token=second).status, 401)
        self.assertEqual(self.srv.request("GET", "/api/v1/me", token=first).status, 200)
        self.assertEqual(self.srv.request("DELETE", "/api/v1/me/sessions/ffffffffffffffff", token=first).status, 404)

    def test_deleting_an_account_removes_the_person_everywhere(self):
        me, me_id = self.srv.member("pd", "pdleaver")
        helper, _ = self.srv.member("pd", "pdstayer")
        need = self.srv.request("POST", "/api/v1/hubs/pd/needs", {
            "category": "food", "description": "Ana at Calle Luna 7", "contact": {"phone": "+34 633 444 555"}},
            token=me).json["id"]
        offer = self.srv.request("POST", "/api/v1/hubs/pd/offers",
                                 {"category": "food", "description": "I cook on Calle Luna"}, token=me).json["id"]
        # Someone else's need that the leaving member had taken on goes back to open.
        other = self.srv.request("POST", "/api/v1/hubs/pd/needs", {"category": "food", "description": "bread"},
                                 token=helper).json["id"]
        self.assertEqual(self.srv.request("POST", f"/api/v1/needs/{other}/claim", {"offer": offer}, token=me).status,
                         201)

        wrong = self.srv.request("POST", "/api/v1/me/delete", {"password": "not it at all"}, token=me)
        self.assertEqual(wrong.status, 422)
        self.assertEqual(wrong.json["errors"][0]["field"], "password")
        self.assertEqual(self.srv.request("POST", "/api/v1/me/delete", {"password": "a long enough password"},
                                          token=me).status, 204)

        self.assertEqual(self.srv.request("GET", "/api/v1/me", token=me).status, 401)
        self.assertEqual(self.srv.request("POST", "/api/v1/sessions",
                                          {"handle": "pdleaver", "password": "a long enough password"}).status, 401)
        gone = self.srv.request("GET", f"/api/v1/needs/{need}", token=self.coord).json
        self.assertEqual(gone["status"], "cancelled")
        self.assertEqual(gone["description"], "")
        self.assertEqual(gone["contact"]["phone"], "")
        self.assertIsNone(gone["requester_id"])
        self.assertEqual(self.srv.request("GET", f"/api/v1/needs/{other}", token=helper).json["status"], "open")
        paused = self.srv.request("GET", f"/api/v1/offers/{offer}", token=self.coord).json
        self.assertEqual((paused["status"], paused["description"]), ("paused", ""))
        members = self.srv.request("GET", "/api/v1/hubs/pd/members?limit=200", token=self.coord).json["items"]
        self.assertNotIn(me_id, [m["id"] for m in members])

        # No trace in the database file or its log, nor in a backup made afterwards.
        backup = self.srv.dir + "/after-delete.db"
        self.srv.cli("backup", "--db", self.srv.db, "--to", backup)
        for path in (self.srv.db, self.srv.db + "-wal", backup):
            try:
                data = open(path, "rb").read()
            except FileNotFoundError:
                continue
            self.assertNotIn(b"Calle Luna", data, path)
            self.assertNotIn(b"pdleaver", data, path)
