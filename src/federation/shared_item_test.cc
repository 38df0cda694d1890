#include "federation/shared_item.h"

#include <gtest/gtest.h>

namespace kin::federation {
namespace {

using std::chrono::sys_days;
using namespace std::chrono_literals;

Timestamp At(int day) { return Timestamp{sys_days{std::chrono::year{2026} / 11 / day}}; }

Need OpenNeed() {
  Need need;
  need.id = NeedId{"n-1"};
  need.details.category = "groceries";
  need.details.description = "Maria, 3rd floor, knock twice";
  need.details.quantity = 4;
  need.details.urgency = Urgency::kHigh;
  need.details.place = "Calle Mayor 5";
  need.details.location = LatLon{40.41672, -3.70379};
  need.details.contact.phone = "+34 600 000 000";
  need.details.contact.email = "maria@example.org";
  need.approx_location = Approximate(*need.details.location);
  need.created_at = At(20);
  need.updated_at = At(21);
  return need;
}

TEST(CoarsenForSharing, SnapsNearbyPointsToOneCellAboutTwoKilometresWide) {
  LatLon a = CoarsenForSharing({40.4168, -3.7038});
  LatLon b = CoarsenForSharing({40.4170, -3.7036});
  EXPECT_EQ(a, b);
  // Points 5 km apart never share a cell.
  EXPECT_NE(CoarsenForSharing({40.4168, -3.7038}), CoarsenForSharing({40.4618, -3.7038}));
  // The published centre is within the cell: at most half a diagonal (~1.4 km) from the true point.
  EXPECT_LE(DistanceMeters(a, {40.4168, -3.7038}), 1500);
  EXPECT_EQ(CoarsenForSharing(a), a) << "coarsening is idempotent, so updates never drift";
}

TEST(CoarsenForSharing, NeighbouringCellsAreAboutTwoKilometresApart) {
  LatLon here = CoarsenForSharing({51.5007, -0.1246});
  LatLon north = CoarsenForSharing({51.5007 + 0.018, -0.1246});
  LatLon east = CoarsenForSharing({51.5007, -0.1246 + 0.029});
  // Columns are laid out per row, so a neighbour in the next row may sit up to half a column to the side.
  EXPECT_NEAR(DistanceMeters(here, north), 2000, 300);
  EXPECT_NEAR(DistanceMeters(here, east), 2000, 150);
}

TEST(ShareNeed, CarriesNoPersonalData) {
  HubSettings hub;
  hub.languages = {"es", "en"};
  auto item = ShareNeed(OpenNeed(), hub);
  ASSERT_TRUE(item.ok()) << item.status().ToString();
  EXPECT_EQ(item->kind, SharedKind::kNeed);
  EXPECT_EQ(item->category, "groceries");
  EXPECT_EQ(item->quantity, 4);
  EXPECT_EQ(item->urgency, "high");
  EXPECT_EQ(item->language, "es");
  EXPECT_TRUE(item->public_text.empty()) << "descriptions stay home unless the hub marks them public";
  ASSERT_TRUE(item->area.has_value());
  EXPECT_EQ(item->area->center, CoarsenForSharing(Approximate({40.41672, -3.70379})));
  EXPECT_GE(item->area->radius_m, 1400);
  EXPECT_EQ(item->published, At(20));
  EXPECT_EQ(item->updated, At(21));
}

TEST(ShareNeed, CopiesTheDescriptionOnlyWhenMarkedPublic) {
  auto item = ShareNeed(OpenNeed(), HubSettings{}, SharingOptions{.share_description = true});
  ASSERT_TRUE(item.ok());
  EXPECT_EQ(item->public_text, "Maria, 3rd floor, knock twice");
}

TEST(ShareNeed, RefusesClosedAndRedactedNeeds) {
  Need need = OpenNeed();
  need.status = NeedStatus::kMatched;
  auto matched = ShareNeed(need, HubSettings{});
  ASSERT_FALSE(matched.ok());
  EXPECT_EQ(matched.status().fields().at(0).field, "status");
  need.status = NeedStatus::kOpen;
  need.redacted_at = At(22);
  auto redacted = ShareNeed(need, HubSettings{});
  ASSERT_FALSE(redacted.ok());
  EXPECT_EQ(redacted.status().fields().at(0).field, "redacted_at");
}

TEST(ShareOffer, PublishesCapacityAndAreaButNotTheHelper) {
  Offer offer;
  offer.id = OfferId{"o-7"};
  offer.member = MemberId{"m-secret"};
  offer.details.category = "food";
  offer.details.description = "I cook at home";
  offer.details.capacity = {10, "meal", CapacityPeriod::kWeek};
  offer.details.area_center = LatLon{41.3874, 2.1686};
  offer.details.area_radius_km = 3;
  auto item = ShareOffer(offer, HubSettings{});
  ASSERT_TRUE(item.ok());
  EXPECT_EQ(item->quantity, 10);
  EXPECT_EQ(item->unit, "meal");
  EXPECT_EQ(item->period, "week");
  EXPECT_EQ(item->area->radius_m, SharedRadiusMeters(3000));
  EXPECT_TRUE(item->public_text.empty());

  offer.status = OfferStatus::kPaused;
  EXPECT_FALSE(ShareOffer(offer, HubSettings{}).ok());
}

TEST(ValidateSharedItem, NamesEachBadField) {
  SharedItem item;
  item.local_id = "x";
  item.category = "";
  item.quantity = -1;
  item.area = SharedArea{{91, 0}, 0};
  Status s = ValidateSharedItem(item);
  ASSERT_FALSE(s.ok());
  std::vector<std::string> fields;
  for (const auto& f : s.fields()) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"category", "quantity", "location.lat", "location.radius"}));
}

}  // namespace
}  // namespace kin::federation
