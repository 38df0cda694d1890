"""The care-hours ledger: hours actually done per person and kind of work, as JSON and as an SVG chart kin draws.
Members see names (alphabetical, never a ranking); anyone else sees only totals per kind of work."""
import datetime
import time
import unittest
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

from test_service import ApiTestCase

MADRID = ZoneInfo("Europe/Madrid")
SVG = "{http://www.w3.org/2000/svg}"


class CareHoursTests(ApiTestCase):
    @classmethod
    def build(cls):
        s = cls.srv
        s.cli("admin", "create-hub", "--db", s.db, "--slug", "care", "--name", "Care & Co", "--time-zone",
              "Europe/Madrid")
        token = s.cli("admin", "invite", "--db", s.db, "--hub", "care", "--role", "coordinator").stdout
        cls.coord, _ = s.join(token.split("invite token: ")[1].split()[0], "carecoord")
        # Display names: Zoe does more hours than Ana, yet Ana is listed first.
        cls.zoe, _ = s.join(s.admin_invite("care"), "carezoe", display_name="Zoe <b>")
        cls.ana, _ = s.join(s.admin_invite("care"), "careana", display_name="Ana")
        cls.outsider, _ = cls.new_hub("careother", "careoutsider")
        start = datetime.datetime.now(MADRID).replace(microsecond=0) + datetime.timedelta(seconds=3)
        occ = start.strftime("%Y%m%dT%H%M%S")
        body = {"name": "Soup", "place": "Hall", "dtstart": occ, "duration_minutes": 120,
                "slots": [{"role": "cook", "max_people": 2}, {"role": "driver", "max_people": 1}]}
        shift = s.request("POST", "/api/v1/hubs/care/shifts", body, token=cls.coord).json
        places = {}
        for tok, role in ((cls.zoe, "cook"), (cls.ana, "driver")):
            r = s.request("POST", f"/api/v1/shifts/{shift['id']}/occurrences/{occ}/signups", {"role": role}, token=tok)
            assert r.status == 201, r
            places[tok] = r.json["id"]
            assert s.request("POST", f"/api/v1/signups/{places[tok]}/check-in", token=tok).status == 200
        time.sleep(max(0.0, (start - datetime.datetime.now(MADRID)).total_seconds()) + 1.2)
        for tok, minutes in ((cls.zoe, 150), (cls.ana, 45)):
            r = s.request("POST", f"/api/v1/signups/{places[tok]}/hours", {"minutes": minutes}, token=tok)
            assert r.status == 200, r

    def test_members_see_names_in_alphabetical_order(self):
        ledger = self.ok("GET", "/api/v1/hubs/care/care-hours", token=self.zoe, status=200)
        self.assertTrue(ledger["names_shown"])
        self.assertEqual([r["name"] for r in ledger["rows"]], ["Ana", "Zoe <b>"])
        self.assertEqual(ledger["rows"][1]["minutes_by_role"], {"cook": 150})
        self.assertEqual(ledger["minutes_by_role"], {"cook": 150, "driver": 45})
        self.assertEqual(ledger["total_minutes"], 195)
        self.assertEqual(ledger["people"], 2)

    def test_others_see_totals_without_names(self):
        for token in (None, self.outsider):
            with self.subTest(token=token):
                ledger = self.ok("GET", "/api/v1/hubs/care/care-hours", token=token, status=200)
                self.assertFalse(ledger["names_shown"])
                self.assertEqual(ledger["rows"], [])
                self.assertEqual(ledger["minutes_by_role"], {"cook": 150, "driver": 45})
                self.assertEqual(ledger["people"], 2)

    def test_bad_periods_name_the_field(self):
        self.assertProblem(self.req("GET", "/api/v1/hubs/care/care-hours?from=yesterday"), 422, "from")
        self.assertProblem(self.req("GET", "/api/v1/hubs/care/care-hours?from=2026-01-01T00:00:00Z"
                                           "&to=2025-01-01T00:00:00Z"), 422, "to")
        self.assertProblem(self.req("GET", "/api/v1/hubs/nowhere/care-hours"), 404)

    def chart(self, token=None, lang=None):
        headers = {}
        cookies = []
        if token:
            cookies.append(f"kin_session={token}")
        if lang:
            cookies.append(f"kin_lang={lang}")
        if cookies:
            headers["Cookie"] = "; ".join(cookies)
        r = self.req("GET", "/h/care/care-hours.svg", headers=headers)
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.headers["content-type"].startswith("image/svg+xml"))
        root = ET.fromstring(r.body)  # well-formed XML, names escaped
        self.assertEqual(root.tag, SVG + "svg")
        self.assertEqual(root.get("role"), "img")
        texts = [t.text for t in root.iter(SVG + "text")]
        return root, texts

    def test_svg_chart_names_members_only(self):
        _, texts = self.chart(self.ana)
        self.assertIn("Ana", texts)
        self.assertIn("Zoe <b>", texts)
        self.assertLess(texts.index("Ana"), texts.index("Zoe <b>"))
        self.assertIn("2.5 h", texts)
        root, texts = self.chart()
        self.assertNotIn("Ana", texts)
        self.assertNotIn("Zoe <b>", texts)
        self.assertIn("cook", texts)
        self.assertEqual(root.find(SVG + "title").text, "Care hours in Care & Co, last 28 days")
        root, _ = self.chart(lang="es")
        self.assertEqual(root.find(SVG + "title").text, "Horas de cuidados en Care & Co, últimos 28 días")


if __name__ == "__main__":
    unittest.main()
