"""Need lists are cached until the database changes: by this server, or by another process."""
import sqlite3
import unittest

from kinserver import KinServer


class NeedListCacheTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = KinServer().start()
        cls.token, _ = cls.srv.join(cls.srv.create_hub("cache"), "cachecoord")

    @classmethod
    def tearDownClass(cls):
        cls.srv.cleanup()

    def descriptions(self, query="limit=50"):
        r = self.srv.request("GET", f"/api/v1/hubs/cache/needs?{query}", token=self.token)
        self.assertEqual(r.status, 200, r)
        return [n["description"] for n in r.json["items"]]

    def create(self, description):
        r = self.srv.request("POST", "/api/v1/hubs/cache/needs", {"category": "food", "description": description},
                             token=self.token)
        self.assertEqual(r.status, 201, r)
        return r.json["id"]

    def test_a_write_through_the_server_shows_at_once(self):
        self.create("first")
        self.assertIn("first", self.descriptions())
        self.assertIn("first", self.descriptions())  # served from the cache
        self.create("second")
        self.assertEqual(self.descriptions()[0], "second")

    def test_a_write_by_another_process_shows_at_once(self):
        need = self.create("before")
        self.assertIn("before", self.descriptions())
        db = sqlite3.connect(self.srv.db, timeout=30)
        db.execute("UPDATE needs SET description = 'changed elsewhere' WHERE id = ?", (need,))
        db.commit()
        db.close()
        self.assertIn("changed elsewhere", self.descriptions())

    def test_the_cache_never_skips_the_membership_check(self):
        self.descriptions()
        self.assertEqual(self.srv.request("GET", "/api/v1/hubs/cache/needs?limit=50").status, 401)
        stranger, _ = self.srv.join(self.srv.create_hub("cache-other"), "cachestranger")
        self.assertEqual(self.srv.request("GET", "/api/v1/hubs/cache/needs?limit=50", token=stranger).status, 403)

    def test_query_order_does_not_matter_but_values_do(self):
        self.create("ordered")
        self.assertEqual(self.descriptions("limit=5&status=open"), self.descriptions("status=open&limit=5"))
        self.assertEqual(self.descriptions("status=cancelled&limit=5"), [])


if __name__ == "__main__":
    unittest.main()
