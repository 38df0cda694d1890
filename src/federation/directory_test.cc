#include "federation/directory.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "federation/directory_codec.h"
#include "federation/json_text.h"

namespace kin::federation {
namespace {

constexpr LatLon kPuertaDelSol{40.4169, -3.7035};

std::vector<DirectoryHub> Hubs() {
  return {
      {"https://x/hubs/lavapies", "Lavapiés", "https://x/hubs/lavapies", LatLon{40.4087, -3.7009}, 2000,
       {"food", "rides"}, {"es", "en"}},
      {"https://x/hubs/centro", "Centro", "https://x/hubs/centro", LatLon{40.4180, -3.7040}, 3000, {"food"}, {"es"}},
      {"https://y/hubs/getafe", "Getafe", "https://y/hubs/getafe", LatLon{40.3057, -3.7329}, 5000, {"shelter"},
       {"es"}},                                                              // ~12.5 km: edge ~7.5 km away
      {"https://z/hubs/bcn", "Barcelona", "https://z/hubs/bcn", LatLon{41.3874, 2.1686}, 20000, {"food"}, {"ca"}},
      {"https://z/hubs/private", "Private", "https://z/hubs/private", std::nullopt, 5000, {}, {}},
  };
}

std::vector<std::string> Names(const std::vector<DirectoryEntry>& entries) {
  std::vector<std::string> names;
  for (const auto& e : entries) names.push_back(e.hub.name);
  return names;
}

TEST(Directory, ListsCoveringHubsNearestFirstThenNearbyOnes) {
  auto entries = RankDirectory(Hubs(), kPuertaDelSol);
  EXPECT_EQ(Names(entries), (std::vector<std::string>{"Centro", "Lavapiés", "Getafe"}));
  EXPECT_TRUE(entries[0].covers);
  EXPECT_TRUE(entries[1].covers);
  EXPECT_FALSE(entries[2].covers);
  EXPECT_NEAR(entries[0].distance_m, 130, 30);
  EXPECT_NEAR(entries[1].distance_m, 940, 60);
  EXPECT_EQ(entries[1].to_edge_m, 0);
  EXPECT_NEAR(entries[2].distance_m, 12500, 300);
  EXPECT_NEAR(entries[2].to_edge_m, 7500, 300);
}

TEST(Directory, HonoursTheNearDistanceAndTheLimit) {
  EXPECT_EQ(Names(RankDirectory(Hubs(), kPuertaDelSol, {.near_m = 1000})),
            (std::vector<std::string>{"Centro", "Lavapiés"}));
  EXPECT_EQ(Names(RankDirectory(Hubs(), kPuertaDelSol, {.near_m = 10000, .limit = 1})),
            (std::vector<std::string>{"Centro"}));
  EXPECT_TRUE(RankDirectory(Hubs(), {-33.86, 151.2}).empty()) << "nothing near Sydney";
}

TEST(Directory, NeverListsAHubThatKeepsItsAreaPrivate) {
  for (const auto& e : RankDirectory(Hubs(), kPuertaDelSol, {.near_m = 1e9})) EXPECT_NE(e.hub.name, "Private");
}

TEST(Directory, ParsesTheNearParameterAndNamesItWhenBad) {
  auto p = ParseNearPoint("40.4169, -3.7035");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p, kPuertaDelSol);
  for (const char* bad : {"", "40.4", "north,south", "40.4,-3.7,1", "95,0", "0,200", "nan,0"}) {
    auto r = ParseNearPoint(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().fields().at(0).field.substr(0, 4), "near") << bad;
  }
}

TEST(DirectoryCodec, WritesTheDocumentedShape) {
  auto entries = RankDirectory(Hubs(), kPuertaDelSol, {.near_m = 0});
  ASSERT_EQ(entries.size(), 2u);
  entries.resize(1);
  EXPECT_EQ(ToJsonText(DirectoryJson(kPuertaDelSol, entries)),
            R"j({"near":{"lat":40.4169,"lon":-3.7035},"items":[{"actor":"https://x/hubs/centro","name":"Centro",)j"
            R"j("url":"https://x/hubs/centro","area":{"lat":40.418,"lon":-3.704,"radius_m":3000},)j"
            R"j("categories":["food"],"languages":["es"],"distance_m":129,"to_edge_m":0,"covers":true}]})j");
}

}  // namespace
}  // namespace kin::federation
