"""Passwords follow NIST SP 800-63B over HTTP: at least 8 characters, long passphrases of any characters allowed,
no composition rules, and the most common passwords refused with a message naming the field."""
import unittest

from test_service import ApiTestCase


class PasswordPolicyTests(ApiTestCase):
    @classmethod
    def build(cls):
        cls.coord, _ = cls.new_hub("pw", "pwcoord")

    def join(self, handle, password):
        invite = self.srv.admin_invite("pw")
        return self.req("POST", "/api/v1/join", {"invite": invite, "handle": handle, "password": password,
                                                 "display_name": handle})

    def test_common_passwords_are_refused(self):
        for i, password in enumerate(["password", "Password1", "12345678", "qwertyuiop", "contraseña"]):
            r = self.join(f"common{i}", password)
            self.assertProblem(r, 422, "password", password)
            self.assertIn("common", r.json["errors"][0]["detail"])

    def test_long_passphrases_without_composition_rules_are_welcome(self):
        for i, password in enumerate(["all lower case words here", "ñandú y pingüino en la playa", "x" * 64,
                                      "y" * 128]):
            r = self.join(f"phrase{i}", password)
            self.assertEqual(r.status, 201, r)
            self.assertEqual(self.req("POST", "/api/v1/sessions", {"handle": f"phrase{i}", "password": password})
                             .status, 201)
        self.assertProblem(self.join("toolong", "z" * 129), 422, "password")


if __name__ == "__main__":
    unittest.main()
