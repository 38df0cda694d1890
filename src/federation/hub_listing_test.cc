#include "federation/hub_listing.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace kin::federation {
namespace {

namespace json = boost::json;

// The shape the actors code serves (docs/federation.md), plus kin's categories and languages.
json::object Actor() {
  return json::parse(R"j({"id":"https://b.example/federation/hubs/embajadores","type":"Group",
    "preferredUsername":"embajadores","name":"Embajadores Apoyo Mutuo","url":"https://b.example/hubs/embajadores",
    "location":{"type":"Place","latitude":40.40,"longitude":-3.70,"radius":5,"units":"km"},
    "categories":["food","rides"],"languages":["es","en"]})j").as_object();
}

TEST(HubListing, ReadsAreaReachAndWhatTheHubDoes) {
  auto listing = ReadHubListing(Actor());
  ASSERT_TRUE(listing.ok()) << listing.status().ToString();
  EXPECT_EQ(listing->hub.name, "Embajadores Apoyo Mutuo");
  EXPECT_EQ(listing->hub.url, "https://b.example/hubs/embajadores");
  EXPECT_EQ(listing->hub.center, (LatLon{40.40, -3.70}));
  EXPECT_EQ(listing->hub.radius_m, 5000);
  EXPECT_EQ(listing->hub.categories, (std::vector<std::string>{"food", "rides"}));
  EXPECT_EQ(listing->reach.actor, "https://b.example/federation/hubs/embajadores");
  EXPECT_EQ(listing->reach.reach_m, 5000);
  // And it plugs into escalation: a need 2 km away is within its reach.
  EXPECT_EQ(HubsWithinReach(SharedArea{{40.418, -3.70}, 1494}, {listing->reach}, {}).size(), 1u);
}

TEST(HubListing, AHubWithoutALocationIsValidButNeverWithinReach) {
  json::object doc = Actor();
  doc.erase("location");
  auto listing = ReadHubListing(doc);
  ASSERT_TRUE(listing.ok());
  EXPECT_FALSE(listing->hub.center.has_value());
  EXPECT_TRUE(HubsWithinReach(SharedArea{{40.40, -3.70}, 1494}, {listing->reach}, {}).empty());
  EXPECT_TRUE(RankDirectory({listing->hub}, {40.40, -3.70}).empty());
}

TEST(HubListing, RefusesAMalformedDocumentNamingTheField) {
  struct Case {
    void (*mutate)(json::object&);
    const char* field;
  };
  const Case cases[] = {
      {[](json::object& d) { d.erase("id"); }, "id"},
      {[](json::object& d) { d["location"] = "Madrid"; }, "location"},
      {[](json::object& d) { d["location"].as_object()["latitude"] = "north"; }, "location.latitude"},
      {[](json::object& d) { d["location"].as_object()["longitude"] = 250.0; }, "location.lon"},
      {[](json::object& d) { d["location"].as_object()["radius"] = -1; }, "location.radius"},
      {[](json::object& d) { d["location"].as_object()["units"] = "mi"; }, "location.units"},
      {[](json::object& d) { d["categories"] = "food"; }, "categories"},
      {[](json::object& d) { d["languages"] = json::array{1}; }, "languages"},
  };
  for (const Case& c : cases) {
    json::object doc = Actor();
    c.mutate(doc);
    auto listing = ReadHubListing(doc);
    ASSERT_FALSE(listing.ok()) << c.field;
    EXPECT_EQ(listing.status().fields().at(0).field, c.field) << listing.status().ToString();
  }
}

}  // namespace
}  // namespace kin::federation
