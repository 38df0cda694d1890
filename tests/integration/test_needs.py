"""Needs over HTTP: asking, seeing (and not seeing) contact details, filters, changes, cancelling, intake on
someone's behalf, and validation that stores nothing half-way."""
import glob
import math
import sqlite3
import time
import unittest

from test_service import EXACT, ApiTestCase, need_body, private_need_body

NEED_KEYS = {"id", "hub_id", "status", "category", "description", "quantity", "urgency", "window", "place",
             "approximate_location", "language", "accessibility", "source", "requester_id", "contact_visible",
             "created_at", "updated_at"}


def km_between(a, b):
    dlat = math.radians(b["lat"] - a["lat"])
    dlon = math.radians(b["lon"] - a["lon"])
    h = math.sin(dlat / 2) ** 2 + math.cos(math.radians(a["lat"])) * math.cos(math.radians(b["lat"])) * \
        math.sin(dlon / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


class NeedTests(ApiTestCase):
    @classmethod
    def build(cls):
        cls.coord, cls.coord_id = cls.new_hub("needs", "needcoord")
        cls.intake, cls.intake_id = cls.srv.member("needs", "needintake", "intake")
        cls.asker, cls.asker_id = cls.srv.member("needs", "needasker")
        cls.fellow, cls.fellow_id = cls.srv.member("needs", "needfellow")
        cls.outsider, _ = cls.new_hub("needs-other", "needoutsider")

    def create(self, body=None, token=None, query=""):
        r = self.req("POST", f"/api/v1/hubs/needs/needs{query}", body or private_need_body(),
                     token=token or self.asker)
        self.assertEqual(r.status, 201, r)
        return r.json

    def get(self, need_id, token):
        return self.ok("GET", f"/api/v1/needs/{need_id}", token=token, status=200)

    def all_needs(self, token=None, query=""):
        return self.walk(f"/api/v1/hubs/needs/needs{query}", token or self.coord, limit=200)[0]

    def assertHidden(self, need):
        self.assertFalse(need["contact_visible"])
        self.assertNotIn("contact", need)
        self.assertNotIn("location", need)
        self.assertNotIn("Calle Mayor", str(need))
        self.assertNotIn("600 000 000", str(need))
        self.assertNotIn("ana@example.org", str(need))

    def assertVisible(self, need):
        self.assertTrue(need["contact_visible"])
        self.assertEqual(need["contact"]["phone"], "+34 600 000 000")
        self.assertEqual(need["contact"]["address"], "Calle Mayor 1, 3B")
        self.assertEqual(need["contact"]["preferred"], "phone")
        self.assertEqual(need["location"], EXACT)

    # --- asking ------------------------------------------------------------------------------------------
    def test_member_asks_and_sees_own_contact(self):
        need = self.create()
        self.assertTrue(NEED_KEYS <= set(need), set(need))
        self.assertEqual(need["status"], "open")
        self.assertEqual(need["source"], "member")
        self.assertEqual(need["requester_id"], self.asker_id)
        self.assertEqual(need["quantity"], 1)
        self.assertEqual(need["urgency"], "normal")
        self.assertEqual(need["language"], "en")  # the hub's first language
        self.assertIsNone(need["active_match"])
        self.assertVisible(need)
        self.assertVisible(self.get(need["id"], self.asker))

    def test_approximate_location_is_near_but_never_exact(self):
        need = self.create()
        approx = need["approximate_location"]
        self.assertNotEqual(approx, EXACT)
        self.assertNotEqual(approx["lat"], EXACT["lat"])
        self.assertNotEqual(approx["lon"], EXACT["lon"])
        self.assertLess(km_between(approx, EXACT), 1.0)
        self.assertGreater(km_between(approx, EXACT), 0.0)
        # Rounded: no more than 4 decimals.
        for v in approx.values():
            self.assertAlmostEqual(v, round(v, 4), places=9)
        # Points close together share one approximate place, so it does not leak the exact one.
        near = dict(EXACT, lat=EXACT["lat"] + 0.00001)
        other = self.create(private_need_body(location=near))
        self.assertEqual(other["approximate_location"], approx)

    def test_fellow_members_never_see_contact(self):
        need = self.create()
        seen = self.get(need["id"], self.fellow)
        self.assertHidden(seen)
        self.assertEqual(seen["approximate_location"], need["approximate_location"])
        self.assertEqual(seen["description"], need["description"])

    def test_intake_and_coordinators_see_contact(self):
        need = self.create()
        self.assertVisible(self.get(need["id"], self.intake))
        self.assertVisible(self.get(need["id"], self.coord))

    def test_lists_never_include_contact(self):
        need = self.create()
        for token in (self.asker, self.coord, self.intake, self.fellow):
            listed = [n for n in self.all_needs(token) if n["id"] == need["id"]]
            self.assertEqual(len(listed), 1)
            self.assertHidden(listed[0])
            self.assertEqual(listed[0]["approximate_location"], need["approximate_location"])

    def test_outsiders_and_anonymous_cannot_see(self):
        need = self.create()
        self.assertProblem(self.req("GET", f"/api/v1/needs/{need['id']}", token=self.outsider), 404)
        self.assertProblem(self.req("GET", f"/api/v1/needs/{need['id']}"), 401)
        self.assertProblem(self.req("GET", "/api/v1/needs/need_unknown", token=self.coord), 404)
        self.assertProblem(self.req("GET", "/api/v1/hubs/needs/needs", token=self.outsider), 403)
        self.assertProblem(self.req("GET", "/api/v1/hubs/needs/needs"), 401)
        self.assertProblem(self.req("POST", "/api/v1/hubs/needs/needs", need_body(), token=self.outsider), 403)
        self.assertProblem(self.req("POST", "/api/v1/hubs/needs/needs", need_body()), 401)

    def test_full_details_round_trip(self):
        body = private_need_body(category="rides", description="A ride to the clinic", quantity=2,
                                 urgency="high", window={"start": "2099-01-01T09:00:00Z",
                                                         "end": "2099-01-01T12:00:00Z"},
                                 language="es", accessibility="wheelchair, needs a ramp")
        need = self.create(body)
        seen = self.get(need["id"], self.coord)
        for key in ("category", "description", "quantity", "urgency", "window", "language", "accessibility",
                    "place"):
            self.assertEqual(seen[key], body[key], key)
        self.assertEqual(seen["contact"]["email"], "ana@example.org")
        self.assertEqual(seen["contact"]["location"], EXACT)

    def test_unicode_text_survives(self):
        text = "Pañales y leche 🍼 для ребёнка — 谢谢"
        need = self.create(need_body(description=text))
        self.assertEqual(self.get(need["id"], self.fellow)["description"], text)

    # --- intake on someone's behalf ----------------------------------------------------------------------
    def test_intake_enters_a_need_for_someone(self):
        need = self.create(private_need_body(description="Phoned in"), token=self.intake, query="?on_behalf=true")
        self.assertEqual(need["source"], "intake")
        self.assertIsNone(need["requester_id"])
        self.assertVisible(need)
        self.assertHidden(self.get(need["id"], self.fellow))
        self.assertVisible(self.get(need["id"], self.coord))
        # Coordinators count as intake.
        need = self.create(need_body(description="Also phoned in"), token=self.coord, query="?on_behalf=true")
        self.assertEqual(need["source"], "intake")
        created = [e for e in self.events("needs", self.coord) if e["subject"] == need["id"]]
        self.assertEqual([(e["type"], e["actor"]) for e in created], [("need.created", self.coord_id)])

    def test_on_behalf_needs_the_intake_role(self):
        before = len(self.all_needs())
        self.assertProblem(self.req("POST", "/api/v1/hubs/needs/needs?on_behalf=true", need_body(),
                                    token=self.fellow), 403)
        self.assertProblem(self.req("POST", "/api/v1/hubs/needs/needs?on_behalf=maybe", need_body(),
                                    token=self.intake), 422, "on_behalf")
        self.assertEqual(len(self.all_needs()), before)
        need = self.create(need_body(), token=self.intake, query="?on_behalf=false")
        self.assertEqual(need["source"], "member")
        self.assertEqual(need["requester_id"], self.intake_id)

    # --- changing ----------------------------------------------------------------------------------------
    def test_requester_and_intake_may_change_a_need(self):
        need = self.create()
        r = self.req("PATCH", f"/api/v1/needs/{need['id']}", {"description": "Three bags now", "quantity": 3},
                     token=self.asker)
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json["description"], r.json["quantity"]), ("Three bags now", 3))
        self.assertEqual(r.json["category"], "food")  # untouched
        self.assertEqual(r.json["contact"]["phone"], "+34 600 000 000")
        r = self.req("PATCH", f"/api/v1/needs/{need['id']}", {"urgency": "critical"}, token=self.intake)
        self.assertEqual(r.status, 200, r)
        seen = self.get(need["id"], self.fellow)
        self.assertEqual((seen["description"], seen["quantity"], seen["urgency"]),
                         ("Three bags now", 3, "critical"))
        updates = [e for e in self.events("needs", self.coord) if e["subject"] == need["id"]]
        self.assertEqual([(e["type"], e["actor"]) for e in updates],
                         [("need.created", self.asker_id), ("need.updated", self.asker_id),
                          ("need.updated", self.intake_id)])

    def test_moving_the_location_moves_the_approximation(self):
        need = self.create()
        far = {"lat": 41.3874, "lon": 2.1686}
        r = self.req("PATCH", f"/api/v1/needs/{need['id']}", {"location": far}, token=self.asker)
        self.assertEqual(r.status, 200, r)
        self.assertLess(km_between(r.json["approximate_location"], far), 1.0)
        self.assertNotEqual(r.json["approximate_location"], far)
        self.assertEqual(self.get(need["id"], self.fellow)["approximate_location"],
                         r.json["approximate_location"])

    # Regression: null clears an optional object (json_codec.cc ReadLatLonPatch / TakeNull).
    def test_null_clears_location(self):
        need = self.create()
        r = self.req("PATCH", f"/api/v1/needs/{need['id']}", {"location": None}, token=self.asker)
        self.assertEqual(r.status, 200, r)
        self.assertIsNone(r.json["approximate_location"])
        self.assertIsNone(r.json["location"])
        self.assertIsNone(self.get(need["id"], self.fellow)["approximate_location"])

    def test_null_clears_window(self):
        need = self.create(need_body(window={"start": "2099-01-01T09:00:00Z", "end": "2099-01-01T12:00:00Z"}))
        r = self.req("PATCH", f"/api/v1/needs/{need['id']}", {"window": None}, token=self.asker)
        self.assertEqual(r.status, 200, r)
        self.assertIsNone(r.json["window"])

    def test_null_optional_objects_on_create(self):
        need = self.create(need_body(window=None, location=None))
        self.assertIsNone(need["window"])
        self.assertIsNone(need["approximate_location"])

    def test_fellow_member_may_not_change_or_cancel(self):
        need = self.create()
        self.assertProblem(self.req("PATCH", f"/api/v1/needs/{need['id']}", {"description": "mine"},
                                    token=self.fellow), 403)
        self.assertProblem(self.req("POST", f"/api/v1/needs/{need['id']}/cancel", token=self.fellow), 403)
        self.assertProblem(self.req("PATCH", f"/api/v1/needs/{need['id']}", {"description": "mine"},
                                    token=self.outsider), 404)
        seen = self.get(need["id"], self.asker)
        self.assertEqual((seen["status"], seen["description"]), ("open", need["description"]))

    def test_invalid_change_stores_nothing(self):
        need = self.create()
        before = self.get(need["id"], self.asker)
        for body, field in (({"description": "new text", "quantity": 0}, "quantity"),
                            ({"description": "new text", "category": "spaceships"}, "category"),
                            ({"description": "new text", "location": {"lat": 95, "lon": 0}}, "location.lat"),
                            ({"description": "new text", "window": {"start": "2000-01-01T00:00:00Z",
                                                                    "end": "2000-01-02T00:00:00Z"}}, "window.end"),
                            ({"description": "new text", "status": "fulfilled"}, "status"),
                            ({"description": "new text", "requester_id": self.fellow_id}, "requester_id"),
                            ({"description": ""}, "description")):
            with self.subTest(body=body):
                self.assertProblem(self.req("PATCH", f"/api/v1/needs/{need['id']}", body, token=self.asker),
                                   422, field)
        self.assertEqual(self.get(need["id"], self.asker), before)

    def test_cancel_with_reason_then_no_more_changes(self):
        need = self.create()
        r = self.req("POST", f"/api/v1/needs/{need['id']}/cancel", {"reason": "a neighbour helped already"},
                     token=self.asker)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["status"], "cancelled")
        self.assertEqual(self.get(need["id"], self.fellow)["status"], "cancelled")
        self.assertProblem(self.req("POST", f"/api/v1/needs/{need['id']}/cancel", token=self.asker), 409)
        self.assertProblem(self.req("PATCH", f"/api/v1/needs/{need['id']}", {"description": "again"},
                                    token=self.asker), 409)
        cancelled = [e for e in self.events("needs", self.coord)
                     if e["subject"] == need["id"] and e["type"] == "need.cancelled"]
        self.assertEqual([(e["actor"], e["detail"]) for e in cancelled],
                         [(self.asker_id, "a neighbour helped already")])

    def test_cancel_without_body_and_by_intake(self):
        need = self.create()
        r = self.req("POST", f"/api/v1/needs/{need['id']}/cancel", token=self.intake)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["status"], "cancelled")

    def test_cancel_reason_is_checked(self):
        need = self.create()
        for body, field in (({"reason": 5}, "reason"), ({"reason": "x" * 1001}, "reason"),
                            ({"reason": "ok", "extra": 1}, "extra")):
            with self.subTest(body=body):
                self.assertProblem(self.req("POST", f"/api/v1/needs/{need['id']}/cancel", body, token=self.asker),
                                   422, field)
        r = self.req("POST", f"/api/v1/needs/{need['id']}/cancel", token=self.asker, raw=b"not json",
                     headers={"Content-Type": "application/json"})
        self.assertProblem(r, 422)
        self.assertEqual(self.get(need["id"], self.asker)["status"], "open")

    # --- filters -----------------------------------------------------------------------------------------
    def test_filters(self):
        rides = self.create(need_body(category="rides", description="ride to work", urgency="high",
                                      location={"lat": 40.45, "lon": -3.69}))
        far = self.create(need_body(category="rides", description="far away ride", urgency="low",
                                    location={"lat": 41.39, "lon": 2.17}))
        ids = lambda q: {n["id"] for n in self.all_needs(self.fellow, q)}  # noqa: E731
        got = ids("?category=rides")
        self.assertTrue({rides["id"], far["id"]} <= got)
        self.assertTrue(all(n["category"] == "rides" for n in self.all_needs(self.fellow, "?category=rides")))
        self.assertIn(rides["id"], ids("?urgency=high"))
        self.assertNotIn(far["id"], ids("?urgency=high"))
        self.assertTrue(all(n["urgency"] == "high" for n in self.all_needs(self.fellow, "?urgency=high")))
        near_madrid = ids("?near=40.4168,-3.7038&within_km=10")
        self.assertIn(rides["id"], near_madrid)
        self.assertNotIn(far["id"], near_madrid)
        self.assertIn(far["id"], ids("?near=41.3874,2.1686&within_km=5"))
        self.assertNotIn(rides["id"], ids("?near=41.3874,2.1686&within_km=5"))
        self.assertEqual(ids("?category=rides&urgency=low&near=41.3874,2.1686&within_km=5"), {far["id"]})
        self.assertEqual(ids("?category=childcare"), set())
        self.ok("POST", f"/api/v1/needs/{far['id']}/cancel", token=self.asker, status=200)
        self.assertIn(far["id"], ids("?status=cancelled"))
        self.assertNotIn(far["id"], ids("?status=open"))
        self.assertTrue(all(n["status"] == "open" for n in self.all_needs(self.fellow, "?status=open")))

    def test_bad_filters(self):
        for query, field in (("status=done", "status"), ("urgency=extreme", "urgency"), ("near=40.4", "near"),
                             ("near=abc,def", "near"), ("near=91,0", "near.lat"), ("near=0,181", "near.lon"),
                             ("near=40,-3&within_km=0", "within_km"), ("near=40,-3&within_km=501", "within_km"),
                             ("near=40,-3&within_km=far", "within_km"), ("within_km=5", "within_km"),
                             ("sort=urgency", "sort"), ("hub=other", "hub")):
            with self.subTest(query=query):
                self.assertProblem(self.req("GET", f"/api/v1/hubs/needs/needs?{query}", token=self.fellow), 422,
                                   field)

    def test_filter_near_the_antimeridian_and_the_pole(self):
        east = self.create(need_body(category="shelter", description="east of the line",
                                     location={"lat": 0.0, "lon": 179.995}))
        west = self.create(need_body(category="shelter", description="west of the line",
                                     location={"lat": 0.0, "lon": -179.995}))
        pole = self.create(need_body(category="shelter", description="at the pole",
                                     location={"lat": 89.999, "lon": 45.0}))
        ids = lambda q: {n["id"] for n in self.all_needs(self.fellow, "?category=shelter&" + q)}  # noqa: E731
        self.assertEqual(ids("near=0,-179.999&within_km=5"), {east["id"], west["id"]})
        self.assertEqual(ids("near=0,179.999&within_km=5"), {east["id"], west["id"]})
        self.assertEqual(ids("near=89.999,-135&within_km=5"), {pole["id"]})
        self.assertEqual(ids("near=0,0&within_km=500"), set())

    def test_losing_a_role_loses_contact_at_once(self):
        need = self.create()
        token, member_id = self.srv.member("needs", "briefintake", "intake")
        self.assertVisible(self.get(need["id"], token))
        self.ok("PUT", f"/api/v1/hubs/needs/members/{member_id}/roles", {"roles": []}, token=self.coord,
                status=200)
        self.assertHidden(self.get(need["id"], token))

    def test_private_details_are_not_stored_in_clear(self):
        marker_phone, marker_address = "+34 611 222 333", "Travesia Secreta 77"
        receipt = self.req("POST", "/api/v1/hubs/needs/intake",
                           private_need_body(contact={"preferred": "phone", "phone": marker_phone,
                                                      "address": marker_address,
                                                      "location": {"lat": 40.123456, "lon": -3.654321}},
                                             location={"lat": 40.123456, "lon": -3.654321}))
        self.assertEqual(receipt.status, 201, receipt)
        self.ok("PATCH", "/api/v1/me", {"contact": {"email": "hidden.person@example.org"}}, token=self.fellow,
                status=200)
        secrets = [marker_phone.encode(), marker_address.encode(), b"hidden.person@example.org",
                   receipt.json["status_token"].encode(), self.coord.encode(), self.asker.encode()]
        data = b""
        for path in glob.glob(self.srv.db + "*"):
            if not path.endswith(".key"):
                with open(path, "rb") as f:
                    data += f.read()
        self.assertGreater(len(data), 0)
        for secret in secrets:
            self.assertNotIn(secret, data, f"{secret[:20]!r} is stored in clear")
        # The exact point is not in any column either; only the approximation is.
        with sqlite3.connect(self.srv.db, timeout=30) as db:
            rows = db.execute("SELECT approx_lat, approx_lon FROM needs WHERE id = ?",
                              (receipt.json["need"]["id"],)).fetchall()
        self.assertEqual(len(rows), 1)
        self.assertNotEqual(rows[0], (40.123456, -3.654321))

    # --- validation --------------------------------------------------------------------------------------
    def test_invalid_needs_are_refused_and_store_nothing(self):
        before = len(self.all_needs())
        events_before = len(self.events("needs", self.coord))
        cases = [
            ({"description": "no category"}, "category"),
            ({"category": "food"}, "description"),
            (need_body(category="spaceships"), "category"),
            (need_body(category="Food"), "category"),
            (need_body(description="   "), "description"),
            (need_body(description="x" * 2001), "description"),
            (need_body(description="bell\u0007"), "description"),
            (need_body(quantity=0), "quantity"),
            (need_body(quantity=10001), "quantity"),
            (need_body(quantity=-3), "quantity"),
            (need_body(urgency="extreme"), "urgency"),
            (need_body(window={"start": "2099-01-02T00:00:00Z", "end": "2099-01-01T00:00:00Z"}), "window.end"),
            (need_body(window={"start": "2001-01-01T00:00:00Z", "end": "2001-01-02T00:00:00Z"}), "window.end"),
            (need_body(window={"start": "tomorrow", "end": "2099-01-01T00:00:00Z"}), "window.start"),
            (need_body(window={"start": "2099-01-01T00:00:00Z"}), "window.end"),
            (need_body(location={"lat": 91, "lon": 0}), "location.lat"),
            (need_body(location={"lat": -90.5, "lon": 0}), "location.lat"),
            (need_body(location={"lat": 0, "lon": 180.01}), "location.lon"),
            (need_body(location={"lat": 40}), "location.lon"),
            (need_body(place="p" * 201), "place"),
            (need_body(language="español"), "language"),
            (need_body(accessibility="a" * 1001), "accessibility"),
            (need_body(contact={"preferred": "phone"}), "contact.phone"),
            (need_body(contact={"preferred": "email"}), "contact.email"),
            (need_body(contact={"phone": "call me maybe"}), "contact.phone"),
            (need_body(contact={"email": "a@b@c"}), "contact.email"),
            (need_body(contact={"preferred": "carrier pigeon"}), "contact.preferred"),
            (need_body(contact={"location": {"lat": 0, "lon": -200}}), "contact.location.lon"),
            (need_body(contact={"twitter": "@me"}), "contact.twitter"),
            (need_body(status="fulfilled"), "status"),
            (need_body(id="need_mine"), "id"),
        ]
        for body, field in cases:
            with self.subTest(field=field, body=str(body)[:80]):
                self.assertProblem(self.req("POST", "/api/v1/hubs/needs/needs", body, token=self.asker), 422,
                                   field)
        self.assertEqual(len(self.all_needs()), before)
        self.assertEqual(len(self.events("needs", self.coord)), events_before)

    def test_boundaries_are_accepted(self):
        for body in (need_body(quantity=10000), need_body(description="x" * 2000),
                     need_body(location={"lat": 90, "lon": 180}), need_body(location={"lat": -90, "lon": -180}),
                     need_body(location={"lat": 0, "lon": 0}), need_body(language="pt-BR")):
            with self.subTest(body=str(body)[:80]):
                self.create(body)

    def test_several_errors_are_reported_together(self):
        r = self.req("POST", "/api/v1/hubs/needs/needs", {"quantity": 0, "urgency": "meh", "colour": "red"},
                     token=self.asker)
        self.assertProblem(r, 422)
        fields = {e["field"] for e in r.json["errors"]}
        self.assertTrue({"category", "description", "urgency", "colour"} <= fields, fields)


class ExpiryTests(ApiTestCase):
    """An open need whose window has passed expires; the sweeper runs when the server starts."""

    @classmethod
    def build(cls):
        cls.coord, _ = cls.new_hub("expiry", "expirycoord")
        cls.asker, cls.asker_id = cls.srv.member("expiry", "expiryasker")

    def test_passed_window_expires_the_need(self):
        window = {"start": "2099-01-01T09:00:00Z", "end": "2099-01-01T12:00:00Z"}
        r = self.req("POST", "/api/v1/hubs/expiry/needs", need_body(window=window), token=self.asker)
        self.assertEqual(r.status, 201, r)
        need_id = r.json["id"]
        keep = self.req("POST", "/api/v1/hubs/expiry/needs", need_body(description="no window"), token=self.asker)
        self.assertEqual(keep.status, 201, keep)
        # Let time pass in the real database, then start the server again.
        self.srv.stop()
        with sqlite3.connect(self.srv.db, timeout=30) as db:
            db.execute("UPDATE needs SET window_start = strftime('%s','now') - 7200, "
                       "window_end = strftime('%s','now') - 3600 WHERE id = ?", (need_id,))
        self.srv.start()
        deadline = time.time() + 10
        while time.time() < deadline:
            need = self.ok("GET", f"/api/v1/needs/{need_id}", token=self.asker, status=200)
            if need["status"] == "expired":
                break
            time.sleep(0.1)
        self.assertEqual(need["status"], "expired")
        self.assertEqual(self.ok("GET", f"/api/v1/needs/{keep.json['id']}", token=self.asker)["status"], "open")
        events = [e for e in self.events("expiry", self.coord) if e["subject"] == need_id]
        self.assertEqual([(e["type"], e["actor"]) for e in events][-1], ("need.expired", "system"))
        # An expired need is closed.
        self.assertProblem(self.req("POST", f"/api/v1/needs/{need_id}/cancel", token=self.asker), 409)
        self.assertProblem(self.req("PATCH", f"/api/v1/needs/{need_id}", {"description": "x"}, token=self.asker),
                           409)
        self.assertIn(need_id, {n["id"] for n in self.walk("/api/v1/hubs/expiry/needs?status=expired",
                                                           self.asker, 200)[0]})


if __name__ == "__main__":
    unittest.main()
