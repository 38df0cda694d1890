// Every page route has a rule in the authorization matrix (tests/integration/web_routes.json), and every rule
// names a route: a new page cannot ship without saying who may use it. test_roles.py checks the rules over HTTP.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <iterator>
#include <set>

#include "testing/fake_clock.h"
#include "testing/temp_store.h"
#include "web/web.h"

namespace kin::web {
namespace {

std::set<std::string> RulesInMatrix() {
  std::ifstream in(KIN_WEB_ROUTES_JSON);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_FALSE(text.empty()) << "cannot read " << KIN_WEB_ROUTES_JSON;
  boost::json::value doc = boost::json::parse(text);
  std::set<std::string> rules;
  for (const boost::json::value& rule : doc.at("rules").as_array()) {
    std::string route(rule.at("route").as_string());
    EXPECT_TRUE(rules.insert(route).second) << route << " has two rules";
  }
  return rules;
}

TEST(WebRoutes, EveryPageRouteHasARuleInTheAuthorizationMatrix) {
  testing::TempStore store;
  testing::FakeClock clock;
  App app(store.store(), clock);
  WebDeps deps{app, "https://kin.example", [](const std::string&) { return 0; }};
  http::Router router;
  RegisterWebRoutes(router, deps);

  std::set<std::string> rules = RulesInMatrix();
  std::set<std::string> routes;
  for (const http::Route& r : router.routes()) routes.insert(r.method + " " + r.pattern);
  ASSERT_GT(routes.size(), 10u) << "the web route table looks empty";
  for (const std::string& route : routes) {
    EXPECT_TRUE(rules.count(route)) << route << " has no rule: add one to tests/integration/web_routes.json";
  }
  for (const std::string& rule : rules) {
    EXPECT_TRUE(routes.count(rule)) << "web_routes.json has a rule for " << rule << ", which is not a route";
  }
}

}  // namespace
}  // namespace kin::web
