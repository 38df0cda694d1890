"""Calendar feeds of shifts, parsed with an independent iCalendar parser (python3-icalendar): the public feed of
a hub's open shifts (free places, no names) and a member's private feed behind a revocable token."""
import datetime
import sys
import unittest
from zoneinfo import ZoneInfo

try:
    from icalendar import Calendar
except ImportError:  # an interpreter other than Debian's python3 (pyenv, venv): use Debian's python3-icalendar
    sys.path.append("/usr/lib/python3/dist-packages")
    from icalendar import Calendar

from test_service import ApiTestCase

MADRID = ZoneInfo("Europe/Madrid")
UTC = datetime.timezone.utc


class ShiftCalendarTests(ApiTestCase):
    @classmethod
    def build(cls):
        s = cls.srv
        s.cli("admin", "create-hub", "--db", s.db, "--slug", "cal", "--name", "Calendar Hub, Riverside",
              "--time-zone", "Europe/Madrid")
        token = s.cli("admin", "invite", "--db", s.db, "--hub", "cal", "--role", "coordinator").stdout
        cls.coord, _ = s.join(token.split("invite token: ")[1].split()[0], "calcoord")
        cls.ana, cls.ana_id = s.member("cal", "calana")
        cls.bo, _ = s.member("cal", "calbo")
        now = datetime.datetime.now(MADRID)
        days = (2 - now.weekday()) % 7 + 7
        cls.first = (now + datetime.timedelta(days=days)).replace(hour=18, minute=0, second=0, microsecond=0)
        body = {"name": "Soup; kitchen, Wednesdays", "place": "Hall, Calle Mayor 3",
                "description": "Bring an apron.\nWe cook for 60.", "dtstart": cls.first.strftime("%Y%m%dT%H%M%S"),
                "duration_minutes": 150, "rrule": "FREQ=WEEKLY;COUNT=3",
                "slots": [{"role": "cook", "max_people": 1}]}
        cls.shift = s.request("POST", "/api/v1/hubs/cal/shifts", body, token=cls.coord).json
        occ = cls.first.strftime("%Y%m%dT%H%M%S")
        r = s.request("POST", f"/api/v1/shifts/{cls.shift['id']}/occurrences/{occ}/signups", {"role": "cook"},
                      token=cls.ana)
        assert r.status == 201, r
        cls.place = r.json
        r = s.request("POST", f"/api/v1/shifts/{cls.shift['id']}/occurrences/{occ}/signups", {"role": "cook"},
                      token=cls.bo)
        assert r.status == 201 and r.json["status"] == "waiting", r

    def parse(self, r):
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.headers["content-type"].startswith("text/calendar"), r.headers)
        self.assertIn("\r\n", r.body)
        for line in r.body.split("\r\n"):
            self.assertLessEqual(len(line.encode()), 75, line)
        cal = Calendar.from_ical(r.body)
        self.assertEqual(str(cal["VERSION"]), "2.0")
        return cal, [c for c in cal.walk() if c.name == "VEVENT"]

    def test_public_feed_lists_only_occurrences_with_free_places_and_no_names(self):
        cal, events = self.parse(self.req("GET", "/api/v1/hubs/cal/shifts.ics"))
        self.assertEqual(str(cal["X-WR-CALNAME"]), "Calendar Hub, Riverside: open shifts")
        # The first occurrence is full (Ana holds the one cook place); the other two are open.
        starts = [e.decoded("DTSTART") for e in events]
        expected = [(self.first + datetime.timedelta(days=7 * i)).astimezone(UTC) for i in (1, 2)]
        self.assertEqual(starts, expected)
        for e in events:
            self.assertEqual(str(e["SUMMARY"]), "Soup; kitchen, Wednesdays")
            self.assertEqual(str(e["LOCATION"]), "Hall, Calle Mayor 3")
            self.assertEqual(str(e["DESCRIPTION"]), "Bring an apron.\nWe cook for 60.\nFree places: cook 1")
            self.assertEqual(e.decoded("DTEND") - e.decoded("DTSTART"), datetime.timedelta(minutes=150))
        self.assertEqual(len({str(e["UID"]) for e in events}), 2)
        self.assertNotIn("calana", self.req("GET", "/api/v1/hubs/cal/shifts.ics").body)
        self.assertProblem(self.req("GET", "/api/v1/hubs/nowhere/shifts.ics"), 404)

    def test_private_feed_needs_its_token_and_stops_when_revoked(self):
        grant = self.ok("POST", "/api/v1/me/calendar-token", token=self.ana, status=201)
        self.assertTrue(grant["url"].endswith("/api/v1/calendars/" + grant["token"]))
        path = "/api/v1/calendars/" + grant["token"]
        _, events = self.parse(self.req("GET", path))
        self.assertEqual(len(events), 1)
        e = events[0]
        self.assertEqual(str(e["SUMMARY"]), "Soup; kitchen, Wednesdays: cook")
        self.assertEqual(str(e["STATUS"]), "CONFIRMED")
        self.assertEqual(e.decoded("DTSTART"), self.first.astimezone(UTC))
        self.assertEqual(str(e["UID"]), self.place["id"] + "@kin")
        # Bo's feed shows Bo's place on the waiting list, and nothing of Ana's.
        bo = self.ok("POST", "/api/v1/me/calendar-token", token=self.bo, status=201)
        _, bo_events = self.parse(self.req("GET", "/api/v1/calendars/" + bo["token"]))
        self.assertEqual([str(x["STATUS"]) for x in bo_events], ["TENTATIVE"])
        # A new link replaces the old one; revoking ends the new one too.
        again = self.ok("POST", "/api/v1/me/calendar-token", token=self.ana, status=201)
        self.assertProblem(self.req("GET", path), 404)
        self.parse(self.req("GET", "/api/v1/calendars/" + again["token"]))
        self.assertEqual(self.req("DELETE", "/api/v1/me/calendar-token", token=self.ana).status, 204)
        self.assertProblem(self.req("GET", "/api/v1/calendars/" + again["token"]), 404)
        self.assertProblem(self.req("GET", "/api/v1/calendars/not-a-token"), 404)
        self.assertProblem(self.req("POST", "/api/v1/me/calendar-token"), 401)


if __name__ == "__main__":
    unittest.main()
