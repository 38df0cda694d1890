"""Hubs over HTTP: the public directory, starting a hub, settings, invitations, members and roles, the event log,
and pagination of lists."""
import unittest

from test_service import ApiTestCase


class HubTests(ApiTestCase):
    @classmethod
    def build(cls):
        cls.coord, cls.coord_id = cls.new_hub("hubs", "hubcoord")
        cls.member, cls.member_id = cls.srv.member("hubs", "hubmember")
        cls.intake, cls.intake_id = cls.srv.member("hubs", "hubintake", "intake")
        cls.outsider, cls.outsider_id = cls.new_hub("elsewhere", "elsecoord")

    def hub(self, slug="hubs"):
        return self.ok("GET", f"/api/v1/hubs/{slug}", status=200)

    # --- directory ---------------------------------------------------------------------------------------
    def test_hub_is_public(self):
        hub = self.hub()
        self.assertEqual(hub["slug"], "hubs")
        self.assertEqual(hub["name"], "Hub hubs")
        self.assertEqual(hub["languages"], ["en", "es"])
        self.assertTrue(hub["intake_open"])
        self.assertIn("food", hub["categories"])
        for key in ("id", "description", "area", "time_zone", "retention_days", "created_at"):
            self.assertIn(key, hub)
        listed = self.walk("/api/v1/hubs", limit=200)[0]
        self.assertIn("hubs", [h["slug"] for h in listed])

    def test_unknown_hub_is_404(self):
        self.assertProblem(self.req("GET", "/api/v1/hubs/no-such-hub"), 404)
        self.assertProblem(self.req("GET", "/api/v1/hubs/no-such-hub/needs", token=self.member), 404)
        self.assertProblem(self.req("POST", "/api/v1/hubs/no-such-hub/intake",
                                    {"category": "food", "description": "x"}), 404)

    # --- starting a hub ----------------------------------------------------------------------------------
    def test_member_starts_a_hub_and_coordinates_it(self):
        r = self.req("POST", "/api/v1/hubs", {"slug": "started", "name": "Started by a member",
                                              "languages": ["es"], "time_zone": "Europe/Madrid",
                                              "categories": ["food", "rides"],
                                              "area": {"center": {"lat": 40.4, "lon": -3.7}, "radius_km": 3}},
                     token=self.member)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["slug"], "started")
        self.assertEqual(r.json["categories"], ["food", "rides"])
        self.assertEqual(r.json["time_zone"], "Europe/Madrid")
        me = self.ok("GET", "/api/v1/me", token=self.member, status=200)
        roles = {m["hub_id"]: m["roles"] for m in me["memberships"]}
        self.assertEqual(roles[r.json["id"]], ["member", "coordinator"])
        events = self.events("started", self.member)
        self.assertEqual([(e["type"], e["actor"]) for e in events], [("hub.created", self.member_id)])
        self.assertEqual(self.hub("started")["name"], "Started by a member")

    def test_hub_creation_is_checked(self):
        before = {h["slug"] for h in self.walk("/api/v1/hubs", limit=200)[0]}
        self.assertProblem(self.req("POST", "/api/v1/hubs", {"slug": "anonhub", "name": "Anon"}), 401)
        cases = [
            ({"slug": "hubs", "name": "Taken"}, "slug"),
            ({"slug": "Bad Slug", "name": "x"}, "slug"),
            ({"slug": "a", "name": "x"}, "slug"),
            ({"name": "No slug"}, "slug"),
            ({"slug": "noname"}, "name"),
            ({"slug": "badlang", "name": "x", "languages": []}, "languages"),
            ({"slug": "badlang2", "name": "x", "languages": ["english"]}, "languages[0]"),
            ({"slug": "badcat", "name": "x", "categories": ["Food!"]}, "categories[0]"),
            ({"slug": "dupcat", "name": "x", "categories": ["food", "food"]}, "categories[1]"),
            ({"slug": "badzone", "name": "x", "time_zone": "Mars Time"}, "time_zone"),
            ({"slug": "badarea", "name": "x", "area": {"center": {"lat": 100, "lon": 0}}}, "area.center.lat"),
            ({"slug": "badradius", "name": "x", "area": {"radius_km": 0}}, "area.radius_km"),
            ({"slug": "badret", "name": "x", "retention_days": 0}, "retention_days"),
            ({"slug": "extra", "name": "x", "owner": "me"}, "owner"),
            ({"slug": "badopen", "name": "x", "intake_open": "yes"}, "intake_open"),
        ]
        for body, field in cases:
            with self.subTest(body=body):
                self.assertProblem(self.req("POST", "/api/v1/hubs", body, token=self.member), 422, field)
        after = {h["slug"] for h in self.walk("/api/v1/hubs", limit=200)[0]}
        self.assertEqual(before, after)

    # --- settings ----------------------------------------------------------------------------------------
    def test_coordinator_changes_settings_and_it_is_logged(self):
        r = self.req("PATCH", "/api/v1/hubs/hubs/settings", {"description": "We share food on Sundays",
                                                             "retention_days": 60}, token=self.coord)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["description"], "We share food on Sundays")
        self.assertEqual(r.json["retention_days"], 60)
        self.assertEqual(r.json["name"], "Hub hubs")  # untouched fields stay
        self.assertEqual(self.hub()["retention_days"], 60)
        changed = [e for e in self.events("hubs", self.coord) if e["type"] == "hub.settings_changed"]
        self.assertTrue(changed)
        self.assertEqual(changed[-1]["actor"], self.coord_id)

    def test_invalid_settings_change_nothing(self):
        before = self.hub()
        for body, field in (({"name": "Renamed", "languages": []}, "languages"),
                            ({"name": "Renamed", "area": {"center": {"lat": 0, "lon": 181}}}, "area.center.lon"),
                            ({"name": "Renamed", "categories": []}, "categories"),
                            ({"name": ""}, "name"),
                            ({"name": "Renamed", "slug": "renamed"}, "slug"),
                            ({"name": "Renamed", "retention_days": 4000}, "retention_days"),
                            ({"name": "Renamed", "area": {"center": None, "shape": "circle"}}, "area.shape")):
            with self.subTest(body=body):
                self.assertProblem(self.req("PATCH", "/api/v1/hubs/hubs/settings", body, token=self.coord), 422,
                                   field)
        self.assertEqual(self.hub(), before)

    # Regression: null clears the hub's area centre.
    def test_null_clears_area_center(self):
        r = self.req("PATCH", "/api/v1/hubs/hubs/settings", {"area": {"center": {"lat": 40.4, "lon": -3.7}}},
                     token=self.coord)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["area"]["center"], {"lat": 40.4, "lon": -3.7})
        r = self.req("PATCH", "/api/v1/hubs/hubs/settings", {"area": {"center": None}}, token=self.coord)
        self.assertEqual(r.status, 200, r)
        self.assertIsNone(r.json["area"]["center"])

    def test_only_coordinators_change_settings(self):
        before = self.hub()
        for token in (self.member, self.intake, self.outsider):
            self.assertProblem(self.req("PATCH", "/api/v1/hubs/hubs/settings", {"name": "Mine now"}, token=token),
                               403)
        self.assertProblem(self.req("PATCH", "/api/v1/hubs/hubs/settings", {"name": "Mine now"}), 401)
        self.assertProblem(self.req("PATCH", "/api/v1/hubs/nohub/settings", {"name": "x"}, token=self.coord), 404)
        self.assertEqual(self.hub(), before)

    # --- invitations -------------------------------------------------------------------------------------
    def test_coordinator_invites_with_a_role(self):
        r = self.req("POST", "/api/v1/hubs/hubs/invites", {"role": "intake", "uses": 2, "days": 3},
                     token=self.coord)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["role"], "intake")
        self.assertEqual(r.json["uses"], 2)
        self.assertTrue(r.json["url"].endswith("/join/" + r.json["token"]), r.json)
        token, member_id = self.srv.join(r.json["token"], "invitedintake")
        me = self.ok("GET", "/api/v1/me", token=token, status=200)
        self.assertEqual(me["memberships"][0]["roles"], ["member", "intake"])
        created = [e for e in self.events("hubs", self.coord) if e["type"] == "invite.created"]
        self.assertEqual(created[-1]["actor"], self.coord_id)
        # Default: one member invitation.
        r = self.req("POST", "/api/v1/hubs/hubs/invites", {}, token=self.coord)
        self.assertEqual(r.status, 201, r)
        self.assertEqual((r.json["role"], r.json["uses"]), ("member", 1))

    def test_invite_is_checked(self):
        for body, field in (({"role": "admin"}, "role"), ({"uses": 0}, "uses"), ({"uses": 1001}, "uses"),
                            ({"days": 0}, "days"), ({"days": 91}, "days"), ({"uses": "2"}, "uses"),
                            ({"role": "member", "note": "hi"}, "note")):
            with self.subTest(body=body):
                self.assertProblem(self.req("POST", "/api/v1/hubs/hubs/invites", body, token=self.coord), 422,
                                   field)
        for token in (self.member, self.intake, self.outsider):
            self.assertProblem(self.req("POST", "/api/v1/hubs/hubs/invites", {}, token=token), 403)
        self.assertProblem(self.req("POST", "/api/v1/hubs/hubs/invites", {}), 401)

    # --- members and roles -------------------------------------------------------------------------------
    def test_members_see_each_other_without_contact(self):
        self.ok("PATCH", "/api/v1/me", {"contact": {"preferred": "phone", "phone": "+1 555 0100"}},
                token=self.intake, status=200)
        members = self.walk("/api/v1/hubs/hubs/members", self.member)[0]
        by_id = {m["id"]: m for m in members}
        self.assertEqual(by_id[self.coord_id]["roles"], ["member", "coordinator"])
        self.assertEqual(by_id[self.intake_id]["roles"], ["member", "intake"])
        self.assertEqual(by_id[self.member_id]["handle"], "hubmember")
        for m in members:
            self.assertEqual(set(m), {"id", "handle", "display_name", "languages", "roles", "joined_at"})
        self.assertNotIn("555 0100", str(members))
        self.assertProblem(self.req("GET", "/api/v1/hubs/hubs/members", token=self.outsider), 403)
        self.assertProblem(self.req("GET", "/api/v1/hubs/hubs/members"), 401)

    def test_coordinator_grants_and_withdraws_roles(self):
        token, member_id = self.srv.member("hubs", "promoted")
        url = f"/api/v1/hubs/hubs/members/{member_id}/roles"
        r = self.req("PUT", url, {"roles": ["intake"]}, token=self.coord)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["roles"], ["member", "intake"])  # member is implied
        # The new role works at once: intake may enter a need for someone else.
        self.ok("POST", "/api/v1/hubs/hubs/needs?on_behalf=true",
                {"category": "food", "description": "Phoned in by a neighbour"}, token=token, status=201)
        r = self.req("PUT", url, {"roles": []}, token=self.coord)
        self.assertEqual(r.json["roles"], ["member"])
        self.assertProblem(self.req("POST", "/api/v1/hubs/hubs/needs?on_behalf=true",
                                    {"category": "food", "description": "Again"}, token=token), 403)
        changes = [e for e in self.events("hubs", self.coord) if e["type"] == "member.roles_changed"
                   and e["subject"] == member_id]
        self.assertEqual([(e["actor"], e["detail"]) for e in changes],
                         [(self.coord_id, "member,intake"), (self.coord_id, "member")])

    def test_role_changes_are_checked(self):
        url = f"/api/v1/hubs/hubs/members/{self.member_id}/roles"
        for body, field in (({"roles": ["boss"]}, "roles"), ({"roles": "intake"}, "roles"), ({}, "roles"),
                            ({"roles": [1]}, "roles"), ({"roles": [], "why": "x"}, "why")):
            with self.subTest(body=body):
                self.assertProblem(self.req("PUT", url, body, token=self.coord), 422, field)
        self.assertProblem(self.req("PUT", "/api/v1/hubs/hubs/members/mem_nobody/roles", {"roles": []},
                                    token=self.coord), 404)
        # A member of another hub is not a member here.
        self.assertProblem(self.req("PUT", f"/api/v1/hubs/hubs/members/{self.outsider_id}/roles", {"roles": []},
                                    token=self.coord), 404)
        for token in (self.member, self.intake, self.outsider):
            self.assertProblem(self.req("PUT", url, {"roles": ["coordinator"]}, token=token), 403)
        roles = {m["id"]: m["roles"] for m in self.walk("/api/v1/hubs/hubs/members", self.coord, 200)[0]}
        self.assertEqual(roles[self.member_id], ["member"])

    def test_last_coordinator_cannot_step_down(self):
        token, coord_id = self.new_hub("solo", "solocoord")
        r = self.req("PUT", f"/api/v1/hubs/solo/members/{coord_id}/roles", {"roles": []}, token=token)
        self.assertProblem(r, 409)
        me = self.ok("GET", "/api/v1/me", token=token, status=200)
        self.assertEqual(me["memberships"][0]["roles"], ["member", "coordinator"])
        # With a second coordinator, the first may step down.
        _, second = self.srv.member("solo", "solosecond", "coordinator")
        r = self.req("PUT", f"/api/v1/hubs/solo/members/{coord_id}/roles", {"roles": []}, token=token)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["roles"], ["member"])
        self.assertProblem(self.req("PATCH", "/api/v1/hubs/solo/settings", {"name": "x"}, token=token), 403)

    # --- event log ---------------------------------------------------------------------------------------
    def test_event_log_is_for_members_only_and_ordered(self):
        events = self.events("hubs", self.member)
        self.assertEqual(events[0]["type"], "hub.created")
        self.assertEqual(events[0]["actor"], "admin")
        seqs = [e["seq"] for e in events]
        self.assertEqual(seqs, sorted(seqs))
        self.assertEqual(len(set(seqs)), len(seqs))
        for e in events:
            self.assertEqual(set(e), {"seq", "at", "actor", "type", "subject", "detail"})
            self.assertRegex(e["at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        joined = {e["subject"] for e in events if e["type"] == "member.joined"}
        self.assertTrue({self.coord_id, self.member_id, self.intake_id} <= joined)
        self.assertProblem(self.req("GET", "/api/v1/hubs/hubs/events", token=self.outsider), 403)
        self.assertProblem(self.req("GET", "/api/v1/hubs/hubs/events"), 401)


class PaginationTests(ApiTestCase):
    @classmethod
    def build(cls):
        cls.coord, _ = cls.new_hub("pages", "pagecoord")
        for i in range(6):
            r = cls.srv.request("POST", "/api/v1/hubs", {"slug": f"page-hub-{i}", "name": f"Page hub {i}"},
                                token=cls.coord)
            assert r.status == 201, r
        cls.need_ids = []
        for i in range(7):
            r = cls.srv.request("POST", "/api/v1/hubs/pages/needs",
                                {"category": "food", "description": f"need number {i}"}, token=cls.coord)
            assert r.status == 201, r
            cls.need_ids.append(r.json["id"])
        cls.offer_ids = []
        for i in range(5):
            r = cls.srv.request("POST", "/api/v1/hubs/pages/offers",
                                {"category": "rides", "description": f"offer {i}",
                                 "capacity": {"amount": 2, "unit": "rides", "period": "week"}}, token=cls.coord)
            assert r.status == 201, r
            cls.offer_ids.append(r.json["id"])

    def test_hubs_walk_once(self):
        everything = self.ok("GET", "/api/v1/hubs?limit=200", status=200)
        self.assertIsNone(everything["next_cursor"])
        expected = [h["slug"] for h in everything["items"]]
        self.assertEqual(len(expected), 7)
        items, pages = self.walk("/api/v1/hubs", limit=2)
        self.assertEqual([h["slug"] for h in items], expected)  # same order as one big page
        self.assertEqual(pages, 4)

    def test_needs_walk_once_newest_first(self):
        items, pages = self.walk("/api/v1/hubs/pages/needs", self.coord, limit=2)
        self.assertEqual([n["id"] for n in items], list(reversed(self.need_ids)))
        self.assertEqual(pages, 4)
        items, _ = self.walk("/api/v1/hubs/pages/needs", self.coord, limit=3)
        self.assertEqual([n["id"] for n in items], list(reversed(self.need_ids)))

    def test_filtered_walk_once(self):
        items, _ = self.walk("/api/v1/hubs/pages/needs?status=open&category=food", self.coord, limit=2)
        self.assertEqual(sorted(n["id"] for n in items), sorted(self.need_ids))

    def test_offers_walk_once(self):
        items, pages = self.walk("/api/v1/hubs/pages/offers", self.coord, limit=2)
        self.assertEqual([o["id"] for o in items], list(reversed(self.offer_ids)))
        self.assertEqual(pages, 3)

    def test_events_walk_once_oldest_first(self):
        everything = self.ok("GET", "/api/v1/hubs/pages/events?limit=200", token=self.coord, status=200)
        items, _ = self.walk("/api/v1/hubs/pages/events", self.coord, limit=2)
        self.assertEqual(items, everything["items"])
        self.assertEqual(len({e["seq"] for e in items}), len(items))
        types = [e["type"] for e in items]
        self.assertEqual(types.count("need.created"), 7)
        self.assertEqual(types.count("offer.created"), 5)

    def test_members_walk_once(self):
        for i in range(3):
            self.srv.member("pages", f"pagemember{i}")
        items, _ = self.walk("/api/v1/hubs/pages/members", self.coord, limit=2)
        handles = [m["handle"] for m in items]
        self.assertEqual(len(handles), len(set(handles)))
        self.assertEqual(set(handles), {"pagecoord", "pagemember0", "pagemember1", "pagemember2"})

    def test_bad_paging_parameters(self):
        for query, field in (("limit=0", "limit"), ("limit=201", "limit"), ("limit=-1", "limit"),
                             ("limit=abc", "limit"), ("limit=", "limit"), ("limit=1.5", "limit"),
                             ("cursor=abc", "cursor"), ("cursor=0", "cursor"), ("cursor=-5", "cursor"),
                             ("cursor=0012", "cursor"), ("cursor=" + "9" * 30, "cursor"),
                             ("page=2", "page"), ("offset=10", "offset")):
            for path in ("/api/v1/hubs/pages/needs", "/api/v1/hubs/pages/offers", "/api/v1/hubs/pages/matches",
                         "/api/v1/hubs/pages/events", "/api/v1/hubs/pages/members", "/api/v1/hubs"):
                with self.subTest(path=path, query=query):
                    self.assertProblem(self.req("GET", f"{path}?{query}", token=self.coord), 422, field)

    def test_cursor_past_the_end_gives_an_empty_page(self):
        page = self.ok("GET", "/api/v1/hubs/pages/needs?limit=200", token=self.coord, status=200)
        self.assertEqual(len(page["items"]), 7)
        first = self.ok("GET", "/api/v1/hubs/pages/needs?limit=7", token=self.coord, status=200)
        self.assertEqual(len(first["items"]), 7)
        if first["next_cursor"] is not None:
            rest = self.ok("GET", f"/api/v1/hubs/pages/needs?limit=7&cursor={first['next_cursor']}",
                           token=self.coord, status=200)
            self.assertEqual(rest["items"], [])
            self.assertIsNone(rest["next_cursor"])


if __name__ == "__main__":
    unittest.main()
