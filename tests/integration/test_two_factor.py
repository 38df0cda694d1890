"""Two-step sign-in over HTTP: enrol with a code computed here (RFC 6238), sign in with it, no replay, the same
answer for a wrong code as for a wrong password, rate limiting, turning it off, and a hub that requires it of
coordinators."""
import base64
import hashlib
import hmac
import re
import sqlite3
import struct
import time
import unittest
import urllib.parse

from test_service import PASSWORD, ApiTestCase


def totp(secret_b32, step=None):
    """RFC 6238 with HMAC-SHA1, 30 s steps, 6 digits: the code of `step` (default: now)."""
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    counter = int(time.time() // 30) if step is None else step
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1000000:06d}"


def early_in_a_step():
    """Returns the current 30 s step, first sleeping into the next one when this one is nearly over.

    The server accepts a code of one step either side of now, once each: the previous, current and next step's
    codes give three fresh codes without waiting, as long as the step does not change twice during the test."""
    if time.time() % 30 > 22:
        time.sleep(30 - time.time() % 30 + 0.2)
    return int(time.time() // 30)


class TwoFactorApiTests(ApiTestCase):
    @classmethod
    def build(cls):
        cls.coord, _ = cls.new_hub("tfa", "tfacoord")
        cls.other, _ = cls.srv.member("tfa", "tfacoord2", "coordinator")
        cls.member, _ = cls.srv.member("tfa", "tfamember")

    def sign_in(self, handle, code=None, password=PASSWORD):
        body = {"handle": handle, "password": password}
        if code is not None:
            body["code"] = code
        return self.req("POST", "/api/v1/sessions", body)

    def enrol(self, token):
        setup = self.ok("POST", "/api/v1/me/two-factor", token=token, status=201)
        self.assertRegex(setup["secret"], r"^[A-Z2-7]{32}$")
        uri = urllib.parse.urlparse(setup["otpauth_uri"])
        self.assertEqual((uri.scheme, uri.netloc), ("otpauth", "totp"))
        query = urllib.parse.parse_qs(uri.query)
        self.assertEqual(query["secret"], [setup["secret"]])
        self.assertEqual((query["digits"], query["period"], query["algorithm"]), (["6"], ["30"], ["SHA1"]))
        return setup["secret"]

    def test_enrol_confirm_sign_in_and_disable(self):
        token, _ = self.srv.member("tfa", "tfaperson")
        self.assertEqual(self.ok("GET", "/api/v1/me/two-factor", token=token, status=200),
                         {"enabled": False, "pending": False})
        secret = self.enrol(token)
        self.assertEqual(self.ok("GET", "/api/v1/me/two-factor", token=token, status=200),
                         {"enabled": False, "pending": True})
        # Not on until confirmed: signing in needs no code yet.
        self.assertEqual(self.sign_in("tfaperson").status, 201)
        self.assertProblem(self.req("POST", "/api/v1/me/two-factor/confirm", {"code": "12345"}, token=token), 422,
                           "code")
        step = early_in_a_step()
        wrong = "000000" if totp(secret, step - 1) != "000000" else "111111"
        self.assertProblem(self.req("POST", "/api/v1/me/two-factor/confirm", {"code": wrong}, token=token), 422,
                           "code")
        self.assertEqual(self.ok("POST", "/api/v1/me/two-factor/confirm", {"code": totp(secret, step - 1)},
                                 token=token, status=200), {"enabled": True, "pending": False})
        self.assertProblem(self.req("POST", "/api/v1/me/two-factor", token=token), 409)

        # The secret is sealed: not in the database file in clear, in any encoding.
        raw = base64.b32decode(secret + "=" * (-len(secret) % 8))
        with open(self.srv.db, "rb") as f:
            data = f.read()
        with open(self.srv.db + "-wal", "rb") as f:
            data += f.read()
        self.assertNotIn(raw, data)
        self.assertNotIn(secret.encode(), data)

        # Without a code, with a wrong one, and with a wrong password: one and the same answer.
        missing, wrong_code = self.sign_in("tfaperson"), self.sign_in("tfaperson", wrong)
        wrong_password = self.sign_in("tfaperson", totp(secret, step), password="not the password at all")
        for r in (missing, wrong_code, wrong_password):
            self.assertProblem(r, 401)
        self.assertEqual(missing.json["detail"], wrong_code.json["detail"])
        self.assertEqual(missing.json["detail"], wrong_password.json["detail"])

        # The confirming code was used; a fresh one works exactly once.
        self.assertProblem(self.sign_in("tfaperson", totp(secret, step - 1)), 401)
        r = self.sign_in("tfaperson", totp(secret, step))
        self.assertEqual(r.status, 201, r)
        self.assertProblem(self.sign_in("tfaperson", totp(secret, step)), 401)

        # Turning it off needs a current code too, not just the session, and not one already used.
        self.assertProblem(self.req("POST", "/api/v1/me/two-factor/disable", {"code": wrong}, token=token), 422,
                           "code")
        self.assertProblem(self.req("POST", "/api/v1/me/two-factor/disable", {"code": totp(secret, step)},
                                    token=token), 422, "code")
        self.assertEqual(self.ok("POST", "/api/v1/me/two-factor/disable", {"code": totp(secret, step + 1)},
                                 token=token, status=200), {"enabled": False, "pending": False})
        self.assertEqual(self.sign_in("tfaperson").status, 201)

    def test_bad_bodies_name_the_field(self):
        self.assertProblem(self.req("POST", "/api/v1/me/two-factor/confirm", {}, token=self.member), 422, "code")
        self.assertProblem(self.req("POST", "/api/v1/me/two-factor/confirm", {"code": 123456}, token=self.member),
                           422, "code")
        self.assertProblem(self.req("POST", "/api/v1/me/two-factor/confirm", {"code": "1", "x": 1},
                                    token=self.member), 422, "x")
        self.assertProblem(self.req("POST", "/api/v1/sessions", {"handle": "tfamember", "password": PASSWORD,
                                                                 "code": 5}), 422, "code")
        self.assertProblem(self.req("PUT", "/api/v1/hubs/tfa/security", {"require_coordinator_two_factor": "yes"},
                                    token=self.coord), 422, "require_coordinator_two_factor")

    def test_a_hub_can_require_it_of_coordinators(self):
        # A coordinator without it cannot turn the rule on (they would lock themselves out).
        self.assertProblem(self.req("PUT", "/api/v1/hubs/tfa/security", {"require_coordinator_two_factor": True},
                                    token=self.coord), 422, "require_coordinator_two_factor")
        secret = self.enrol(self.coord)
        self.ok("POST", "/api/v1/me/two-factor/confirm", {"code": totp(secret)}, token=self.coord, status=200)
        self.assertEqual(self.ok("PUT", "/api/v1/hubs/tfa/security", {"require_coordinator_two_factor": True},
                                 token=self.coord, status=200), {"require_coordinator_two_factor": True})
        self.assertEqual(self.ok("GET", "/api/v1/hubs/tfa/security", token=self.member, status=200),
                         {"require_coordinator_two_factor": True})
        # The other coordinator is told to turn it on before acting as coordinator.
        r = self.req("POST", "/api/v1/hubs/tfa/invites", {"role": "member"}, token=self.other)
        self.assertProblem(r, 403)
        self.assertIn("two-step", r.json["detail"])
        # Members keep working as before; the coordinator with a code acts as usual.
        self.assertEqual(self.req("GET", "/api/v1/hubs/tfa/members", token=self.member).status, 200)
        self.assertEqual(self.req("POST", "/api/v1/hubs/tfa/invites", {"role": "member"}, token=self.coord).status,
                         201)
        self.ok("PUT", "/api/v1/hubs/tfa/security", {"require_coordinator_two_factor": False}, token=self.coord,
                status=200)
        self.assertEqual(self.req("POST", "/api/v1/hubs/tfa/invites", {"role": "member"}, token=self.other).status,
                         201)


class LostPhoneTests(ApiTestCase):
    @classmethod
    def build(cls):
        cls.coord, _ = cls.new_hub("tfalost", "tfalost")

    def test_an_operator_turns_it_off_and_ends_the_sign_ins(self):
        setup = self.ok("POST", "/api/v1/me/two-factor", token=self.coord, status=201)
        self.ok("POST", "/api/v1/me/two-factor/confirm", {"code": totp(setup["secret"])}, token=self.coord,
                status=200)
        self.assertProblem(self.req("POST", "/api/v1/sessions", {"handle": "tfalost", "password": PASSWORD}), 401)
        out = self.srv.cli("admin", "reset-two-factor", "--db", self.srv.db, "--handle", "tfalost").stdout
        self.assertIn("is now off", out)
        self.assertProblem(self.req("GET", "/api/v1/me", token=self.coord), 401)  # the old sign-in has ended
        r = self.req("POST", "/api/v1/sessions", {"handle": "tfalost", "password": PASSWORD})
        self.assertEqual(r.status, 201, r)
        p = self.srv.cli("admin", "reset-two-factor", "--db", self.srv.db, "--handle", "nobody-here", check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("no member has the handle", p.stderr)


class TwoFactorRateLimitTests(ApiTestCase):
    @classmethod
    def build(cls):
        cls.token, _ = cls.new_hub("tfarate", "tfarate")

    def test_wrong_codes_count_towards_the_sign_in_limit(self):
        setup = self.ok("POST", "/api/v1/me/two-factor", token=self.token, status=201)
        self.ok("POST", "/api/v1/me/two-factor/confirm", {"code": totp(setup["secret"])}, token=self.token,
                status=200)
        statuses = []
        for _ in range(40):
            r = self.req("POST", "/api/v1/sessions", {"handle": "tfarate", "password": PASSWORD, "code": "000000"})
            statuses.append(r.status)
            if r.status == 429:
                self.assertTrue(r.headers.get("retry-after"))
                break
        self.assertIn(429, statuses, statuses)
        self.assertEqual(set(statuses) - {401, 429}, set())


if __name__ == "__main__":
    unittest.main()
