#include "web/catalogue.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "core/contact.h"
#include "core/hub.h"
#include "core/member.h"
#include "core/need.h"
#include "web/assets.h"

namespace kin::web {
namespace {

std::set<std::string> Keys(const std::vector<Message>& messages) {
  std::set<std::string> keys;
  for (const Message& m : messages) EXPECT_TRUE(keys.insert(std::string(m.key)).second) << "duplicate " << m.key;
  return keys;
}

TEST(Catalogue, EnglishAndSpanishHaveExactlyTheSameKeys) {
  std::set<std::string> en = Keys(EnglishMessages());
  std::set<std::string> es = Keys(SpanishMessages());
  for (const std::string& k : en) EXPECT_TRUE(es.count(k)) << "missing in Spanish: " << k;
  for (const std::string& k : es) EXPECT_TRUE(en.count(k)) << "missing in English: " << k;
}

TEST(Catalogue, TextsAreNonEmptyAndSafeInAttributes) {
  for (Lang lang : kAllLangs) {
    for (const Message& m : MessagesFor(lang)) {
      EXPECT_FALSE(m.text.empty()) << LangCode(lang) << " " << m.key;
      EXPECT_EQ(m.text.find('"'), std::string_view::npos) << LangCode(lang) << " " << m.key;
      EXPECT_EQ(m.text.find('<'), std::string_view::npos) << LangCode(lang) << " " << m.key;
    }
  }
}

TEST(Catalogue, PlaceholdersAreWrittenWithDoubleBraces) {
  // Translate fills only {{name}}; a {name} would reach the reader as it is written.
  std::regex single(R"((^|[^{])\{[a-z_]+\}($|[^}]))");
  for (Lang lang : kAllLangs) {
    for (const Message& m : MessagesFor(lang)) {
      EXPECT_FALSE(std::regex_search(std::string(m.text), single)) << LangCode(lang) << " " << m.key << ": " << m.text;
    }
  }
}

TEST(Catalogue, EveryKeyUsedInTemplatesExists) {
  std::regex use(R"(\{\{#t\}\}([^{]*)\{\{/t\}\})");
  int uses = 0;
  for (const Asset& a : Assets()) {
    if (a.name.rfind("templates/", 0) != 0) continue;
    std::string text(a.content);
    for (std::sregex_iterator it(text.begin(), text.end(), use), end; it != end; ++it, ++uses) {
      for (Lang lang : kAllLangs) EXPECT_TRUE(HasMessage(lang, (*it)[1].str())) << a.name << ": " << (*it)[1];
    }
  }
  EXPECT_GT(uses, 50);
}

TEST(Catalogue, EveryKeyBuiltInCodeExists) {
  std::vector<std::string> keys;
  for (const std::string& c : HubSettings().categories) keys.push_back("category." + c);
  for (Urgency u : {Urgency::kLow, Urgency::kNormal, Urgency::kHigh, Urgency::kCritical}) {
    keys.push_back(std::string("urgency.") + UrgencyName(u));
  }
  for (NeedStatus s : {NeedStatus::kOpen, NeedStatus::kMatched, NeedStatus::kInProgress, NeedStatus::kFulfilled,
                       NeedStatus::kCancelled, NeedStatus::kExpired}) {
    keys.push_back(std::string("need.status.") + NeedStatusName(s));
  }
  for (ContactMethod m : {ContactMethod::kNone, ContactMethod::kPhone, ContactMethod::kSms, ContactMethod::kEmail,
                          ContactMethod::kHotline}) {
    keys.push_back(std::string("contact.method.") + ContactMethodName(m));
  }
  for (Role r : {Role::kMember, Role::kIntake, Role::kCoordinator}) keys.push_back(std::string("role.") + RoleName(r));
  for (int m = 1; m <= 12; ++m) keys.push_back("time.month." + std::to_string(m));
  for (Lang lang : kAllLangs) {
    keys.push_back(std::string("lang.name.") + LangCode(lang));
    for (const std::string& k : keys) EXPECT_TRUE(HasMessage(lang, k)) << LangCode(lang) << " " << k;
  }
}

TEST(Catalogue, TranslateFillsPlaceholdersAndMarksMissingKeys) {
  EXPECT_EQ(Translate(Lang::kEn, "err.too_long", {{"n", "200"}}), "Please make this shorter: at most 200 characters.");
  EXPECT_EQ(Translate(Lang::kEs, "ask.title"), "Pedir ayuda");
  EXPECT_EQ(Translate(Lang::kEn, "no.such.key"), "[[no.such.key]]");
}

}  // namespace
}  // namespace kin::web
