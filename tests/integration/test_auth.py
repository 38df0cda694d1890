"""Accounts over HTTP: joining by invitation, signing in and out, API tokens, password resets, the own profile,
and the sign-in rate limit."""
import calendar
import re
import sqlite3
import threading
import time
import unittest

from test_service import PASSWORD, ApiTestCase


class AuthTests(ApiTestCase):
    # Sign-ins share one rate-limit bucket per address (burst 10), so this class keeps to a handful of them;
    # the limit itself is tested by LoginRateLimitTests on its own server.

    @classmethod
    def build(cls):
        cls.coord, cls.coord_id = cls.new_hub("auth", "authcoord")
        cls.srv.create_hub("auth2", name="Second hub")

    def sign_in(self, handle, password=PASSWORD):
        return self.req("POST", "/api/v1/sessions", {"handle": handle, "password": password})

    def member_handles(self):
        return {m["handle"] for m in self.walk("/api/v1/hubs/auth/members", self.coord, limit=200)[0]}

    # --- joining -----------------------------------------------------------------------------------------
    def test_join_creates_account_membership_and_session(self):
        invite = self.srv.admin_invite("auth", "member")
        r = self.req("POST", "/api/v1/join", {"invite": invite, "handle": "joiner", "password": PASSWORD,
                                              "display_name": "Jo Iner", "languages": ["es", "en"]})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["membership"]["roles"], ["member"])
        session = r.json["session"]
        self.assertEqual(session["kind"], "session")
        self.assertEqual(session["handle"], "joiner")
        self.assertEqual(session["member_id"], r.json["membership"]["member_id"])
        self.assertNotIn("password_hash", r.body)
        me = self.ok("GET", "/api/v1/me", token=session["token"], status=200)
        self.assertEqual(me["handle"], "joiner")
        self.assertEqual(me["display_name"], "Jo Iner")
        self.assertEqual(me["languages"], ["es", "en"])
        self.assertEqual([m["hub_id"] for m in me["memberships"]], [r.json["membership"]["hub_id"]])
        self.assertNotIn("password", r.body.replace("password_", ""))
        events = self.events("auth", self.coord)
        joined = [e for e in events if e["type"] == "member.joined" and e["subject"] == session["member_id"]]
        self.assertEqual(len(joined), 1, events)
        self.assertEqual(joined[0]["actor"], session["member_id"])

    def test_invite_role_is_granted(self):
        token, member_id = self.srv.member("auth", "intakejoiner", "intake")
        me = self.ok("GET", "/api/v1/me", token=token, status=200)
        self.assertEqual(me["memberships"][0]["roles"], ["member", "intake"])

    def test_used_invite_is_404(self):
        invite = self.srv.admin_invite("auth", "member", uses=1)
        self.srv.join(invite, "firstuser")
        r = self.req("POST", "/api/v1/join", {"invite": invite, "handle": "seconduser", "password": PASSWORD,
                                              "display_name": "Second"})
        self.assertProblem(r, 404)
        self.assertNotIn("seconduser", self.member_handles())
        # ...and the account was not created either: the handle is still free.
        self.srv.join(self.srv.admin_invite("auth"), "seconduser")

    def test_invite_with_several_uses(self):
        invite = self.srv.admin_invite("auth", "member", uses=2)
        self.srv.join(invite, "multi1")
        self.srv.join(invite, "multi2")
        r = self.req("POST", "/api/v1/join", {"invite": invite, "handle": "multi3", "password": PASSWORD,
                                              "display_name": "Three"})
        self.assertProblem(r, 404)

    def test_expired_invite_is_404(self):
        invite = self.srv.admin_invite("auth", "member")
        # Age the invitation in the real database: the last invite row is the one just made.
        with sqlite3.connect(self.srv.db, timeout=30) as db:
            db.execute("UPDATE invites SET expires_at = created_at - 1 WHERE seq = (SELECT max(seq) FROM invites)")
        r = self.req("POST", "/api/v1/join", {"invite": invite, "handle": "lateuser", "password": PASSWORD,
                                              "display_name": "Late"})
        self.assertProblem(r, 404)
        self.assertNotIn("lateuser", self.member_handles())

    def test_unknown_invite_is_404(self):
        r = self.req("POST", "/api/v1/join", {"invite": "nonsense-invite", "handle": "nobodyx",
                                              "password": PASSWORD, "display_name": "Nobody"})
        self.assertProblem(r, 404)

    def test_taken_handle_is_422_and_leaves_invite_usable(self):
        invite = self.srv.admin_invite("auth", "member", uses=1)
        r = self.req("POST", "/api/v1/join", {"invite": invite, "handle": "authcoord", "password": PASSWORD,
                                              "display_name": "Copycat"})
        self.assertProblem(r, 422, "handle")
        # Nothing stored half-way: the one-use invitation was not spent.
        self.srv.join(invite, "notacopycat")

    def test_join_validation_names_fields_and_spends_nothing(self):
        invite = self.srv.admin_invite("auth", "member", uses=1)
        before = self.member_handles()
        cases = [
            ({"handle": "ab"}, "handle"),
            ({"handle": "Upper"}, "handle"),
            ({"handle": "has space"}, "handle"),
            ({"password": "short"}, "password"),
            ({"password": "x" * 129}, "password"),
            ({"display_name": "   "}, "display_name"),
            ({"display_name": "x" * 81}, "display_name"),
            ({"languages": ["english"]}, "languages[0]"),
            ({"languages": "en"}, "languages"),
            ({"handle": 5}, "handle"),
            ({"surprise": True}, "surprise"),
        ]
        for change, field in cases:
            body = {"invite": invite, "handle": "validjoiner", "password": PASSWORD, "display_name": "Valid"}
            body.update(change)
            with self.subTest(change=change):
                self.assertProblem(self.req("POST", "/api/v1/join", body), 422, field)
        for missing in ("handle", "password", "display_name", "invite"):
            body = {"invite": invite, "handle": "validjoiner", "password": PASSWORD, "display_name": "Valid"}
            del body[missing]
            with self.subTest(missing=missing):
                self.assertProblem(self.req("POST", "/api/v1/join", body), 422, missing)
        self.assertEqual(self.member_handles(), before)
        self.srv.join(invite, "validjoiner")

    def test_signed_in_member_joins_another_hub_without_new_account(self):
        token, member_id = self.srv.member("auth", "twohubs")
        invite = self.srv.admin_invite("auth2", "intake")
        r = self.req("POST", "/api/v1/join", {"invite": invite}, token=token)
        self.assertEqual(r.status, 201, r)
        self.assertIsNone(r.json["session"])
        self.assertEqual(r.json["membership"]["member_id"], member_id)
        self.assertEqual(r.json["membership"]["roles"], ["member", "intake"])
        me = self.ok("GET", "/api/v1/me", token=token, status=200)
        self.assertEqual(len(me["memberships"]), 2)

    def race(self, bodies):
        """Sends the POST /api/v1/join bodies at the same moment; returns the responses."""
        barrier = threading.Barrier(len(bodies))
        results = [None] * len(bodies)

        def go(i):
            barrier.wait()
            results[i] = self.srv.request("POST", "/api/v1/join", bodies[i])

        threads = [threading.Thread(target=go, args=(i,)) for i in range(len(bodies))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        return results

    def test_one_use_invite_raced_by_two_people(self):
        invite = self.srv.admin_invite("auth", "member", uses=1)
        results = self.race([{"invite": invite, "handle": f"racer{i}", "password": PASSWORD,
                              "display_name": f"Racer {i}"} for i in range(3)])
        self.assertEqual(sorted(r.status for r in results), [201, 404, 404], results)
        handles = self.member_handles()
        self.assertEqual(len([h for h in handles if h.startswith("racer")]), 1, handles)

    def test_one_handle_raced_by_two_people(self):
        invite = self.srv.admin_invite("auth", "member", uses=5)
        results = self.race([{"invite": invite, "handle": "samehandle", "password": PASSWORD,
                              "display_name": f"Same {i}"} for i in range(2)])
        self.assertEqual(sorted(r.status for r in results), [201, 422], results)
        loser = [r for r in results if r.status == 422][0]
        self.assertProblem(loser, 422, "handle")

    def test_tokens_work_only_for_their_purpose(self):
        token, _ = self.srv.member("auth", "purposeful")
        reset = self.admin_reset("purposeful")
        invite = self.srv.admin_invite("auth", "coordinator")
        # A reset link is not an invitation, an invitation is not a reset link, and neither is a session.
        self.assertProblem(self.req("POST", "/api/v1/join", {"invite": reset, "handle": "sneaky",
                                                             "password": PASSWORD, "display_name": "S"}), 404)
        self.assertProblem(self.req("POST", "/api/v1/password-reset",
                                    {"token": invite, "password": "a brand new password"}), 404)
        self.assertProblem(self.req("GET", "/api/v1/me", token=reset), 401)
        self.assertProblem(self.req("GET", "/api/v1/me", token=invite), 401)
        self.assertProblem(self.req("POST", "/api/v1/join", {"invite": token, "handle": "sneaky2",
                                                             "password": PASSWORD, "display_name": "S"}), 404)
        # Both still work for what they are.
        self.srv.join(invite, "rightful")
        self.assertEqual(self.req("POST", "/api/v1/password-reset",
                                  {"token": reset, "password": "a brand new password"}).status, 200)

    def test_expired_session_is_401(self):
        token, _ = self.srv.member("auth", "expiring")
        self.assertEqual(self.req("GET", "/api/v1/me", token=token).status, 200)
        with sqlite3.connect(self.srv.db, timeout=30) as db:
            db.execute("UPDATE sessions SET expires_at = created_at WHERE seq = (SELECT max(seq) FROM sessions)")
        self.assertProblem(self.req("GET", "/api/v1/me", token=token), 401)

    # --- sessions ----------------------------------------------------------------------------------------
    def test_sign_in_use_and_sign_out(self):
        self.srv.member("auth", "signer")
        r = self.sign_in("signer")
        self.assertEqual(r.status, 201, r)
        token = r.json["token"]
        self.assertEqual(r.json["kind"], "session")
        self.assertRegex(r.json["expires_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertEqual(self.ok("GET", "/api/v1/me", token=token, status=200)["handle"], "signer")
        self.assertEqual(self.req("DELETE", "/api/v1/sessions/current", token=token).status, 204)
        r = self.req("GET", "/api/v1/me", token=token)
        self.assertProblem(r, 401)
        self.assertEqual(r.headers.get("www-authenticate"), "Bearer")
        self.assertProblem(self.req("DELETE", "/api/v1/sessions/current", token=token), 401)
        self.assertProblem(self.req("GET", "/api/v1/hubs/auth/needs", token=token), 401)

    def test_sign_out_ends_only_that_session(self):
        token1, _ = self.srv.member("auth", "twosessions")
        r = self.sign_in("twosessions")
        self.assertEqual(r.status, 201, r)
        token2 = r.json["token"]
        self.assertEqual(self.req("DELETE", "/api/v1/sessions/current", token=token2).status, 204)
        self.assertEqual(self.req("GET", "/api/v1/me", token=token1).status, 200)

    def test_wrong_password_and_unknown_handle_look_the_same(self):
        wrong = self.sign_in("authcoord", "not the password at all")
        unknown = self.sign_in("nosuchperson", "not the password at all")
        self.assertProblem(wrong, 401)
        self.assertProblem(unknown, 401)
        self.assertEqual(wrong.json["detail"], unknown.json["detail"])
        self.assertEqual(wrong.json["title"], unknown.json["title"])
        self.assertNotIn("token", wrong.json)

    def test_sign_in_body_is_checked(self):
        self.assertProblem(self.req("POST", "/api/v1/sessions", {"handle": "authcoord"}), 422, "password")
        self.assertProblem(self.req("POST", "/api/v1/sessions", {"password": PASSWORD}), 422, "handle")
        self.assertProblem(self.req("POST", "/api/v1/sessions", {"handle": "authcoord", "password": PASSWORD,
                                                                 "remember": True}), 422, "remember")
        self.assertProblem(self.req("POST", "/api/v1/sessions", {"handle": ["x"], "password": PASSWORD}),
                           422, "handle")

    def test_bad_authorization_headers_are_401(self):
        for header in ("Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearer not-a-real-token",
                       "Bearer " + "x" * 500):
            with self.subTest(header=header[:30]):
                r = self.req("GET", "/api/v1/me", headers={"Authorization": header})
                self.assertProblem(r, 401)
        # A stale token is refused even where anonymous callers are welcome, so the client learns it.
        self.assertProblem(self.req("GET", "/api/v1/hubs/auth/needs", token="stale-token"), 401)

    def test_auth_scheme_is_case_insensitive(self):
        r = self.req("GET", "/api/v1/me", headers={"Authorization": "bearer " + self.coord})
        self.assertEqual(r.status, 200, r)

    # --- API tokens --------------------------------------------------------------------------------------
    def test_api_token_is_created_and_works(self):
        r = self.req("POST", "/api/v1/tokens", {"label": "inventory script", "days": 30}, token=self.coord)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["kind"], "api_token")
        self.assertEqual(r.json["member_id"], self.coord_id)
        expires = calendar.timegm(time.strptime(r.json["expires_at"], "%Y-%m-%dT%H:%M:%SZ"))
        self.assertAlmostEqual(expires - time.time(), 30 * 86400, delta=3600)
        api = r.json["token"]
        self.assertNotEqual(api, self.coord)
        self.assertEqual(self.ok("GET", "/api/v1/me", token=api, status=200)["id"], self.coord_id)
        self.ok("GET", "/api/v1/hubs/auth/needs", token=api, status=200)

    def test_api_token_defaults_and_validation(self):
        r = self.req("POST", "/api/v1/tokens", {"label": "default days"}, token=self.coord)
        self.assertEqual(r.status, 201, r)
        for body, field in (({"days": 30}, "label"), ({"label": "", "days": 3}, "label"),
                            ({"label": "x" * 81}, "label"), ({"label": "z", "days": 0}, "days"),
                            ({"label": "z", "days": 3651}, "days"), ({"label": "z", "days": -5}, "days"),
                            ({"label": "z", "days": "10"}, "days"), ({"label": "z", "days": 1.5}, "days"),
                            ({"label": "z", "scope": "all"}, "scope")):
            with self.subTest(body=body):
                self.assertProblem(self.req("POST", "/api/v1/tokens", body, token=self.coord), 422, field)
        self.assertProblem(self.req("POST", "/api/v1/tokens", {"label": "anon"}), 401)

    # --- password reset ----------------------------------------------------------------------------------
    def admin_reset(self, handle):
        p = self.srv.cli("admin", "reset-password", "--db", self.srv.db, "--handle", handle)
        return re.search(r"reset token: (\S+)", p.stdout).group(1)

    def test_password_reset_flow(self):
        old_token, member_id = self.srv.member("auth", "forgetful")
        reset = self.admin_reset("forgetful")
        # A weak new password is refused and does not spend the link.
        self.assertProblem(self.req("POST", "/api/v1/password-reset", {"token": reset, "password": "short"}),
                           422, "password")
        r = self.req("POST", "/api/v1/password-reset", {"token": reset, "password": "a brand new password"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["member_id"], member_id)
        new_session = r.json["token"]
        self.assertEqual(self.ok("GET", "/api/v1/me", token=new_session, status=200)["handle"], "forgetful")
        # Old sessions end with the old password.
        self.assertProblem(self.req("GET", "/api/v1/me", token=old_token), 401)
        self.assertProblem(self.sign_in("forgetful", PASSWORD), 401)
        self.assertEqual(self.sign_in("forgetful", "a brand new password").status, 201)
        # The link works once.
        self.assertProblem(self.req("POST", "/api/v1/password-reset",
                                    {"token": reset, "password": "yet another password"}), 404)
        self.assertEqual(self.ok("GET", "/api/v1/me", token=new_session, status=200)["handle"], "forgetful")

    def test_password_reset_with_unknown_token_is_404(self):
        self.assertProblem(self.req("POST", "/api/v1/password-reset",
                                    {"token": "made-up", "password": "a brand new password"}), 404)
        self.assertProblem(self.req("POST", "/api/v1/password-reset", {"password": "a brand new password"}),
                           422, "token")

    def test_admin_reset_for_unknown_handle_fails(self):
        p = self.srv.cli("admin", "reset-password", "--db", self.srv.db, "--handle", "ghost", check=False)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("ghost", p.stderr)

    # --- profile -----------------------------------------------------------------------------------------
    def test_profile_update_and_privacy(self):
        token, member_id = self.srv.member("auth", "profiled")
        r = self.req("PATCH", "/api/v1/me", {"display_name": "Pro Filed", "languages": ["pt-BR"],
                                             "contact": {"preferred": "email", "email": "p@example.org"}},
                     token=token)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["display_name"], "Pro Filed")
        self.assertEqual(r.json["languages"], ["pt-BR"])
        self.assertEqual(r.json["contact"]["email"], "p@example.org")
        # Fellow members see names and roles, never contact details.
        members = self.walk("/api/v1/hubs/auth/members", self.coord, limit=200)[0]
        entry = [m for m in members if m["id"] == member_id][0]
        self.assertEqual(entry["display_name"], "Pro Filed")
        self.assertNotIn("contact", entry)
        self.assertNotIn("p@example.org", str(members))

    def test_invalid_profile_update_changes_nothing(self):
        token, _ = self.srv.member("auth", "steady")
        before = self.ok("GET", "/api/v1/me", token=token, status=200)
        for body, field in (({"display_name": "New", "contact": {"phone": "call me"}}, "contact.phone"),
                            ({"display_name": "New", "contact": {"email": "nope"}}, "contact.email"),
                            ({"display_name": "New", "contact": {"preferred": "sms"}}, "contact.phone"),
                            ({"display_name": "New", "contact": {"preferred": "pigeon"}}, "contact.preferred"),
                            ({"display_name": "New", "languages": ["x"]}, "languages[0]"),
                            ({"display_name": "New", "handle": "renamed"}, "handle"),
                            ({"display_name": ""}, "display_name"),
                            ({"display_name": "New", "contact": {"location": {"lat": 91, "lon": 0}}},
                             "contact.location.lat")):
            with self.subTest(body=body):
                self.assertProblem(self.req("PATCH", "/api/v1/me", body, token=token), 422, field)
        self.assertEqual(self.ok("GET", "/api/v1/me", token=token, status=200), before)


class LoginRateLimitTests(ApiTestCase):
    @classmethod
    def build(cls):
        cls.token, _ = cls.new_hub("rate", "ratecoord")

    def test_repeated_failed_sign_ins_are_rate_limited(self):
        statuses = []
        for _ in range(20):
            r = self.req("POST", "/api/v1/sessions", {"handle": "ratecoord", "password": "guess guess guess"})
            statuses.append(r.status)
            if r.status == 429:
                self.assertProblem(r, 429)
                break
            self.assertProblem(r, 401)
        self.assertIn(429, statuses, statuses)
        self.assertGreaterEqual(len(statuses), 4, "limited too early for people who mistype")
        # While limited, even the right password is not checked, so guessing gains nothing.
        self.assertProblem(self.req("POST", "/api/v1/sessions", {"handle": "ratecoord", "password": PASSWORD}), 429)
        # Existing sessions keep working.
        self.assertEqual(self.req("GET", "/api/v1/me", token=self.token).status, 200)


class RetryAfterTests(ApiTestCase):
    @classmethod
    def build(cls):
        cls.new_hub("retry", "retrycoord")

    def test_rate_limited_answer_says_when_to_retry(self):
        for _ in range(20):
            r = self.req("POST", "/api/v1/sessions", {"handle": "retrycoord", "password": "guess guess guess"})
            if r.status == 429:
                break
        self.assertProblem(r, 429)
        self.assertIn("retry-after", r.headers)
        self.assertGreater(int(r.headers["retry-after"]), 0)


if __name__ == "__main__":
    unittest.main()
