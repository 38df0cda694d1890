"""Library things imported from CSV over real HTTP: a column mapping, a dry run that lists what would be added and
changed and every row it cannot take (line, field, column), then all or nothing."""
import unittest
import urllib.parse

from test_service import ApiTestCase


class LibraryImportTests(ApiTestCase):
    @classmethod
    def build(cls):
        s = cls.srv
        cls.coord, _ = cls.new_hub("lendcsv", "lendcoord")
        cls.keeper, _ = s.member("lendcsv", "lendkeeper", "intake")
        cls.member, _ = s.member("lendcsv", "lendmember")

    def import_csv(self, data, query="", content_type="text/csv", token=None):
        return self.srv.request("POST", f"/api/v1/hubs/lendcsv/things/import{query}", raw=data,
                                headers={"Content-Type": content_type}, token=token or self.keeper)

    def things(self):
        return {t["name"]: t for t in self.ok("GET", "/api/v1/hubs/lendcsv/things?limit=200", token=self.coord)["items"]}

    def test_dry_run_then_apply_adds_and_changes_things(self):
        self.ok("POST", "/api/v1/hubs/lendcsv/things", {"name": "Ladder", "category": "tools", "max_loan_days": 2},
                token=self.keeper, status=201)
        data = ("Thing,Kind,Days,Who,Owner\r\n"
                "Ladder,tools,5,,Ana\r\n"
                "\"Tent, 4 people\",camping,7,members,Ben\r\n"
                "Car seat,children,3,intake,\r\n").encode()
        q = "?" + urllib.parse.urlencode({"name": "Thing", "category": "Kind", "max_loan_days": "Days",
                                          "borrowers": "Who"})
        before = self.things()
        r = self.import_csv(data, q + "&dry_run=true")
        self.assertEqual(r.status, 200, r)
        self.assertEqual([c["name"] for c in r.json["creates"]], ["Tent, 4 people", "Car seat"])
        self.assertEqual([(u["name"], u["changes"], u["line"]) for u in r.json["updates"]],
                         [("Ladder", ["max_loan_days"], 2)])
        self.assertEqual(r.json["ignored_columns"], ["Owner"])
        self.assertFalse(r.json["applied"])
        self.assertEqual(self.things(), before, "a dry run saved something")
        r = self.import_csv(data, q)
        self.assertEqual(r.status, 201, r)
        self.assertTrue(r.json["applied"])
        after = self.things()
        self.assertEqual(after["Ladder"]["max_loan_days"], 5)
        self.assertEqual(after["Car seat"]["borrowers"], "intake")
        self.assertEqual(after["Tent, 4 people"]["category"], "camping")
        # The same file again changes nothing.
        r = self.import_csv(data, q + "&dry_run=true")
        self.assertEqual((r.json["creates"], r.json["updates"], r.json["unchanged"]), ([], [], 3))

    def test_every_bad_row_is_listed_and_nothing_is_saved(self):
        data = (b"name,category,max_loan_days,borrowers\n"
                b"Saw,tools,a week,\n"
                b"Rake,Garden Tools,3,\n"
                b"Seat,children,3,anyone\n"
                b"Bad\xff,tools,3,\n"
                b"Hoe,garden,3,\n"
                b"Hoe,garden,4,\n")
        before = self.things()
        r = self.import_csv(data, "?dry_run=true")
        self.assertEqual(r.status, 200, r)
        self.assertEqual([(e["line"], e["field"]) for e in r.json["errors"]],
                         [(2, "max_loan_days"), (3, "category"), (4, "borrowers"), (5, "name"), (7, "name")])
        self.assertIn("already on line 6", r.json["errors"][-1]["detail"])
        self.assertProblem(self.import_csv(data), 422, field="lines[2].max_loan_days")
        self.assertEqual(self.things(), before, "a refused import saved something")
        self.assertProblem(self.import_csv(b"name\nDrill\n"), 422, field="lines[1].category")
        self.assertProblem(self.import_csv(b"name,category\n", "?price=Price"), 422, field="price")
        self.assertProblem(self.import_csv(b"", "?dry_run=true"), 422, field="csv")
        self.assertProblem(self.import_csv(b"name,category\nDrill,tools\n", content_type="application/json"), 422,
                           field="Content-Type")
        self.assertProblem(self.import_csv(b"name,category\nDrill,tools\n", token=self.member), 403)
        self.assertEqual(self.things(), before)


if __name__ == "__main__":
    unittest.main()
