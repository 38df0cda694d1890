"""`kin simulate city` and `kin allocate` on the real binary: a simulated city, the comparison, and bad input."""
import json
import os
import subprocess
import tempfile
import unittest

from kinserver import KIN_BIN


def run(*args, stdin=None):
    return subprocess.run([KIN_BIN, *args], input=stdin, capture_output=True, text=True, timeout=300)


class AllocateTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def write(self, name, text):
        path = os.path.join(self.dir.name, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def city(self, *args):
        p = run("simulate", "city", *args)
        self.assertEqual(p.returncode, 0, p.stderr)
        return p.stdout

    def test_simulate_is_deterministic_and_documented_shape(self):
        a = self.city("--needs", "200", "--offers", "80", "--seed", "7")
        b = self.city("--needs", "200", "--offers", "80", "--seed", "7")
        c = self.city("--needs", "200", "--offers", "80", "--seed", "8")
        self.assertEqual(a, b)
        self.assertNotEqual(a, c)
        city = json.loads(a)
        self.assertEqual(city["format"], "kin-city/1")
        self.assertEqual(len(city["needs"]), 200)
        self.assertEqual(len(city["helpers"]), 80)
        self.assertNotRegex(a, r'"lat":-?[0-9.]+E')

    def test_allocate_optimal_and_greedy(self):
        path = self.write("city.json", self.city("--needs", "400", "--offers", "150", "--seed", "3",
                                                 "--scarcity", "1.5"))
        city = json.loads(open(path).read())
        results = {}
        for method in ("optimal", "greedy"):
            p = run("allocate", "--method", method, path)
            self.assertEqual(p.returncode, 0, p.stderr)
            r = json.loads(p.stdout)
            results[method] = r
            self.assertEqual(r["method"], method)
            capacity = {h["id"]: h["capacity"] - h["current_load"] for h in city["helpers"]}
            quantity = {n["id"]: n["quantity"] for n in city["needs"]}
            for a in r["assignments"]:
                capacity[a["helper"]] -= a["units"]
                quantity[a["need"]] -= a["units"]
                self.assertIn("distance_km", a["why"])
                self.assertIn("urgency", a["why"])
            self.assertTrue(all(v >= 0 for v in capacity.values()), "capacity exceeded")
            self.assertTrue(all(v >= 0 for v in quantity.values()), "need over-served")
            unmet = {u["need"]: u for u in r["unmet"]}
            for need, left in quantity.items():
                if left > 0:
                    self.assertEqual(unmet[need]["units"], left)
                    self.assertIn(unmet[need]["reason"], {
                        "category_nobody_offers", "no_helper_within_reach", "window_too_tight",
                        "no_shared_language", "requirement_not_met", "declined_by_all", "capacity_used_up"})
            self.assertIn("seconds", r["stats"])
            if method == "optimal":
                self.assertIs(r["stats"]["proven_optimal"], True)
        o, g = results["optimal"]["objective"], results["greedy"]["objective"]
        self.assertGreaterEqual(o["priority_met"], g["priority_met"])

    def test_compare_report(self):
        path = self.write("city.json", self.city("--needs", "300", "--offers", "100", "--seed", "5"))
        p = run("allocate", "--compare", path)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("priority of units met", p.stdout)
        self.assertIn("greedy better than optimal: no", p.stdout)

    def test_bad_input_exits_2_naming_item_and_field(self):
        city = json.loads(self.city("--needs", "5", "--offers", "3", "--seed", "1"))
        cases = []
        bad = json.loads(json.dumps(city)); bad["needs"][2]["place"]["lat"] = 123
        cases.append((json.dumps(bad), "needs[2].place.lat", city["needs"][2]["id"]))
        bad = json.loads(json.dumps(city)); bad["helpers"][1]["capacity"] = -3
        cases.append((json.dumps(bad), "helpers[1].capacity", city["helpers"][1]["id"]))
        bad = json.loads(json.dumps(city)); bad["needs"][0]["category"] = "yachts"
        cases.append((json.dumps(bad), "needs[0].category", city["needs"][0]["id"]))
        bad = json.loads(json.dumps(city)); bad["needs"][4]["id"] = bad["needs"][3]["id"]
        cases.append((json.dumps(bad), "needs[4].id", city["needs"][3]["id"]))
        bad = json.loads(json.dumps(city)); bad["helpers"][0]["radius_km"] = "far"
        cases.append((json.dumps(bad), "helpers[0].radius_km", city["helpers"][0]["id"]))
        cases.append(('{"needs": [', "$", "malformed JSON"))
        for text, field, item in cases:
            p = run("allocate", self.write("bad.json", text))
            self.assertEqual(p.returncode, 2, (field, p.stdout, p.stderr))
            self.assertIn(field, p.stderr)
            self.assertIn(item, p.stderr)
            self.assertEqual(p.stdout, "")


if __name__ == "__main__":
    unittest.main()
