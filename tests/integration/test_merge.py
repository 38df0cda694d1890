"""Merging duplicate needs over HTTP: intake keeps one and the other is closed as its duplicate, its task is
cancelled, the event log records it, and bad requests name the field and change nothing."""
import unittest

from test_service import ApiTestCase, need_body, offer_body


class MergeTests(ApiTestCase):
    @classmethod
    def build(cls):
        cls.coord, _ = cls.new_hub("merge", "mergecoord")
        cls.intake, _ = cls.srv.member("merge", "mergeintake", "intake")
        cls.member, _ = cls.srv.member("merge", "mergemember")
        cls.other_coord, _ = cls.new_hub("merge-other", "mergeother")

    def need(self, description, slug="merge", token=None):
        return self.ok("POST", f"/api/v1/hubs/{slug}/needs?on_behalf=true", need_body(description=description),
                       token=token or self.intake, status=201)["id"]

    def merge(self, dup, into, token=None):
        return self.req("POST", f"/api/v1/needs/{dup}/merge", {"into": into}, token=token or self.intake)

    def status_of(self, need):
        return self.ok("GET", f"/api/v1/needs/{need}", token=self.coord, status=200)["status"]

    def test_intake_merges_a_duplicate_and_the_log_links_them(self):
        kept, dup = self.need("Rice for four"), self.need("Rice for four (called twice)")
        offer = self.ok("POST", "/api/v1/hubs/merge/offers", offer_body("food", 5), token=self.member, status=201)["id"]
        match = self.ok("POST", f"/api/v1/needs/{dup}/claim", {"offer": offer}, token=self.member, status=201)["id"]
        r = self.merge(dup, kept)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["status"], "cancelled")
        self.assertEqual(self.status_of(kept), "open")
        self.assertEqual(self.ok("GET", f"/api/v1/matches/{match}", token=self.coord, status=200)["status"],
                         "cancelled")
        events = self.walk("/api/v1/hubs/merge/events", self.coord, 200)[0]
        merged = [e for e in events if e["type"] == "need.merged"]
        self.assertEqual(len(merged), 1)
        self.assertEqual(merged[0]["subject"], dup)
        self.assertIn(kept, merged[0]["detail"])
        # A second merge of the same need is a conflict.
        self.assertProblem(self.merge(dup, kept), 409)

    def test_bad_merges_name_the_field_and_change_nothing(self):
        kept, dup = self.need("Milk"), self.need("Milk again")
        elsewhere = self.need("Milk", slug="merge-other", token=self.other_coord)
        self.assertProblem(self.merge(dup, dup), 422, field="into")
        self.assertProblem(self.merge(dup, elsewhere), 422, field="into")
        self.assertProblem(self.merge(dup, "need_doesnotexist"), 422, field="into")
        self.assertProblem(self.req("POST", f"/api/v1/needs/{dup}/merge", {}, token=self.intake), 422, field="into")
        self.assertProblem(self.req("POST", f"/api/v1/needs/{dup}/merge", {"into": kept, "extra": 1},
                                    token=self.intake), 422, field="extra")
        self.assertProblem(self.merge(dup, kept, token=self.member), 403)
        self.assertProblem(self.merge(dup, kept, token=self.other_coord), 404)
        self.assertEqual(self.status_of(dup), "open")
        self.assertEqual(self.status_of(kept), "open")


if __name__ == "__main__":
    unittest.main()
