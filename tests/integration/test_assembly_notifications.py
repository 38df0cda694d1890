"""Issue 8 over real HTTP: members read at /api/v1/me/notifications that a proposal opened (its frozen
electorate), that voting closes soon (those who have not voted; `kin notify sweep` runs the same pass `kin serve`
runs every minute) and how it ended (every member of the hub), once each, in the language each member reads, for
proposals opened and closed by hand or by the server's sweeper.
"""
import datetime
import re
import time
import unittest
import uuid

from test_service import ApiTestCase


def at(seconds):
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


class AssemblyNotificationTests(ApiTestCase):
    @classmethod
    def build(cls):
        s = cls.srv
        cls.coord, _ = cls.new_hub("asmn", "asmncoord")
        cls.ana, _ = s.member("asmn", "asmnana")
        cls.bea, _ = s.member("asmn", "asmnbea")
        r = s.request("PATCH", "/api/v1/me", {"languages": ["es"]}, token=cls.bea)
        assert r.status == 200, r
        cls.titles = {}

    def draft(self, **over):
        """A proposal with a title of its own, which its messages end their subjects with; returns its id."""
        body = {"title": f"Sunday pantry {uuid.uuid4().hex[:8]}", "method": "majority", "closes_at": at(3600)}
        body.update(over)
        p = self.ok("POST", "/api/v1/hubs/asmn/proposals", body, token=self.coord, status=201)
        self.titles[p["id"]] = body["title"]
        return p["id"]

    def messages(self, token, pid, kind):
        inbox = self.walk("/api/v1/me/notifications", token, limit=100)[0]
        return [m for m in inbox if m["kind"] == kind and m["subject"].endswith(self.titles[pid])]

    def sweep(self):
        out = self.srv.cli("notify", "sweep", "--db", self.srv.db).stdout
        return int(re.search(r"queued (\d+)", out).group(1))

    def test_opened_closing_soon_and_closed_by_hand(self):
        pid = self.draft(closes_at=at(8))
        electorate = self.ok("POST", f"/api/v1/proposals/{pid}/open", token=self.coord, status=200)["electorate_size"]
        late, _ = self.srv.member("asmn", f"asmnlate{uuid.uuid4().hex[:8]}")  # joined after opening: not in the electorate
        for token in (self.coord, self.ana):
            opened = self.messages(token, pid, "proposal.opened")
            self.assertEqual(len(opened), 1, opened)
            self.assertTrue(opened[0]["subject"].startswith("Voting is open: "), opened[0])
        spanish = self.messages(self.bea, pid, "proposal.opened")
        self.assertEqual(len(spanish), 1)
        self.assertTrue(spanish[0]["subject"].startswith("Votación abierta: "), spanish[0])
        self.assertIn("(UTC)", spanish[0]["body"])
        self.assertEqual(self.messages(late, pid, "proposal.opened"), [])

        self.ok("POST", f"/api/v1/proposals/{pid}/ballots", {"position": "yes"}, token=self.ana, status=201)
        # Voting lasts 8 seconds: "closes soon" comes halfway, to those who have not voted.
        time.sleep(4.5)
        self.assertGreaterEqual(self.sweep(), 2)
        self.assertEqual(self.sweep(), 0)
        self.assertEqual(len(self.messages(self.coord, pid, "proposal.closing_soon")), 1)
        self.assertEqual(self.messages(self.ana, pid, "proposal.closing_soon"), [])
        soon = self.messages(self.bea, pid, "proposal.closing_soon")
        self.assertEqual(len(soon), 1)
        self.assertIn("todavía no has votado", soon[0]["body"])

        self.ok("POST", f"/api/v1/proposals/{pid}/close", token=self.coord, status=200)
        for token in (self.coord, self.ana, late):
            closed = self.messages(token, pid, "proposal.closed")
            self.assertEqual(len(closed), 1, closed)
            self.assertIn("it passed", closed[0]["body"])
            self.assertIn(f"1 of {electorate} members voted", closed[0]["body"])
        self.assertIn("se aprobó", self.messages(self.bea, pid, "proposal.closed")[0]["body"])

    def test_the_server_sweeper_notifies_when_it_opens_and_closes(self):
        closes = time.time() + 8
        pid = self.draft(opens_at=at(2), closes_at=at(8))
        time.sleep(2.5)
        # The sweeper runs when the server starts and then once a minute: restart rather than wait.
        self.srv.stop()
        self.srv.start()
        self.wait_for(pid, "open")
        self.assertEqual(len(self.messages(self.ana, pid, "proposal.opened")), 1)
        time.sleep(max(0.0, closes + 1 - time.time()))
        self.srv.stop()
        self.srv.start()
        closed = self.wait_for(pid, "closed")
        self.assertFalse(closed["outcome"]["passes"])
        result = self.messages(self.ana, pid, "proposal.closed")
        self.assertEqual(len(result), 1)
        self.assertIn("did not pass", result[0]["body"])

    def wait_for(self, pid, status):
        deadline = time.time() + 15
        while True:
            p = self.ok("GET", f"/api/v1/proposals/{pid}", token=self.coord)
            if p["status"] == status or time.time() > deadline:
                self.assertEqual(p["status"], status)
                return p
            time.sleep(0.1)


if __name__ == "__main__":
    unittest.main()
