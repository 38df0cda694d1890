"""`kin backup` while the server takes writes makes a consistent copy that a new server can run from."""
import os
import shutil
import time
import unittest

from kinserver import KinServer
from test_crash import SLUG, Writers, integrity_check, list_descriptions


class BackupRestoreTest(unittest.TestCase):
    def test_backup_taken_under_load_restores_with_every_need_acknowledged_before_it(self):
        live = KinServer()
        self.addCleanup(live.cleanup)
        live.create_hub(SLUG, "Backup Hub")
        live.start()
        token, _ = live.member(SLUG, "backupwriter")
        writers = Writers(live.port, token, "backup").start()
        time.sleep(1.0)
        with writers.lock:
            acked_before = set(writers.acked)
        backup = os.path.join(live.dir, "backup.db")
        live.cli("backup", "--db", live.db, "--to", backup)
        time.sleep(0.5)
        writers.join()
        self.assertFalse(writers.unexpected, writers.unexpected[:3])
        self.assertTrue(acked_before, "nothing was acknowledged before the backup")
        self.assertEqual(integrity_check(backup), "ok")

        # Restore: the backup and the key file, in a new place, served by a new process.
        restored = KinServer()
        self.addCleanup(restored.cleanup)
        shutil.copy(backup, restored.db)
        shutil.copy(live.db + ".key", restored.db + ".key")
        os.chmod(restored.db + ".key", 0o600)
        restored.start()
        r = restored.request("POST", "/api/v1/sessions",
                             {"handle": "backupwriter", "password": "a long enough password"})
        self.assertEqual(r.status, 201, r)
        listed = list_descriptions(restored, r.json["token"])
        missing = acked_before - listed.keys()
        self.assertFalse(missing, f"{len(missing)} needs acknowledged before the backup are missing from it")
        # Nothing acknowledged after the backup finished can be in it, and nothing appears twice.
        self.assertTrue(all(count == 1 for count in listed.values()))
        self.assertLessEqual(len(listed), len(writers.acked) + writers.unknown)


if __name__ == "__main__":
    unittest.main()
