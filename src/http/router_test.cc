#include "http/router.h"

#include <gtest/gtest.h>

namespace kin::http {
namespace {

Handler Named(std::string name) {
  return [name](Request&) { return Response::Text(200, name); };
}

Request Make(std::string method, std::string target) {
  Request r;
  r.method = std::move(method);
  r.target = target;
  r.path = target.substr(0, target.find('?'));
  return r;
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add("GET", "/api/v1/hubs", "hubs.list", Named("hubs.list"));
    router_.Add("POST", "/api/v1/hubs", "hubs.create", Named("hubs.create"));
    router_.Add("GET", "/api/v1/hubs/{hub}", "hubs.get", Named("hubs.get"));
    router_.Add("GET", "/api/v1/hubs/{hub}/needs/{need}", "needs.get", Named("needs.get"));
    router_.Add("PATCH", "/api/v1/hubs/{hub}/needs/{need}", "needs.update", Named("needs.update"));
    router_.Add("GET", "/api/v1/hubs/{hub}/needs/mine", "needs.mine", Named("needs.mine"));
    router_.Add("GET", "/", "root", Named("root"));
  }
  Router router_;
};

TEST_F(RouterTest, MatchesLiteralRoute) {
  Request r = Make("GET", "/api/v1/hubs");
  RouteMatch m = router_.Find(r);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->name, "hubs.list");
  EXPECT_TRUE(r.params.empty());
}

TEST_F(RouterTest, ChoosesByMethod) {
  Request r = Make("POST", "/api/v1/hubs");
  RouteMatch m = router_.Find(r);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->name, "hubs.create");
}

TEST_F(RouterTest, FillsParams) {
  Request r = Make("GET", "/api/v1/hubs/h1/needs/n2?x=1");
  RouteMatch m = router_.Find(r);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->name, "needs.get");
  EXPECT_EQ(r.Param("hub"), "h1");
  EXPECT_EQ(r.Param("need"), "n2");
}

TEST_F(RouterTest, LiteralSegmentBeatsParamRegardlessOfOrder) {
  Request r = Make("GET", "/api/v1/hubs/h1/needs/mine");
  RouteMatch m = router_.Find(r);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->name, "needs.mine");

  Router reversed;
  reversed.Add("GET", "/needs/mine", "mine", Named("mine"));
  reversed.Add("GET", "/needs/{need}", "get", Named("get"));
  Request r2 = Make("GET", "/needs/mine");
  ASSERT_NE(reversed.Find(r2).route, nullptr);
  EXPECT_EQ(reversed.Find(r2).route->name, "mine");
  Request r3 = Make("GET", "/needs/other");
  EXPECT_EQ(reversed.Find(r3).route->name, "get");
  EXPECT_EQ(r3.Param("need"), "other");
}

TEST_F(RouterTest, EarlierLiteralWins) {
  Router router;
  router.Add("GET", "/{a}/x", "param-first", Named(""));
  router.Add("GET", "/y/{b}", "literal-first", Named(""));
  Request r = Make("GET", "/y/x");
  EXPECT_EQ(router.Find(r).route->name, "literal-first");
}

TEST_F(RouterTest, OtherMethodGives405Info) {
  Request r = Make("DELETE", "/api/v1/hubs/h1/needs/n2");
  RouteMatch m = router_.Find(r);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.path_matched);
  EXPECT_EQ(m.allow, "GET, HEAD, PATCH");  // HEAD comes with every GET

  Request r2 = Make("PUT", "/api/v1/hubs");
  RouteMatch m2 = router_.Find(r2);
  EXPECT_TRUE(m2.path_matched);
  EXPECT_EQ(m2.allow, "GET, HEAD, POST");
}

TEST_F(RouterTest, HeadIsServedByTheGetRoute) {
  Request r = Make("HEAD", "/api/v1/hubs");
  RouteMatch m = router_.Find(r);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->method, "GET");
}

TEST_F(RouterTest, UnknownPathIsNotFound) {
  for (const char* target :
       {"/api/v1/nope", "/api/v1/hubs/h1/needs", "/api/v1/hubs/h1/needs/n2/extra", "/api"}) {
    Request r = Make("GET", target);
    RouteMatch m = router_.Find(r);
    EXPECT_EQ(m.route, nullptr) << target;
    EXPECT_FALSE(m.path_matched) << target;
  }
}

TEST_F(RouterTest, TrailingSlashAndEmptySegmentsDoNotMatch) {
  for (const char* target : {"/api/v1/hubs/", "/api/v1/hubs//needs/n", "/api/v1/hubs/h1/"}) {
    Request r = Make("GET", target);
    EXPECT_EQ(router_.Find(r).route, nullptr) << target;
  }
}

TEST_F(RouterTest, RootMatches) {
  Request r = Make("GET", "/");
  ASSERT_NE(router_.Find(r).route, nullptr);
  EXPECT_EQ(router_.Find(r).route->name, "root");
}

TEST_F(RouterTest, DecodesEachSegmentSoEncodedSlashStaysInParam) {
  Request r = Make("GET", "/api/v1/hubs/a%2Fb/needs/caf%C3%A9%20x");
  r.path = "/api/v1/hubs/a/b/needs/café x";  // what the server's whole-path decoding gives
  RouteMatch m = router_.Find(r);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->name, "needs.get");
  EXPECT_EQ(r.Param("hub"), "a/b");
  EXPECT_EQ(r.Param("need"), "café x");
}

TEST_F(RouterTest, EncodedLiteralMatches) {
  Request r = Make("GET", "/api/v1/%68ubs");
  RouteMatch m = router_.Find(r);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->name, "hubs.list");
}

TEST_F(RouterTest, FallsBackToPathWithoutTarget) {
  Request r;
  r.method = "GET";
  r.path = "/api/v1/hubs/h9";
  RouteMatch m = router_.Find(r);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(r.Param("hub"), "h9");
}

TEST_F(RouterTest, MalformedEscapeIsKeptLiterally) {
  Request r = Make("GET", "/api/v1/hubs/100%zz");
  RouteMatch m = router_.Find(r);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(r.Param("hub"), "100%zz");
}

}  // namespace
}  // namespace kin::http
