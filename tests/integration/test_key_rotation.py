"""Key rotation while serving: `kin admin rotate-key` re-seals every contact detail under a new key while
`kin serve` keeps answering, with no restart and no failed request; `--retire-old` drops old keys only once no
value uses them; an interrupted rotation is finished by running the command again."""
import glob
import os
import re
import sqlite3
import stat
import threading
import time
import unittest

from test_service import ApiTestCase, need_body

SEALED_COLUMNS = [("members", "contact_sealed"), ("needs", "private_sealed"), ("hub_smtp", "password_sealed")]


def phone(i):
    return f"+34 622 {i:03d} {i * 7 % 1000:03d}"


class KeyRotationTests(ApiTestCase):
    @classmethod
    def build(cls):
        cls.coord, _ = cls.new_hub("rotation", "rotcoord")
        cls.srv.request("PATCH", "/api/v1/me", {"contact": {"email": "coordinator@example.org"}}, token=cls.coord)
        r = cls.srv.request("PUT", "/api/v1/hubs/rotation/smtp", {"host": "smtp.example.org", "from": "k@example.org",
                                                               "username": "kin", "password": "s3cret"},
                            token=cls.coord)
        assert r.status == 200, r
        cls.needs = {}
        for i in range(120):
            r = cls.srv.request("POST", "/api/v1/hubs/rotation/needs",
                                need_body(contact={"preferred": "phone", "phone": phone(i)}), token=cls.coord)
            assert r.status == 201, r
            cls.needs[r.json["id"]] = phone(i)

    # --- helpers -----------------------------------------------------------------------------------------------
    def key_ids(self):
        """Key id (hex) of every sealed value in the database file, read directly with SQLite."""
        ids = {}
        with sqlite3.connect(self.srv.db, timeout=30) as db:
            for table, column in SEALED_COLUMNS:
                for (blob,) in db.execute(f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL"):
                    kid = bytes(blob[1:5]).hex()
                    ids[kid] = ids.get(kid, 0) + 1
        return ids

    def rotate(self, *extra, check=True):
        return self.srv.cli("admin", "rotate-key", "--db", self.srv.db, *extra, check=check)

    def key_file(self):
        return self.srv.db + ".key"

    def assertEveryContactReadsBack(self):
        for need_id, want in self.needs.items():
            r = self.req("GET", f"/api/v1/needs/{need_id}", token=self.coord)
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.json["contact"]["phone"], want)
        me = self.ok("GET", "/api/v1/me", token=self.coord, status=200)
        self.assertEqual(me["contact"]["email"], "coordinator@example.org")

    # --- the test ----------------------------------------------------------------------------------------------
    def test_rotate_while_serving_then_retire(self):
        before = self.key_ids()
        self.assertEqual(len(before), 1, before)
        old_id = next(iter(before))
        self.assertEqual(sum(before.values()), len(self.needs) + 2)  # and the coordinator's contact, the password

        # Traffic that writes and reads sealed values throughout the rotation.
        failures, done, stop = [], [0], threading.Event()

        def traffic():
            i = 1000
            while not stop.is_set():
                i += 1
                try:
                    r = self.srv.request("POST", "/api/v1/hubs/rotation/needs",
                                         need_body(contact={"preferred": "phone", "phone": phone(i)}),
                                         token=self.coord)
                    if r.status != 201:
                        failures.append(("create", r))
                        continue
                    self.needs[r.json["id"]] = phone(i)
                    g = self.srv.request("GET", f"/api/v1/needs/{r.json['id']}", token=self.coord)
                    if g.status != 200 or g.json["contact"]["phone"] != phone(i):
                        failures.append(("read new", g))
                    some = next(iter(self.needs))
                    g = self.srv.request("GET", f"/api/v1/needs/{some}", token=self.coord)
                    if g.status != 200 or g.json["contact"]["phone"] != self.needs[some]:
                        failures.append(("read old", g))
                    done[0] += 3
                except Exception as e:  # noqa: BLE001 - a dropped connection is a failure too
                    failures.append(("exception", repr(e)))

        thread = threading.Thread(target=traffic)
        thread.start()
        try:
            time.sleep(0.3)
            out = self.rotate("--batch", "5").stdout
            time.sleep(0.3)
        finally:
            stop.set()
            thread.join()
        self.assertEqual(failures, [])
        self.assertGreater(done[0], 0)
        m = re.search(r"rotated to new key ([0-9a-f]{8}): re-sealed (\d+) value", out)
        self.assertIsNotNone(m, out)
        new_id, resealed = m.group(1), int(m.group(2))
        self.assertNotEqual(new_id, old_id)
        self.assertGreaterEqual(resealed, 121)

        # No value in the file names the old key; the WAL was emptied of old ciphertext.
        self.assertEqual(set(self.key_ids()), {new_id})
        header = b"\x01" + bytes.fromhex(old_id)
        for path in glob.glob(self.srv.db + "*"):
            if not path.endswith(".key"):
                with open(path, "rb") as f:
                    self.assertNotIn(header, f.read(), f"{path} still holds a value sealed under the old key")
        self.assertEveryContactReadsBack()

        # The key file: private, two keys (the new one first), written atomically (no temporary left behind).
        st = os.stat(self.key_file())
        self.assertEqual(stat.S_IMODE(st.st_mode), 0o600)
        self.assertEqual(st.st_size, 8 + 2 * 32)
        self.assertEqual(glob.glob(self.key_file() + ".tmp*"), [])

        # An interrupted rotation: put one value back under the old key (a row as a killed rotation leaves it).
        self.restore_one_old_value(old_id)
        r = self.rotate("--retire-old", check=False)
        self.assertEqual(r.returncode, 1, r)
        self.assertIn("1 value is still sealed under an older key", r.stderr)
        self.assertEqual(os.stat(self.key_file()).st_size, 8 + 2 * 32)

        out = self.rotate().stdout
        self.assertIn(f"finished the interrupted rotation to key {new_id}: re-sealed 1 value", out)
        self.assertEqual(set(self.key_ids()), {new_id})

        out = self.rotate("--retire-old").stdout
        self.assertIn(f"retired 1 old key(s)", out)
        self.assertEqual(os.stat(self.key_file()).st_size, 8 + 32)
        self.assertEqual(stat.S_IMODE(os.stat(self.key_file()).st_mode), 0o600)
        self.assertEveryContactReadsBack()

        # A fresh process with only the new key reads everything too.
        self.srv.stop()
        self.srv.start()
        self.assertEveryContactReadsBack()

    def restore_one_old_value(self, old_id):
        """Copies a sealed value made under the old key back into its own row, from the backup taken first."""
        self.assertIsNotNone(self.old_value)
        seq, blob = self.old_value
        self.assertEqual(bytes(blob[1:5]).hex(), old_id)
        with sqlite3.connect(self.srv.db, timeout=30) as db:
            db.execute("UPDATE needs SET private_sealed = ? WHERE seq = ?", (blob, seq))

    old_value = None

    def setUp(self):
        # Keep one value as the old key sealed it, to stage an interrupted rotation later.
        if KeyRotationTests.old_value is None:
            with sqlite3.connect(self.srv.db, timeout=30) as db:
                KeyRotationTests.old_value = db.execute(
                    "SELECT seq, private_sealed FROM needs WHERE private_sealed IS NOT NULL ORDER BY seq LIMIT 1"
                ).fetchone()


class KeyFileSafetyTests(unittest.TestCase):
    def test_rotation_refuses_a_missing_or_exposed_key_file(self):
        from kinserver import KinServer
        srv = KinServer()
        try:
            srv.cli("migrate", "--db", srv.db)
            r = srv.cli("admin", "rotate-key", "--db", srv.db, check=False)
            self.assertEqual(r.returncode, 1)
            self.assertIn("does not exist", r.stderr)
            self.assertFalse(os.path.exists(srv.db + ".key"))
            srv.create_hub("exposed")  # creates the key file
            os.chmod(srv.db + ".key", 0o644)
            r = srv.cli("admin", "rotate-key", "--db", srv.db, check=False)
            self.assertEqual(r.returncode, 1)
            self.assertIn("chmod 600", r.stderr)
        finally:
            srv.cleanup()


if __name__ == "__main__":
    unittest.main()
