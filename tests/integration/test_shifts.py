"""Shifts over real HTTP (issue 6): scheduling in a hub's time zone across daylight-saving changes, sign-ups with
a waiting list, collisions, the withdrawal cut-off, fair access, check-in, hours, no-shows marked by peers,
swaps, one-off changes, and bad input that names the field and saves nothing.

The server runs on the real clock, so shifts are placed relative to now."""
import datetime
import time
import unittest
from zoneinfo import ZoneInfo

from test_service import ApiTestCase

MADRID = ZoneInfo("Europe/Madrid")


def local(dt):
    return dt.strftime("%Y%m%dT%H%M%S")


def rfc3339(dt):
    return dt.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def shift_body(dtstart, **over):
    body = {"name": "Community kitchen", "place": "Hall on Calle Mayor", "dtstart": dtstart,
            "duration_minutes": 180, "rrule": "FREQ=WEEKLY",
            "slots": [{"role": "cook", "max_people": 2}, {"role": "medic", "qualification": "first aid certificate",
                                                          "min_people": 0, "max_people": 1}]}
    body.update(over)
    return body


class ShiftTests(ApiTestCase):
    @classmethod
    def build(cls):
        s = cls.srv
        s.cli("admin", "create-hub", "--db", s.db, "--slug", "kitchen", "--name", "Kitchen", "--time-zone",
              "Europe/Madrid")
        invite = s.cli("admin", "invite", "--db", s.db, "--hub", "kitchen", "--role", "coordinator").stdout
        token = invite.split("invite token: ")[1].split()[0]
        cls.coord, cls.coord_id = s.join(token, "kcoord")
        cls.people = {}
        for name in ("ana", "bo", "cy", "dee", "eli"):
            cls.people[name] = s.member("kitchen", "k" + name)
        cls.other_hub_coord, _ = cls.new_hub("elsewhere", "ecoord")
        # Next Wednesday at 18:00 Madrid time, at least two days away: far from every cut-off.
        now = datetime.datetime.now(MADRID)
        days = (2 - now.weekday()) % 7 + 7
        cls.wednesday = (now + datetime.timedelta(days=days)).replace(hour=18, minute=0, second=0, microsecond=0)

    def tok(self, name):
        return self.people[name][0]

    def mid(self, name):
        return self.people[name][1]

    def create(self, body, status=201):
        return self.ok("POST", "/api/v1/hubs/kitchen/shifts", body, token=self.coord, status=status)

    def sign_up(self, shift, occurrence, name, role="cook", **extra):
        return self.req("POST", f"/api/v1/shifts/{shift}/occurrences/{occurrence}/signups",
                        {"role": role, **extra}, token=self.tok(name))

    def shifts_count(self):
        return len(self.walk("/api/v1/hubs/kitchen/shifts", self.coord, limit=200)[0])

    def test_occurrences_keep_local_time_across_the_autumn_change(self):
        body = shift_body("20271020T180000", rrule="FREQ=WEEKLY;COUNT=3", name="Autumn soup")
        shift = self.create(body)
        view = self.ok("GET", f"/api/v1/shifts/{shift['id']}?from=2027-10-19T00:00:00Z&to=2027-11-10T00:00:00Z",
                       token=self.tok("ana"), status=200)
        self.assertEqual(view["time_zone"], "Europe/Madrid")
        self.assertEqual([o["local_start"] for o in view["occurrences"]],
                         ["20271020T180000", "20271027T180000", "20271103T180000"])
        # Clocks go back on 31 October 2027: 18:00 is 16:00Z before and 17:00Z after.
        self.assertEqual([o["start"] for o in view["occurrences"]],
                         ["2027-10-20T16:00:00Z", "2027-10-27T16:00:00Z", "2027-11-03T17:00:00Z"])
        self.assertEqual(view["occurrences"][0]["end"], "2027-10-20T19:00:00Z")

    def test_bad_input_names_the_field_and_saves_nothing(self):
        before = self.shifts_count()
        cases = [
            (shift_body("20271020T180000", rrule="FREQ=WEEKLY;BYDAY=XX"), "rrule", "BYDAY"),
            (shift_body("20271020T180000", rrule="FREQ=WEEKLY;COUNT=2;UNTIL=20280101T000000"), "rrule", "COUNT"),
            (shift_body("20270328T023000"), "dtstart", "does not exist in Europe/Madrid"),
            (shift_body("2027-10-20 18:00"), "dtstart", "YYYYMMDDTHHMMSS"),
            (shift_body("20271020T180000", slots=[]), "slots", "at least one"),
            (shift_body("20271020T180000", slots=[{"role": "medic", "max_people": 1}]), "slots[0].qualification",
             ""),
            (shift_body("20271020T180000", slots=[{"role": "cook", "min_people": 3, "max_people": 2}]),
             "slots[0].min_people", ""),
            (shift_body("20271020T180000", exdates=["20271021T180000"]), "exdates[0]", "not an occurrence"),
            (shift_body("20271020T180000", duration_minutes=5), "duration_minutes", ""),
        ]
        for body, field, words in cases:
            with self.subTest(field=field, body=body):
                r = self.req("POST", "/api/v1/hubs/kitchen/shifts", body, token=self.coord)
                self.assertProblem(r, 422, field)
                detail = " ".join(e["detail"] for e in r.json["errors"])
                self.assertIn(words, detail)
        self.assertEqual(self.shifts_count(), before)

    def test_only_coordinators_schedule_and_only_members_read(self):
        body = shift_body(local(self.wednesday))
        self.assertProblem(self.req("POST", "/api/v1/hubs/kitchen/shifts", body, token=self.tok("ana")), 403)
        shift = self.create(body)
        self.assertProblem(self.req("GET", f"/api/v1/shifts/{shift['id']}", token=self.other_hub_coord), 404)
        self.assertProblem(self.req("GET", f"/api/v1/shifts/{shift['id']}"), 401)

    def test_full_slot_waiting_list_and_promotion(self):
        shift = self.create(shift_body(local(self.wednesday), name="Full kitchen"))
        occ = local(self.wednesday)
        first = self.sign_up(shift["id"], occ, "ana").json
        self.assertEqual(first["status"], "confirmed")
        self.assertEqual(self.sign_up(shift["id"], occ, "bo").json["status"], "confirmed")
        self.assertProblem(self.sign_up(shift["id"], occ, "cy", wait=False), 409)
        waiting = self.sign_up(shift["id"], occ, "cy")
        self.assertEqual(waiting.status, 201, waiting)
        self.assertEqual(waiting.json["status"], "waiting")
        self.assertProblem(self.sign_up(shift["id"], occ, "ana"), 409)  # already has a place there
        self.ok("POST", f"/api/v1/signups/{first['id']}/withdraw", token=self.tok("ana"), status=200)
        mine = self.ok("GET", "/api/v1/me/shifts", token=self.tok("cy"), status=200)
        cy = [s for s in mine["signups"] if s["shift"] == shift["id"]]
        self.assertEqual([s["status"] for s in cy], ["confirmed"])
        self.assertEqual(cy[0]["shift_name"], "Full kitchen")
        # Cleanup for other tests: leave this occurrence.
        for name in ("bo", "cy"):
            for s in self.ok("GET", "/api/v1/me/shifts", token=self.tok(name), status=200)["signups"]:
                if s["shift"] == shift["id"]:
                    self.ok("POST", f"/api/v1/signups/{s['id']}/withdraw", token=self.tok(name), status=200)

    def test_bad_sign_ups(self):
        shift = self.create(shift_body(local(self.wednesday), name="Picky"))
        occ = local(self.wednesday)
        self.assertProblem(self.sign_up(shift["id"], occ, "dee", role="juggler"), 422, "role")
        self.assertProblem(self.sign_up(shift["id"], occ, "dee", role="medic"), 422, "qualified")
        self.assertProblem(self.sign_up(shift["id"], "2027-10-20", "dee"), 422, "occurrence")
        thursday = local(self.wednesday + datetime.timedelta(days=1))
        self.assertProblem(self.sign_up(shift["id"], thursday, "dee"), 404)
        self.assertProblem(self.sign_up(shift["id"], occ, "dee", extra_field=1), 422, "extra_field")
        mine = self.ok("GET", "/api/v1/me/shifts", token=self.tok("dee"), status=200)
        self.assertEqual([s for s in mine["signups"] if s["shift"] == shift["id"]], [])

    def test_overlapping_shifts_collide(self):
        base = self.wednesday + datetime.timedelta(days=7)
        kitchen = self.create(shift_body(local(base), name="Overlap kitchen", rrule=""))
        rides = self.create(shift_body(local(base + datetime.timedelta(hours=2)), name="Evening rides", rrule="",
                                       slots=[{"role": "driver", "max_people": 3}]))
        self.assertEqual(self.sign_up(kitchen["id"], local(base), "eli").status, 201)
        r = self.sign_up(rides["id"], local(base + datetime.timedelta(hours=2)), "eli", role="driver")
        self.assertProblem(r, 409)
        self.assertIn("Overlap kitchen", r.json["detail"])

    def test_withdrawal_after_the_cutoff_is_refused(self):
        soon = datetime.datetime.now(MADRID).replace(microsecond=0) + datetime.timedelta(hours=2)
        shift = self.create(shift_body(local(soon), name="Soon", rrule=""))
        place = self.sign_up(shift["id"], local(soon), "dee").json
        r = self.req("POST", f"/api/v1/signups/{place['id']}/withdraw", token=self.tok("dee"))
        self.assertProblem(r, 409)
        self.assertIn("12 hours", r.json["detail"])
        self.assertProblem(self.req("POST", f"/api/v1/signups/{place['id']}/withdraw", token=self.tok("ana")), 403)
        view = self.ok("GET", f"/api/v1/shifts/{shift['id']}", token=self.tok("dee"), status=200)
        self.assertEqual(view["occurrences"][0]["signups"][0]["status"], "confirmed")

    def test_check_in_hours_and_no_show_marked_by_a_peer(self):
        start = datetime.datetime.now(MADRID).replace(microsecond=0) + datetime.timedelta(seconds=3)
        shift = self.create(shift_body(local(start), name="Right now", rrule="", duration_minutes=60))
        a = self.sign_up(shift["id"], local(start), "ana").json
        b = self.sign_up(shift["id"], local(start), "bo").json
        self.ok("POST", f"/api/v1/signups/{a['id']}/check-in", token=self.tok("ana"), status=200)
        self.assertProblem(self.req("POST", f"/api/v1/signups/{b['id']}/no-show", token=self.tok("ana")), 409)
        time.sleep(max(0.0, (start - datetime.datetime.now(MADRID)).total_seconds()) + 1.2)
        # A coordinator who is not on the shift may not mark anyone absent.
        self.assertProblem(self.req("POST", f"/api/v1/signups/{b['id']}/no-show", token=self.coord), 403)
        self.assertProblem(self.req("POST", f"/api/v1/signups/{a['id']}/no-show", token=self.tok("ana")), 409)
        marked = self.ok("POST", f"/api/v1/signups/{b['id']}/no-show", token=self.tok("ana"), status=200)
        self.assertTrue(marked["no_show"])
        self.assertProblem(self.req("POST", f"/api/v1/signups/{a['id']}/hours", {"minutes": 0}, token=self.tok("ana")),
                           422, "minutes")
        done = self.ok("POST", f"/api/v1/signups/{a['id']}/hours", {"minutes": 55}, token=self.tok("ana"),
                       status=200)
        self.assertEqual(done["minutes_done"], 55)
        self.assertProblem(self.req("POST", f"/api/v1/signups/{b['id']}/hours", {"minutes": 30}, token=self.tok("bo")),
                           409)

    def test_swap_exchange_needs_both(self):
        base = self.wednesday + datetime.timedelta(days=14)
        shift = self.create(shift_body(local(base), name="Swappable"))
        later = base + datetime.timedelta(days=7)
        mine = self.sign_up(shift["id"], local(base), "cy").json
        theirs = self.sign_up(shift["id"], local(later), "dee").json
        self.assertProblem(self.req("POST", f"/api/v1/signups/{mine['id']}/swaps", {"to": self.mid("cy")},
                                    token=self.tok("cy")), 422, "to")
        swap = self.ok("POST", f"/api/v1/signups/{mine['id']}/swaps",
                       {"to": self.mid("dee"), "exchange": theirs["id"]}, token=self.tok("cy"), status=201)
        self.assertProblem(self.req("POST", f"/api/v1/swaps/{swap['id']}/accept", token=self.tok("cy")), 403)
        self.assertProblem(self.req("POST", f"/api/v1/swaps/{swap['id']}/accept", token=self.tok("eli")), 404)
        self.ok("POST", f"/api/v1/swaps/{swap['id']}/accept", token=self.tok("dee"), status=200)
        view = self.ok("GET", f"/api/v1/shifts/{shift['id']}?from={rfc3339(base - datetime.timedelta(hours=1))}",
                       token=self.tok("cy"), status=200)
        holders = {o["local_start"]: [s["member"] for s in o["signups"]] for o in view["occurrences"]}
        self.assertEqual(holders[local(base)], [self.mid("dee")])
        self.assertEqual(holders[local(later)], [self.mid("cy")])
        self.assertProblem(self.req("POST", f"/api/v1/swaps/{swap['id']}/decline", token=self.tok("dee")), 409)
        # Dee was told of the offer (both places named), Cy of the answer; the refused calls told nobody.
        asked = self.swap_messages("dee")
        self.assertEqual([m["kind"] for m in asked], ["shift.swap_proposed"])
        self.assertIn("offers you their place as cook on \"Swappable\"", asked[0]["body"])
        self.assertIn("in exchange for your place as cook on \"Swappable\"", asked[0]["body"])
        self.assertIn(f"in kin: http://127.0.0.1:{self.srv.port}/me/shifts", asked[0]["body"])
        told = self.swap_messages("cy")
        self.assertEqual([m["kind"] for m in told], ["shift.swap_accepted"])
        self.assertIn("and you hold theirs", told[0]["body"])
        self.assertEqual(self.swap_messages("eli"), [])

    def swap_messages(self, name):
        inbox = self.walk("/api/v1/me/notifications", self.tok(name), limit=100)[0]
        return [m for m in inbox if m["kind"].startswith("shift.swap_")]

    def test_cancel_and_move_one_occurrence(self):
        base = self.wednesday + datetime.timedelta(days=21)
        shift = self.create(shift_body(local(base), name="Changeable"))
        place = self.sign_up(shift["id"], local(base), "bo").json
        url = f"/api/v1/shifts/{shift['id']}/occurrences"
        self.assertProblem(self.req("POST", f"{url}/{local(base)}/change", {"cancelled": True}, token=self.tok("bo")),
                           403)
        self.assertProblem(self.req("POST", f"{url}/{local(base + datetime.timedelta(hours=1))}/change",
                                    {"cancelled": True}, token=self.coord), 422, "occurrence")
        self.assertProblem(self.req("POST", f"{url}/20280326T180000/change", {"start": "20280326T023000"},
                                    token=self.coord), 422)
        moved_to = base + datetime.timedelta(days=1, hours=-8)
        changed = self.ok("POST", f"{url}/{local(base)}/change", {"start": local(moved_to)}, token=self.coord,
                          status=200)
        self.assertEqual(changed["overrides"], [{"occurrence": local(base), "cancelled": False,
                                                 "start": local(moved_to)}])
        mine = [s for s in self.ok("GET", "/api/v1/me/shifts", token=self.tok("bo"), status=200)["signups"]
                if s["id"] == place["id"]]
        self.assertEqual(mine[0]["local_start"], local(moved_to))
        self.ok("POST", f"{url}/{local(base)}/change", {"cancelled": True}, token=self.coord, status=200)
        mine = [s for s in self.ok("GET", "/api/v1/me/shifts", token=self.tok("bo"), status=200)["signups"]
                if s["id"] == place["id"]]
        self.assertEqual(mine, [])

    def test_fair_access_policy(self):
        policy_url = "/api/v1/hubs/kitchen/shift-policy"
        default = self.ok("GET", policy_url, token=self.tok("ana"), status=200)
        self.assertEqual(default, {"withdraw_cutoff_minutes": 720, "opens_before_minutes": 0, "popular_cap": 0,
                                   "cap_period": "week"})
        new = {"withdraw_cutoff_minutes": 720, "opens_before_minutes": 60 * 24 * 50, "popular_cap": 1,
               "cap_period": "week"}
        self.assertProblem(self.req("PUT", policy_url, new, token=self.tok("ana")), 403)
        self.assertProblem(self.req("PUT", policy_url, {**new, "cap_period": "year"}, token=self.coord), 422,
                           "cap_period")
        try:
            self.ok("PUT", policy_url, new, token=self.coord, status=200)
            base = self.wednesday + datetime.timedelta(days=28)
            popular = self.create(shift_body(local(base), name="Popular brunch", popular=True))
            far = base + datetime.timedelta(days=21)  # 56 days or more away: not open yet
            r = self.sign_up(popular["id"], local(far), "eli")
            self.assertProblem(r, 409)
            self.assertIn("open at", r.json["detail"])
            self.assertEqual(self.sign_up(popular["id"], local(base), "eli").status, 201)
            other = self.create(shift_body(local(base + datetime.timedelta(days=1)), name="Popular dinner",
                                           popular=True, rrule=""))
            r = self.sign_up(other["id"], local(base + datetime.timedelta(days=1)), "eli")
            self.assertProblem(r, 409)
            self.assertIn("popular", r.json["detail"])
        finally:
            self.ok("PUT", policy_url, default, token=self.coord, status=200)

    def test_export_includes_places_and_deleting_the_account_frees_them(self):
        gone, _ = self.srv.member("kitchen", "kgone")
        stays, _ = self.srv.member("kitchen", "kstays")
        base = self.wednesday + datetime.timedelta(days=35)
        shift = self.create(shift_body(local(base), name="Solo", rrule="", slots=[{"role": "cook", "max_people": 1}]))
        url = f"/api/v1/shifts/{shift['id']}/occurrences/{local(base)}/signups"
        place = self.ok("POST", url, {"role": "cook"}, token=gone, status=201)
        self.assertEqual(self.ok("POST", url, {"role": "cook"}, token=stays, status=201)["status"], "waiting")
        self.ok("POST", "/api/v1/me/calendar-token", token=gone, status=201)
        export = self.ok("GET", "/api/v1/me/export", token=gone, status=200)
        self.assertEqual([p["id"] for p in export["shift_places"]], [place["id"]])
        self.assertEqual(export["reminder_offsets_minutes"], [1440, 120])
        self.assertEqual(self.req("POST", "/api/v1/me/delete", {"password": "a long enough password"},
                                  token=gone).status, 204)
        view = self.ok("GET", f"/api/v1/shifts/{shift['id']}?from={rfc3339(base - datetime.timedelta(hours=1))}",
                       token=stays, status=200)
        self.assertEqual([s["status"] for s in view["occurrences"][0]["signups"]], ["confirmed"])

if __name__ == "__main__":
    unittest.main()
