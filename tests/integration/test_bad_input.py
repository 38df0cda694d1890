"""Bad input of every kind gets a clear problem answer, never a crash, and never stores anything."""
import json
import unittest

from test_service import ApiTestCase, need_body, raw_request


class BadInputTests(ApiTestCase):
    @classmethod
    def build(cls):
        cls.coord, _ = cls.new_hub("bad", "badcoord")
        cls.token, _ = cls.srv.member("bad", "badmember")
        r = cls.srv.request("POST", "/api/v1/hubs/bad/needs", need_body(description="the original"),
                            token=cls.token)
        assert r.status == 201, r
        cls.need_id = r.json["id"]

    def setUp(self):
        self.needs_before = self.snapshot()

    def tearDown(self):
        # Whatever a test sent, nothing was stored and the server still answers.
        self.assertEqual(self.req("GET", "/healthz").status, 200)
        self.assertEqual(self.snapshot(), self.needs_before, "a refused request changed stored data")

    def snapshot(self):
        needs = self.walk("/api/v1/hubs/bad/needs", self.coord, 200)[0]
        return needs, len(self.events("bad", self.coord))

    def post_raw(self, body, content_type="application/json", path="/api/v1/hubs/bad/needs"):
        return raw_request(self.srv.port, "POST", path, body, content_type=content_type, token=self.token)

    def assertRawProblem(self, r, status, field=None):
        self.assertEqual(r.status, status, r)
        self.assertTrue(r.headers.get("content-type", "").startswith("application/problem+json"), r.headers)
        r.body.decode("utf-8")  # the answer itself is valid UTF-8
        self.assertIsInstance(r.json, dict, r)
        self.assertEqual(r.json["status"], status, r)
        if field:
            self.assertIn(field, [e["field"] for e in r.json.get("errors", [])], r)

    # --- not JSON ----------------------------------------------------------------------------------------
    def test_malformed_json(self):
        for body in (b'{"category": "food", "description": ', b"{'category': 'food'}", b"{category: food}",
                     b'{"category": "food",}', b'{"a": 1} trailing', b"\x00\x01\x02", b"{" * 3,
                     b'{"description": "unterminated}', b"NaN", b'{"quantity": 01}'):
            with self.subTest(body=body[:40]):
                self.assertRawProblem(self.post_raw(body), 422)

    def test_body_must_be_an_object(self):
        for body in (b"[]", b'"text"', b"42", b"null", b"true", b"[{\"category\": \"food\"}]"):
            with self.subTest(body=body):
                self.assertRawProblem(self.post_raw(body), 422)

    def test_empty_body(self):
        self.assertRawProblem(self.post_raw(b""), 422)
        self.assertRawProblem(self.post_raw(b"   "), 422)

    def test_invalid_utf8_bytes(self):
        for body in (b'{"category": "food", "description": "\xff"}',
                     b'{"category": "food", "description": "caf\xc3"}',
                     b'{"category": "food", "description": "\xc0\xaf overlong"}',
                     b'{"category": "food", "description": "\xed\xa0\x80 surrogate"}',
                     b'{"category": "food", "description": "\xf4\x90\x80\x80 too high"}',
                     b'{"category": "food", "\xfe": "x", "description": "ok"}'):
            with self.subTest(body=body):
                self.assertRawProblem(self.post_raw(body), 422)

    def test_escaped_lone_surrogates(self):
        for text in ("\\ud800", "\\udc00", "x\\ud800y", "\\ud800\\u0041"):
            body = ('{"category": "food", "description": "' + text + '"}').encode()
            with self.subTest(text=text):
                self.assertRawProblem(self.post_raw(body), 422)

    def test_control_characters_in_text(self):
        for text in ("nul\u0000byte", "bell\u0007", "esc\u001b[31m", "del\u007f"):
            with self.subTest(text=repr(text)):
                r = self.req("POST", "/api/v1/hubs/bad/needs", need_body(description=text), token=self.token)
                self.assertProblem(r, 422, "description")
        # Tabs and new lines are ordinary text.
        r = self.req("PATCH", f"/api/v1/needs/{self.need_id}", {"description": "the original"},
                     token=self.token)
        self.assertEqual(r.status, 200, r)
        self.needs_before = self.snapshot()

    def test_deep_nesting(self):
        for depth in (40, 1000, 100000):
            body = b'{"category": "food", "description": "x", "contact": ' + b"[" * depth + b"]" * depth + b"}"
            with self.subTest(depth=depth):
                self.assertRawProblem(self.post_raw(body), 422)
            body = b'{"x":' * depth + b"1" + b"}" * depth
            with self.subTest(depth=depth, kind="objects"):
                self.assertRawProblem(self.post_raw(body), 422)

    # --- content type ------------------------------------------------------------------------------------
    def test_content_type_must_be_json(self):
        body = json.dumps(need_body()).encode()
        for ctype in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                      "application/xml", None):
            with self.subTest(ctype=ctype):
                self.assertRawProblem(self.post_raw(body, content_type=ctype), 422, "Content-Type")
        self.assertRawProblem(raw_request(self.srv.port, "PATCH", f"/api/v1/needs/{self.need_id}",
                                          b'{"description": "changed"}', content_type="text/plain",
                                          token=self.token), 422, "Content-Type")

    def test_json_with_charset_is_accepted(self):
        r = raw_request(self.srv.port, "PATCH", f"/api/v1/needs/{self.need_id}", b'{"description": "the original"}',
                        content_type="application/json; charset=utf-8", token=self.token)
        self.assertEqual(r.status, 200, r)
        self.needs_before = self.snapshot()

    def test_media_type_is_case_insensitive(self):
        r = raw_request(self.srv.port, "PATCH", f"/api/v1/needs/{self.need_id}", b'{"description": "the original"}',
                        content_type="Application/JSON", token=self.token)
        self.assertEqual(r.status, 200, r)
        self.needs_before = self.snapshot()

    # --- size --------------------------------------------------------------------------------------------
    def test_body_over_one_mebibyte_is_413(self):
        filler = b"x" * (1024 * 1024 + 10)
        body = b'{"category": "food", "description": "' + filler + b'"}'
        r = self.post_raw(body)
        self.assertRawProblem(r, 413)

    def test_a_form_over_one_mebibyte_gets_a_page_in_the_readers_language(self):
        # Someone uploading a large file from the import page reads why, in their language, with a way back.
        boundary = "kinboundary"
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
                "Content-Type: text/csv\r\n\r\n").encode() + b"name,count\n" + b"x,1\n" * 300000 + \
            f"\r\n--{boundary}--\r\n".encode()
        self.assertGreater(len(body), 1024 * 1024)
        for lang, says in (("es", "Es demasiado grande para enviarlo"), ("en", "This is too large to send")):
            r = raw_request(self.srv.port, "POST", "/h/bad/import/library", body,
                            content_type=f"multipart/form-data; boundary={boundary}",
                            extra=f"Accept-Language: {lang}\r\nAccept: text/html\r\n".encode())
            self.assertEqual(r.status, 413, r)
            self.assertTrue(r.headers.get("content-type", "").startswith("text/html"), r.headers)
            page = r.body.decode("utf-8")
            self.assertIn(says, page)
            self.assertIn('href="/h/bad/import/library"', page)
        # The API still answers in problem+json, whatever it is sent.
        self.assertRawProblem(self.post_raw(body, content_type=f"multipart/form-data; boundary={boundary}"), 413)

    def test_large_body_under_the_limit_is_judged_on_its_fields(self):
        body = json.dumps(need_body(description="x" * (1024 * 1024 - 200))).encode()
        self.assertLess(len(body), 1024 * 1024)
        self.assertRawProblem(self.post_raw(body), 422, "description")

    # --- wrong fields and types --------------------------------------------------------------------------
    def test_unknown_fields_are_named(self):
        cases = [
            (need_body(colour="red"), "colour"),
            (need_body(Category="food"), "Category"),
            (need_body(location={"lat": 1, "lon": 2, "alt": 3}), "location.alt"),
            (need_body(contact={"phone": "123456", "fax": "1"}), "contact.fax"),
            (need_body(contact={"location": {"lat": 1, "lon": 2, "accuracy": 5}}), "contact.location.accuracy"),
            (need_body(window={"start": "2099-01-01T00:00:00Z", "end": "2099-01-02T00:00:00Z", "tz": "UTC"}),
             "window.tz"),
        ]
        for body, field in cases:
            with self.subTest(field=field):
                self.assertProblem(self.req("POST", "/api/v1/hubs/bad/needs", body, token=self.token), 422, field)

    def test_wrong_types_are_named(self):
        cases = [
            (need_body(description=5), "description"),
            (need_body(description=None), "description"),
            (need_body(description=["a"]), "description"),
            (need_body(category={"name": "food"}), "category"),
            (need_body(quantity="2"), "quantity"),
            (need_body(quantity=1.5), "quantity"),
            (need_body(quantity=True), "quantity"),
            (need_body(quantity=1e30), "quantity"),
            (need_body(quantity=99999999999999999999), "quantity"),
            (need_body(urgency=3), "urgency"),
            (need_body(location="40.4,-3.7"), "location"),
            (need_body(location=[40.4, -3.7]), "location"),
            (need_body(location={"lat": "40.4", "lon": -3.7}), "location.lat"),
            (need_body(location={"lat": True, "lon": -3.7}), "location.lat"),
            (need_body(window="tomorrow"), "window"),
            (need_body(window={"start": 1, "end": 2}), "window.start"),
            (need_body(window={"start": "2099-13-01T00:00:00Z", "end": "2099-12-01T00:00:00Z"}), "window.start"),
            (need_body(window={"start": "2099-01-01 00:00", "end": "2099-12-01T00:00:00Z"}), "window.start"),
            (need_body(contact="+34 600"), "contact"),
            (need_body(contact={"phone": 600000000}), "contact.phone"),
        ]
        for body, field in cases:
            with self.subTest(field=field, body=str(body)[-60:]):
                self.assertProblem(self.req("POST", "/api/v1/hubs/bad/needs", body, token=self.token), 422, field)

    def test_huge_numbers(self):
        for body, field in ((b'{"category":"food","description":"x","location":{"lat":1e999,"lon":0}}',
                             "location.lat"),
                            (b'{"category":"food","description":"x","location":{"lat":-1e400,"lon":0}}',
                             "location.lat"),
                            (b'{"category":"food","description":"x","quantity":1e999}', "quantity"),
                            (b'{"category":"food","description":"x","quantity":-99999999999999999999999}',
                             "quantity")):
            with self.subTest(body=body):
                r = self.post_raw(body)
                # Either the parser refuses the number or the field check does; both are 422, neither a crash.
                self.assertRawProblem(r, 422)

    def test_coordinates_out_of_range_name_the_field(self):
        for loc, field in (({"lat": 90.0001, "lon": 0}, "location.lat"), ({"lat": -91, "lon": 0}, "location.lat"),
                           ({"lat": 0, "lon": 180.5}, "location.lon"), ({"lat": 0, "lon": -181}, "location.lon")):
            with self.subTest(loc=loc):
                r = self.req("POST", "/api/v1/hubs/bad/needs", need_body(location=loc), token=self.token)
                self.assertProblem(r, 422, field)
        r = self.req("PATCH", f"/api/v1/needs/{self.need_id}", {"location": {"lat": 100, "lon": 200}},
                     token=self.token)
        self.assertProblem(r, 422, "location.lat")
        self.assertIn("location.lon", [e["field"] for e in r.json["errors"]])

    def test_failed_patch_changes_nothing(self):
        for body in ({"description": "changed", "quantity": 0}, {"description": "changed", "unknown": 1},
                     {"description": "changed", "urgency": "whenever"}, {"description": "changed", "quantity": "1"}):
            with self.subTest(body=body):
                self.assertProblem(self.req("PATCH", f"/api/v1/needs/{self.need_id}", body, token=self.token), 422)
        self.assertEqual(self.ok("GET", f"/api/v1/needs/{self.need_id}", token=self.token)["description"],
                         "the original")

    # --- query strings and paths -------------------------------------------------------------------------
    def test_query_parameters_are_checked(self):
        for path, field in (("/api/v1/hubs/bad/needs?foo=1", "foo"),
                            ("/api/v1/hubs/bad/needs?limit=5&Limit=5", "Limit"),
                            (f"/api/v1/needs/{self.need_id}?verbose=true", "verbose"),
                            ("/api/v1/me?fields=all", "fields"),
                            ("/api/v1/hubs/bad?x=", "x")):
            with self.subTest(path=path):
                self.assertProblem(self.req("GET", path, token=self.token), 422, field)
        self.assertProblem(self.req("POST", "/api/v1/hubs/bad/needs?dry_run=1", need_body(), token=self.token),
                           422, "dry_run")

    def test_odd_bytes_in_paths_and_queries(self):
        for path, statuses in (("/api/v1/needs/%FF%FE", (400, 404)), ("/api/v1/needs/%00", (400, 404)),
                               ("/api/v1/hubs/%E2%80%AE", (400, 404)), ("/api/v1/needs/" + "a" * 5000, (404, 414)),
                               ("/api/v1/hubs/bad/needs?category=%FF", (200, 400, 422)),
                               ("/api/v1/hubs/bad/needs?near=%00,%00", (400, 422)),
                               ("/api/v1/hubs/bad/needs?status=%FF", (400, 422))):
            with self.subTest(path=path[:60]):
                r = raw_request(self.srv.port, "GET", path, content_type=None, token=self.token)
                self.assertIn(r.status, statuses, r)
                r.body.decode("utf-8")  # never invalid UTF-8 in an answer
                json.loads(r.body)

    def test_unknown_query_name_that_is_not_utf8(self):
        for path in ("/api/v1/hubs?%FF=1", "/api/v1/hubs/bad/needs?%C3%28=1"):
            with self.subTest(path=path):
                r = raw_request(self.srv.port, "GET", path, content_type=None, token=self.token)
                self.assertEqual(r.status, 422, r)
                r.body.decode("utf-8")


if __name__ == "__main__":
    unittest.main()
