"""Stock over real HTTP: items, donations, distributions against needs, counts, low and expiring lists, the event
log, bad input that changes nothing, and concurrent distributions of the last items that never go negative."""
import datetime
import threading
import unittest

from test_service import ApiTestCase, need_body


def rice(**over):
    body = {"name": "Rice, 1 kg bags", "category": "dry-food", "unit": "bag", "place": "back shelf", "low_at": 3}
    body.update(over)
    return body


class StockTests(ApiTestCase):
    @classmethod
    def build(cls):
        s = cls.srv
        cls.coord, cls.coord_id = cls.new_hub("pantry", "pantrycoord")
        cls.intake, _ = s.member("pantry", "pantryintake", "intake")
        cls.member, cls.member_id = s.member("pantry", "pantrymember")
        cls.other, _ = cls.new_hub("elsewhere", "elsecoord")

    def new_item(self, **over):
        return self.ok("POST", "/api/v1/hubs/pantry/stock", rice(**over), token=self.intake, status=201)

    def item(self, item_id):
        return self.ok("GET", f"/api/v1/stock/{item_id}", token=self.member, status=200)

    def moves(self, item_id):
        return self.walk(f"/api/v1/stock/{item_id}/moves", self.member, limit=200)[0]

    def test_donate_distribute_count_and_the_log(self):
        item = self.new_item(quantity=10)
        self.assertEqual(item["quantity"], 10)
        iid = item["id"]
        d = self.ok("POST", f"/api/v1/stock/{iid}/donations", {"quantity": 5, "note": "from the bakery"},
                    token=self.member, status=201)
        self.assertEqual(d["item"]["quantity"], 15)
        self.assertEqual(d["move"]["kind"], "donation")
        self.assertEqual(d["move"]["delta"], 5)
        out = self.ok("POST", f"/api/v1/stock/{iid}/distributions", {"quantity": 4}, token=self.intake, status=201)
        self.assertEqual(out["item"]["quantity"], 11)
        self.assertEqual(out["move"]["delta"], -4)
        c = self.ok("POST", f"/api/v1/stock/{iid}/counts", {"quantity": 9, "reason": "two bags torn"},
                    token=self.coord, status=201)
        self.assertEqual(c["move"]["delta"], -2)
        self.assertEqual(c["move"]["note"], "two bags torn")
        self.assertEqual(self.item(iid)["quantity"], 9)
        moves = self.moves(iid)
        self.assertEqual([m["kind"] for m in moves], ["count", "distribution", "donation", "donation"])
        self.assertEqual([m["quantity_after"] for m in moves], [9, 11, 15, 10])
        # Every change is in the hub's event log, about this item.
        types = [e["type"] for e in self.events("pantry", self.coord) if e["subject"] == iid]
        self.assertEqual(types, ["stock.item_created", "stock.donated", "stock.donated", "stock.distributed",
                                 "stock.counted"])
        # What the member gave is theirs to download.
        mine = self.ok("GET", "/api/v1/me/export", token=self.member, status=200)["stock_moves"]
        self.assertIn((iid, "donation", 5, "from the bakery"),
                      [(m["item_id"], m["kind"], m["delta"], m["note"]) for m in mine])

    def test_patch_changes_details_but_never_the_quantity(self):
        iid = self.new_item(quantity=2)["id"]
        r = self.req("PATCH", f"/api/v1/stock/{iid}", {"quantity": 100}, token=self.intake)
        self.assertProblem(r, 422, field="quantity")
        p = self.ok("PATCH", f"/api/v1/stock/{iid}", {"place": "front", "best_before": "2031-01-31"},
                    token=self.intake, status=200)
        self.assertEqual((p["place"], p["best_before"], p["quantity"]), ("front", "2031-01-31", 2))
        p = self.ok("PATCH", f"/api/v1/stock/{iid}", {"best_before": None}, token=self.intake, status=200)
        self.assertIsNone(p["best_before"])

    def test_distribution_against_a_need_links_it_and_can_fulfil_it(self):
        iid = self.new_item(quantity=20)["id"]
        need = self.ok("POST", "/api/v1/hubs/pantry/needs", need_body(description="groceries for 4", quantity=4),
                       token=self.member, status=201)
        out = self.ok("POST", f"/api/v1/stock/{iid}/distributions",
                      {"quantity": 4, "need": need["id"], "fulfil": True}, token=self.intake, status=201)
        self.assertEqual(out["move"]["need_id"], need["id"])
        self.assertTrue(out["need_fulfilled"])
        self.assertEqual(self.ok("GET", f"/api/v1/needs/{need['id']}", token=self.member)["status"], "fulfilled")
        self.assertIn("need.fulfilled",
                      [e["type"] for e in self.events("pantry", self.coord) if e["subject"] == need["id"]])
        # A fulfilled need takes nothing more; the refusal leaves the stock as it was.
        r = self.req("POST", f"/api/v1/stock/{iid}/distributions", {"quantity": 1, "need": need["id"]},
                     token=self.intake)
        self.assertProblem(r, 409)
        self.assertEqual(self.item(iid)["quantity"], 16)
        # A need of another hub is not one this stock can go to.
        foreign = self.ok("POST", "/api/v1/hubs/elsewhere/needs", need_body(), token=self.other, status=201)
        r = self.req("POST", f"/api/v1/stock/{iid}/distributions", {"quantity": 1, "need": foreign["id"]},
                     token=self.intake)
        self.assertProblem(r, 422, field="need")
        self.assertEqual(self.item(iid)["quantity"], 16)

    def test_bad_quantities_name_the_field_and_change_nothing(self):
        iid = self.new_item(quantity=3)["id"]
        before = self.moves(iid)
        for path, token, body, field in [
            ("donations", self.member, {"quantity": -2}, "quantity"),
            ("donations", self.member, {"quantity": 0}, "quantity"),
            ("donations", self.member, {"quantity": "five"}, "quantity"),
            ("donations", self.member, {"quantity": 1.5}, "quantity"),
            ("donations", self.member, {}, "quantity"),
            ("donations", self.member, {"quantity": 1, "colour": "red"}, "colour"),
            ("distributions", self.intake, {"quantity": -1}, "quantity"),
            ("distributions", self.intake, {"quantity": "1"}, "quantity"),
            ("distributions", self.intake, {"quantity": 1, "fulfil": True}, "fulfil"),
            ("counts", self.coord, {"quantity": -1, "reason": "x"}, "quantity"),
            ("counts", self.coord, {"quantity": 2}, "reason"),
            ("counts", self.coord, {"quantity": 2, "reason": ""}, "reason"),
        ]:
            with self.subTest(path=path, body=body):
                self.assertProblem(self.req("POST", f"/api/v1/stock/{iid}/{path}", body, token=token), 422,
                                   field=field)
        r = self.req("POST", f"/api/v1/stock/{iid}/distributions", {"quantity": 4}, token=self.intake)
        self.assertProblem(r, 409)
        self.assertIn("only 3 bag left", r.json["detail"])
        self.assertEqual(self.item(iid)["quantity"], 3)
        self.assertEqual(self.moves(iid), before)

    def test_bad_items_name_every_field(self):
        before = self.walk("/api/v1/hubs/pantry/stock", self.member, limit=200)[0]
        r = self.req("POST", "/api/v1/hubs/pantry/stock", rice(best_before="2026-02-30"), token=self.intake)
        self.assertProblem(r, 422, field="best_before")
        r = self.req("POST", "/api/v1/hubs/pantry/stock",
                     {"name": "", "category": "Dry Food", "unit": "", "low_at": -1}, token=self.intake)
        self.assertProblem(r, 422)
        named = {e["field"] for e in r.json["errors"]}
        self.assertEqual({"name", "category", "unit", "low_at"}, named)
        after = self.walk("/api/v1/hubs/pantry/stock", self.member, limit=200)[0]
        self.assertEqual(len(after), len(before), "a refused item was saved")
        r = self.req("POST", "/api/v1/hubs/pantry/stock", rice(quantity=-3), token=self.intake)
        self.assertProblem(r, 422, field="quantity")
        r = self.req("GET", "/api/v1/hubs/pantry/stock?low=maybe", token=self.member)
        self.assertProblem(r, 422, field="low")
        r = self.req("GET", "/api/v1/hubs/pantry/stock/expiring?within_days=soon", token=self.member)
        self.assertProblem(r, 422, field="within_days")
        r = self.req("GET", "/api/v1/hubs/pantry/stock/expiring?within_days=999", token=self.member)
        self.assertProblem(r, 422, field="within_days")

    def test_low_stock_and_expiring_lists(self):
        today = datetime.datetime.now(datetime.timezone.utc).date()
        low = self.new_item(name="Oil", quantity=4, low_at=3)["id"]
        self.ok("POST", f"/api/v1/stock/{low}/distributions", {"quantity": 2}, token=self.intake, status=201)
        listed = [i["id"] for i in self.walk("/api/v1/hubs/pantry/stock?low=true", self.member)[0]]
        self.assertIn(low, listed)
        self.assertTrue(all(i["low"] for i in self.walk("/api/v1/hubs/pantry/stock?low=true", self.member)[0]))
        alerts = [e for e in self.events("pantry", self.coord) if e["type"] == "stock.low" and e["subject"] == low]
        self.assertEqual(len(alerts), 1)
        soon = self.new_item(name="Milk", category="fresh", quantity=2,
                             best_before=(today + datetime.timedelta(days=2)).isoformat())["id"]
        later = self.new_item(name="Cheese", category="fresh", quantity=2,
                              best_before=(today + datetime.timedelta(days=30)).isoformat())["id"]
        first = self.new_item(name="Bread", category="fresh", quantity=1,
                              best_before=today.isoformat())["id"]
        page = self.ok("GET", "/api/v1/hubs/pantry/stock/expiring?within_days=7", token=self.member, status=200)
        ids = [i["id"] for i in page["items"]]
        self.assertLess(ids.index(first), ids.index(soon))
        self.assertNotIn(later, ids)
        self.assertIsNone(page["next_cursor"])
        fresh = [i["name"] for i in self.walk("/api/v1/hubs/pantry/stock?category=fresh", self.member)[0]]
        self.assertEqual(sorted(fresh), ["Bread", "Cheese", "Milk"])

    def test_concurrent_distributions_of_the_last_items_never_go_negative(self):
        iid = self.new_item(name="Nappies", quantity=5, low_at=0)["id"]
        results = []
        lock = threading.Lock()
        start = threading.Barrier(20)

        def take():
            start.wait()
            r = self.srv.request("POST", f"/api/v1/stock/{iid}/distributions", {"quantity": 1}, token=self.intake)
            with lock:
                results.append(r.status)

        threads = [threading.Thread(target=take) for _ in range(20)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(results), [201] * 5 + [409] * 15)
        self.assertEqual(self.item(iid)["quantity"], 0)
        outs = [m for m in self.moves(iid) if m["kind"] == "distribution"]
        self.assertEqual(len(outs), 5)
        self.assertEqual(sorted(m["quantity_after"] for m in outs), [0, 1, 2, 3, 4])

    def test_concurrent_multi_unit_distributions_stay_exact(self):
        iid = self.new_item(name="Tins", unit="tin", quantity=7, low_at=0)["id"]
        results = []
        lock = threading.Lock()
        start = threading.Barrier(10)

        def take():
            start.wait()
            r = self.srv.request("POST", f"/api/v1/stock/{iid}/distributions", {"quantity": 3}, token=self.intake)
            with lock:
                results.append(r.status)

        threads = [threading.Thread(target=take) for _ in range(10)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(results.count(201), 2)
        self.assertEqual(results.count(409), 8)
        self.assertEqual(self.item(iid)["quantity"], 1)

    def test_other_hubs_cannot_see_or_touch_stock(self):
        iid = self.new_item(quantity=1)["id"]
        self.assertProblem(self.req("GET", f"/api/v1/stock/{iid}", token=self.other), 404)
        self.assertProblem(self.req("POST", f"/api/v1/stock/{iid}/donations", {"quantity": 1}, token=self.other),
                           404)
        self.assertEqual(self.item(iid)["quantity"], 1)


if __name__ == "__main__":
    unittest.main()
