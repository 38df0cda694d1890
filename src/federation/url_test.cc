#include "federation/url.h"

#include <gtest/gtest.h>

namespace kin::federation {
namespace {

TEST(Url, SplitsHostAndTargetAsARequestLineNeedsThem) {
  Result<UrlParts> p = ParseUrl("HTTPS://Aid.Example.org:8443/federation/hubs/a/inbox?x=1#frag");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->scheme, "https");
  EXPECT_EQ(p->host, "aid.example.org:8443");
  EXPECT_EQ(p->target, "/federation/hubs/a/inbox?x=1");
  EXPECT_EQ(ParseUrl("http://127.0.0.1:9")->target, "/");
  EXPECT_EQ(ParseUrl("http://h.example?q")->target, "/?q");
}

TEST(Url, RefusesWhatIsNotAnHttpUrl) {
  for (const char* bad : {"", "acct:a@b", "ftp://h/x", "http://", "http:///x", "https://user@h.example/x",
                          "http://h x/"}) {
    EXPECT_FALSE(ParseUrl(bad).ok()) << bad;
  }
}

TEST(Url, OriginsCompareServers) {
  EXPECT_EQ(OriginOf("https://a.example/users/x#main-key"), "https://a.example");
  EXPECT_NE(OriginOf("https://a.example/x"), OriginOf("https://b.example/x"));
  EXPECT_NE(OriginOf("http://a.example/x"), OriginOf("https://a.example/x"));
  EXPECT_EQ(OriginOf("not a url"), "");
  EXPECT_EQ(WithoutFragment("https://a.example/actor#main-key"), "https://a.example/actor");
}

}  // namespace
}  // namespace kin::federation
