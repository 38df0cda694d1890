"""No server-side request forgery: without --federation-allow-private-addresses a kin server never connects to a
loopback, private or link-local address for federation, whoever names it (a signature's keyId in an inbox POST, a
handle or actor URL a coordinator types). A loopback HTTP server counts every request that reaches it; a server
WITH the flag, doing the same, is the control that shows the count would move."""
import base64
import email.utils
import hashlib
import http.server
import json
import threading
import unittest

from kinserver import KinServer, free_port


class Recorder:
    """Answers every request on 127.0.0.1 with an actor document or a WebFinger answer, and counts them."""

    def __init__(self):
        self.port = free_port()
        self.actor = f"http://127.0.0.1:{self.port}/users/x"
        self.requests = []
        rec = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def answer(self):
                rec.requests.append((self.command, self.path))
                if self.path.startswith("/.well-known/webfinger"):
                    body = {"subject": f"acct:x@127.0.0.1:{rec.port}",
                            "links": [{"rel": "self", "type": "application/activity+json", "href": rec.actor}]}
                else:
                    actor = f"http://127.0.0.1:{rec.port}{self.path}"
                    body = {"@context": "https://www.w3.org/ns/activitystreams", "id": actor, "type": "Group",
                            "preferredUsername": "x", "inbox": actor + "/inbox",
                            "publicKey": {"id": actor + "#main-key", "owner": actor,
                                          "publicKeyPem": "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"}}
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/activity+json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = answer
            do_POST = answer

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class PrivateAddressTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.recorder = Recorder()
        cls.servers = []
        try:
            cls.closed = cls.hub_server("closed", allow=False)
            cls.open = cls.hub_server("lan", allow=True)
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def hub_server(cls, slug, allow):
        srv = KinServer(allow_private_addresses=allow).start()
        cls.servers.append(srv)
        srv.slug = slug
        srv.token, _ = srv.join(srv.create_hub(slug, name=f"Hub {slug}"), f"coord-{slug}")
        return srv

    @classmethod
    def tearDownClass(cls):
        for srv in cls.servers:
            srv.cleanup()
        cls.recorder.close()

    def setUp(self):
        self.recorder.requests.clear()

    def signed_follow(self, srv, actor):
        """An inbox POST whose keyId names `actor` on the loopback recorder (the signature itself is never
        checked: the key must be fetched first)."""
        path = f"/federation/hubs/{srv.slug}/inbox"
        body = json.dumps({"@context": "https://www.w3.org/ns/activitystreams",
                           "id": actor + "/activities/1", "type": "Follow", "actor": actor,
                           "object": f"http://127.0.0.1:{srv.port}/federation/hubs/{srv.slug}"}).encode()
        digest = "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()
        headers = {"Host": f"127.0.0.1:{srv.port}", "Date": email.utils.formatdate(usegmt=True), "Digest": digest,
                   "Content-Type": "application/activity+json",
                   "Signature": f'keyId="{actor}#main-key",algorithm="rsa-sha256",'
                                f'headers="(request-target) host date digest",signature="AAAA"'}
        return srv.request("POST", path, raw=body, headers=headers)

    def follow(self, srv, target):
        return srv.request("POST", f"/api/v1/hubs/{srv.slug}/federation/following", {"target": target},
                           token=srv.token)

    def test_an_inbox_post_whose_key_is_on_loopback_is_refused_without_fetching_it(self):
        actor = f"http://127.0.0.1:{self.recorder.port}/users/signer"
        r = self.signed_follow(self.closed, actor)
        self.assertEqual(r.status, 401, r)
        self.assertIn("cannot fetch the signing key", r.body)
        self.assertNotIn("127.0.0.1", r.body)  # the refused address is logged, not told to the sender
        self.assertEqual(self.recorder.requests, [])
        # The control: a server allowed to reach private addresses does fetch the key (and then refuses the
        # signature, which is not a real one).
        r = self.signed_follow(self.open, actor)
        self.assertEqual(r.status, 401, r)
        self.assertIn(("GET", "/users/signer"), self.recorder.requests)

    def test_a_coordinator_cannot_follow_a_hub_on_a_private_address(self):
        for target in (f"@x@127.0.0.1:{self.recorder.port}", self.recorder.actor,
                       f"@x@localhost:{self.recorder.port}", f"http://localhost:{self.recorder.port}/users/x",
                       f"http://[::ffff:127.0.0.1]:{self.recorder.port}/users/x"):
            r = self.follow(self.closed, target)
            self.assertEqual(r.status, 422, f"{target}: {r}")
            self.assertEqual(r.json["errors"][0]["field"], "target", r)
            self.assertIn("loopback", r.json["errors"][0]["detail"], r)
            self.assertIn("--federation-allow-private-addresses", r.json["errors"][0]["detail"], r)
        self.assertEqual(self.recorder.requests, [])
        # The cloud metadata address is refused before any connection is tried, so this answers at once.
        r = self.follow(self.closed, "http://169.254.169.254/latest/meta-data/")
        self.assertEqual(r.status, 422, r)
        self.assertIn("link-local", r.json["errors"][0]["detail"], r)
        self.assertEqual(self.closed.request("GET", f"/api/v1/hubs/closed/federation/following",
                                             token=self.closed.token).json["items"], [])
        # The control: with the flag, WebFinger and the actor are fetched.
        self.follow(self.open, f"@x@127.0.0.1:{self.recorder.port}")
        self.assertIn("GET", [m for m, _ in self.recorder.requests])

    def test_the_server_says_at_startup_when_private_addresses_are_allowed(self):
        def startup_log(allow):
            srv = KinServer(allow_private_addresses=allow).start()
            proc, srv.proc = srv.proc, None
            proc.terminate()
            proc.wait(timeout=20)
            log = proc.stderr.read()
            proc.stdout.close()
            proc.stderr.close()
            srv.cleanup()
            return log
        self.assertIn("--federation-allow-private-addresses", startup_log(True))
        self.assertNotIn("--federation-allow-private-addresses", startup_log(False))


if __name__ == "__main__":
    unittest.main()
