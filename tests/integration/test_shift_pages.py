"""The shift pages over HTTP, signed in with a session cookie as a browser is: the hub's board, an occurrence's
page and its refusals (full slot, overlapping shift, past the withdrawal cut-off, not open yet), coordinators'
form with its preview and its errors at the field, my shifts, and the care-hours page. Every refused post
saves nothing. The browser flow (tests/browser/flows/shifts.mjs) walks the happy paths."""
import datetime
import re
import unittest
import urllib.parse
from zoneinfo import ZoneInfo

from test_service import ApiTestCase

MADRID = ZoneInfo("Europe/Madrid")
CSRF = "k" * 43


def local(dt):
    return dt.strftime("%Y%m%dT%H%M%S")


class ShiftPageTests(ApiTestCase):
    @classmethod
    def build(cls):
        s = cls.srv
        s.cli("admin", "create-hub", "--db", s.db, "--slug", "webkitchen", "--name", "Web Kitchen", "--time-zone",
              "Europe/Madrid", "--languages", "en,es")
        invite = s.cli("admin", "invite", "--db", s.db, "--hub", "webkitchen", "--role", "coordinator").stdout
        cls.coord, _ = s.join(invite.split("invite token: ")[1].split()[0], "wkcoord")
        cls.people = {name: s.member("webkitchen", "wk" + name) for name in ("ana", "bo", "cy", "dee")}
        cls.outsider, _ = cls.new_hub("webkitchen-other", "wkoutsider")
        now = datetime.datetime.now(MADRID)
        days = (2 - now.weekday()) % 7 + 7
        cls.wednesday = (now + datetime.timedelta(days=days)).replace(hour=18, minute=0, second=0, microsecond=0)

    # --- helpers -------------------------------------------------------------------------------------------
    def token(self, who):
        return {"coord": self.coord, "outsider": self.outsider, None: None}.get(who) or self.people[who][0]

    def page(self, method, path, who=None, form=None, lang="en", csrf=CSRF):
        cookies = [f"kin_csrf={CSRF}", f"kin_lang={lang}"]
        if who:
            cookies.append(f"kin_session={self.token(who)}")
        headers = {"Cookie": "; ".join(cookies)}
        raw = None
        if method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            raw = urllib.parse.urlencode({"csrf": csrf, **(form or {})}).encode()
        return self.req(method, path, headers=headers, raw=raw)

    def create(self, start, name, slots=None, rrule="FREQ=WEEKLY", duration=180):
        body = {"name": name, "place": "Hall on Calle Mayor", "dtstart": local(start), "duration_minutes": duration,
                "rrule": rrule, "slots": slots or [{"role": "cook", "max_people": 2}]}
        return self.ok("POST", "/api/v1/hubs/webkitchen/shifts", body, token=self.coord, status=201)["id"]

    def places(self, who, shift):
        mine = self.ok("GET", "/api/v1/me/shifts", token=self.token(who), status=200)["signups"]
        return [p for p in mine if p["shift"] == shift]

    def signup(self, who, path, role="cook", wait="1", **extra):
        return self.page("POST", path, who, {"do": "signup", "role": role, "wait": wait, **extra})

    # --- the board -----------------------------------------------------------------------------------------
    def test_board_lists_coming_occurrences_with_slots_and_my_place(self):
        shift = self.create(self.wednesday, "Board soup",
                            slots=[{"role": "cook", "min_people": 2, "max_people": 3},
                                   {"role": "medic", "qualification": "first aid", "min_people": 0, "max_people": 1}])
        path = f"/shifts/{shift}/o/{local(self.wednesday)}"
        self.assertEqual(self.signup("dee", path).status, 303)
        r = self.page("GET", "/h/webkitchen/shifts?from=" + self.wednesday.strftime("%Y-%m-%d"), "dee")
        self.assertEqual(r.status, 200, r)
        self.assertIn("Board soup", r.body)
        self.assertIn(f'href="{path}"', r.body)
        self.assertIn("1 of 3 (at least 2 needed)", r.body)
        self.assertIn("medic (first aid)", r.body)
        self.assertIn("You have a place as cook.", r.body)
        self.assertIn("Times are in Europe/Madrid.", r.body)
        self.assertIn("Later</a>", r.body)
        es = self.page("GET", "/h/webkitchen/shifts?from=" + self.wednesday.strftime("%Y-%m-%d"), "dee", lang="es")
        self.assertIn("Tienes plaza como cook.", es.body)
        self.assertIn('<html lang="es">', es.body)
        # Who may see it: members only, signed-out people are sent to sign in.
        self.assertEqual(self.page("GET", "/h/webkitchen/shifts", "outsider").status, 403)
        anon = self.page("GET", "/h/webkitchen/shifts")
        self.assertEqual(anon.status, 303)
        self.assertTrue(anon.headers["location"].startswith("/signin?next="))
        self.assertEqual(self.page("GET", path, "outsider").status, 404)
        # A slot that needs a qualification asks the person to confirm it; nothing is saved until they do.
        unconfirmed = self.signup("bo", path, role="medic")
        self.assertEqual(unconfirmed.status, 422, unconfirmed)
        self.assertIn("This place needs “first aid”: tick the box", unconfirmed.body)
        self.assertEqual(self.places("bo", shift), [])
        self.assertEqual(self.signup("bo", path, role="medic", qualified="on").status, 303)
        self.assertEqual([p["role"] for p in self.places("bo", shift)], ["medic"])
        # Coordinators get a link to edit each shift from the board; members do not.
        self.assertIn(f'href="/shifts/{shift}/edit"', self.page("GET", "/h/webkitchen/shifts?from=" +
                                                                self.wednesday.strftime("%Y-%m-%d"), "coord").body)
        self.assertNotIn(f'href="/shifts/{shift}/edit"', r.body)
        self.assertEqual(self.page("POST", path, "bo", {"do": "withdraw",
                                                         "signup": self.places("bo", shift)[0]["id"]}).status, 303)
        self.assertEqual(self.page("POST", path, "dee", {"do": "withdraw",
                                                          "signup": self.places("dee", shift)[0]["id"]}).status, 303)

    # --- refusals on an occurrence -------------------------------------------------------------------------
    def test_full_slot_is_refused_or_waits_with_a_position(self):
        start = self.wednesday + datetime.timedelta(hours=3, minutes=30)
        shift = self.create(start, "One cook only", slots=[{"role": "cook", "max_people": 1}], duration=60)
        path = f"/shifts/{shift}/o/{local(start)}"
        r = self.signup("ana", path, wait="0")
        self.assertEqual(r.status, 303, r)
        self.assertEqual(r.headers["location"], path + "?done=signup")
        page = self.page("GET", path, "bo")
        self.assertIn("Join the waiting list", page.body)
        full = self.signup("bo", path, wait="0")
        self.assertEqual(full.status, 409, full)
        self.assertIn("The cook places just filled up", full.body)
        self.assertEqual(self.places("bo", shift), [])
        waiting = self.signup("bo", path, wait="1")
        self.assertEqual(waiting.status, 303, waiting)
        shown = self.page("GET", waiting.headers["location"], "bo")
        self.assertIn("you are number 1 on the waiting list", shown.body)
        self.assertEqual([p["status"] for p in self.places("bo", shift)], ["waiting"])
        # Ana leaves (a week away: before the cut-off): Bo takes the place.
        left = self.page("POST", path, "ana", {"do": "withdraw", "signup": self.places("ana", shift)[0]["id"]})
        self.assertEqual(left.status, 303, left)
        self.assertEqual([p["status"] for p in self.places("bo", shift)], ["confirmed"])
        self.assertIn("You have a place as cook.", self.page("GET", path, "bo").body)

    def test_overlapping_shift_is_refused_naming_the_other(self):
        start = self.wednesday + datetime.timedelta(days=1)
        first = self.create(start, "Thursday lunch")
        second = self.create(start + datetime.timedelta(hours=1), "Thursday delivery")
        self.assertEqual(self.signup("cy", f"/shifts/{first}/o/{local(start)}").status, 303)
        clash_path = f"/shifts/{second}/o/{local(start + datetime.timedelta(hours=1))}"
        r = self.signup("cy", clash_path)
        self.assertEqual(r.status, 409, r)
        self.assertIn("You already have a place on “Thursday lunch”", r.body)
        self.assertIn("which overlaps this one", r.body)
        self.assertIn('role="alert"', r.body)
        self.assertEqual(self.places("cy", second), [])
        es = self.page("POST", clash_path, "cy", {"do": "signup", "role": "cook", "wait": "1"}, lang="es")
        self.assertIn("Ya tienes plaza en “Thursday lunch”", es.body)

    def test_leaving_after_the_cut_off_is_refused_with_the_time(self):
        soon = datetime.datetime.now(MADRID).replace(microsecond=0, second=0) + datetime.timedelta(hours=3)
        shift = self.create(soon, "Soon soup", rrule="")
        path = f"/shifts/{shift}/o/{local(soon)}"
        self.assertEqual(self.signup("dee", path).status, 303)
        place = self.places("dee", shift)[0]["id"]
        r = self.page("POST", path, "dee", {"do": "withdraw", "signup": place})
        self.assertEqual(r.status, 409, r)
        cutoff = soon - datetime.timedelta(hours=12)
        self.assertIn(f"Leaving this shift closed", r.body)
        self.assertIn(cutoff.strftime("%H:%M"), r.body)
        self.assertIn("Ask someone to swap with you instead.", r.body)
        self.assertEqual([p["status"] for p in self.places("dee", shift)], ["confirmed"])
        # Checking in is not open yet either (more than 30 minutes before), and says when it opens.
        early = self.page("POST", path, "dee", {"do": "checkin", "signup": place})
        self.assertEqual(early.status, 409, early)
        self.assertIn("Check-in opens 30 minutes before the start", early.body)
        # Time done before the shift started: refused, nothing recorded.
        hours = self.page("POST", path, "dee", {"do": "hours", "signup": place, "minutes": "60"})
        self.assertEqual(hours.status, 409, hours)
        self.assertIn("Time can be recorded once the shift has started.", hours.body)
        self.assertIsNone(self.places("dee", shift)[0].get("minutes_done"))
        bad = self.page("POST", path, "dee", {"do": "hours", "signup": place, "minutes": "an hour"})
        self.assertEqual(bad.status, 422, bad)
        self.assertIn("Enter the minutes you did as a whole number", bad.body)

    def test_forged_post_is_refused_and_saves_nothing(self):
        start = self.wednesday + datetime.timedelta(days=2)
        shift = self.create(start, "Friday forge")
        r = self.page("POST", f"/shifts/{shift}/o/{local(start)}", "ana", {"do": "signup", "role": "cook"},
                      csrf="x" * 43)
        self.assertEqual(r.status, 403, r)
        self.assertEqual(self.places("ana", shift), [])

    # --- coordinators -------------------------------------------------------------------------------------
    def shift_form(self, **over):
        form = {"name": "Evening kitchen", "place": "Hall", "description": "", "rows": "3",
                "start": self.wednesday.strftime("%Y-%m-%dT%H:%M"), "duration": "120",
                "rrule": "FREQ=WEEKLY;BYDAY=WE", "exdates": "", "role_0": "cook", "min_0": "1", "max_0": "3",
                "role_1": "medic", "qualification_1": "first aid certificate", "min_1": "0", "max_1": "1"}
        form.update(over)
        return form

    def shift_count(self):
        return len(self.ok("GET", "/api/v1/hubs/webkitchen/shifts?limit=200", token=self.coord, status=200)["items"])

    def test_preview_lists_the_next_occurrences_and_saves_nothing(self):
        before = self.shift_count()
        r = self.page("POST", "/h/webkitchen/shifts/new", "coord", {**self.shift_form(), "do": "preview"})
        self.assertEqual(r.status, 200, r)
        self.assertIn("The next occurrences", r.body)
        items = re.findall(r"<li>([^<]*)</li>", r.body.split('class="preview"')[1].split("</ol>")[0])
        self.assertEqual(len(items), 10)
        self.assertTrue(all(i.startswith("Wed ") and i.endswith("18:00") for i in items), items)
        self.assertIn('value="Evening kitchen"', r.body)  # what was typed stays
        self.assertEqual(self.shift_count(), before)

    def test_bad_schedule_is_shown_at_the_field(self):
        before = self.shift_count()
        cases = [
            ({"rrule": "FREQ=WEEKLY;BYDAY=XX"}, "rrule", "The repeat rule cannot be used"),
            ({"start": "2027-03-28T02:30", "rrule": "FREQ=WEEKLY"}, "start", "This time does not exist on that day"),
            ({"start": "next wednesday"}, "start", "Give a date and time"),
            ({"role_0": "", "role_1": "", "qualification_1": ""}, "role_0", "List at least one place"),
            ({"qualification_1": ""}, "qualification_1", "Please fill this in"),
            ({"min_0": "4"}, "min_0", "The least must not be more than the most"),
            ({"exdates": "2027-01-01 09:00"}, "exdates", "is not a date this shift falls on"),
        ]
        for over, field, words in cases:
            for do in ("preview", "save"):
                with self.subTest(field=field, do=do):
                    r = self.page("POST", "/h/webkitchen/shifts/new", "coord", {**self.shift_form(**over), "do": do})
                    self.assertEqual(r.status, 422, r)
                    self.assertIn(f'id="{field}-error"', r.body)
                    self.assertIn(f'href="#{field}"', r.body)
                    self.assertIn(words, r.body.split(f'id="{field}-error">')[1].split("</p>")[0])
        self.assertEqual(self.shift_count(), before)
        es = self.page("POST", "/h/webkitchen/shifts/new", "coord",
                       {**self.shift_form(rrule="FREQ=WEEKLY;BYDAY=XX"), "do": "preview"}, lang="es")
        self.assertIn("La regla de repetición no sirve", es.body)

    def test_only_coordinators_plan(self):
        self.assertEqual(self.page("GET", "/h/webkitchen/shifts/new", "ana").status, 403)
        r = self.page("POST", "/h/webkitchen/shifts/new", "ana", {**self.shift_form(), "do": "save"})
        self.assertEqual(r.status, 403)
        self.assertEqual(self.page("GET", "/h/webkitchen/shifts/settings", "ana").status, 403)

    def test_settings_keep_what_was_typed_and_save(self):
        bad = self.page("POST", "/h/webkitchen/shifts/settings", "coord",
                        {"cutoff_hours": "many", "opens_hours": "0", "popular_cap": "2", "cap_period": "month"})
        self.assertEqual(bad.status, 422, bad)
        self.assertIn('id="cutoff_hours-error"', bad.body)
        self.assertIn('value="many"', bad.body)
        policy = self.ok("GET", "/api/v1/hubs/webkitchen/shift-policy", token=self.coord, status=200)
        self.assertEqual(policy["withdraw_cutoff_minutes"], 720)
        good = self.page("POST", "/h/webkitchen/shifts/settings", "coord",
                         {"cutoff_hours": "12", "opens_hours": "0", "popular_cap": "0", "cap_period": "week"})
        self.assertEqual(good.status, 303, good)

    def test_coordinator_moves_cancels_and_edits_with_the_refusals_at_the_field(self):
        start = self.wednesday + datetime.timedelta(days=3, hours=-8)  # a Saturday morning
        shift = self.create(start, "Saturday market")
        path = f"/shifts/{shift}/o/{local(start)}"
        self.assertEqual(self.signup("ana", path).status, 303)
        # Members do not change occurrences.
        self.assertEqual(self.page("POST", path, "bo", {"do": "cancel"}).status, 403)
        # The edit form shows the series; a schedule that drops Ana's occurrence is refused and saves nothing.
        edit = self.page("GET", f"/shifts/{shift}/edit", "coord")
        self.assertEqual(edit.status, 200, edit)
        self.assertIn('value="Saturday market"', edit.body)
        self.assertIn('value="FREQ=WEEKLY"', edit.body)
        form = {"name": "Saturday market", "place": "Square", "rows": "3", "start": start.strftime("%Y-%m-%dT%H:%M"),
                "duration": "180", "rrule": "FREQ=WEEKLY", "exdates": start.strftime("%Y-%m-%d %H:%M"),
                "role_0": "cook", "min_0": "1", "max_0": "2", "do": "save"}
        dropped = self.page("POST", f"/shifts/{shift}/edit", "coord", form)
        self.assertEqual(dropped.status, 409, dropped)
        self.assertIn("People hold places on", dropped.body)
        self.assertIn('value="Square"', dropped.body)
        view = self.ok("GET", f"/api/v1/shifts/{shift}", token=self.coord, status=200)
        self.assertEqual(view["place"], "Hall on Calle Mayor")
        saved = self.page("POST", f"/shifts/{shift}/edit", "coord", {**form, "exdates": ""})
        self.assertEqual(saved.status, 303, saved)
        self.assertEqual(self.ok("GET", f"/api/v1/shifts/{shift}", token=self.coord, status=200)["place"], "Square")
        # A time that cannot be read, then a move: the place follows the occurrence.
        bad = self.page("POST", path, "coord", {"do": "move", "start": "soon"})
        self.assertEqual(bad.status, 422, bad)
        self.assertIn('id="start-error"', bad.body)
        moved = start + datetime.timedelta(hours=2)
        r = self.page("POST", path, "coord", {"do": "move", "start": moved.strftime("%Y-%m-%dT%H:%M")})
        self.assertEqual(r.status, 303, r)
        self.assertEqual(self.places("ana", shift)[0]["local_start"], local(moved))
        self.assertIn("moved", self.page("GET", path, "ana").body)
        # Leaving out the moved occurrence now contradicts its own change: said on the form, nothing saved.
        contradicts = self.page("POST", f"/shifts/{shift}/edit", "coord",
                                {**form, "place": "Elsewhere", "exdates": start.strftime("%Y-%m-%d %H:%M")})
        self.assertEqual(contradicts.status, 422, contradicts)
        self.assertIn("was moved or cancelled on its own page", contradicts.body)
        self.assertEqual(self.ok("GET", f"/api/v1/shifts/{shift}", token=self.coord, status=200)["place"], "Square")
        # Cancelling frees the place and goes back to the board.
        cancelled = self.page("POST", path, "coord", {"do": "cancel"})
        self.assertEqual(cancelled.status, 303, cancelled)
        self.assertEqual(cancelled.headers["location"], "/h/webkitchen/shifts?done=cancelled")
        self.assertEqual(self.places("ana", shift), [])
        self.assertEqual(self.page("GET", path, "ana").status, 404)

    def test_sign_ups_not_open_yet_say_when_they_open(self):
        self.page("POST", "/h/webkitchen/shifts/settings", "coord",
                  {"cutoff_hours": "12", "opens_hours": "48", "popular_cap": "0", "cap_period": "week"})
        try:
            start = self.wednesday + datetime.timedelta(days=14)
            shift = self.create(start, "Far kitchen")
            path = f"/shifts/{shift}/o/{local(start)}"
            opens = (start - datetime.timedelta(hours=48)).strftime("%H:%M")
            shown = self.page("GET", path, "bo")
            self.assertIn("Sign-ups open", shown.body)
            r = self.signup("bo", path)
            self.assertEqual(r.status, 409, r)
            self.assertIn("so everyone has the same chance", r.body)
            self.assertIn(opens, r.body.split("so everyone")[0])
            self.assertEqual(self.places("bo", shift), [])
        finally:
            self.page("POST", "/h/webkitchen/shifts/settings", "coord",
                      {"cutoff_hours": "12", "opens_hours": "0", "popular_cap": "0", "cap_period": "week"})

    # --- my shifts and care hours --------------------------------------------------------------------------
    def test_my_shifts_reminders_and_calendar_link(self):
        bad = self.page("POST", "/me/shifts", "cy", {"do": "reminders", "offsets": "24, soon"})
        self.assertEqual(bad.status, 422, bad)
        self.assertIn("Reminder 2 (“soon”) is not a number of hours.", bad.body)
        self.assertIn('value="24, soon"', bad.body)
        out_of_range = self.page("POST", "/me/shifts", "cy", {"do": "reminders", "offsets": "24, 1000"})
        self.assertEqual(out_of_range.status, 422, out_of_range)
        ok = self.page("POST", "/me/shifts", "cy", {"do": "reminders", "offsets": "48, 0.5"})
        self.assertEqual(ok.status, 303, ok)
        self.assertEqual(self.ok("GET", "/api/v1/me/reminders", token=self.token("cy"), status=200)["offsets_minutes"],
                         [2880, 30])
        self.assertIn('value="48, 0.5"', self.page("GET", "/me/shifts", "cy").body)
        first = self.page("POST", "/me/shifts", "cy", {"do": "new_link"})
        self.assertEqual(first.status, 201, first)
        link = re.search(r'id="calendar-link">[^<]*(/api/v1/calendars/[^<\s]+)<', first.body).group(1)
        self.assertEqual(self.req("GET", link).status, 200)
        second = self.page("POST", "/me/shifts", "cy", {"do": "new_link"})
        link2 = re.search(r'id="calendar-link">[^<]*(/api/v1/calendars/[^<\s]+)<', second.body).group(1)
        self.assertEqual(self.req("GET", link).status, 404)  # the new link revoked the old one
        self.assertEqual(self.req("GET", link2).status, 200)
        self.assertEqual(self.page("POST", "/me/shifts", "cy", {"do": "revoke_link"}).status, 303)
        self.assertEqual(self.req("GET", link2).status, 404)

    def test_care_hours_page_names_only_for_members(self):
        anon = self.page("GET", "/h/webkitchen/care-hours")
        self.assertEqual(anon.status, 200, anon)
        self.assertIn("not a ranking", anon.body)
        self.assertIn('src="/h/webkitchen/care-hours.svg"', anon.body)
        self.assertIn("Members of the hub who sign in see who did the work.", anon.body)
        bad = self.page("GET", "/h/webkitchen/care-hours?from=2026-13-01&to=2026-11-01")
        self.assertEqual(bad.status, 422, bad)
        self.assertIn('id="from-error"', bad.body)
        too_long = self.page("GET", "/h/webkitchen/care-hours?from=2024-01-01&to=2026-01-01")
        self.assertEqual(too_long.status, 422, too_long)
        self.assertIn('id="to-error"', too_long.body)
        period = self.page("GET", "/h/webkitchen/care-hours?from=2026-01-01&to=2026-01-31", "ana")
        self.assertEqual(period.status, 200, period)
        self.assertIn("care-hours.svg?from=2026-01-01&amp;to=2026-01-31", period.body)
        self.assertEqual(self.page("GET", "/h/nowhere/care-hours").status, 404)


if __name__ == "__main__":
    unittest.main()
