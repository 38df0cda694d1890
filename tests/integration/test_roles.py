"""Every endpoint against every caller it must refuse, table-driven.

Callers: anonymous (no token), an outsider (coordinator of another hub, so roles elsewhere count for nothing),
a plain member of the hub, an intake member, and the coordinator. Each row names one request and what each caller
must get; callers left out of a row are allowed and are not sent (their request would change data). After the
whole table, nothing in the hub has changed.
"""
import unittest

from test_service import ApiTestCase, need_body, offer_body

ANON, OUTSIDER, MEMBER, INTAKE, COORD = "anonymous", "outsider", "member", "intake", "coordinator"


class RoleTableTests(ApiTestCase):
    @classmethod
    def build(cls):
        s = cls.srv
        cls.tokens = {ANON: None}
        cls.tokens[COORD], cls.coord_id = cls.new_hub("roles", "rolecoord")
        cls.tokens[OUTSIDER], cls.outsider_id = cls.new_hub("roles-other", "roleoutsider")
        cls.tokens[INTAKE], cls.intake_id = s.member("roles", "roleintake", "intake")
        cls.tokens[MEMBER], cls.member_id = s.member("roles", "rolemember")
        cls.asker, cls.asker_id = s.member("roles", "roleasker")
        cls.helper, cls.helper_id = s.member("roles", "rolehelper")
        coord = cls.tokens[COORD]

        def post(path, body, token, status=201):
            r = s.request("POST", path, body, token=token)
            assert r.status == status, (path, r)
            return r.json

        cls.offer = post("/api/v1/hubs/roles/offers", offer_body("food", 10), cls.helper)["id"]
        cls.paused_offer = post("/api/v1/hubs/roles/offers", offer_body("food", 10), cls.helper)["id"]
        post(f"/api/v1/offers/{cls.paused_offer}/pause", None, cls.helper, 200)
        cls.open_need = post("/api/v1/hubs/roles/needs", need_body(description="open one"), cls.asker)["id"]
        cls.proposed_need = post("/api/v1/hubs/roles/needs", need_body(description="proposed"), cls.asker)["id"]
        cls.proposed = post(f"/api/v1/needs/{cls.proposed_need}/pair", {"offer": cls.offer}, coord)["id"]
        cls.accepted_need = post("/api/v1/hubs/roles/needs", need_body(description="accepted"), cls.asker)["id"]
        cls.accepted = post(f"/api/v1/needs/{cls.accepted_need}/claim", {"offer": cls.offer}, cls.helper)["id"]
        cls.status_token = post("/api/v1/hubs/roles/intake", need_body(description="public"), None)["status_token"]
        # Shifts (issue 6): a weekly shift far ahead, the helper's place on it and a swap offered to the asker.
        cls.shift = post("/api/v1/hubs/roles/shifts", cls.shift_body(), coord)["id"]
        cls.occurrence = "20300102T100000"
        cls.signup = post(f"/api/v1/shifts/{cls.shift}/occurrences/{cls.occurrence}/signups", {"role": "cook"},
                          cls.helper)["id"]
        cls.swap = post(f"/api/v1/signups/{cls.signup}/swaps", {"to": cls.asker_id}, cls.helper)["id"]

    @staticmethod
    def shift_body():
        return {"name": "Kitchen", "place": "Hall", "dtstart": "20300102T100000", "duration_minutes": 120,
                "rrule": "FREQ=WEEKLY", "slots": [{"role": "cook", "max_people": 3}]}

    def table(self):
        need, offer, paused = self.open_need, self.offer, self.paused_offer
        pm, am = self.proposed, self.accepted
        nobody_else = {ANON: 401, OUTSIDER: 403}  # hub-scoped lists: a stranger learns the hub exists, no more
        hidden = {ANON: 401, OUTSIDER: 404}        # objects by id: a stranger cannot tell them from none
        return [
            # method, path, body, refusals
            ("GET", "/api/v1/me", None, {ANON: 401}),
            ("GET", "/api/v1/me/export", None, {ANON: 401}),
            ("GET", "/api/v1/me/sessions", None, {ANON: 401}),
            ("DELETE", "/api/v1/me/sessions/0123456789abcdef", None, {ANON: 401}),
            ("POST", "/api/v1/me/delete", {"password": "wrong"}, {ANON: 401}),
            ("PATCH", "/api/v1/me", {"display_name": "x"}, {ANON: 401}),
            ("POST", "/api/v1/tokens", {"label": "x"}, {ANON: 401}),
            ("DELETE", "/api/v1/sessions/current", None, {ANON: 401}),
            ("POST", "/api/v1/hubs", {"slug": "rolehub-new", "name": "x"}, {ANON: 401}),
            ("PATCH", "/api/v1/hubs/roles/settings", {"name": "Taken over"},
             {ANON: 401, OUTSIDER: 403, MEMBER: 403, INTAKE: 403}),
            ("POST", "/api/v1/hubs/roles/invites", {"role": "coordinator"},
             {ANON: 401, OUTSIDER: 403, MEMBER: 403, INTAKE: 403}),
            ("GET", "/api/v1/hubs/roles/members", None, nobody_else),
            ("PUT", f"/api/v1/hubs/roles/members/{self.member_id}/roles", {"roles": ["coordinator"]},
             {ANON: 401, OUTSIDER: 403, MEMBER: 403, INTAKE: 403}),
            ("GET", "/api/v1/hubs/roles/events", None, nobody_else),
            ("GET", "/api/v1/hubs/roles/needs", None, nobody_else),
            ("POST", "/api/v1/hubs/roles/needs", need_body(), nobody_else),
            ("POST", "/api/v1/hubs/roles/needs?on_behalf=true", need_body(), {ANON: 401, OUTSIDER: 403, MEMBER: 403}),
            ("GET", f"/api/v1/needs/{need}", None, hidden),
            ("GET", f"/api/v1/needs/{need}/access-log", None, {**hidden, MEMBER: 403, INTAKE: 403}),
            ("GET", "/api/v1/hubs/roles/access-log", None, {ANON: 401, OUTSIDER: 403, MEMBER: 403, INTAKE: 403}),
            ("PATCH", f"/api/v1/needs/{need}", {"description": "changed"}, {**hidden, MEMBER: 403}),
            ("POST", f"/api/v1/needs/{need}/cancel", None, {**hidden, MEMBER: 403}),
            ("POST", f"/api/v1/needs/{need}/claim", {"offer": offer}, hidden),
            ("POST", f"/api/v1/needs/{need}/pair", {"offer": offer}, {**hidden, MEMBER: 403, INTAKE: 403}),
            ("GET", "/api/v1/hubs/roles/offers", None, nobody_else),
            ("POST", "/api/v1/hubs/roles/offers", offer_body(), nobody_else),
            ("GET", f"/api/v1/offers/{offer}", None, hidden),
            ("PATCH", f"/api/v1/offers/{offer}", {"description": "changed"},
             {**hidden, MEMBER: 403, INTAKE: 403, COORD: 403}),
            ("POST", f"/api/v1/offers/{offer}/pause", None, {**hidden, MEMBER: 403, INTAKE: 403}),
            ("POST", f"/api/v1/offers/{paused}/resume", None, {**hidden, MEMBER: 403, INTAKE: 403, COORD: 403}),
            ("GET", "/api/v1/hubs/roles/matches", None, nobody_else),
            ("GET", f"/api/v1/matches/{pm}", None, hidden),
            ("POST", f"/api/v1/matches/{pm}/accept", None, {**hidden, MEMBER: 403, INTAKE: 403, COORD: 403}),
            ("POST", f"/api/v1/matches/{pm}/decline", {"reason": "no"},
             {**hidden, MEMBER: 403, INTAKE: 403, COORD: 403}),
            ("POST", f"/api/v1/matches/{am}/start", None, {**hidden, MEMBER: 403, INTAKE: 403}),
            ("POST", f"/api/v1/matches/{am}/complete", None, {**hidden, MEMBER: 403, INTAKE: 403}),
            ("POST", f"/api/v1/matches/{am}/release", {"reason": "no"}, {**hidden, MEMBER: 403, INTAKE: 403}),
        ] + self.shift_rows(nobody_else, hidden)

    def shift_rows(self, nobody_else, hidden):
        """Shifts (issue 6): coordinators schedule, members take places; a place is its holder's alone."""
        sh, occ, su, sw = self.shift, self.occurrence, self.signup, self.swap
        coordinators_only = {ANON: 401, OUTSIDER: 403, MEMBER: 403, INTAKE: 403}
        holder_only = {**hidden, MEMBER: 403, INTAKE: 403, COORD: 403}
        parties_only = {**hidden, MEMBER: 404, INTAKE: 404, COORD: 404}
        policy = {"withdraw_cutoff_minutes": 0, "opens_before_minutes": 0, "popular_cap": 0, "cap_period": "week"}
        return [
            ("GET", "/api/v1/hubs/roles/shifts", None, nobody_else),
            ("POST", "/api/v1/hubs/roles/shifts", self.shift_body(), coordinators_only),
            ("GET", "/api/v1/hubs/roles/shift-policy", None, nobody_else),
            ("PUT", "/api/v1/hubs/roles/shift-policy", policy, coordinators_only),
            ("GET", f"/api/v1/shifts/{sh}", None, hidden),
            ("PUT", f"/api/v1/shifts/{sh}", self.shift_body(), {**hidden, MEMBER: 403, INTAKE: 403}),
            ("POST", f"/api/v1/shifts/{sh}/occurrences/{occ}/change", {"cancelled": True},
             {**hidden, MEMBER: 403, INTAKE: 403}),
            ("POST", f"/api/v1/shifts/{sh}/occurrences/{occ}/signups", {"role": "cook"}, hidden),
            ("POST", f"/api/v1/signups/{su}/withdraw", None, holder_only),
            ("POST", f"/api/v1/signups/{su}/check-in", None, holder_only),
            ("POST", f"/api/v1/signups/{su}/hours", {"minutes": 30}, holder_only),
            ("POST", f"/api/v1/signups/{su}/no-show", None, holder_only),
            ("POST", f"/api/v1/signups/{su}/swaps", {"to": self.member_id}, holder_only),
            ("POST", f"/api/v1/swaps/{sw}/accept", None, parties_only),
            ("POST", f"/api/v1/swaps/{sw}/decline", None, parties_only),
            ("GET", "/api/v1/me/shifts", None, {ANON: 401}),
            ("POST", "/api/v1/me/calendar-token", None, {ANON: 401}),
            ("DELETE", "/api/v1/me/calendar-token", None, {ANON: 401}),
            ("GET", "/api/v1/me/notifications", None, {ANON: 401}),
            ("GET", "/api/v1/me/reminders", None, {ANON: 401}),
            ("PUT", "/api/v1/me/reminders", {"offsets_minutes": [60]}, {ANON: 401}),
            ("GET", "/api/v1/hubs/roles/smtp", None, nobody_else),
            ("PUT", "/api/v1/hubs/roles/smtp", {"host": "smtp.example.org", "from": "a@example.org"},
             coordinators_only),
            ("DELETE", "/api/v1/hubs/roles/smtp", None, coordinators_only),
        ]

    def state(self):
        """Everything a refused request could have changed, as the coordinator sees it."""
        coord = self.tokens[COORD]
        lists = {}
        for what in ("members", "events", "needs", "offers", "matches"):
            lists[what] = self.walk(f"/api/v1/hubs/roles/{what}", coord, 200)[0]
        lists["hub"] = self.ok("GET", "/api/v1/hubs/roles", status=200)
        lists["hubs"] = self.walk("/api/v1/hubs", None, 200)[0]
        lists["status"] = self.ok("GET", f"/api/v1/status/{self.status_token}", status=200)
        lists["shifts"] = self.walk("/api/v1/hubs/roles/shifts", coord, 200)[0]
        lists["shift"] = self.ok("GET", f"/api/v1/shifts/{self.shift}?from=2030-01-01T00:00:00Z", token=coord,
                                 status=200)
        lists["shift_policy"] = self.ok("GET", "/api/v1/hubs/roles/shift-policy", token=coord, status=200)
        lists["helper_shifts"] = self.ok("GET", "/api/v1/me/shifts?from=2030-01-01T00:00:00Z", token=self.helper,
                                         status=200)
        return lists

    def test_every_endpoint_refuses_who_it_must(self):
        before = self.state()
        for method, path, body, refusals in self.table():
            for caller, status in refusals.items():
                with self.subTest(method=method, path=path, caller=caller):
                    r = self.req(method, path, body, token=self.tokens[caller])
                    self.assertProblem(r, status)
                    if status == 401:
                        self.assertEqual(r.headers.get("www-authenticate"), "Bearer")
        self.assertEqual(self.state(), before)
        # The refused sessions still work (DELETE /sessions/current was only sent anonymously).
        for caller in (OUTSIDER, MEMBER, INTAKE, COORD):
            self.assertEqual(self.req("GET", "/api/v1/me", token=self.tokens[caller]).status, 200)

    def test_table_covers_every_authenticated_route(self):
        from test_service import ROUTES
        public = {("GET", "/healthz"), ("GET", "/metrics"), ("GET", "/api/v1/openapi.json"),
                  ("POST", "/api/v1/sessions"), ("POST", "/api/v1/join"), ("POST", "/api/v1/password-reset"),
                  ("GET", "/api/v1/hubs"), ("GET", "/api/v1/hubs/{hub}"), ("POST", "/api/v1/hubs/{hub}/intake"),
                  ("GET", "/api/v1/status/{token}"), ("PATCH", "/api/v1/status/{token}"),
                  ("POST", "/api/v1/status/{token}/cancel"), ("GET", "/api/v1/status/{token}/access-log")}
        public |= {("GET", "/api/v1/hubs/{hub}/shifts.ics"), ("GET", "/api/v1/calendars/{token}"),  # shift feeds
                   ("GET", "/api/v1/hubs/{hub}/care-hours")}  # totals for all; names for members only
        ids = {self.open_need: "{need}", self.offer: "{offer}", self.paused_offer: "{offer}",
               self.proposed: "{match}", self.accepted: "{match}", self.member_id: "{member}", "0123456789abcdef": "{session}"}
        ids.update({self.shift: "{shift}", self.occurrence: "{occurrence}", self.signup: "{signup}",
                    self.swap: "{swap}"})
        covered = set()
        for method, path, _, _ in self.table():
            parts = path.split("?")[0].split("/")
            if len(parts) > 4 and parts[3] == "hubs":
                parts[4] = "{hub}"
            covered.add((method, "/".join(ids.get(p, p) for p in parts)))
        self.assertEqual(covered | public, ROUTES)

    def test_allowed_readers_can_read(self):
        for caller in (MEMBER, INTAKE, COORD):
            token = self.tokens[caller]
            for path in ("/api/v1/hubs/roles/members", "/api/v1/hubs/roles/events", "/api/v1/hubs/roles/needs",
                         "/api/v1/hubs/roles/offers", "/api/v1/hubs/roles/matches",
                         f"/api/v1/needs/{self.open_need}", f"/api/v1/offers/{self.offer}",
                         f"/api/v1/matches/{self.proposed}"):
                with self.subTest(caller=caller, path=path):
                    self.assertEqual(self.req("GET", path, token=token).status, 200)
        # Public endpoints need no account.
        for path in ("/api/v1/hubs", "/api/v1/hubs/roles", f"/api/v1/status/{self.status_token}", "/healthz",
                     "/api/v1/openapi.json"):
            with self.subTest(path=path):
                self.assertEqual(self.req("GET", path).status, 200)

    def test_roles_elsewhere_do_not_carry_over(self):
        # The outsider coordinates their own hub; here they cannot even pause an offer or pair a need.
        outsider = self.tokens[OUTSIDER]
        self.assertProblem(self.req("POST", f"/api/v1/offers/{self.offer}/pause", token=outsider), 404)
        self.assertProblem(self.req("POST", f"/api/v1/needs/{self.open_need}/pair", {"offer": self.offer},
                                    token=outsider), 404)
        me = self.ok("GET", "/api/v1/me", token=outsider, status=200)
        self.assertEqual([m["roles"] for m in me["memberships"]], [["member", "coordinator"]])


if __name__ == "__main__":
    unittest.main()
