"""Capacity over real HTTP: places per date or slot, allocation to needs, release, the occupancy view, bad input
that names the field, and concurrent allocations that never overbook a slot."""
import datetime
import threading
import unittest

from test_service import ApiTestCase, need_body


class CapacityTests(ApiTestCase):
    @classmethod
    def build(cls):
        s = cls.srv
        cls.coord, _ = cls.new_hub("shelter", "sheltercoord")
        cls.intake, _ = s.member("shelter", "shelterintake", "intake")
        cls.member, _ = s.member("shelter", "sheltermember")
        cls.today = datetime.datetime.now(datetime.timezone.utc).date()

    def day(self, n=0):
        return (self.today + datetime.timedelta(days=n)).isoformat()

    def pool(self, name="Beds at St Anne's"):
        return self.ok("POST", "/api/v1/hubs/shelter/capacity", {"name": name, "category": "shelter", "unit": "bed"},
                       token=self.intake, status=201)["id"]

    def set_slot(self, pool, date, capacity, slot="night", status=200):
        return self.ok("PUT", f"/api/v1/capacity/{pool}/slots", {"date": date, "slot": slot, "capacity": capacity},
                       token=self.intake, status=status)

    def need(self):
        return self.ok("POST", "/api/v1/hubs/shelter/needs", need_body(description="a bed tonight"),
                       token=self.member, status=201)["id"]

    def test_allocate_release_and_occupancy(self):
        pool = self.pool()
        self.set_slot(pool, self.day(0), 4)
        self.set_slot(pool, self.day(1), 6)
        a = self.ok("POST", f"/api/v1/capacity/{pool}/allocations",
                    {"date": self.day(0), "slot": "night", "need": self.need(), "quantity": 3}, token=self.intake,
                    status=201)
        self.assertEqual((a["status"], a["quantity"], a["slot"]), ("held", 3, "night"))
        occ = self.ok("GET", f"/api/v1/hubs/shelter/occupancy?capacity={pool}", token=self.member, status=200)
        rows = [(r["date"], r["capacity"], r["allocated"], r["free"]) for r in occ["items"]]
        self.assertEqual(rows, [(self.day(0), 4, 3, 1), (self.day(1), 6, 0, 6)])
        r = self.req("POST", f"/api/v1/capacity/{pool}/allocations",
                     {"date": self.day(0), "slot": "night", "need": self.need(), "quantity": 2}, token=self.intake)
        self.assertProblem(r, 409)
        self.assertIn("only 1 bed free", r.json["detail"])
        # Capacity cannot drop below what is given out.
        self.assertProblem(self.req("PUT", f"/api/v1/capacity/{pool}/slots",
                                    {"date": self.day(0), "slot": "night", "capacity": 2}, token=self.intake), 409)
        rel = self.ok("POST", f"/api/v1/capacity-allocations/{a['id']}/release", token=self.intake, status=200)
        self.assertEqual(rel["status"], "released")
        self.assertProblem(self.req("POST", f"/api/v1/capacity-allocations/{a['id']}/release", token=self.intake), 409)
        occ = self.ok("GET", f"/api/v1/hubs/shelter/occupancy?capacity={pool}&from={self.day(0)}&to={self.day(0)}",
                      token=self.member, status=200)
        self.assertEqual([r["free"] for r in occ["items"]], [4])
        types = [e["type"] for e in self.events("shelter", self.coord) if e["subject"] in (pool, a["id"])]
        self.assertEqual(types, ["capacity.created", "capacity.slot_set", "capacity.slot_set", "capacity.allocated",
                                 "capacity.released"])
        listed = self.walk(f"/api/v1/capacity/{pool}/allocations", self.intake)[0]
        self.assertEqual([x["id"] for x in listed], [a["id"]])

    def test_bad_input_names_the_field_and_changes_nothing(self):
        pool = self.pool("Cots")
        self.set_slot(pool, self.day(0), 2, slot="")
        for body, field in [({"date": "30/11/2026", "capacity": 3}, "date"), ({"date": self.day(0)}, "capacity"),
                            ({"date": self.day(0), "capacity": -1}, "capacity"),
                            ({"date": self.day(0), "capacity": "three"}, "capacity"),
                            ({"date": self.day(0), "slot": "Late Night", "capacity": 3}, "slot")]:
            with self.subTest(body=body):
                self.assertProblem(self.req("PUT", f"/api/v1/capacity/{pool}/slots", body, token=self.intake), 422,
                                   field=field)
        need = self.need()
        for body, field in [({"date": self.day(0), "need": need, "quantity": 0}, "quantity"),
                            ({"date": self.day(0), "need": need, "quantity": 1.5}, "quantity"),
                            ({"date": self.day(0), "need": "need_nope", "quantity": 1}, "need"),
                            ({"date": self.day(0), "quantity": 1}, "need")]:
            with self.subTest(body=body):
                self.assertProblem(self.req("POST", f"/api/v1/capacity/{pool}/allocations", body, token=self.intake),
                                   422, field=field)
        occ = self.ok("GET", f"/api/v1/hubs/shelter/occupancy?capacity={pool}", token=self.member, status=200)
        self.assertEqual([(r["capacity"], r["allocated"]) for r in occ["items"]], [(2, 0)])
        self.assertProblem(self.req("GET", "/api/v1/hubs/shelter/occupancy?from=tomorrow", token=self.member), 422,
                           field="from")
        self.assertProblem(self.req("GET", f"/api/v1/hubs/shelter/occupancy?from={self.day(5)}&to={self.day(1)}",
                                    token=self.member), 422, field="to")
        self.assertProblem(self.req("POST", "/api/v1/hubs/shelter/capacity", {"name": "x", "category": "x"},
                                    token=self.intake), 422, field="unit")

    def test_concurrent_allocations_never_overbook(self):
        pool = self.pool("Meals")
        self.set_slot(pool, self.day(2), 3, slot="lunch")
        needs = [self.need() for _ in range(12)]
        results, lock, start = [], threading.Lock(), threading.Barrier(12)

        def go(need):
            start.wait()
            r = self.srv.request("POST", f"/api/v1/capacity/{pool}/allocations",
                                 {"date": self.day(2), "slot": "lunch", "need": need, "quantity": 1}, token=self.intake)
            with lock:
                results.append(r.status)

        threads = [threading.Thread(target=go, args=(n,)) for n in needs]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(results), [201] * 3 + [409] * 9)
        occ = self.ok("GET", f"/api/v1/hubs/shelter/occupancy?capacity={pool}&from={self.day(2)}&to={self.day(2)}",
                      token=self.member, status=200)
        self.assertEqual([(r["allocated"], r["free"]) for r in occ["items"]], [(3, 0)])


if __name__ == "__main__":
    unittest.main()
