"""Councils of hubs over federation between real `kin serve` processes (docs/assemblies.md, "Councils").

Alpha convenes a council and invites beta and gamma, on servers of their own, which accept. Each elects delegates in
its own assembly. Alpha opens a majority proposal; beta's and gamma's delegates vote on their own servers; a second
ballot from beta, a ballot from a member who is no delegate and a ballot after closing are refused and change
nothing. Alpha closes; all three hold the same outcome, and beta's members see how beta's delegate voted. A small
Python hub (a Group actor signing as Mastodon does) joins as well, to post what a kin server never would: a replayed
ballot, a second ballot, a ballot from a hub that is no member, a ballot that does not fit, and one after closing.
"""
import datetime
import http.server
import json
import os
import shutil
import tempfile
import re
import threading
import time
import unittest

from kinserver import free_port
from test_federation import OPENSSL, Peer, openssl, restart_on, start_on, wait_for


def closes_in(hours=2, seconds=0):
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=hours, seconds=seconds)).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


class GroupPeer(Peer):
    """A hub on a server of its own: serves a Group actor and records what reaches its inbox."""

    def __init__(self, name):
        self.dir = tempfile.mkdtemp(prefix="kin-group-")
        self.key = os.path.join(self.dir, "key.pem")
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", self.key)
        self.public_pem = openssl("pkey", "-in", self.key, "-pubout").decode()
        self.port = free_port()
        self.actor = f"http://127.0.0.1:{self.port}/groups/{name}"
        self.received = []
        self.n = 0
        peer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                if self.path != f"/groups/{name}":
                    self.send_response(404)
                    self.end_headers()
                    return
                body = json.dumps({
                    "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
                    "id": peer.actor, "type": "Group", "preferredUsername": name, "name": f"Group {name}",
                    "inbox": peer.actor + "/inbox", "outbox": peer.actor + "/outbox",
                    "publicKey": {"id": peer.actor + "#main-key", "owner": peer.actor,
                                  "publicKeyPem": peer.public_pem}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/activity+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                peer.received.append(json.loads(body))
                self.send_response(202)
                self.end_headers()

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def next_id(self):
        self.n += 1
        return f"{self.actor}/activities/{self.n}"

    def activity(self, kind, to, council, obj):
        return {"@context": "https://www.w3.org/ns/activitystreams", "id": self.next_id(), "type": kind,
                "actor": self.actor, "to": [to], "council": council, "object": obj}

    def ballot(self, to, council, proposal, ballot, delegate="Pat"):
        a = self.activity("Create", to, council, {})
        a["object"] = {"id": a["id"] + "#ballot", "type": "Note", "attributedTo": self.actor, "inReplyTo": proposal,
                       "delegate": delegate, "ballot": ballot}
        return a

    def post(self, srv, slug, activity):
        body = json.dumps(activity).encode()
        path = f"/federation/hubs/{slug}/inbox"
        return srv.request("POST", path, raw=body, headers=self.signed(srv.port, path, body))


@unittest.skipUnless(OPENSSL, "needs the openssl command")
class CouncilTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.servers = []
        cls.peers = []
        try:
            cls.a = cls.hub_server("alpha")
            cls.b = cls.hub_server("beta")
            cls.c = cls.hub_server("gamma")
            cls.peer = GroupPeer("delta")
            cls.stranger = GroupPeer("epsilon")
            cls.peers += [cls.peer, cls.stranger]
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def hub_server(cls, slug):
        srv = start_on(free_port(), ("--federation-retry-seconds", "1"))
        cls.servers.append(srv)
        srv.slug = slug
        srv.token, srv.coord_id = srv.join(srv.create_hub(slug, name=f"Hub {slug}"), f"coord-{slug}")
        srv.actor = f"http://127.0.0.1:{srv.port}/federation/hubs/{slug}"
        srv.handle = f"@{slug}@127.0.0.1:{srv.port}"
        return srv

    @classmethod
    def tearDownClass(cls):
        for srv in cls.servers:
            srv.cleanup()
        for p in cls.peers:
            p.close()

    # --- helpers -------------------------------------------------------------------------------------------
    def call(self, srv, method, path, body=None, token=None, status=200):
        r = srv.request(method, path, body, token=token or srv.token)
        self.assertEqual(r.status, status, r)
        return r.json

    def council_of(self, srv, url):
        items = self.call(srv, "GET", f"/api/v1/hubs/{srv.slug}/councils")["items"]
        return next((c for c in items if c["url"] == url), None)

    def elect(self, srv, candidates):
        """Elects the first len(candidates)-1 of `candidates` as delegates of srv's hub; returns their ids."""
        seats = len(candidates) - 1
        body = {"title": "Delegates to the city council", "kind": "election", "method": "approval", "seats": seats,
                "candidates": candidates, "mandate": "Speak for us at the city council", "closes_at": closes_in()}
        p = self.call(srv, "POST", f"/api/v1/hubs/{srv.slug}/proposals", body, status=201)
        self.call(srv, "POST", f"/api/v1/proposals/{p['id']}/open")
        self.call(srv, "POST", f"/api/v1/proposals/{p['id']}/ballots", {"approve": list(range(seats))}, status=201)
        self.call(srv, "POST", f"/api/v1/proposals/{p['id']}/close")
        delegates = self.call(srv, "GET", f"/api/v1/hubs/{srv.slug}/delegates")["items"]
        return {d["member_id"]: d["id"] for d in delegates if d["status"] == "active"}

    def proposal_at(self, srv, council_id, url):
        items = self.call(srv, "GET", f"/api/v1/councils/{council_id}/proposals")["items"]
        return next((p for p in items if p["url"] == url), None)

    def deliveries_settle(self, check, what):
        return wait_for(check, timeout=30, what=what)

    # --- the whole exchange --------------------------------------------------------------------------------
    def test_a_council_decides_with_one_ballot_per_hub_cast_by_its_delegates(self):
        a, b, c = self.a, self.b, self.c
        council = self.call(a, "POST", "/api/v1/hubs/alpha/councils", {"name": "City food council"}, status=201)
        cid, url = council["council"]["id"], council["council"]["url"]
        self.assertEqual(council["council"]["standing"], "host")
        self.assertTrue(url.startswith(a.actor + "/councils/"))

        # Invitations by handle and by actor URL; a hub cannot be invited twice while the first stands.
        self.call(a, "POST", f"/api/v1/councils/{cid}/invitations", {"target": b.handle}, status=201)
        self.call(a, "POST", f"/api/v1/councils/{cid}/invitations", {"target": c.actor}, status=201)
        self.call(a, "POST", f"/api/v1/councils/{cid}/invitations", {"target": self.peer.actor}, status=201)
        self.call(a, "POST", f"/api/v1/councils/{cid}/invitations", {"target": b.actor}, status=409)
        bad = a.request("POST", f"/api/v1/councils/{cid}/invitations", {"target": "nobody"}, token=a.token)
        self.assertEqual(bad.status, 422, bad)
        self.assertEqual(bad.json["errors"][0]["field"], "target")

        cb = self.deliveries_settle(lambda: self.council_of(b, url), "beta to be invited")
        cc = self.deliveries_settle(lambda: self.council_of(c, url), "gamma to be invited")
        self.assertEqual((cb["standing"], cb["name"], cb["host"]), ("invited", "City food council", a.actor))
        # Members may look, only coordinators answer.
        bm_token, bm_id = b.member("beta", "beta-member")
        self.call(b, "POST", f"/api/v1/councils/{cb['id']}/accept", token=bm_token, status=403)
        self.call(b, "POST", f"/api/v1/councils/{cb['id']}/accept")
        self.call(c, "POST", f"/api/v1/councils/{cc['id']}/accept")
        self.call(b, "POST", f"/api/v1/councils/{cb['id']}/decline", status=409)

        # The Python hub accepts by posting a signed Accept.
        invite = self.deliveries_settle(lambda: next((x for x in self.peer.received if x["type"] == "Invite"), None),
                                        "the Invite to reach the Python hub")
        self.assertEqual((invite["council"], invite["object"]), (url, self.peer.actor))
        r = self.peer.post(a, "alpha", self.peer.activity("Accept", a.actor, url, url))
        self.assertEqual(r.status, 202, r)

        def members_joined():
            members = self.call(a, "GET", f"/api/v1/councils/{cid}")["members"]
            return all(m["state"] == "member" for m in members) and len(members) == 3
        self.deliveries_settle(members_joined, "beta and gamma to join")

        # Delegates: two for beta (so a second one can try), one for gamma; beta-member stays a member.
        b1_token, b1_id = b.member("beta", "beta-delegate-1")
        b2_token, b2_id = b.member("beta", "beta-delegate-2")
        b_delegates = self.elect(b, [b1_id, b2_id, bm_id])
        self.assertEqual(set(b_delegates), {b1_id, b2_id})
        c1_token, c1_id = c.member("gamma", "gamma-delegate")
        cx_token, cx_id = c.member("gamma", "gamma-other")
        self.assertEqual(set(self.elect(c, [c1_id, cx_id])), {c1_id})

        # The host drafts and opens a majority proposal; ballots are never secret in a council.
        body = {"title": "Pool the Saturday deliveries", "text": "One van route for **all** hubs.",
                "method": "majority", "closes_at": closes_in(), "quorum": {"count": 2, "percent": 0}}
        p = self.call(a, "POST", f"/api/v1/councils/{cid}/proposals", body, status=201)
        pid, purl = p["proposal"]["id"], p["url"]
        self.assertFalse(p["proposal"]["anonymous"])
        self.assertEqual(p["proposal"]["status"], "draft")
        # A council proposal is not one of the hub's own assembly.
        self.call(a, "GET", f"/api/v1/proposals/{pid}", status=404)
        opened = self.call(a, "POST", f"/api/v1/councils/{cid}/proposals/{pid}/open")
        self.assertEqual(opened["proposal"]["electorate_size"], 4)  # alpha, beta, gamma and the Python hub

        pb = self.deliveries_settle(lambda: self.proposal_at(b, cb["id"], purl), "beta to receive the proposal")
        pc = self.deliveries_settle(lambda: self.proposal_at(c, cc["id"], purl), "gamma to receive the proposal")
        self.assertEqual((pb["proposal"]["title"], pb["proposal"]["text"], pb["proposal"]["status"]),
                         (body["title"], body["text"], "open"))
        self.assertTrue(self.call(b, "GET", f"/api/v1/councils/{cb['id']}/proposals/{pb['proposal']['id']}",
                                  token=b1_token)["proposal"]["viewer"]["may_vote"])
        vote_b = f"/api/v1/councils/{cb['id']}/proposals/{pb['proposal']['id']}/ballots"
        vote_c = f"/api/v1/councils/{cc['id']}/proposals/{pc['proposal']['id']}/ballots"

        # Refusals on beta's server, each leaving nothing behind.
        self.call(b, "POST", vote_b, {"position": "yes"}, token=bm_token, status=403)  # no delegate
        bad = b.request("POST", vote_b, {"position": "maybe"}, token=b1_token)
        self.assertEqual(bad.status, 422, bad)
        cast = self.call(b, "POST", vote_b, {"position": "yes"}, token=b1_token, status=201)
        self.assertEqual([v["delegate_name"] for v in cast["votes"]], ["beta-delegate-1"])
        self.call(b, "POST", vote_b, {"position": "no"}, token=b2_token, status=409)  # the hub has voted
        self.call(c, "POST", vote_c, {"position": "no"}, token=c1_token, status=201)

        # The Python hub: its Create(Question) arrived; a ballot that does not fit, one that does, its replay,
        # a second one, and one from a hub that is not a member.
        self.deliveries_settle(lambda: any(x["type"] == "Create" for x in self.peer.received),
                               "the proposal to reach the Python hub")
        r = self.peer.post(a, "alpha", self.peer.ballot(a.actor, url, purl, {"position": "maybe"}))
        self.assertEqual(r.status, 400, r)
        ballot = self.peer.ballot(a.actor, url, purl, {"position": "yes"})
        self.assertEqual(self.peer.post(a, "alpha", ballot).status, 202)
        self.assertEqual(self.peer.post(a, "alpha", ballot).status, 200)  # replay: nothing changes
        r = self.peer.post(a, "alpha", self.peer.ballot(a.actor, url, purl, {"position": "no"}))
        self.assertEqual(r.status, 403, r)
        r = self.stranger.post(a, "alpha", self.stranger.ballot(a.actor, url, purl, {"position": "no"}))
        self.assertEqual(r.status, 403, r)

        def host_counts(n):
            return self.call(a, "GET", f"/api/v1/councils/{cid}/proposals/{pid}")["proposal"]["ballots_cast"] == n
        self.deliveries_settle(lambda: host_counts(3), "the host to hold three ballots")

        closed = self.call(a, "POST", f"/api/v1/councils/{cid}/proposals/{pid}/close")
        outcome = closed["proposal"]["outcome"]
        self.assertEqual((outcome["electorate"], outcome["participants"], outcome["passes"]), (4, 3, True))
        self.assertEqual({v["hub"]: (v["delegate_name"], v["ballot"]["position"]) for v in closed["votes"]},
                         {b.actor: ("beta-delegate-1", "yes"), c.actor: ("gamma-delegate", "no"),
                          self.peer.actor: ("Pat", "yes")})

        # After closing: the Python hub's late ballot is refused, and every member hub holds the same outcome.
        r = self.peer.post(a, "alpha", self.peer.ballot(a.actor, url, purl, {"position": "no"}))
        self.assertEqual(r.status, 403, r)
        for srv, council_id in ((b, cb["id"]), (c, cc["id"])):
            got = self.deliveries_settle(
                lambda: (lambda x: x if x and x["proposal"]["status"] == "closed" else None)(
                    self.proposal_at(srv, council_id, purl)), f"{srv.slug} to receive the outcome")
            self.assertEqual(got["proposal"]["outcome"], outcome)
            self.assertEqual(len(got["votes"]), 3)
        result = next(x for x in self.peer.received if x["type"] == "Update")
        self.assertEqual(len(result["object"]["votes"]), 3)
        self.call(c, "POST", vote_c, {"position": "yes"}, token=c1_token, status=409)  # closed: refused at home
        self.assertTrue(host_counts(3))

        # Beta's members see how beta's delegate voted; gamma's do not see beta's delegates at all.
        votes = self.call(b, "GET", f"/api/v1/delegates/{b_delegates[b1_id]}/votes", token=bm_token)["items"]
        council_votes = [v for v in votes if v.get("council")]
        self.assertEqual([(v["title"], v["council"], v["ballot"]["position"]) for v in council_votes],
                         [(body["title"], "City food council", "yes")])
        self.assertEqual(self.call(b, "GET", f"/api/v1/delegates/{b_delegates[b2_id]}/votes",
                                   token=bm_token)["items"], [])
        # The delegate's own export holds the ballot they cast for the hub.
        export = self.call(b, "GET", "/api/v1/me/export", token=b1_token)
        self.assertIn(("City food council", "yes"),
                      [(v.get("council"), v["ballot"]["position"]) for v in export["open_ballot_votes"]["items"]])


    # --- leaving, removal and the closing-soon reminder ----------------------------------------------------
    def notices(self, srv, token, kind, title):
        items = self.call(srv, "GET", "/api/v1/me/notifications?limit=100", token=token)["items"]
        return [m for m in items if m["kind"] == kind and m["subject"].endswith(title)]

    def test_b_hubs_leave_or_are_removed_keeping_open_votes_and_delegates_are_reminded(self):
        a, b, c = self.a, self.b, self.c
        council = self.call(a, "POST", "/api/v1/hubs/alpha/councils", {"name": "Rides council"}, status=201)
        cid, url = council["council"]["id"], council["council"]["url"]
        for target in (b.handle, c.actor):
            self.call(a, "POST", f"/api/v1/councils/{cid}/invitations", {"target": target}, status=201)
        cb = self.deliveries_settle(lambda: self.council_of(b, url), "beta to be invited")
        cc = self.deliveries_settle(lambda: self.council_of(c, url), "gamma to be invited")
        self.call(b, "POST", f"/api/v1/councils/{cb['id']}/accept")
        self.call(c, "POST", f"/api/v1/councils/{cc['id']}/accept")

        def states():
            return {m["actor"]: m["state"] for m in self.call(a, "GET", f"/api/v1/councils/{cid}")["members"]}
        self.deliveries_settle(lambda: states() == {b.actor: "member", c.actor: "member"}, "beta and gamma to join")
        b1_token, b1_id = b.member("beta", "rides-beta-1")
        bx_token, bx_id = b.member("beta", "rides-beta-x")
        self.elect(b, [b1_id, bx_id])
        c1_token, c1_id = c.member("gamma", "rides-gamma-1")
        cx_token, cx_id = c.member("gamma", "rides-gamma-x")
        self.elect(c, [c1_id, cx_id])

        # A short vote (a minute): its delegates are reminded halfway through.
        title = "Share the Tuesday ride rota"
        body = {"title": title, "method": "majority", "closes_at": closes_in(0, 60)}
        p1 = self.call(a, "POST", f"/api/v1/councils/{cid}/proposals", body, status=201)
        opened = self.call(a, "POST", f"/api/v1/councils/{cid}/proposals/{p1['proposal']['id']}/open")
        opened_at = time.monotonic()
        self.assertEqual(opened["proposal"]["electorate_size"], 3)
        pb = self.deliveries_settle(lambda: self.proposal_at(b, cb["id"], p1["url"]), "beta to receive it")
        pc = self.deliveries_settle(lambda: self.proposal_at(c, cc["id"], p1["url"]), "gamma to receive it")
        self.call(c, "POST", f"/api/v1/councils/{cc['id']}/proposals/{pc['proposal']['id']}/ballots",
                  {"position": "no"}, token=c1_token, status=201)

        # Beta's coordinators leave (members may not); the host hears it.
        self.call(b, "POST", f"/api/v1/councils/{cb['id']}/leave", token=bx_token, status=403)
        left = self.call(b, "POST", f"/api/v1/councils/{cb['id']}/leave")
        self.assertEqual(left["council"]["standing"], "left")
        self.call(b, "POST", f"/api/v1/councils/{cb['id']}/leave", status=409)
        self.call(a, "POST", f"/api/v1/councils/{cid}/leave", status=409)  # the host cannot leave its own council
        self.deliveries_settle(lambda: states()[b.actor] == "left", "the host to hear that beta left")

        # A proposal opened now leaves beta out and never reaches it.
        p2 = self.call(a, "POST", f"/api/v1/councils/{cid}/proposals",
                       {"title": "After beta left", "method": "majority", "closes_at": closes_in()}, status=201)
        opened2 = self.call(a, "POST", f"/api/v1/councils/{cid}/proposals/{p2['proposal']['id']}/open")
        self.assertEqual(opened2["proposal"]["electorate_size"], 2)

        # The host removes gamma and tells it; naming a hub that was never invited is an error on "hub".
        bad = a.request("POST", f"/api/v1/councils/{cid}/removals", {"hub": "https://nowhere.invalid/x"}, token=a.token)
        self.assertEqual((bad.status, bad.json["errors"][0]["field"]), (422, "hub"), bad)
        removed = self.call(a, "POST", f"/api/v1/councils/{cid}/removals", {"hub": c.actor})
        self.assertEqual(removed["state"], "removed")
        self.call(a, "POST", f"/api/v1/councils/{cid}/removals", {"hub": c.actor}, status=409)
        self.deliveries_settle(lambda: self.council_of(c, url)["standing"] == "removed", "gamma to hear it")
        # A hub that joins after a proposal opened is no voter on it: the host refuses its ballot, changing nothing.
        self.call(a, "POST", f"/api/v1/councils/{cid}/invitations", {"target": self.peer.actor}, status=201)
        self.deliveries_settle(lambda: any(x["type"] == "Invite" and x["council"] == url for x in self.peer.received),
                               "the Invite to reach the Python hub")
        self.assertEqual(self.peer.post(a, "alpha", self.peer.activity("Accept", a.actor, url, url)).status, 202)
        r = self.peer.post(a, "alpha", self.peer.ballot(a.actor, url, p1["url"], {"position": "yes"}))
        self.assertEqual(r.status, 403, r)
        self.assertEqual(self.call(a, "GET", f"/api/v1/councils/{cid}/proposals/{p1['proposal']['id']}")
                         ["proposal"]["ballots_cast"], 1)
        time.sleep(2)  # an in-flight copy of the second proposal would have arrived by now
        self.assertIsNone(self.proposal_at(b, cb["id"], p2["url"]))

        # Halfway: beta's server restarts and its first sweep reminds beta's delegate, who has not voted; gamma's
        # sweep (the CLI) reminds nobody, since gamma voted. Each is told once.
        time.sleep(max(0.0, opened_at + 31 - time.monotonic()))
        b.stop()
        restart_on(b, b.port)
        reminder = self.deliveries_settle(lambda: self.notices(b, b1_token, "council_proposal.closing_soon", title),
                                          "beta's delegate to be reminded")
        self.assertEqual(len(reminder), 1, reminder)
        self.assertIn("Rides council", reminder[0]["body"])
        out = c.cli("notify", "sweep", "--db", c.db).stdout
        self.assertRegex(out, r"queued \d+")
        self.assertEqual(self.notices(c, c1_token, "council_proposal.closing_soon", title), [])
        self.assertEqual(self.notices(b, b.token, "council_proposal.closing_soon", title), [])  # no delegate

        # The vote opened before beta left still counts beta: its delegate votes and the host takes the ballot.
        self.call(b, "POST", f"/api/v1/councils/{cb['id']}/proposals/{pb['proposal']['id']}/ballots",
                  {"position": "yes"}, token=b1_token, status=201)
        self.deliveries_settle(
            lambda: self.call(a, "GET", f"/api/v1/councils/{cid}/proposals/{p1['proposal']['id']}")
            ["proposal"]["ballots_cast"] == 2, "the host to hold beta's ballot")
        closed = self.call(a, "POST", f"/api/v1/councils/{cid}/proposals/{p1['proposal']['id']}/close")
        self.assertEqual((closed["proposal"]["outcome"]["participants"], closed["proposal"]["outcome"]["electorate"]),
                         (2, 3))
        # Beta, which left, and gamma, which was removed, hold the outcome, and every member of each hears it.
        for srv, council_id, tokens in ((b, cb["id"], (b.token, b1_token, bx_token)), (c, cc["id"], (c.token, c1_token))):
            self.deliveries_settle(
                lambda: self.proposal_at(srv, council_id, p1["url"])["proposal"]["status"] == "closed",
                f"{srv.slug} to receive the outcome")
            for token in tokens:
                result = self.notices(srv, token, "council_proposal.closed", title)
                self.assertEqual(len(result), 1, (srv.slug, result))
                self.assertIn("2 of 3 hubs voted", result[0]["body"])

        # Beta may be invited again.
        self.call(a, "POST", f"/api/v1/councils/{cid}/invitations", {"target": b.actor}, status=201)
        self.deliveries_settle(lambda: self.council_of(b, url)["standing"] == "invited", "beta to be invited again")


    # --- a member hub does not take a host's word for a count it cannot check ----------------------------
    def test_c_a_member_hub_refuses_a_result_with_two_ballots_of_one_hub(self):
        b, peer = self.b, self.peer
        council = peer.actor + "/councils/peer-1"
        invite = peer.activity("Invite", b.actor, council, b.actor)
        invite["name"] = "Peer council"
        self.assertEqual(peer.post(b, "beta", invite).status, 202)
        cb = self.deliveries_settle(lambda: self.council_of(b, council), "beta to be invited by the Python hub")
        self.call(b, "POST", f"/api/v1/councils/{cb['id']}/accept")
        question = {"id": council + "/proposals/q1", "type": "Question", "attributedTo": peer.actor,
                    "name": "Peer question", "content": "", "method": "majority", "options": [], "seats": 1,
                    "majority": "simple", "maxScore": 5, "dots": 5, "endTime": closes_in(),
                    "quorum": {"count": 0, "percent": 0}, "visibility": "after_closing", "electorate": 2,
                    "published": closes_in(0, -10)}
        self.assertEqual(peer.post(b, "beta", peer.activity("Create", b.actor, council, question)).status, 202)
        self.assertEqual(self.proposal_at(b, cb["id"], question["id"])["proposal"]["status"], "open")
        twice = dict(question, closed=closes_in(0, -1), votes=[
            {"hub": peer.actor, "name": "Group delta", "delegate": "Pat", "ballot": {"position": "yes"}},
            {"hub": peer.actor, "name": "Group delta", "delegate": "Pat", "ballot": {"position": "yes"}}])
        r = peer.post(b, "beta", peer.activity("Update", b.actor, council, twice))
        self.assertEqual(r.status, 400, r)
        too_many = dict(twice, electorate=1, votes=twice["votes"][:1] + [
            {"hub": b.actor, "name": "Hub beta", "delegate": "Ana", "ballot": {"position": "no"}}])
        self.assertEqual(peer.post(b, "beta", peer.activity("Update", b.actor, council, too_many)).status, 400)
        # The electorate is the one the proposal opened with: a host cannot move the quorum afterwards.
        grown = dict(twice, electorate=3, votes=twice["votes"][:1])
        self.assertEqual(peer.post(b, "beta", peer.activity("Update", b.actor, council, grown)).status, 400)
        # Beta knows its own ballot: a result with one its delegates never cast is refused.
        invented = dict(twice, votes=twice["votes"][:1] + [
            {"hub": b.actor, "name": "Hub beta", "delegate": "Ana", "ballot": {"position": "no"}}])
        self.assertEqual(peer.post(b, "beta", peer.activity("Update", b.actor, council, invented)).status, 403)
        self.assertEqual(self.proposal_at(b, cb["id"], question["id"])["proposal"]["status"], "open")
        # A well-formed result is taken and recounted.
        once = dict(twice, votes=twice["votes"][:1])
        self.assertEqual(peer.post(b, "beta", peer.activity("Update", b.actor, council, once)).status, 202)
        got = self.proposal_at(b, cb["id"], question["id"])["proposal"]
        self.assertEqual((got["status"], got["outcome"]["participants"], got["outcome"]["passes"]), ("closed", 1, True))
        # A result that overtakes its proposal (deliveries are retried out of order) brings the proposal with it;
        # the proposal arriving afterwards changes nothing.
        late = dict(question, id=council + "/proposals/q2", name="Late question", endTime=closes_in(0, -1))
        result = dict(late, closed=closes_in(0, -1), votes=twice["votes"][:1])
        self.assertEqual(peer.post(b, "beta", peer.activity("Update", b.actor, council, result)).status, 202)
        got = self.proposal_at(b, cb["id"], late["id"])["proposal"]
        self.assertEqual((got["status"], got["outcome"]["participants"]), ("closed", 1))
        self.assertEqual(peer.post(b, "beta", peer.activity("Create", b.actor, council, late)).status, 202)
        self.assertEqual(self.proposal_at(b, cb["id"], late["id"])["proposal"]["status"], "closed")


if __name__ == "__main__":
    unittest.main()
