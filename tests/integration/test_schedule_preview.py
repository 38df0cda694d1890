"""`kin schedule preview`: occurrences of an RRULE one per line in local time, across daylight-saving changes,
and bad input (exit 2, one message naming the flag and the rule part on stderr, nothing on stdout). The rules
themselves are unit-tested in src/schedule."""
import subprocess
import unittest

from kinserver import KIN_BIN


def preview(*args):
    return subprocess.run([KIN_BIN, "schedule", "preview", *args], capture_output=True, text=True, timeout=60)


class SchedulePreviewTest(unittest.TestCase):
    def test_weekly_rule_in_madrid_keeps_the_wall_clock_across_spring_forward(self):
        run = preview("--rrule", "FREQ=WEEKLY;BYDAY=SU", "--dtstart", "20260322T100000", "--tz", "Europe/Madrid",
                      "--count", "3")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stdout.split(), ["20260322T100000", "20260329T100000", "20260405T100000"])

    def test_occurrence_in_the_gap_moves_to_the_new_time_that_night_only(self):
        run = preview("--rrule", "FREQ=DAILY", "--dtstart", "20260327T023000", "--tz", "Europe/Madrid",
                      "--count", "4")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stdout.split(),
                         ["20260327T023000", "20260328T023000", "20260329T033000", "20260330T023000"])

    def test_floating_without_zone_and_exdate(self):
        run = preview("--rrule", "FREQ=DAILY;COUNT=4", "--dtstart", "20260329T023000", "--exdate",
                      "20260330T023000")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stdout.split(), ["20260329T023000", "20260331T023000", "20260401T023000"])

    def test_endless_rule_stops_at_count(self):
        run = preview("--rrule", "FREQ=MONTHLY;BYDAY=1SA", "--dtstart", "20260103T090000", "--tz",
                      "America/New_York", "--count", "2")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stdout.split(), ["20260103T090000", "20260207T090000"])

    def test_bad_input_names_flag_and_part(self):
        cases = [
            (["--rrule", "FREQ=WEEKLY;BYDAY=XX", "--dtstart", "20260105T100000"], "--rrule: BYDAY"),
            (["--rrule", "FREQ=WEEKLY;COUNT=2;UNTIL=20260301T000000", "--dtstart", "20260105T100000"],
             "COUNT and UNTIL"),
            (["--rrule", "FREQ=WEEKLY", "--dtstart", "20260308T023000", "--tz", "America/New_York"],
             "--dtstart: 2026-03-08T02:30:00 does not exist in America/New_York"),
            (["--rrule", "FREQ=WEEKLY", "--dtstart", "2026-01-05"], "--dtstart"),
            (["--rrule", "FREQ=WEEKLY", "--dtstart", "20260105T100000", "--tz", "Nowhere/Town"], "--tz"),
            (["--rrule", "FREQ=WEEKLY;COUNT=2", "--dtstart", "20260105T100000", "--exdate", "20260106T100000"],
             "--exdate #1: 2026-01-06T10:00:00 is not an occurrence"),
        ]
        for args, expected in cases:
            with self.subTest(args=args):
                run = preview(*args)
                self.assertEqual(run.returncode, 2)
                self.assertEqual(run.stdout, "")
                self.assertIn(expected, run.stderr)


if __name__ == "__main__":
    unittest.main()
