"""Starts a real `kin serve` on a free loopback port with a fresh database, and talks to it over HTTP.

Used by every integration test. The binary comes from $KIN_BIN (set by CTest).
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import http.client

KIN_BIN = os.environ.get("KIN_BIN", os.path.join(os.path.dirname(__file__), "../../build/release/kin"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # lower-case names
        self.body = body
        try:
            self.json = json.loads(body) if body else None
        except ValueError:
            self.json = None

    def __repr__(self):
        return f"<{self.status} {self.body[:300]!r}>"


class KinServer:
    """A kin server process with its own temporary database directory."""

    def __init__(self, workdir=None, extra_args=(), allow_private_addresses=True):
        """Servers in tests federate over loopback, which kin refuses by default (no server-side request
        forgery); pass allow_private_addresses=False to test that refusal."""
        self.own_dir = workdir is None
        self.dir = workdir or tempfile.mkdtemp(prefix="kin-it-")
        self.db = os.path.join(self.dir, "kin.db")
        self.port = None
        self.proc = None
        self.extra_args = list(extra_args)
        if allow_private_addresses:
            self.extra_args.append("--federation-allow-private-addresses")

    # --- process -------------------------------------------------------------------------------------------
    def cli(self, *args, check=True):
        """Runs `kin ARGS --db <db>` style commands; returns CompletedProcess."""
        cmd = [KIN_BIN, *args]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if check and p.returncode != 0:
            raise AssertionError(f"{cmd} failed ({p.returncode}): {p.stderr}")
        return p

    def start(self):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [KIN_BIN, "serve", "--db", self.db, "--listen", f"127.0.0.1:{self.port}", *self.extra_args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"kin serve exited early: {self.proc.stderr.read()}")
            try:
                if self.request("GET", "/healthz").status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.05)
        raise AssertionError("kin serve did not become healthy within 30 s")

    def stop(self, sig=signal.SIGTERM, timeout=20):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise AssertionError("kin serve did not stop on SIGTERM")
        rc = self.proc.returncode if self.proc else 0
        if self.proc:
            self.proc.stdout.close()
            self.proc.stderr.close()
        self.proc = None
        return rc

    def cleanup(self):
        self.stop()
        if self.own_dir:
            shutil.rmtree(self.dir, ignore_errors=True)

    # --- HTTP ----------------------------------------------------------------------------------------------
    def request(self, method, path, body=None, token=None, headers=None, raw=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = dict(headers or {})
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        if token:
            h["Authorization"] = f"Bearer {token}"
        conn.request(method, path, body=data, headers=h)
        r = conn.getresponse()
        out = Response(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read().decode("utf-8", "replace"))
        conn.close()
        return out

    # --- set-up helpers ------------------------------------------------------------------------------------
    def create_hub(self, slug="testhub", name="Test Hub"):
        """Creates a hub from the command line; returns the coordinator invite token."""
        p = self.cli("admin", "create-hub", "--db", self.db, "--slug", slug, "--name", name,
                     "--languages", "en,es")
        return re.search(r"invite token: (\S+)", p.stdout).group(1)

    def admin_invite(self, slug, role="member", uses=1):
        p = self.cli("admin", "invite", "--db", self.db, "--hub", slug, "--role", role, "--uses", str(uses))
        return re.search(r"invite token: (\S+)", p.stdout).group(1)

    def join(self, invite, handle, password="a long enough password", display_name=None):
        r = self.request("POST", "/api/v1/join", {"invite": invite, "handle": handle, "password": password,
                                                 "display_name": display_name or handle})
        assert r.status == 201, r
        return r.json["session"]["token"], r.json["membership"]["member_id"]

    def member(self, slug, handle, role="member"):
        """A new member of `slug` with `role`; returns (token, member_id)."""
        return self.join(self.admin_invite(slug, role), handle)
