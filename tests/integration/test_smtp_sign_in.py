"""Signing in to a hub's mail server, end to end: `kin notify sweep --send` upgrades to TLS with STARTTLS and
signs in with the stored username and password to a real SMTP server (aiosmtpd, Debian's python3-aiosmtpd, with a
certificate made for the test and trusted through KIN_SMTP_CA_FILE); a wrong password sends nothing and the
message stays queued. Plain servers (no TLS) are refused in test_shift_notifications.py."""
import os
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import unittest

try:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult
except ImportError:  # an interpreter other than Debian's python3 (pyenv, venv): use Debian's python3-aiosmtpd
    sys.path.append("/usr/lib/python3/dist-packages")
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

from kinserver import free_port
from test_service import ApiTestCase


class Handler:
    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append((session.auth_data, envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


class SmtpSignInTests(ApiTestCase):
    @classmethod
    def build(cls):
        s = cls.srv
        cls.coord, _ = cls.new_hub("mailin", "mailcoord")
        cls.ana, _ = s.member("mailin", "mailana")
        r = s.request("PATCH", "/api/v1/me", {"contact": {"preferred": "email", "email": "ana@example.org"},
                                               "languages": ["es"]}, token=cls.ana)
        assert r.status == 200, r
        cls.certs = tempfile.mkdtemp(prefix="kin-smtp-")
        cls.cert, key = os.path.join(cls.certs, "cert.pem"), os.path.join(cls.certs, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cls.cert,
                        "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                       check=True, capture_output=True)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cls.cert, key)
        cls.logins = []

        def authenticator(server, session, envelope, mechanism, auth_data):
            cls.logins.append((mechanism, auth_data.login, auth_data.password))
            ok = auth_data.login == b"kin" and auth_data.password == b"correct horse"
            return AuthResult(success=ok, handled=False)

        cls.handler = Handler()
        cls.port = free_port()
        cls.smtp = Controller(cls.handler, hostname="127.0.0.1", port=cls.port, tls_context=context,
                              require_starttls=True, authenticator=authenticator, auth_required=True)
        cls.smtp.start()

    @classmethod
    def tearDownClass(cls):
        cls.smtp.stop()
        shutil.rmtree(cls.certs, ignore_errors=True)
        super().tearDownClass()

    def send(self):
        env = dict(os.environ, KIN_SMTP_CA_FILE=self.cert)
        out = subprocess.run([os.environ["KIN_BIN"], "notify", "sweep", "--db", self.srv.db, "--send"], env=env,
                             capture_output=True, text=True, timeout=120, check=True).stdout
        return int(re.search(r"sent (\d+)", out).group(1))

    def open_proposal(self, title):
        p = self.ok("POST", "/api/v1/hubs/mailin/proposals",
                    {"title": title, "method": "consent", "closes_at": "2099-01-01T00:00:00Z"}, token=self.coord,
                    status=201)
        self.ok("POST", f"/api/v1/proposals/{p['id']}/open", token=self.coord, status=200)

    def smtp_settings(self, password):
        body = {"host": "127.0.0.1", "port": self.port, "from": "votes@mailin.example.org", "username": "kin",
                "password": password}
        r = self.ok("PUT", "/api/v1/hubs/mailin/smtp", body, token=self.coord, status=200)
        self.assertTrue(r["smtp"]["password_set"])

    def test_wrong_password_sends_nothing_then_the_right_one_signs_in_over_tls(self):
        self.smtp_settings("wrong horse")
        self.open_proposal("Fix the roof")
        self.assertEqual(self.send(), 0)
        self.assertEqual(self.handler.received, [])
        self.assertIn((b"kin", b"wrong horse"), [(login, password) for _, login, password in self.logins])
        inbox = self.walk("/api/v1/me/notifications", self.ana, limit=50)[0]
        self.assertTrue(inbox and all(m["sent_at"] is None for m in inbox), inbox)

        self.smtp_settings("correct horse")
        self.assertGreaterEqual(self.send(), 1)
        to_ana = [content for auth, rcpt, content in self.handler.received if rcpt == ["ana@example.org"]]
        self.assertEqual(len(to_ana), 1, self.handler.received)
        # The Spanish subject, encoded for the header (RFC 2047).
        self.assertIn("Subject: =?UTF-8?B?", to_ana[0])
        self.assertIn("La propuesta «Fix the roof» está abierta a votación", to_ana[0])
        inbox = self.walk("/api/v1/me/notifications", self.ana, limit=50)[0]
        self.assertTrue(all(m["sent_at"] for m in inbox), inbox)


if __name__ == "__main__":
    unittest.main()
