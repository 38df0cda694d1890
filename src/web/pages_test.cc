// The pages through the router, in process, over a real SQLite store: what a browser sends and what it gets.
#include <gtest/gtest.h>

#include "testing/app_fixture.h"
#include "testing/fake_clock.h"
#include "testing/temp_store.h"
#include "web/form.h"
#include "web/web.h"

namespace kin::web {
namespace {

class PagesTest : public ::testing::Test {
 protected:
  PagesTest() : app_(store_.store(), clock_, testing::CheapAppOptions()), deps_{app_, "https://kin.example", [this](const std::string& key) {
                                                                      return key.rfind("intake:", 0) == 0 ? intake_wait_ : 0;
                                                                    }} {
    HubSettings s;
    s.name = "Riverside";
    s.time_zone = "Europe/Madrid";
    EXPECT_TRUE(app_.hubs.CreateAsAdmin("riverside", s).ok());
    RegisterWebRoutes(router_, deps_);
  }

  http::Response Send(const std::string& method, const std::string& path, const std::string& body = "",
                      const std::string& cookie = "") {
    http::Request r;
    r.method = method;
    size_t q = path.find('?');
    r.path = path.substr(0, q);
    if (q != std::string::npos) {
      std::string query = path.substr(q + 1);
      size_t eq = query.find('=');
      r.query.emplace_back(query.substr(0, eq), query.substr(eq + 1));
    }
    r.body = body;
    r.remote_address = "127.0.0.1";
    if (!cookie.empty()) r.headers["cookie"] = cookie;
    if (!accept_language_.empty()) r.headers["accept-language"] = accept_language_;
    r.headers["content-type"] = "application/x-www-form-urlencoded";
    http::RouteMatch m = router_.Find(r);
    EXPECT_TRUE(m.route) << method << " " << path;
    if (!m.route) return {};
    return m.route->handler(r);
  }

  static std::string Header(const http::Response& r, const std::string& name) {
    std::string out;
    for (const auto& [k, v] : r.headers) {
      if (k == name) out += (out.empty() ? "" : "\n") + v;
    }
    return out;
  }

  // The CSRF token a first visit hands out, as cookie and field.
  std::string Csrf() {
    http::Response r = Send("GET", "/h/riverside/ask");
    std::string cookies = Header(r, "Set-Cookie");
    size_t at = cookies.find("kin_csrf=");
    return cookies.substr(at + 9, 43);
  }

  std::string AskBody(const std::string& csrf, const std::string& extra = "") {
    return "csrf=" + csrf + "&category=groceries&description=Rice+and+beans&quantity=3&urgency=high"
           "&contact_method=phone&phone=%2B34+600+000+000&place=Near+the+market&language=es" + extra;
  }

  testing::TempStore store_;
  testing::FakeClock clock_;
  App app_;
  int intake_wait_ = 0;
  std::string accept_language_;
  WebDeps deps_;
  http::Router router_;
};

TEST_F(PagesTest, PagesCarryTheirPolicyAndAreNotCached) {
  for (const char* path : {"/", "/h/riverside", "/h/riverside/ask", "/signin", "/join/x", "/reset/x"}) {
    http::Response r = Send("GET", path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_NE(Header(r, "Content-Security-Policy").find("form-action 'self'"), std::string::npos) << path;
    EXPECT_EQ(Header(r, "Cache-Control"), "no-store") << path;
    EXPECT_EQ(r.body.find("[["), std::string::npos) << path << ": a key is missing from the catalogue";
  }
  http::Response css = Send("GET", "/static/kin.css");
  EXPECT_NE(Header(css, "Cache-Control").find("max-age=31536000"), std::string::npos);
}

TEST_F(PagesTest, AskingRedirectsToTheConfirmationWithAQrCode) {
  std::string csrf = Csrf();
  http::Response r = Send("POST", "/h/riverside/ask", AskBody(csrf), "kin_csrf=" + csrf);
  ASSERT_EQ(r.status, 303) << r.body;
  std::string location = Header(r, "Location");
  ASSERT_EQ(location.rfind("/s/", 0), 0u);
  http::Response received = Send("GET", location);
  EXPECT_EQ(received.status, 200);
  EXPECT_NE(received.body.find("<svg"), std::string::npos);
  EXPECT_NE(received.body.find("https://kin.example/s/"), std::string::npos);

  std::string status_path = location.substr(0, location.size() - std::string("/received").size());
  http::Response status = Send("GET", status_path);
  EXPECT_NE(status.body.find("Rice and beans"), std::string::npos);
  http::Response cancel = Send("POST", status_path, "csrf=" + csrf + "&do=cancel&reason=", "kin_csrf=" + csrf);
  EXPECT_EQ(cancel.status, 303);
  http::Response after = Send("GET", status_path + "?done=cancelled");
  EXPECT_NE(after.body.find("Cancelled."), std::string::npos);
  EXPECT_EQ(after.body.find("do\" value=\"cancel"), std::string::npos);
}

TEST_F(PagesTest, AForgedPostKeepsWhatThePersonTyped) {
  std::string csrf = Csrf();
  http::Response r = Send("POST", "/h/riverside/ask", AskBody(std::string(43, 'x')), "kin_csrf=" + csrf);
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("Rice and beans"), std::string::npos);
  EXPECT_NE(r.body.find("the form expired"), std::string::npos);
}

TEST_F(PagesTest, BadInputGetsAMessageAtEachField) {
  std::string csrf = Csrf();
  std::string body = "csrf=" + csrf + "&category=&description=&quantity=lots&contact_method=sms&phone=&window_start="
                     "&window_end=soon";
  http::Response r = Send("POST", "/h/riverside/ask", body, "kin_csrf=" + csrf);
  EXPECT_EQ(r.status, 422);
  for (const char* id : {"category-error", "description-error", "quantity-error", "phone-error", "window_end-error"}) {
    EXPECT_NE(r.body.find(std::string("id=\"") + id + "\""), std::string::npos) << id;
  }
  EXPECT_NE(r.body.find("value=\"lots\""), std::string::npos);
  EXPECT_NE(r.body.find("<title>Error: "), std::string::npos);
}

TEST_F(PagesTest, RateLimitedIntakeSaysWhenToTryAgain) {
  intake_wait_ = 120;
  std::string csrf = Csrf();
  http::Response r = Send("POST", "/h/riverside/ask", AskBody(csrf), "kin_csrf=" + csrf);
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(Header(r, "Retry-After"), "120");
  EXPECT_NE(r.body.find("about 2 minutes"), std::string::npos);
  EXPECT_NE(r.body.find("Rice and beans"), std::string::npos);
}

TEST_F(PagesTest, SpanishFromTheBrowserOrTheLink) {
  accept_language_ = "es-MX,es;q=0.9";
  http::Response r = Send("GET", "/h/riverside/ask");
  EXPECT_NE(r.body.find("<html lang=\"es\">"), std::string::npos);
  EXPECT_NE(r.body.find("Pedir ayuda"), std::string::npos);
  accept_language_.clear();
  http::Response chosen = Send("GET", "/?lang=es");
  EXPECT_NE(chosen.body.find("Grupos de apoyo mutuo"), std::string::npos);
  EXPECT_NE(Header(chosen, "Set-Cookie").find("kin_lang=es"), std::string::npos);
}

TEST_F(PagesTest, JoinSignOutAndSignIn) {
  Result<InviteGrant> invite = app_.hubs.InviteAsAdmin("riverside", Role::kMember, 1, 1);
  ASSERT_TRUE(invite.ok());
  std::string csrf = Csrf();
  std::string jar = "kin_csrf=" + csrf;
  http::Response joined = Send("POST", "/join/" + invite->token,
                               "csrf=" + csrf + "&display_name=Ana&handle=ana&password=long+enough+pw", jar);
  ASSERT_EQ(joined.status, 303) << joined.body;
  std::string cookie = Header(joined, "Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_NE(cookie.find("Secure"), std::string::npos);  // the public URL is https
  std::string session = cookie.substr(cookie.find("kin_session=") + 12, 43);
  http::Response me = Send("GET", "/me", "", jar + "; kin_session=" + session);
  EXPECT_NE(me.body.find("Riverside"), std::string::npos);

  http::Response out = Send("POST", "/signout", "csrf=" + csrf, jar + "; kin_session=" + session);
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(Send("GET", "/me", "", jar + "; kin_session=" + session).status, 303);

  http::Response wrong = Send("POST", "/signin", "csrf=" + csrf + "&handle=ana&password=nope", jar);
  EXPECT_EQ(wrong.status, 401);
  EXPECT_NE(wrong.body.find("value=\"ana\""), std::string::npos);
  http::Response in = Send("POST", "/signin", "csrf=" + csrf + "&handle=ana&password=long+enough+pw&next=/me", jar);
  EXPECT_EQ(in.status, 303);
  EXPECT_EQ(Header(in, "Location"), "/me");
}

TEST_F(PagesTest, UnknownLinksGetAFriendlyPage) {
  EXPECT_EQ(Send("GET", "/h/nowhere").status, 404);
  EXPECT_EQ(Send("GET", "/s/not-a-token").status, 404);
  EXPECT_EQ(Send("GET", "/s/not-a-token/received").status, 404);
  std::string csrf = Csrf();
  http::Response r = Send("POST", "/join/not-a-token", "csrf=" + csrf + "&display_name=B&handle=bob&password=long+enough+pw",
                          "kin_csrf=" + csrf);
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("This invitation does not work"), std::string::npos);
}

}  // namespace
}  // namespace kin::web
