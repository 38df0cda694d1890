"""Shift reminders and empty-slot alerts: computed from the schedule by the sweep (`kin notify sweep` runs the
same sweep `kin serve` runs every minute), queued once each in the outbox members read at
/api/v1/me/notifications, and emailed through the hub's mail server (here a local SMTP sink)."""
import asyncore
import datetime
import re
import socket
import threading
import unittest
import warnings
from zoneinfo import ZoneInfo

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import smtpd

from test_service import ApiTestCase

MADRID = ZoneInfo("Europe/Madrid")


class Sink(smtpd.SMTPServer):
    def __init__(self):
        super().__init__(("127.0.0.1", 0), None, decode_data=True)
        self.port = self.socket.getsockname()[1]
        self.received = []

    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        self.received.append((mailfrom, rcpttos, data))


class ShiftNotificationTests(ApiTestCase):
    @classmethod
    def build(cls):
        s = cls.srv
        s.cli("admin", "create-hub", "--db", s.db, "--slug", "remind", "--name", "Remind", "--time-zone",
              "Europe/Madrid")
        token = s.cli("admin", "invite", "--db", s.db, "--hub", "remind", "--role", "coordinator").stdout
        cls.coord, _ = s.join(token.split("invite token: ")[1].split()[0], "remcoord")
        cls.ana, _ = s.member("remind", "remana")
        cls.bo, _ = s.member("remind", "rembo")
        for tok, name in ((cls.ana, "ana"), (cls.bo, "bo")):
            r = s.request("PATCH", "/api/v1/me", {"contact": {"preferred": "email", "email": f"{name}@example.org"}},
                          token=tok)
            assert r.status == 200, r
        now = datetime.datetime.now(MADRID).replace(microsecond=0)
        cls.soon = now + datetime.timedelta(minutes=90)   # the 2-hour reminder is due
        cls.tomorrow = now + datetime.timedelta(hours=30)  # within the 48 hours of empty-slot alerts

        def create(name, start, slots):
            body = {"name": name, "place": "Hall", "dtstart": start.strftime("%Y%m%dT%H%M%S"),
                    "duration_minutes": 60, "slots": slots}
            r = s.request("POST", "/api/v1/hubs/remind/shifts", body, token=cls.coord)
            assert r.status == 201, r
            return r.json

        cls.kitchen = create("Kitchen", cls.soon, [{"role": "cook", "max_people": 2, "min_people": 0}])
        r = s.request("POST", f"/api/v1/shifts/{cls.kitchen['id']}/occurrences/"
                      f"{cls.soon.strftime('%Y%m%dT%H%M%S')}/signups", {"role": "cook"}, token=cls.ana)
        assert r.status == 201, r
        cls.delivery = create("Delivery", cls.tomorrow, [{"role": "driver", "max_people": 2, "min_people": 1}])
        cls.first_sweep = cls.sweep()

    @classmethod
    def sweep(cls, *extra):
        out = cls.srv.cli("notify", "sweep", "--db", cls.srv.db, *extra).stdout
        return {k: int(v) for k, v in re.findall(r"(queued|sent) (\d+)", out)}

    def inbox(self, token):
        return self.walk("/api/v1/me/notifications", token, limit=50)[0]

    def test_reminders_and_alerts_are_queued_once(self):
        # Ana's reminder; alerts to Ana, Bo and the coordinator (all free then).
        self.assertEqual(self.first_sweep["queued"], 4)
        self.assertEqual(self.sweep()["queued"], 0)
        ana = self.inbox(self.ana)
        kinds = sorted(m["kind"] for m in ana)
        self.assertEqual(kinds, ["shift.empty_slots", "shift.reminder"])
        reminder = next(m for m in ana if m["kind"] == "shift.reminder")
        self.assertIn("Kitchen", reminder["subject"])
        t = self.soon
        self.assertIn(f"{t:%a} {t.day} {t:%b} {t.year}, {t:%H:%M} (Europe/Madrid)", reminder["subject"])
        bo = self.inbox(self.bo)
        self.assertEqual([m["kind"] for m in bo], ["shift.empty_slots"])
        self.assertIn("still needs 1 driver", bo[0]["body"])

    def test_reminder_preferences(self):
        self.assertEqual(self.ok("GET", "/api/v1/me/reminders", token=self.bo, status=200),
                         {"offsets_minutes": [1440, 120]})
        r = self.req("PUT", "/api/v1/me/reminders", {"offsets_minutes": [2]}, token=self.bo)
        self.assertProblem(r, 422, "offsets_minutes[0]")
        self.assertProblem(self.req("PUT", "/api/v1/me/reminders", {"offsets_minutes": "soon"}, token=self.bo), 422,
                           "offsets_minutes")
        self.assertEqual(self.ok("PUT", "/api/v1/me/reminders", {"offsets_minutes": [30, 2880]}, token=self.bo,
                                 status=200), {"offsets_minutes": [2880, 30]})
        self.assertProblem(self.req("GET", "/api/v1/me/reminders"), 401)

    def test_mail_server_is_set_by_coordinators_and_used_to_send(self):
        url = "/api/v1/hubs/remind/smtp"
        self.assertEqual(self.ok("GET", url, token=self.ana, status=200), {"smtp": None})
        self.assertEqual(self.sweep("--send").get("sent"), 0)  # no mail server yet: readable in the app only
        self.assertTrue(all(m["sent_at"] is None for m in self.inbox(self.ana)))
        self.assertProblem(self.req("PUT", url, {"host": "localhost", "from": "a@example.org"}, token=self.ana), 403)
        r = self.req("PUT", url, {"host": "bad host", "port": 0, "from": "nobody"}, token=self.coord)
        self.assertProblem(r, 422)
        self.assertEqual(sorted(e["field"] for e in r.json["errors"]), ["from", "host", "port"])
        sink = Sink()
        loop = threading.Thread(target=asyncore.loop, kwargs={"timeout": 0.05}, daemon=True)
        loop.start()
        try:
            self.ok("PUT", url, {"host": "127.0.0.1", "port": sink.port, "from": "shifts@remind.example.org"},
                    token=self.coord, status=200)
            result = self.sweep("--send")
            self.assertGreaterEqual(result["sent"], 1)
            to_ana = [data for _, rcpt, data in sink.received if rcpt == ["ana@example.org"]]
            self.assertTrue(any("Subject: Reminder: Kitchen" in d for d in to_ana), sink.received)
            self.assertTrue(all(m["sent_at"] for m in self.inbox(self.ana)))
            self.assertEqual(self.sweep("--send").get("sent"), 0)
        finally:
            sink.close()
            self.assertEqual(self.req("DELETE", url, token=self.coord).status, 204)

    def test_mail_server_sign_in_is_never_shown_and_never_sent_without_tls(self):
        url = "/api/v1/hubs/remind/smtp"
        sink = Sink()  # plain SMTP: no STARTTLS
        loop = threading.Thread(target=asyncore.loop, kwargs={"timeout": 0.05}, daemon=True)
        loop.start()
        try:
            body = {"host": "127.0.0.1", "port": sink.port, "from": "shifts@remind.example.org", "username": "kin",
                    "password": "hunter2 but longer"}
            r = self.req("PUT", url, body, token=self.coord)
            self.assertEqual(r.status, 200, r)
            self.assertNotIn("hunter2", r.body)
            self.assertEqual(r.json["smtp"]["username"], "kin")
            self.assertTrue(r.json["smtp"]["password_set"])
            seen = self.req("GET", url, token=self.ana)
            self.assertNotIn("hunter2", seen.body)
            self.assertTrue(seen.json["smtp"]["password_set"])
            self.assertEqual(seen.json["smtp"]["username"], "")  # members see that mail is on, not the sign-in
            self.assertEqual(self.ok("GET", url, token=self.coord, status=200)["smtp"]["username"], "kin")
            # Cy takes the kitchen's second place: a reminder to send. The server offers no TLS, so nothing is
            # sent (and so no password): the message stays unsent.
            cy, _ = self.srv.member("remind", "remcy")
            self.ok("PATCH", "/api/v1/me", {"contact": {"preferred": "email", "email": "cy@example.org"}}, token=cy)
            r = self.req("POST", f"/api/v1/shifts/{self.kitchen['id']}/occurrences/"
                         f"{self.soon.strftime('%Y%m%dT%H%M%S')}/signups", {"role": "cook"}, token=cy)
            self.assertEqual(r.status, 201, r)
            result = self.sweep("--send")
            self.assertGreaterEqual(result["queued"], 1)
            self.assertEqual(result.get("sent"), 0)
            self.assertEqual(sink.received, [])
            reminder = [m for m in self.inbox(cy) if m["kind"] == "shift.reminder"]
            self.assertEqual(len(reminder), 1)
            self.assertIsNone(reminder[0]["sent_at"])
            # Changing the host without a password keeps it; a username without one is refused.
            body.pop("password")
            self.assertTrue(self.ok("PUT", url, body, token=self.coord, status=200)["smtp"]["password_set"])
            self.assertProblem(self.req("PUT", url, dict(body, password=None), token=self.coord), 422, "password")
            self.assertProblem(self.req("PUT", url, dict(body, username="", password="x"), token=self.coord), 422,
                               "username")
            plain = self.ok("PUT", url, dict(body, username=None), token=self.coord, status=200)["smtp"]
            self.assertEqual((plain["username"], plain["password_set"]), ("", False))
        finally:
            sink.close()
            self.assertEqual(self.req("DELETE", url, token=self.coord).status, 204)


if __name__ == "__main__":
    unittest.main()
