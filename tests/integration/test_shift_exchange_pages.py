"""Swapping a shift place in exchange for one of the other member's, on the pages over HTTP with a session cookie
and the double-submit CSRF token as a browser sends them: choosing the member, then one of their places (only
those an accept would take), the swap cards on both sides saying what each gives and gets, accepting (both places
move), and the refusals (a place left meanwhile, an overlap, a place already being swapped, a forged post) as a
page in the reader's language that saves nothing. The browser flow is tests/browser/flows/shift_exchange.mjs."""
import datetime
import re
import unittest
import urllib.parse
from zoneinfo import ZoneInfo

from test_service import ApiTestCase

MADRID = ZoneInfo("Europe/Madrid")
CSRF = "e" * 43


def local(dt):
    return dt.strftime("%Y%m%dT%H%M%S")


class ShiftExchangePageTests(ApiTestCase):
    @classmethod
    def build(cls):
        s = cls.srv
        s.cli("admin", "create-hub", "--db", s.db, "--slug", "swapkitchen", "--name", "Swap Kitchen", "--time-zone",
              "Europe/Madrid", "--languages", "en,es")
        invite = s.cli("admin", "invite", "--db", s.db, "--hub", "swapkitchen", "--role", "coordinator").stdout
        cls.coord, _ = s.join(invite.split("invite token: ")[1].split()[0], "swcoord")
        cls.people = {}
        for handle, name in (("swana", "Ana"), ("swbo", "Bo"), ("swcy", "Cy"), ("swdee", "Dee"), ("sweva", "Eva")):
            cls.people[handle[2:]] = s.join(s.admin_invite("swapkitchen", "member"), handle, display_name=name)
        cls.outsider = cls.new_hub("swapkitchen-other", "swoutsider")
        now = datetime.datetime.now(MADRID)
        days = (2 - now.weekday()) % 7 + 7
        cls.wednesday = (now + datetime.timedelta(days=days)).replace(hour=18, minute=0, second=0, microsecond=0)

    # --- helpers -------------------------------------------------------------------------------------------
    def page(self, method, path, who=None, form=None, lang="en", csrf=CSRF):
        cookies = [f"kin_csrf={CSRF}", f"kin_lang={lang}"]
        if who:
            cookies.append(f"kin_session={self.people[who][0]}")
        headers = {"Cookie": "; ".join(cookies)}
        raw = None
        if method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            raw = urllib.parse.urlencode({"csrf": csrf, **(form or {})}).encode()
        r = self.req(method, path, headers=headers, raw=raw)
        if r.status != 303:
            self.assertTrue(r.headers.get("content-type", "").startswith("text/html"), r)
        return r

    def create(self, start, name, rrule="FREQ=WEEKLY", duration=180, max_people=2):
        body = {"name": name, "place": "Hall", "dtstart": local(start), "duration_minutes": duration,
                "rrule": rrule, "slots": [{"role": "cook", "max_people": max_people}]}
        return self.ok("POST", "/api/v1/hubs/swapkitchen/shifts", body, token=self.coord, status=201)["id"]

    def take(self, who, shift, start):
        path = f"/shifts/{shift}/o/{local(start)}"
        r = self.page("POST", path, who, {"do": "signup", "role": "cook", "wait": "1"})
        self.assertEqual(r.status, 303, r)
        return path, self.mine(who, shift, start)["id"]

    def schedule(self, who):
        return self.ok("GET", "/api/v1/me/shifts", token=self.people[who][0], status=200)

    def mine(self, who, shift, start):
        places = [p for p in self.schedule(who)["signups"] if p["shift"] == shift and p["local_start"] == local(start)]
        return places[0] if places else None

    def member(self, who):
        return self.people[who][1]

    def radios(self, body):
        return re.findall(r'name="exchange" value="([^"]+)"', body)

    # --- the whole exchange --------------------------------------------------------------------------------
    def test_exchange_is_chosen_among_places_that_fit_shown_both_ways_and_accepted(self):
        first = self.wednesday
        second = first + datetime.timedelta(days=7)
        third = first + datetime.timedelta(days=14)
        shift = self.create(first, "Exchange soup")
        late = self.create(third + datetime.timedelta(hours=2), "Late delivery", rrule="", duration=60)
        path1, ana_place = self.take("ana", shift, first)
        self.take("ana", late, third + datetime.timedelta(hours=2))  # Ana is busy during Bo's third place
        path2, bo_fits = self.take("bo", shift, second)
        _, bo_clashes = self.take("bo", shift, third)

        shown = self.page("GET", path1, "ana")
        self.assertIn("Ask for one of their places in exchange", shown.body)
        # No member chosen: said at the field, nothing else happens.
        none = self.page("POST", path1, "ana", {"do": "swap_choose", "signup": ana_place, "to": ""})
        self.assertEqual(none.status, 422, none)
        self.assertIn('id="to-error"', none.body)
        # Bo chosen: the second step lists Bo's places that fit both schedules, not the one clashing with Ana's.
        step = self.page("POST", path1, "ana", {"do": "swap_choose", "signup": ana_place, "to": self.member("bo")})
        self.assertEqual(step.status, 200, step)
        self.assertIn('<fieldset id="exchange"', step.body)
        self.assertIn("Which of Bo’s places do you take in exchange?", step.body)
        self.assertIn(bo_fits, self.radios(step.body))  # (Bo holds places from other tests too)
        self.assertNotIn(bo_clashes, step.body)
        self.assertIn("Exchange soup, Wed ", step.body)
        self.assertIn(", 18:00–21:00, as cook", step.body)
        self.assertIn(f'name="to" value="{self.member("bo")}"', step.body)
        self.assertIn("Offer my place to Bo with nothing in return", step.body)
        es = self.page("POST", path1, "ana", {"do": "swap_choose", "signup": ana_place, "to": self.member("bo")},
                       lang="es")
        self.assertIn("¿Qué plaza de Bo tomas a cambio?", es.body)
        self.assertIn(", como cook", es.body)
        # Submitted without a choice: said at the fieldset, the list is still there.
        unchosen = self.page("POST", path1, "ana", {"do": "swap_exchange", "signup": ana_place,
                                                    "to": self.member("bo")})
        self.assertEqual(unchosen.status, 422, unchosen)
        self.assertIn('id="exchange-error"', unchosen.body)
        self.assertIn('href="#exchange"', unchosen.body)
        self.assertIn("Choose which of their places you take in exchange.", unchosen.body)
        self.assertIn(bo_fits, self.radios(unchosen.body))
        self.assertEqual(self.schedule("ana")["swaps"], [])

        offered = self.page("POST", path1, "ana", {"do": "swap_exchange", "signup": ana_place,
                                                   "to": self.member("bo"), "exchange": bo_fits})
        self.assertEqual(offered.status, 303, offered)
        self.assertEqual(offered.headers["location"], path1 + "?done=swap_exchange")
        ana_view = self.page("GET", offered.headers["location"], "ana")
        self.assertIn("Exchange offered. You swap places when they accept.", ana_view.body)
        self.assertIn("You offered Bo your place in exchange for one of theirs.", ana_view.body)
        card = ana_view.body.split('id="swaps-h"')[1]
        self.assertRegex(card, r"You give: <a href=\"" + re.escape(path1) + r"\">Exchange soup, Wed [^<]*18:00–21:00")
        self.assertRegex(card, r"You get: <a href=\"" + re.escape(path2) + r"\">Exchange soup, Wed [^<]*as cook")
        self.assertNotIn("Accept the exchange", card)
        self.assertNotIn("Ask for one of their places in exchange", ana_view.body)  # one open swap per place

        # Bo sees it on "my shifts" and on the page of the place Bo would give, in English and Spanish.
        bo_view = self.page("GET", "/me/shifts", "bo")
        self.assertIn("Ana offers you their place in exchange for one of yours.", bo_view.body)
        self.assertRegex(bo_view.body, r"You give: <a href=\"" + re.escape(path2) + "\">")
        self.assertRegex(bo_view.body, r"You get: <a href=\"" + re.escape(path1) + "\">")
        self.assertIn("Accept the exchange", bo_view.body)
        bo_es = self.page("GET", "/me/shifts", "bo", lang="es")
        self.assertIn("Ana te ofrece su plaza a cambio de una tuya.", bo_es.body)
        self.assertRegex(bo_es.body, r"Cedes: <a href=\"" + re.escape(path2) + r"\">Exchange soup, mié [^<]*como cook")
        self.assertIn("Recibes:", bo_es.body)
        self.assertIn("Aceptar el intercambio", bo_es.body)
        self.assertIn("Ana offers you their place in exchange", self.page("GET", path2, "bo").body)

        swap = self.schedule("bo")["swaps"][0]["id"]
        accepted = self.page("POST", "/me/shifts", "bo", {"do": "accept", "swap": swap})
        self.assertEqual(accepted.status, 303, accepted)
        self.assertEqual(accepted.headers["location"], "/me/shifts?done=accept_exchange")
        self.assertIn("Exchange done: their place is yours now, and yours is theirs.",
                      self.page("GET", accepted.headers["location"], "bo").body)
        self.assertIsNone(self.mine("ana", shift, first))
        self.assertEqual(self.mine("ana", shift, second)["id"], bo_fits)
        self.assertEqual(self.mine("bo", shift, first)["id"], ana_place)
        self.assertIsNone(self.mine("bo", shift, second))
        self.assertEqual(self.schedule("ana")["swaps"], [])

    # --- refusals ------------------------------------------------------------------------------------------
    def test_a_place_left_meanwhile_is_refused_in_the_readers_words(self):
        start = self.wednesday + datetime.timedelta(days=1)  # Thursdays
        shift = self.create(start, "Thursday exchange")
        path, cy_place = self.take("cy", shift, start)
        later = start + datetime.timedelta(days=7)
        _, dee_place = self.take("dee", shift, later)
        # Cy picks Dee's place; Dee leaves it before Cy sends the form: the choice is refused at the fieldset, the
        # list comes back without it, nothing is saved.
        step = self.page("POST", path, "cy", {"do": "swap_choose", "signup": cy_place, "to": self.member("dee")})
        self.assertEqual(self.radios(step.body), [dee_place])
        self.assertEqual(self.page("POST", f"/shifts/{shift}/o/{local(later)}", "dee",
                                   {"do": "withdraw", "signup": dee_place}).status, 303)
        stale = self.page("POST", path, "cy", {"do": "swap_exchange", "signup": cy_place, "to": self.member("dee"),
                                               "exchange": dee_place})
        self.assertEqual(stale.status, 422, stale)
        self.assertIn("That place can no longer be taken in exchange", stale.body.split('id="exchange-error"')[1])
        self.assertIn("has no coming place you could take in exchange", stale.body)
        self.assertEqual(self.schedule("cy")["swaps"], [])
        # Dee signs up again and Cy offers the exchange; Dee leaves that place before answering: Dee's card says
        # the swap can no longer be accepted, and an accept sent anyway is a page, in Spanish, that moves nothing.
        _, dee_again = self.take("dee", shift, later)
        self.assertEqual(self.page("POST", path, "cy", {"do": "swap_exchange", "signup": cy_place,
                                                        "to": self.member("dee"), "exchange": dee_again}).status, 303)
        swap = self.schedule("dee")["swaps"][0]["id"]
        self.assertEqual(self.page("POST", f"/shifts/{shift}/o/{local(later)}", "dee",
                                   {"do": "withdraw", "signup": dee_again}).status, 303)
        card = self.page("GET", "/me/shifts", "dee")
        self.assertIn("this swap can no longer be accepted", card.body)
        self.assertNotIn("Accept the exchange", card.body)
        refused = self.page("POST", "/me/shifts", "dee", {"do": "accept", "swap": swap}, lang="es")
        self.assertEqual(refused.status, 409, refused)
        self.assertIn('role="alert"', refused.body)
        self.assertIn("La plaza que darías a cambio ya no es tuya", refused.body)
        on_page = self.page("POST", path, "dee", {"do": "accept", "swap": swap})
        self.assertEqual(on_page.status, 409, on_page)
        self.assertIn("The place you would give in exchange is no longer yours to give", on_page.body)
        self.assertEqual(self.mine("cy", shift, start)["id"], cy_place)
        # Cy takes the offer back from the occurrence page.
        self.assertEqual(self.page("POST", path, "cy", {"do": "decline", "swap": swap}).status, 303)
        self.assertEqual(self.schedule("cy")["swaps"], [])

    def test_an_overlap_taken_after_the_offer_is_refused_at_accept(self):
        start = self.wednesday + datetime.timedelta(days=2, hours=-8)  # Fridays 10:00
        shift = self.create(start, "Friday exchange")
        path, eva_place = self.take("eva", shift, start)
        later = start + datetime.timedelta(days=7)
        _, bo_place = self.take("bo", shift, later)
        self.assertEqual(self.page("POST", path, "eva", {"do": "swap_exchange", "signup": eva_place,
                                                         "to": self.member("bo"), "exchange": bo_place}).status, 303)
        # Meanwhile Bo takes a place at the time of Eva's.
        other = self.create(start + datetime.timedelta(hours=1), "Friday market", rrule="", duration=60)
        self.take("bo", other, start + datetime.timedelta(hours=1))
        swap = self.schedule("bo")["swaps"][0]["id"]
        refused = self.page("POST", path, "bo", {"do": "accept", "swap": swap})
        self.assertEqual(refused.status, 409, refused)
        self.assertIn("You already have a place on “Friday market”", refused.body)
        self.assertEqual(self.mine("eva", shift, start)["id"], eva_place)
        self.assertEqual(self.mine("bo", shift, later)["id"], bo_place)
        # Already swapping: a second offer of the same place is refused, said on the page.
        again = self.page("POST", path, "eva", {"do": "swap_choose", "signup": eva_place, "to": self.member("cy")})
        self.assertEqual(again.status, 409, again)
        self.assertIn("This place already has a swap waiting for an answer", again.body)
        self.assertEqual(self.page("POST", path, "eva", {"do": "decline", "swap": swap}).status, 303)

    def test_someone_outside_the_hub_and_forged_posts_are_refused(self):
        start = self.wednesday + datetime.timedelta(days=3)
        shift = self.create(start, "Saturday exchange")
        path, ana_place = self.take("ana", shift, start)
        outside = self.page("POST", path, "ana", {"do": "swap_choose", "signup": ana_place,
                                                  "to": self.outsider[1]})
        self.assertEqual(outside.status, 422, outside)
        self.assertIn('id="to-error"', outside.body)
        self.assertNotIn('<fieldset id="exchange"', outside.body)
        later = start + datetime.timedelta(days=7)
        _, bo_place = self.take("bo", shift, later)
        forged = self.page("POST", path, "ana", {"do": "swap_exchange", "signup": ana_place,
                                                 "to": self.member("bo"), "exchange": bo_place}, csrf="z" * 43)
        self.assertEqual(forged.status, 403, forged)
        self.assertEqual(self.schedule("ana")["swaps"], [])
        # Someone else's place cannot be offered, nor asked about.
        other = self.page("POST", path, "cy", {"do": "swap_choose", "signup": ana_place, "to": self.member("bo")})
        self.assertEqual(other.status, 403, other)


if __name__ == "__main__":
    unittest.main()
