"""Every endpoint against every caller it must refuse, table-driven.

Callers: anonymous (no token), an outsider (coordinator of another hub, so roles elsewhere count for nothing),
a plain member of the hub, an intake member, and the coordinator. Each row names one request and what each caller
must get; callers left out of a row are allowed and are not sent (their request would change data). After the
whole table, nothing in the hub has changed.
"""
import datetime
import json
import os
import unittest
import urllib.parse

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
        post("/api/v1/hubs/roles/suggestions/refresh", None, coord, 200)
        board = s.request("GET", "/api/v1/hubs/roles/suggestions", token=coord).json
        cls.suggestion = next(x["id"] for x in board["suggestions"] if x["need_id"] == cls.open_need)
        closes = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)).strftime(
            "%Y-%m-%dT%H:%M:%SZ")
        proposal = {"title": "Role table", "method": "majority", "closes_at": closes}
        cls.proposal_body = proposal
        cls.draft_proposal = post("/api/v1/hubs/roles/proposals", proposal, coord)["id"]
        cls.open_proposal = post("/api/v1/hubs/roles/proposals", proposal, coord)["id"]
        post(f"/api/v1/proposals/{cls.open_proposal}/open", None, coord, 200)
        # Councils: one the hub hosts, with a draft proposal.
        cls.council = post("/api/v1/hubs/roles/councils", {"name": "Roles council"}, coord)["council"]["id"]
        cls.council_proposal = post(f"/api/v1/councils/{cls.council}/proposals", proposal, coord)["proposal"]["id"]
        cls.stock_item = post("/api/v1/hubs/roles/stock", {"name": "Rice", "category": "dry-food", "unit": "bag",
                                                            "quantity": 5}, coord)["id"]
        # Shifts (issue 6): a weekly shift far ahead, the helper's place on it and a swap offered to the asker.
        cls.shift = post("/api/v1/hubs/roles/shifts", cls.shift_body(), coord)["id"]
        cls.occurrence = "20300102T100000"
        cls.signup = post(f"/api/v1/shifts/{cls.shift}/occurrences/{cls.occurrence}/signups", {"role": "cook"},
                          cls.helper)["id"]
        cls.swap = post(f"/api/v1/signups/{cls.signup}/swaps", {"to": cls.asker_id}, cls.helper)["id"]
        cls.thing = post("/api/v1/hubs/roles/things", {"name": "Drill", "category": "tools"}, coord)["id"]
        cls.seat = post("/api/v1/hubs/roles/things", {"name": "Car seat", "category": "baby", "borrowers": "intake"},
                        coord)["id"]
        soon = lambda h: (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=h)).strftime(
            "%Y-%m-%dT%H:%M:%SZ")
        cls.window = staticmethod(lambda h: {"start": soon(h), "end": soon(h + 2)})
        cls.loan = post(f"/api/v1/things/{cls.thing}/reservations", cls.window(1), cls.asker)["id"]
        cls.beds = post("/api/v1/hubs/roles/capacity", {"name": "Beds", "category": "shelter", "unit": "bed"},
                        coord)["id"]
        cls.today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
        r = s.request("PUT", f"/api/v1/capacity/{cls.beds}/slots", {"date": cls.today, "slot": "night", "capacity": 5},
                      token=coord)
        assert r.status == 200, r
        cls.allocation = post(f"/api/v1/capacity/{cls.beds}/allocations",
                              {"date": cls.today, "slot": "night", "need": cls.open_need, "quantity": 1}, coord)["id"]

    @staticmethod
    def shift_body():
        return {"name": "Kitchen", "place": "Hall", "dtstart": "20300102T100000", "duration_minutes": 120,
                "rrule": "FREQ=WEEKLY", "slots": [{"role": "cook", "max_people": 3}]}

    def table(self):
        need, offer, paused = self.open_need, self.offer, self.paused_offer
        pm, am, sg = self.proposed, self.accepted, self.suggestion
        dp, op = self.draft_proposal, self.open_proposal
        item = self.stock_item
        thing, seat, loan = self.thing, self.seat, self.loan
        beds, alloc = self.beds, self.allocation
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
            ("POST", f"/api/v1/needs/{need}/merge", {"into": self.accepted_need}, {**hidden, MEMBER: 403}),
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
            ("GET", "/api/v1/hubs/roles/suggestions", None, nobody_else),
            ("POST", "/api/v1/hubs/roles/suggestions/refresh", None,
             {ANON: 401, OUTSIDER: 403, MEMBER: 403, INTAKE: 403}),
            ("POST", "/api/v1/hubs/roles/suggestions/confirm", {"all": True},
             {ANON: 401, OUTSIDER: 403, MEMBER: 403, INTAKE: 403}),
            ("GET", f"/api/v1/suggestions/{sg}", None, {**hidden, MEMBER: 404, INTAKE: 404}),
            ("POST", f"/api/v1/suggestions/{sg}/confirm", None, {**hidden, MEMBER: 403, INTAKE: 403}),
            ("POST", f"/api/v1/suggestions/{sg}/accept", None, {**hidden, MEMBER: 403, INTAKE: 403, COORD: 403}),
            ("POST", f"/api/v1/suggestions/{sg}/decline", {"reason": "no"},
             {**hidden, MEMBER: 403, INTAKE: 403, COORD: 403}),
            ("GET", "/api/v1/hubs/roles/proposals", None, nobody_else),
            ("POST", "/api/v1/hubs/roles/proposals", self.proposal_body, nobody_else),
            ("GET", f"/api/v1/proposals/{dp}", None, hidden),
            ("PATCH", f"/api/v1/proposals/{dp}", {"title": "Taken over"}, {**hidden, MEMBER: 403, INTAKE: 403}),
            ("POST", f"/api/v1/proposals/{dp}/open", None, {**hidden, MEMBER: 403, INTAKE: 403}),
            ("POST", f"/api/v1/proposals/{op}/close", None, {**hidden, MEMBER: 403, INTAKE: 403}),
            ("POST", f"/api/v1/proposals/{op}/ballots", {"position": "yes"}, hidden),
            ("GET", f"/api/v1/proposals/{op}/results", None, {**hidden, MEMBER: 409, INTAKE: 409, COORD: 409}),
            ("GET", f"/api/v1/proposals/{op}/votes", None, {**hidden, MEMBER: 409, INTAKE: 409, COORD: 409}),
            # Shared resources: stock. Members see and donate; intake adds and gives out; coordinators count.
            ("GET", "/api/v1/hubs/roles/stock", None, nobody_else),
            ("POST", "/api/v1/hubs/roles/stock", {"name": "Beans", "category": "dry-food", "unit": "tin"},
             {ANON: 401, OUTSIDER: 403, MEMBER: 403}),
            ("GET", "/api/v1/hubs/roles/stock/expiring", None, nobody_else),
            ("GET", "/api/v1/hubs/roles/stock/moves", None, nobody_else),
            ("GET", f"/api/v1/stock/{item}", None, hidden),
            ("PATCH", f"/api/v1/stock/{item}", {"place": "elsewhere"}, {**hidden, MEMBER: 403}),
            ("GET", f"/api/v1/stock/{item}/moves", None, hidden),
            ("POST", f"/api/v1/stock/{item}/donations", {"quantity": 1}, hidden),
            ("POST", f"/api/v1/stock/{item}/distributions", {"quantity": 1}, {**hidden, MEMBER: 403}),
            ("POST", f"/api/v1/stock/{item}/counts", {"quantity": 1, "reason": "recount"},
             {**hidden, MEMBER: 403, INTAKE: 403}),
            # Two-step sign-in (safety)
            ("GET", "/api/v1/me/two-factor", None, {ANON: 401}),
            ("POST", "/api/v1/me/two-factor", None, {ANON: 401}),
            ("POST", "/api/v1/me/two-factor/confirm", {"code": "000000"}, {ANON: 401}),
            ("POST", "/api/v1/me/two-factor/disable", {"code": "000000"}, {ANON: 401}),
            ("GET", "/api/v1/hubs/roles/security", None, nobody_else),
            ("PUT", "/api/v1/hubs/roles/security", {"require_coordinator_two_factor": False},
             {ANON: 401, OUTSIDER: 403, MEMBER: 403, INTAKE: 403}),
            ("GET", "/api/v1/hubs/roles/assembly/settings", None, nobody_else),
            ("PUT", "/api/v1/hubs/roles/assembly/settings", {"waiting_days": 30, "vouches_needed": 1},
             {ANON: 401, OUTSIDER: 403, MEMBER: 403, INTAKE: 403}),
            ("POST", f"/api/v1/hubs/roles/members/{self.member_id}/vouch", None, {ANON: 401, OUTSIDER: 403, MEMBER: 422}),
            # Library of things: members browse, reserve what their rule allows and wait; intake keeps the
            # library; a loan exists only for its borrower and the keepers.
            ("GET", "/api/v1/hubs/roles/things", None, nobody_else),
            ("POST", "/api/v1/hubs/roles/things", {"name": "Saw", "category": "tools"},
             {ANON: 401, OUTSIDER: 403, MEMBER: 403}),
            ("GET", f"/api/v1/things/{thing}", None, hidden),
            ("PATCH", f"/api/v1/things/{thing}", {"condition": "broken"}, {**hidden, MEMBER: 403}),
            ("POST", f"/api/v1/things/{thing}/status", {"status": "retired"}, {**hidden, MEMBER: 403}),
            ("GET", f"/api/v1/things/{thing}/calendar", None, hidden),
            ("POST", f"/api/v1/things/{seat}/reservations", self.window(30), {**hidden, MEMBER: 403}),
            ("GET", f"/api/v1/things/{thing}/waitlist", None, {**hidden, MEMBER: 403}),
            ("POST", f"/api/v1/things/{seat}/waitlist", None, {**hidden, MEMBER: 403}),
            ("DELETE", f"/api/v1/things/{thing}/waitlist", None, {**hidden, MEMBER: 404, INTAKE: 404, COORD: 404}),
            ("GET", "/api/v1/hubs/roles/loans", None, nobody_else),
            ("GET", f"/api/v1/hubs/roles/loans?borrower={self.asker_id}", None, {**nobody_else, MEMBER: 403}),
            ("GET", "/api/v1/hubs/roles/loans/overdue", None, {**nobody_else, MEMBER: 403}),
            ("GET", f"/api/v1/loans/{loan}", None, {**hidden, MEMBER: 404}),
            ("POST", f"/api/v1/loans/{loan}/cancel", None, {**hidden, MEMBER: 404}),
            ("POST", f"/api/v1/loans/{loan}/checkout", None, {**hidden, MEMBER: 404}),
            ("POST", f"/api/v1/loans/{loan}/checkin", {"condition": "fine"}, {**hidden, MEMBER: 404}),
            ("GET", "/api/v1/hubs/roles/delegates", None, nobody_else),
            ("GET", "/api/v1/delegates/dlg_unknown/votes", None, hidden),
            # Capacity: members see the occupancy; intake sets places, allocates and releases.
            ("GET", "/api/v1/hubs/roles/capacity", None, nobody_else),
            ("POST", "/api/v1/hubs/roles/capacity", {"name": "Cots", "category": "shelter", "unit": "cot"},
             {ANON: 401, OUTSIDER: 403, MEMBER: 403}),
            ("GET", "/api/v1/hubs/roles/occupancy", None, nobody_else),
            ("GET", f"/api/v1/capacity/{beds}", None, hidden),
            ("PUT", f"/api/v1/capacity/{beds}/slots", {"date": self.today, "slot": "night", "capacity": 9},
             {**hidden, MEMBER: 403}),
            ("GET", f"/api/v1/capacity/{beds}/allocations", None, {**hidden, MEMBER: 403}),
            ("POST", f"/api/v1/capacity/{beds}/allocations",
             {"date": self.today, "slot": "night", "need": need, "quantity": 1}, {**hidden, MEMBER: 403}),
            ("POST", f"/api/v1/capacity-allocations/{alloc}/release", None, {**hidden, MEMBER: 403}),
            # Spreadsheets: members export what they may see; intake imports stock.
            ("GET", "/api/v1/hubs/roles/stock/export", None, nobody_else),
            ("GET", "/api/v1/hubs/roles/loans/export", None, nobody_else),
            ("GET", "/api/v1/hubs/roles/occupancy/export", None, nobody_else),
            ("POST", "/api/v1/hubs/roles/stock/import?dry_run=true", None, {ANON: 401, OUTSIDER: 403, MEMBER: 403}),
            ("POST", "/api/v1/hubs/roles/things/import?dry_run=true", None, {ANON: 401, OUTSIDER: 403, MEMBER: 403}),
        ] + self.shift_rows(nobody_else, hidden) + self.federation_rows() + self.council_rows(nobody_else, hidden)

    def federation_rows(self):
        """Federation (issue 10): only coordinators see and change whom the hub follows and who follows it."""
        coordinators_only = {ANON: 401, OUTSIDER: 403, MEMBER: 403, INTAKE: 403}
        actor = {"actor": "https://example.invalid/federation/hubs/x"}
        shared_hidden = {ANON: 401, OUTSIDER: 404}
        return [
            ("GET", "/api/v1/hubs/roles/federation/following", None, coordinators_only),
            ("POST", "/api/v1/hubs/roles/federation/following", {"target": "@x@example.invalid"}, coordinators_only),
            ("GET", "/api/v1/hubs/roles/federation/followers", None, coordinators_only),
            ("GET", "/api/v1/hubs/roles/federation/requests", None, coordinators_only),
            ("POST", "/api/v1/hubs/roles/federation/approve", actor, coordinators_only),
            ("POST", "/api/v1/hubs/roles/federation/reject", actor, coordinators_only),
            ("POST", "/api/v1/hubs/roles/federation/unfollow", actor, coordinators_only),
            # Sharing an offer or need with followers: the hub's coordinators; outsiders do not learn it exists.
            ("POST", f"/api/v1/offers/{self.offer}/share", None, {**shared_hidden, MEMBER: 403, INTAKE: 403}),
            ("DELETE", f"/api/v1/offers/{self.offer}/share", None, {**shared_hidden, MEMBER: 403, INTAKE: 403}),
            ("POST", f"/api/v1/needs/{self.open_need}/share", None, {**shared_hidden, MEMBER: 403, INTAKE: 403}),
            ("DELETE", f"/api/v1/needs/{self.open_need}/share", None, {**shared_hidden, MEMBER: 403, INTAKE: 403}),
        ] + self.escalation_rows()

    def escalation_rows(self):
        """Escalation of unmet needs (issue 10): the hub's coordinators only; outsiders do not learn it exists."""
        hidden = {ANON: 401, OUTSIDER: 404, MEMBER: 403, INTAKE: 403}
        esc = "/api/v1/hubs/roles/escalations/esc_unknown"
        return [
            ("POST", f"/api/v1/needs/{self.open_need}/escalate", None, hidden),
            ("GET", "/api/v1/hubs/roles/escalations", None, hidden),
            ("GET", esc, None, hidden),
        ] + [("POST", f"{esc}/{step}", None, hidden)
             for step in ("accept", "decline", "forward", "confirm", "decline-handover")] + [
            ("GET", "/api/v1/hubs/roles/escalation-settings", None, hidden),
            ("PUT", "/api/v1/hubs/roles/escalation-settings", {"delay_hours": 1, "hop_limit": 2}, hidden),
            # What hubs we follow share with us: every member of the hub reads it.
            ("GET", "/api/v1/hubs/roles/federation/shared", None, {ANON: 401, OUTSIDER: 403}),
        ]

    def council_rows(self, nobody_else, hidden):
        """Councils: members see them; the hub's coordinators convene, invite and answer; the host's coordinators
        draft, open and close; only an active delegate casts the hub's ballot (nobody here is one)."""
        c, p = self.council, self.council_proposal
        coordinators_only = {ANON: 401, OUTSIDER: 403, MEMBER: 403, INTAKE: 403}
        managers = {**hidden, MEMBER: 403, INTAKE: 403}
        return [
            ("GET", "/api/v1/hubs/roles/councils", None, nobody_else),
            ("POST", "/api/v1/hubs/roles/councils", {"name": "Another"}, coordinators_only),
            ("GET", f"/api/v1/councils/{c}", None, hidden),
            ("POST", f"/api/v1/councils/{c}/invitations", {"target": "@x@example.invalid"}, managers),
            ("POST", f"/api/v1/councils/{c}/accept", None, {**managers, COORD: 409}),
            ("POST", f"/api/v1/councils/{c}/decline", None, {**managers, COORD: 409}),
            # The host hub cannot leave its own council; no hub was invited to be removed.
            ("POST", f"/api/v1/councils/{c}/leave", None, {**managers, COORD: 409}),
            ("POST", f"/api/v1/councils/{c}/removals", {"hub": "https://example.invalid/federation/hubs/x"},
             {**managers, COORD: 422}),
            ("GET", f"/api/v1/councils/{c}/proposals", None, hidden),
            ("POST", f"/api/v1/councils/{c}/proposals", self.proposal_body, managers),
            ("GET", f"/api/v1/councils/{c}/proposals/{p}", None, {**hidden, MEMBER: 404, INTAKE: 404}),
            ("POST", f"/api/v1/councils/{c}/proposals/{p}/open", None, {**managers, COORD: 409}),
            ("POST", f"/api/v1/councils/{c}/proposals/{p}/close", None, managers),
            ("POST", f"/api/v1/councils/{c}/proposals/{p}/ballots", {"position": "yes"},
             {**hidden, MEMBER: 403, INTAKE: 403, COORD: 403}),
        ]

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
        for what in ("members", "events", "needs", "offers", "matches", "proposals", "stock", "stock/moves", "things",
                     "loans", "capacity"):
            lists[what] = self.walk(f"/api/v1/hubs/roles/{what}", coord, 200)[0]
        lists["hub"] = self.ok("GET", "/api/v1/hubs/roles", status=200)
        lists["assembly"] = self.ok("GET", "/api/v1/hubs/roles/assembly/settings", token=coord, status=200)
        lists["occupancy"] = self.ok("GET", "/api/v1/hubs/roles/occupancy", token=coord, status=200)
        lists["hubs"] = self.walk("/api/v1/hubs", None, 200)[0]
        lists["suggestions"] = self.ok("GET", "/api/v1/hubs/roles/suggestions", token=coord, status=200)
        lists["status"] = self.ok("GET", f"/api/v1/status/{self.status_token}", status=200)
        lists["shifts"] = self.walk("/api/v1/hubs/roles/shifts", coord, 200)[0]
        lists["shift"] = self.ok("GET", f"/api/v1/shifts/{self.shift}?from=2030-01-01T00:00:00Z", token=coord,
                                 status=200)
        lists["shift_policy"] = self.ok("GET", "/api/v1/hubs/roles/shift-policy", token=coord, status=200)
        lists["helper_shifts"] = self.ok("GET", "/api/v1/me/shifts?from=2030-01-01T00:00:00Z", token=self.helper,
                                         status=200)
        for what in ("following", "followers", "requests"):
            lists[f"federation_{what}"] = self.ok("GET", f"/api/v1/hubs/roles/federation/{what}", token=coord,
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
        public |= {("GET", "/.well-known/webfinger"), ("GET", "/federation/actor"),  # federation: peers read and
                   ("GET", "/federation/actor/outbox"), ("GET", "/federation/hubs/{hub}"),  # post, signed, not
                   ("GET", "/federation/hubs/{hub}/outbox"), ("GET", "/federation/hubs/{hub}/followers"),  # logged in
                   ("GET", "/federation/hubs/{hub}/following"), ("POST", "/federation/hubs/{hub}/inbox"),
                   ("POST", "/federation/inbox"), ("GET", "/federation/hubs/{hub}/activities/{activity}"),
                   ("GET", "/federation/hubs/{hub}/shared/{kind}/{item}"),  # ids of what hubs publish resolve
                   ("GET", "/federation/hubs/{hub}/shared/{kind}/{item}/note")}
        public |= {("GET", "/api/v1/directory")}  # federation: "find mutual aid near me", no sign-in
        ids = {self.open_need: "{need}", self.offer: "{offer}", self.paused_offer: "{offer}",
               self.proposed: "{match}", self.accepted: "{match}", self.member_id: "{member}", "0123456789abcdef": "{session}",
               self.suggestion: "{suggestion}"}
        ids.update({self.draft_proposal: "{proposal}", self.open_proposal: "{proposal}", self.stock_item: "{item}"})
        ids.update({self.shift: "{shift}", self.occurrence: "{occurrence}", self.signup: "{signup}",
                    self.swap: "{swap}"})
        ids.update({self.thing: "{thing}", self.seat: "{thing}", self.loan: "{loan}"})
        ids.update({self.draft_proposal: "{proposal}", self.open_proposal: "{proposal}", "dlg_unknown": "{delegate}"})
        ids.update({self.beds: "{capacity}", self.allocation: "{allocation}"})
        ids.update({"esc_unknown": "{escalation}"})
        ids.update({self.council: "{council}", self.council_proposal: "{proposal}"})
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
                         f"/api/v1/matches/{self.proposed}", "/api/v1/hubs/roles/stock",
                         "/api/v1/hubs/roles/stock/expiring", "/api/v1/hubs/roles/stock/moves",
                         f"/api/v1/stock/{self.stock_item}", f"/api/v1/stock/{self.stock_item}/moves"):
                with self.subTest(caller=caller, path=path):
                    self.assertEqual(self.req("GET", path, token=token).status, 200)
        # Public endpoints need no account.
        for path in ("/api/v1/hubs", "/api/v1/hubs/roles", f"/api/v1/status/{self.status_token}", "/healthz",
                     "/api/v1/openapi.json", "/api/v1/directory?near=40.4,-3.7"):
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



# --- the web pages ------------------------------------------------------------------------------------------------
HELPER, CALLERS = "helper", ("anonymous", "outsider", "member", "intake", "coordinator", "helper")
WEB_RULES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "web_routes.json")


class WebRoleTableTests(ApiTestCase):
    """Every HTML route (web_routes.json, which src/web/web_routes_test.cc holds equal to the router's table)
    against every kind of caller, signed in with a session cookie as a browser is."""

    @classmethod
    def build(cls):
        s = cls.srv
        cls.tokens = {ANON: None}
        cls.tokens[COORD], _ = cls.new_hub("webroles", "webcoord")
        cls.tokens[OUTSIDER], _ = cls.new_hub("webroles-other", "weboutsider")
        cls.tokens[INTAKE], _ = s.member("webroles", "webintake", "intake")
        cls.tokens[MEMBER], _ = s.member("webroles", "webmember")
        cls.tokens[HELPER], _ = s.member("webroles", "webhelper")
        asker, _ = s.member("webroles", "webasker")
        offer = s.request("POST", "/api/v1/hubs/webroles/offers", offer_body(), token=cls.tokens[HELPER]).json["id"]
        need = s.request("POST", "/api/v1/hubs/webroles/needs", need_body(), token=asker).json["id"]
        r = s.request("POST", f"/api/v1/needs/{need}/claim", {"offer": offer}, token=cls.tokens[HELPER])
        assert r.status == 201, r
        match = r.json["id"]
        r = s.request("POST", "/api/v1/hubs/webroles/intake", need_body(description="asked in public"))
        cls.status_token = r.json["status_token"]
        closes = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)).strftime(
            "%Y-%m-%dT%H:%M:%SZ")
        proposal = s.request("POST", "/api/v1/hubs/webroles/proposals",
                             {"title": "Page rules", "method": "majority", "closes_at": closes},
                             token=cls.tokens[COORD]).json["id"]
        item = s.request("POST", "/api/v1/hubs/webroles/stock",
                         {"name": "Rice", "category": "dry-food", "unit": "bag", "quantity": 5},
                         token=cls.tokens[COORD]).json["id"]
        cls.values = {"{hub}": "webroles", "{need}": need, "{match}": match, "{offer}": offer,
                      "{proposal}": proposal, "{item}": item}
        # A weekly shift a week away, and its first occurrence, for the shift pages.
        start = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=7)).strftime("%Y%m%dT100000")
        shift = s.request("POST", "/api/v1/hubs/webroles/shifts",
                          {"name": "Page rules kitchen", "place": "Hall", "dtstart": start, "duration_minutes": 60,
                           "rrule": "FREQ=WEEKLY", "slots": [{"role": "cook", "max_people": 2}]},
                          token=cls.tokens[COORD])
        assert shift.status == 201, shift
        occurrence = s.request("GET", f"/api/v1/shifts/{shift.json['id']}",
                               token=cls.tokens[COORD]).json["occurrences"][0]["occurrence"]
        cls.values.update({"{shift}": shift.json["id"], "{occurrence}": occurrence})
        # Shared resources pages: a thing of the library and the coordinator's reservation of it.
        thing = s.request("POST", "/api/v1/hubs/webroles/things", {"name": "Drill", "category": "tools"},
                          token=cls.tokens[COORD]).json["id"]
        start = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
        loan = s.request("POST", f"/api/v1/things/{thing}/reservations",
                         {"start": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                          "end": (start + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")},
                         token=cls.tokens[COORD]).json["id"]
        pool = s.request("POST", "/api/v1/hubs/webroles/capacity", {"name": "Beds", "category": "shelter", "unit": "bed"},
                         token=cls.tokens[COORD]).json["id"]
        night = start.date().isoformat()
        r = s.request("PUT", f"/api/v1/capacity/{pool}/slots", {"date": night, "slot": "night", "capacity": 3},
                      token=cls.tokens[COORD])
        assert r.status == 200, r
        allocation = s.request("POST", f"/api/v1/capacity/{pool}/allocations",
                               {"date": night, "slot": "night", "need": need, "quantity": 1},
                               token=cls.tokens[COORD]).json["id"]
        cls.values.update({"{thing}": thing, "{loan}": loan, "{allocation}": allocation})
        council = s.request("POST", "/api/v1/hubs/webroles/councils", {"name": "Page rules council"},
                            token=cls.tokens[COORD]).json["council"]["id"]
        council_proposal = s.request("POST", f"/api/v1/councils/{council}/proposals",
                                     {"title": "Page rules", "method": "majority", "closes_at": closes},
                                     token=cls.tokens[COORD]).json["proposal"]["id"]
        cls.values.update({"{council}": council, "{council_proposal}": council_proposal})
        sessions = s.request("GET", "/api/v1/me/sessions", token=cls.tokens[COORD]).json["items"]
        cls.coordinator_session = sessions[0]["id"]
        with open(WEB_RULES) as f:
            cls.rules = json.load(f)["rules"]

    def send(self, caller, method, path, form):
        csrf = "c" * 43  # the double-submit token: the same value in the cookie and the form
        cookies = [f"kin_csrf={csrf}", "kin_lang=en"]
        if self.tokens[caller]:
            cookies.append(f"kin_session={self.tokens[caller]}")
        headers = {"Cookie": "; ".join(cookies)}
        raw = None
        if method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            raw = urllib.parse.urlencode({"csrf": csrf, **(form or {})}).encode()
        return self.srv.request(method, path, headers=headers, raw=raw)

    def test_every_page_answers_each_caller_as_its_rule_says(self):
        values = {**self.values, "{status_token}": self.status_token,
                  "{coordinator_session}": self.coordinator_session}
        for rule in self.rules:
            method, _ = rule["route"].split(" ", 1)
            path = rule["path"]
            for k, v in values.items():
                path = path.replace(k, v)
            not_sent = set(rule.get("not_sent", []))
            for caller in CALLERS:
                expected = rule["expect"].get(caller, rule["expect"].get("*"))
                self.assertTrue(expected is not None or caller in not_sent,
                                f"{rule['route']}: no expectation for {caller} (add it, or list it in not_sent)")
                if caller in not_sent:
                    continue
                status, _, location = str(expected).partition(" ")
                with self.subTest(route=rule["route"], caller=caller):
                    r = self.send(caller, method, path, rule.get("form"))
                    self.assertEqual(r.status, int(status), f"{method} {path} as {caller}: {r.status} {r.body[:300]}")
                    if location:
                        self.assertTrue(r.headers.get("location", "").startswith(location),
                                        f"{method} {path} as {caller} went to {r.headers.get('location')}")
                    if r.status == 200 and r.headers.get("content-type", "").startswith("text/html"):
                        # A page never shows another person's contact details to callers without the right.
                        self.assertNotIn("600 000 000", r.body)

    def test_every_rule_covers_every_caller(self):
        for rule in self.rules:
            unknown = (set(rule["expect"]) - {"*"} | set(rule.get("not_sent", []))) - set(CALLERS)
            self.assertEqual(unknown, set(), f"{rule['route']} names callers that do not exist")
            for caller in CALLERS:
                self.assertTrue(caller in rule["expect"] or "*" in rule["expect"] or caller in rule.get("not_sent", []),
                                f"{rule['route']} says nothing about {caller}")


if __name__ == "__main__":
    unittest.main()
