// The mapping from a hub's needs and offers to the engine's problem: pure, so checked without a store.
#include "app/allocation_input.h"

#include <gtest/gtest.h>

namespace kin {
namespace {

Timestamp At(int64_t s) { return Timestamp{Seconds{s}}; }

Hub RiversideHub() {
  Hub hub;
  hub.id = HubId{"hub_1"};
  hub.settings.area_center = LatLon{40.0, -3.0};
  hub.settings.languages = {"es", "en"};
  return hub;
}

Need OpenNeed(const std::string& id, std::optional<LatLon> where) {
  Need n;
  n.id = NeedId{id};
  n.details.category = "groceries";
  n.details.urgency = Urgency::kHigh;
  n.approx_location = where;
  n.created_at = At(1000);
  return n;
}

Offer ActiveOffer(const std::string& id, int capacity) {
  Offer o;
  o.id = OfferId{id};
  o.member = MemberId{"mem_" + id};
  o.details.category = "groceries";
  o.details.capacity.amount = capacity;
  return o;
}

TEST(AllocationInput, NeedsAreWholeTasksAndOffersCarryTheirLoad) {
  Need with_place = OpenNeed("n1", LatLon{40.01, -3.01});
  with_place.details.language = "en";
  with_place.details.window = TimeWindow{At(2000), At(2000 + 600)};
  Need matched = OpenNeed("n2", std::nullopt);
  matched.status = NeedStatus::kMatched;
  Offer busy = ActiveOffer("o1", 3);
  busy.details.area_center = LatLon{40.0, -3.0};
  busy.details.area_radius_km = 4;
  Offer paused = ActiveOffer("o2", 3);
  paused.status = OfferStatus::kPaused;
  Match held;
  held.offer = busy.id;
  held.status = MatchStatus::kAccepted;
  Match done = held;
  done.status = MatchStatus::kCompleted;

  HubAllocationInput in = BuildAllocationInput(RiversideHub(), {with_place, matched}, {busy, paused}, {held, done},
                                               {{NeedId{"n1"}, OfferId{"o1"}}, {NeedId{"gone"}, OfferId{"o1"}}},
                                               At(5000));
  ASSERT_EQ(in.problem.needs.size(), 1u);  // only open needs
  const match::Need& n = in.problem.needs[0];
  EXPECT_EQ(n.quantity, 1);
  EXPECT_EQ(n.minutes, 10);  // the whole of a ten-minute window
  EXPECT_EQ(n.languages, std::vector<std::string>{"en"});
  EXPECT_EQ(n.waiting_since, At(1000));
  ASSERT_EQ(in.problem.helpers.size(), 1u);  // only active offers
  const match::Helper& h = in.problem.helpers[0];
  EXPECT_EQ(h.capacity, 3);
  EXPECT_EQ(h.current_load, 1);  // the accepted task, not the completed one
  EXPECT_EQ(h.radius_km, 4);
  EXPECT_EQ(h.languages, std::vector<std::string>{"es"});  // named none: the hub's first language
  ASSERT_EQ(in.problem.declined.size(), 1u);  // pairs of needs no longer open are dropped
  EXPECT_EQ(in.needs[0].id, with_place.id);
  EXPECT_EQ(in.offers[0].id, busy.id);
}

TEST(AllocationInput, PlacesDefaultToTheHubAndOffersWithoutAnAreaGoAnywhere) {
  Offer anywhere = ActiveOffer("o1", 1);
  HubAllocationInput in = BuildAllocationInput(RiversideHub(), {OpenNeed("n1", std::nullopt)}, {anywhere}, {}, {},
                                               At(5000));
  EXPECT_EQ(in.problem.needs[0].place, (LatLon{40.0, -3.0}));
  EXPECT_EQ(in.problem.helpers[0].base, (LatLon{40.0, -3.0}));
  EXPECT_EQ(in.problem.helpers[0].radius_km, match::kMaxRadiusKm);
  // An open-ended need may be met for the next thirty days.
  EXPECT_EQ(in.problem.needs[0].window.end, At(5000) + kOpenEndedHorizon);

  Hub nowhere = RiversideHub();
  nowhere.settings.area_center.reset();
  in = BuildAllocationInput(nowhere, {OpenNeed("n1", LatLon{10, 20}), OpenNeed("n2", LatLon{12, 22})}, {anywhere},
                            {}, {}, At(5000));
  EXPECT_EQ(in.problem.helpers[0].base, (LatLon{11, 21}));  // the middle of the hub's needs
}

TEST(AllocationInput, NeedsTooShortForAnyTaskAreLeftOut) {
  Need blink = OpenNeed("n1", std::nullopt);
  blink.details.window = TimeWindow{At(2000), At(2030)};
  HubAllocationInput in = BuildAllocationInput(RiversideHub(), {blink}, {}, {}, {}, At(1500));
  EXPECT_TRUE(in.problem.needs.empty());
}

}  // namespace
}  // namespace kin
