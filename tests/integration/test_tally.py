"""`kin tally` on real BLT and CSV files: the JSON report, the text table, and bad input (exit 2, a message naming
the line on stderr, nothing on stdout). Counting rules themselves are unit-tested in src/govern."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from kinserver import KIN_BIN

PARTY_FOOD_BLT = """5 3
4 1 0
2 2 1 0
8 3 4 0
4 3 5 0
1 4 0
1 5 0
0
"Oranges"
"Pears"
"Chocolate"
"Strawberries"
"Hamburgers"
"Party food"
"""

# The Wikipedia "Schulze method" example: 45 voters; the ranking is E > A > C > B > D.
SCHULZE_BLT = """5 1
5 1 3 2 5 4 0
5 1 4 5 3 2 0
8 2 5 4 1 3 0
3 3 1 2 5 4 0
7 3 1 5 2 4 0
2 3 2 1 4 5 0
7 4 3 5 2 1 0
8 5 2 1 4 3 0
0
"A"
"B"
"C"
"D"
"E"
"""

RANKINGS_CSV = """ballot_id,rank1,rank2,rank3
1,Ana,Bo,
2,Ana,,
3,Bo,Ana,
4,Cy,,Bo
5,Cy,Ana|Bo,
6,Bo,,
7,Ana,Cy,Bo
"""


class TallyTests(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="kin-tally-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def tally(self, *args, stdin=None):
        return subprocess.run([KIN_BIN, "tally", *args], capture_output=True, text=True, timeout=120, input=stdin)

    def count(self, *args, stdin=None):
        p = self.tally(*args, stdin=stdin)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr, "")
        return json.loads(p.stdout)

    def assertBadInput(self, args, message, stdin=None):
        p = self.tally(*args, stdin=stdin)
        self.assertEqual(p.returncode, 2, p)
        self.assertEqual(p.stdout, "", "bad input must print nothing on stdout")
        self.assertIn(message, p.stderr)
        self.assertEqual(p.stderr.count("\n"), 1, p.stderr)  # one clear message

    def test_stv_party_food_json(self):
        out = self.count("--method", "stv", self.write("food.blt", PARTY_FOOD_BLT))
        self.assertEqual(out["winners"], ["Chocolate", "Oranges", "Strawberries"])
        self.assertEqual([r["round"] for r in out["rounds"]], [1, 2, 3, 4])
        first, second = out["rounds"][0], out["rounds"][1]
        self.assertEqual(first["threshold"], "6.00000")
        self.assertEqual(first["elected"], ["Chocolate"])
        self.assertEqual(second["tally"], {"Oranges": "4.00000", "Pears": "2.00000", "Chocolate": "6.00000",
                                           "Strawberries": "5.00000", "Hamburgers": "3.00000"})
        self.assertEqual(second["eliminated"], ["Pears"])
        self.assertEqual(out["rounds"][3]["inactive"]["exhausted"], "3.00000")

    def test_every_round_adds_up_to_all_ballots(self):
        for method in ("irv", "stv", "meek"):
            args = ["--method", method, "--decimals", "6"]
            if method != "irv":
                args += ["--seats", "2"]
            out = self.count(*args, self.write("r.csv", RANKINGS_CSV))
            for r in out["rounds"]:
                total = sum(float(v) for v in r["tally"].values()) + sum(float(v) for v in r["inactive"].values())
                self.assertAlmostEqual(total, 7.0, places=6, msg=f"{method} round {r['round']}")

    def test_irv_csv_shape_and_defaults(self):
        out = self.count("--method", "irv", self.write("r.csv", RANKINGS_CSV))
        self.assertEqual(set(out), {"winners", "rounds"})
        first = out["rounds"][0]
        self.assertEqual(set(first) - {"notes"}, {"round", "threshold", "tally", "elected", "eliminated", "inactive"})
        self.assertEqual(set(first["inactive"]), {"exhausted", "overvotes", "skipped", "repeated"})
        self.assertEqual(first["tally"], {"Ana": "3", "Bo": "2", "Cy": "2"})
        self.assertEqual(first["threshold"], "4")
        # Bo and Cy tie at 2 in round 1 with no earlier round: Cy, listed later (first seen later), goes.
        self.assertEqual(first["eliminated"], ["Cy"])
        second = out["rounds"][1]
        # Ballot 4 (Cy, blank, Bo) passes one blank rank; ballot 5 reaches the overvote Ana|Bo and exhausts.
        self.assertEqual(second["tally"], {"Ana": "3", "Bo": "3"})
        self.assertEqual(second["inactive"]["overvotes"], "1")
        self.assertEqual(out["winners"], ["Ana"])

    def test_candidates_set_the_tie_breaking_order(self):
        out = self.count("--method", "irv", "--candidates", "Ana,Cy,Bo", self.write("r.csv", RANKINGS_CSV))
        self.assertEqual(out["rounds"][0]["eliminated"], ["Bo"])
        self.assertIn("listed later in the candidate order", out["rounds"][0]["notes"][0])

    def test_rules_change_with_flags(self):
        path = self.write("r.csv", RANKINGS_CSV)
        out = self.count("--method", "irv", "--max-skipped", "0", path)
        self.assertEqual(out["rounds"][1]["inactive"]["skipped"], "1")
        out = self.count("--method", "irv", "--overvote", "exhaust-if-multiple", path)
        self.assertEqual(out["rounds"][1]["inactive"]["overvotes"], "1")

    def test_schulze_wikipedia_example(self):
        out = self.count("--method", "schulze", self.write("s.blt", SCHULZE_BLT))
        self.assertEqual(out["ranking"], ["E", "A", "C", "B", "D"])
        self.assertEqual(out["winners"], ["E"])
        self.assertEqual(out["pairwise"]["A"]["B"], "20")
        self.assertEqual(out["strongest_paths"]["E"]["D"], "31")

    def test_meek_and_stdin_with_detection_by_content(self):
        out = self.count("--method", "meek", "-", stdin=PARTY_FOOD_BLT)
        self.assertEqual(out["winners"], ["Chocolate", "Strawberries", "Oranges"])
        self.assertEqual(out["rounds"][0]["threshold"], "5.000000001")

    def test_text_format(self):
        p = self.tally("--method", "stv", "--format", "text", self.write("food.blt", PARTY_FOOD_BLT))
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("Party food", p.stdout)
        self.assertIn("Round 4", p.stdout)
        self.assertIn("Winners: Chocolate, Oranges, Strawberries", p.stdout)

    def test_bad_input(self):
        blt = self.write("bad.blt", "3 1\n1 1 2 0\n2 3 1\n0\n\"A\"\n\"B\"\n\"C\"\n")
        self.assertBadInput(["--method", "irv", blt], "bad.blt: line 3: expected 0 at the end of a ballot")
        blt = self.write("range.blt", "2 1\n1 1 7 0\n0\n\"A\"\n\"B\"\n")
        self.assertBadInput(["--method", "stv", blt], "line 2: expected a candidate number from 1 to 2")
        csv = self.write("r.csv", RANKINGS_CSV)
        self.assertBadInput(["--method", "irv", "--candidates", "Ana,Bo", csv], 'line 5: unknown candidate "Cy"')
        dup = self.write("dup.csv", "ballot_id,r1\n1,A\n2,B\n1,B\n")
        self.assertBadInput(["--method", "irv", dup], "line 4: ballot_id 1 is used again (first on line 2)")
        self.assertBadInput(["--method", "stv", "--seats", "4", csv], "seats: 4 seats but only 3 candidates")
        self.assertBadInput(["--method", "irv", self.write("food.blt", PARTY_FOOD_BLT)], "IRV fills one")
        self.assertBadInput(["--method", "borda", csv], '--method: "borda" is not one of irv, stv, meek, schulze')
        self.assertBadInput(["--method", "irv", "--overvote", "count", csv], '--overvote: "count" is not one of')
        self.assertBadInput(["--method", "irv", "--quota", "hare", csv], "--quota applies to stv only")
        self.assertBadInput(["--method", "meek", "--decimals", "2", csv], "decimals: Meek")
        self.assertBadInput(["--method", "irv", os.path.join(self.dir, "missing.csv")], "cannot read")
        self.assertBadInput(["--method", "irv", self.write("empty.csv", "")], "line 1: the file is empty")


if __name__ == "__main__":
    unittest.main()
