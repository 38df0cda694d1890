// The read models of the shift pages over a real SQLite store, time fixed by a FakeClock (2026-09-21T14:13:20Z, a
// Monday), in a hub on Europe/Madrid time.
#include <gtest/gtest.h>

#include "app/app.h"
#include "schedule/civil_time.h"
#include "testing/app_fixture.h"
#include "testing/fake_clock.h"
#include "testing/temp_store.h"

namespace kin {
namespace {

using std::chrono::days;
using std::chrono::minutes;

LocalSeconds L(const char* text) { return *schedule::ParseLocalTime("t", text); }

class ShiftPagesTest : public ::testing::Test {
 protected:
  ShiftPagesTest() : app_(temp_.store(), clock_, testing::CheapAppOptions()) {
    HubSettings settings;
    settings.name = "Riverside";
    settings.time_zone = "Europe/Madrid";
    EXPECT_TRUE(app_.hubs.CreateAsAdmin("riverside", settings).ok());
    coordinator_ = Join("coord", Role::kCoordinator);
  }

  Caller Join(const std::string& name, Role role = Role::kMember) {
    return testing::JoinHub(app_, "riverside", "person-" + name, role, "Person " + name);
  }

  // Wednesdays 18:00-21:00 Madrid from 23 September 2026; one cook.
  static ShiftDetails Kitchen() {
    ShiftDetails d;
    d.name = "Community kitchen";
    d.place = "Hall";
    d.dtstart = L("20260923T180000");
    d.duration = minutes(180);
    d.rrule = "FREQ=WEEKLY;BYDAY=WE";
    d.slots = {{"cook", "", 1, 1}};
    return d;
  }

  testing::TempStore temp_;
  testing::FakeClock clock_;
  App app_;
  Caller coordinator_;
};

TEST_F(ShiftPagesTest, BoardListsEveryShiftsOccurrencesByStartWithNames) {
  Result<Shift> kitchen = app_.shifts.Create(coordinator_, "riverside", Kitchen());
  ShiftDetails early = Kitchen();
  early.name = "Breakfast";
  early.dtstart = L("20260924T080000");
  early.rrule = "FREQ=WEEKLY;BYDAY=TH";
  Result<Shift> breakfast = app_.shifts.Create(coordinator_, "riverside", early);
  ASSERT_TRUE(kitchen.ok() && breakfast.ok());
  Caller ana = Join("ana");
  ASSERT_TRUE(app_.shifts.SignUp(ana, kitchen->id, L("20260923T180000"), "cook", false).ok());
  const Timestamp now = clock_.Now();
  Result<ShiftBoard> board = app_.shifts.Board(ana, "riverside", now, now + days(14));
  ASSERT_TRUE(board.ok()) << board.status().ToString();
  std::vector<std::string> seen;
  for (const BoardOccurrence& o : board->occurrences) {
    seen.push_back(board->shifts[o.shift].details.name + " " + schedule::FormatLocalTime(o.occurrence.local_start));
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"Community kitchen 20260923T180000", "Breakfast 20260924T080000",
                                            "Community kitchen 20260930T180000", "Breakfast 20261001T080000"}));
  ASSERT_EQ(board->occurrences[0].occurrence.signups.size(), 1u);
  EXPECT_EQ(board->names.at(ana.member->value), "Person ana");
  // Only members read it, and the window is bounded.
  EXPECT_EQ(app_.shifts.Board(Caller{}, "riverside", now, now + days(14)).status().kind(),
            StatusKind::kUnauthenticated);
  EXPECT_EQ(app_.shifts.Board(ana, "riverside", now, now + days(40)).status().kind(), StatusKind::kInvalid);
}

TEST_F(ShiftPagesTest, PlacesGiveWaitingListPositionsAndOpenSwaps) {
  Result<Shift> kitchen = app_.shifts.Create(coordinator_, "riverside", Kitchen());
  ASSERT_TRUE(kitchen.ok());
  Caller ana = Join("ana"), bo = Join("bo"), cy = Join("cy");
  const LocalSeconds wednesday = L("20260923T180000");
  Result<Signup> first = app_.shifts.SignUp(ana, kitchen->id, wednesday, "cook", false);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(app_.shifts.SignUp(bo, kitchen->id, wednesday, "cook", false).ok());
  ASSERT_TRUE(app_.shifts.SignUp(cy, kitchen->id, wednesday, "cook", false).ok());
  Result<MyPlaces> cy_places = app_.shifts.Places(cy);
  ASSERT_TRUE(cy_places.ok());
  ASSERT_EQ(cy_places->places.size(), 1u);
  EXPECT_EQ(cy_places->places[0].waiting_position, 2);
  EXPECT_EQ(cy_places->places[0].hub_slug, "riverside");
  ASSERT_TRUE(app_.shifts.ProposeSwap(ana, first->id, *cy.member, std::nullopt).ok());
  cy_places = app_.shifts.Places(cy);
  ASSERT_EQ(cy_places->swaps.size(), 1u);
  EXPECT_TRUE(cy_places->swaps[0].incoming);
  EXPECT_EQ(cy_places->swaps[0].other_name, "Person ana");
  EXPECT_EQ(cy_places->swaps[0].offered.shift_name, "Community kitchen");
  Result<OccurrenceDetail> detail = app_.shifts.OccurrenceOf(ana, kitchen->id, wednesday);
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(detail->occurrence.signups.size(), 3u);
  EXPECT_EQ(detail->swaps.size(), 1u);
  Result<MyPlaces> ana_places = app_.shifts.Places(ana);
  EXPECT_EQ(ana_places->places[0].waiting_position, 0);
  EXPECT_FALSE(ana_places->swaps[0].incoming);
}

TEST_F(ShiftPagesTest, ExchangeChoicesAreThePlacesAnAcceptWouldTakeAndSwapsNameBothPlaces) {
  ShiftDetails d = Kitchen();
  d.slots = {{"cook", "", 1, 3}};
  Result<Shift> kitchen = app_.shifts.Create(coordinator_, "riverside", d);
  ShiftDetails late = Kitchen();
  late.name = "Late delivery";
  late.dtstart = L("20260930T200000");
  late.rrule = "";
  Result<Shift> delivery = app_.shifts.Create(coordinator_, "riverside", late);
  ASSERT_TRUE(kitchen.ok() && delivery.ok());
  Caller ana = Join("ana"), bo = Join("bo"), cy = Join("cy");
  Result<Signup> given = app_.shifts.SignUp(ana, kitchen->id, L("20260923T180000"), "cook", false);
  ASSERT_TRUE(given.ok());
  ASSERT_TRUE(app_.shifts.SignUp(ana, delivery->id, L("20260930T200000"), "cook", false).ok());
  // Bo's places: 30 September overlaps Ana's delivery (she could not take it), 7 October fits, and 14 October is a
  // place Bo only waits for.
  ASSERT_TRUE(app_.shifts.SignUp(bo, kitchen->id, L("20260930T180000"), "cook", false).ok());
  Result<Signup> fits = app_.shifts.SignUp(bo, kitchen->id, L("20261007T180000"), "cook", false);
  ASSERT_TRUE(fits.ok());
  for (const char* who : {"x1", "x2", "x3"}) {
    ASSERT_TRUE(app_.shifts.SignUp(Join(who), kitchen->id, L("20261014T180000"), "cook", false).ok());
  }
  ASSERT_EQ(app_.shifts.SignUp(bo, kitchen->id, L("20261014T180000"), "cook", false)->status,
            SignupStatus::kWaiting);
  Result<std::vector<MyPlace>> choices = app_.shifts.ExchangeChoices(ana, given->id, *bo.member);
  ASSERT_TRUE(choices.ok()) << choices.status().ToString();
  ASSERT_EQ(choices->size(), 1u);
  EXPECT_EQ(choices->at(0).signup.id, fits->id);
  EXPECT_EQ(choices->at(0).shift_name, "Community kitchen");
  // Dee cooks on the same evening as Ana: swapping those two places would change nothing, so none is offered.
  Caller dee = Join("dee");
  ASSERT_TRUE(app_.shifts.SignUp(dee, kitchen->id, L("20260923T180000"), "cook", false).ok());
  EXPECT_TRUE(app_.shifts.ExchangeChoices(ana, given->id, *dee.member)->empty());
  // Nobody to name, or someone else's place: the refusals of a proposal.
  EXPECT_EQ(app_.shifts.ExchangeChoices(ana, given->id, *ana.member).status().fields().at(0).field, "to");
  EXPECT_EQ(app_.shifts.ExchangeChoices(cy, given->id, *bo.member).status().kind(), StatusKind::kForbidden);

  ASSERT_TRUE(app_.shifts.ProposeSwap(ana, given->id, *bo.member, fits->id).ok());
  Result<MyPlaces> bo_places = app_.shifts.Places(bo);
  ASSERT_EQ(bo_places->swaps.size(), 1u);
  const MyPlaceSwap& incoming = bo_places->swaps[0];
  EXPECT_TRUE(incoming.incoming && incoming.still_possible);
  EXPECT_EQ(incoming.other_name, "Person ana");
  EXPECT_EQ(incoming.offered.signup.id, given->id);
  ASSERT_TRUE(incoming.exchange.has_value());
  EXPECT_EQ(incoming.exchange->signup.id, fits->id);
  // The occurrence of the place Bo would give back lists the swap too.
  Result<OccurrenceDetail> detail = app_.shifts.OccurrenceOf(bo, kitchen->id, L("20261007T180000"));
  ASSERT_TRUE(detail.ok());
  ASSERT_EQ(detail->swaps.size(), 1u);
  EXPECT_EQ(detail->names.at(ana.member->value), "Person ana");
  // Bo leaves that place: the swap can no longer be accepted, and both sides see it.
  ASSERT_TRUE(app_.shifts.Withdraw(bo, fits->id).ok());
  EXPECT_FALSE(app_.shifts.Places(ana)->swaps.at(0).still_possible);
  EXPECT_EQ(app_.shifts.AcceptSwap(bo, incoming.swap.id).status().kind(), StatusKind::kConflict);
}

TEST_F(ShiftPagesTest, PreviewChecksLikeCreateAndListsTheNextStartsAcrossTheAutumnChange) {
  ShiftDetails d = Kitchen();
  d.dtstart = L("20261021T180000");
  Result<std::vector<LocalSeconds>> preview = app_.shifts.Preview(coordinator_, "riverside", d, 3);
  ASSERT_TRUE(preview.ok()) << preview.status().ToString();
  EXPECT_EQ(*preview, (std::vector<LocalSeconds>{L("20261021T180000"), L("20261028T180000"), L("20261104T180000")}));
  d.rrule = "FREQ=WEEKLY;BYDAY=XX";
  Result<std::vector<LocalSeconds>> bad = app_.shifts.Preview(coordinator_, "riverside", d, 3);
  ASSERT_EQ(bad.status().kind(), StatusKind::kInvalid);
  EXPECT_EQ(bad.status().fields().at(0).field, "rrule");
  d = Kitchen();
  d.dtstart = L("20270328T023000");  // clocks go forward in Madrid: 02:30 never happens
  EXPECT_EQ(app_.shifts.Preview(coordinator_, "riverside", d, 3).status().fields().at(0).field, "dtstart");
  EXPECT_EQ(app_.shifts.Preview(Join("ana"), "riverside", Kitchen(), 3).status().kind(), StatusKind::kForbidden);
  Result<Page<Shift>> saved = app_.shifts.List(coordinator_, "riverside", PageRequest{"", 50});
  EXPECT_TRUE(saved->items.empty());  // a preview saves nothing
}

}  // namespace
}  // namespace kin
