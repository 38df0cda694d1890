#include "web/form.h"

#include <gtest/gtest.h>

#include "web/cookies.h"
#include "web/csrf.h"
#include "web/field_messages.h"
#include "web/lang.h"
#include "web/local_time.h"

namespace kin::web {
namespace {

TEST(Form, DecodesPlusPercentAndLineBreaks) {
  std::optional<Form> f = Form::Parse("description=two+bags%0D%0Aof+rice&place=Calle+%C3%91&empty=&x");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->Get("description"), "two bags\nof rice");
  EXPECT_EQ(f->Get("place"), "Calle Ñ");
  EXPECT_TRUE(f->Has("empty"));
  EXPECT_EQ(f->Get("missing"), "");
}

TEST(Form, RejectsMalformedEscapesAndInvalidUtf8) {
  EXPECT_FALSE(Form::Parse("a=%G1"));
  EXPECT_FALSE(Form::Parse("a=%4"));
  EXPECT_FALSE(Form::Parse("a=%FF%FE"));
}

TEST(Cookies, ReadsOneCookieAmongMany) {
  http::Request r;
  r.headers["cookie"] = "a=1; kin_lang=es, kin_csrf=\"tok\"";
  EXPECT_EQ(CookieValue(r, "kin_lang"), "es");
  EXPECT_EQ(CookieValue(r, "kin_csrf"), "tok");
  EXPECT_FALSE(CookieValue(r, "kin_session"));
}

TEST(Cookies, SetCookieCarriesTheAttributes) {
  EXPECT_EQ(SetCookie("kin_session", "abc", {true, true, -1}), "kin_session=abc; Path=/; SameSite=Lax; HttpOnly; Secure");
  EXPECT_EQ(SetCookie("kin_lang", "es", {false, false, 10}), "kin_lang=es; Path=/; SameSite=Lax; Max-Age=10");
}

TEST(Csrf, NeedsTheCookieAndTheFieldToMatch) {
  std::string token(43, 'a');
  http::Request r;
  r.headers["cookie"] = "kin_csrf=" + token;
  EXPECT_TRUE(CsrfMatches(r, *Form::Parse("csrf=" + token)));
  EXPECT_FALSE(CsrfMatches(r, *Form::Parse("csrf=" + std::string(43, 'b'))));
  EXPECT_FALSE(CsrfMatches(r, *Form::Parse("other=1")));
  http::Request no_cookie;
  EXPECT_FALSE(CsrfMatches(no_cookie, *Form::Parse("csrf=" + token)));
}

TEST(Lang, QueryBeatsCookieBeatsAcceptLanguage) {
  http::Request r;
  r.headers["accept-language"] = "fr-FR, es;q=0.8, en;q=0.5";
  EXPECT_EQ(PickLang(r).lang, Lang::kEs);
  r.headers["cookie"] = "kin_lang=en";
  EXPECT_EQ(PickLang(r).lang, Lang::kEn);
  r.query = {{"lang", "es"}};
  LangChoice c = PickLang(r);
  EXPECT_EQ(c.lang, Lang::kEs);
  EXPECT_TRUE(c.from_query);
  EXPECT_EQ(FromAcceptLanguage("es-MX,es;q=0.9"), Lang::kEs);
  EXPECT_FALSE(FromAcceptLanguage("de, fr"));
}

TEST(FieldMessages, TranslatesCoreMessages) {
  EXPECT_EQ(TranslateFieldMessage(Lang::kEs, "is required"), "Por favor, complete este campo.");
  EXPECT_EQ(TranslateFieldMessage(Lang::kEn, "must be at most 200 characters"),
            "Please make this shorter: at most 200 characters.");
  EXPECT_EQ(TranslateFieldMessage(Lang::kEn, "must be between 1 and 10000"), "Please enter a number from 1 to 10000.");
  EXPECT_EQ(TranslateFieldMessage(Lang::kEn, "something new"), "Please check this.");
}

TEST(LocalTime, ReadsAndWritesWallClockTimeInTheHubsZone) {
  // 2025-07-01 10:00 in Madrid (CEST, UTC+2) is 08:00 UTC.
  std::optional<Timestamp> t = ParseLocal("2025-07-01T10:00", "Europe/Madrid");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->time_since_epoch().count(), 1751356800);
  EXPECT_EQ(InputValue(*t, "Europe/Madrid"), "2025-07-01T10:00");
  EXPECT_EQ(FormatLocal(*t, "Europe/Madrid", Lang::kEs), "1 jul 2025, 10:00 CEST");
  EXPECT_EQ(FormatLocal(*t, "UTC", Lang::kEn), "1 Jul 2025, 08:00 UTC");
  EXPECT_EQ(ParseLocal("2025-07-01 10:00:30", "UTC")->time_since_epoch().count(), 1751364030);
  EXPECT_FALSE(ParseLocal("2025-02-30T10:00", "UTC"));
  EXPECT_FALSE(ParseLocal("tomorrow", "UTC"));
}

}  // namespace
}  // namespace kin::web
