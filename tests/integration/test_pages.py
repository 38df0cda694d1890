"""The web pages over HTTP where a browser is not needed: unknown paths and wrong methods get a translated HTML
page, while API paths keep their problem+json answer."""
import unittest

from test_service import ApiTestCase


class PageTests(ApiTestCase):
    @classmethod
    def build(cls):
        pass

    def test_unknown_page_is_html_in_the_browsers_language(self):
        for lang, words in (("en", "Page not found"), ("es", "Página no encontrada")):
            r = self.req("GET", "/no/such/page", headers={"Accept-Language": lang})
            self.assertEqual(r.status, 404, r)
            self.assertTrue(r.headers.get("content-type", "").startswith("text/html"), r.headers)
            body = r.body
            self.assertIn(words, body)
            self.assertIn(f'<html lang="{lang}">', body)
            self.assertIn("default-src 'none'", r.headers.get("content-security-policy", ""))

    def test_a_form_address_opened_in_the_browser_is_an_html_405(self):
        # /me/delete only takes the form's POST; a reload or a typed address gets a page, not problem+json.
        for lang, words in (("en", "This address is for a form"), ("es", "Esta dirección es para un formulario")):
            r = self.req("GET", "/me/delete", headers={"Accept-Language": lang})
            self.assertEqual(r.status, 405, r)
            self.assertTrue(r.headers.get("content-type", "").startswith("text/html"), r.headers)
            self.assertEqual(r.headers.get("allow", "").replace(" ", ""), "POST", r.headers)
            self.assertIn(words, r.body)
            self.assertIn(f'<html lang="{lang}">', r.body)

    def test_unknown_api_path_stays_problem_json(self):
        for path in ("/api/v1/no-such-thing", "/api/v2/hubs", "/api"):
            self.assertProblem(self.req("GET", path), 404, msg=path)

    def test_member_pages_need_a_sign_in(self):
        for path in ("/me", "/me/profile", "/me/data", "/me/day-sheet", "/h/any/needs", "/h/any/triage"):
            r = self.req("GET", path)
            self.assertEqual(r.status, 303, f"{path}: {r}")
            self.assertTrue(r.headers.get("location", "").startswith("/signin?next="), f"{path}: {r.headers}")
        r = self.req("GET", "/me/data.json")
        self.assertEqual(r.status, 303, r)


if __name__ == "__main__":
    unittest.main()
