// Shifts over a real SQLite store with time fixed by a FakeClock (2026-09-21T14:13:20Z, a Monday), in a hub on
// Europe/Madrid time.
#include <gtest/gtest.h>

#include "app/app.h"
#include "schedule/civil_time.h"
#include "testing/app_fixture.h"
#include "testing/fake_clock.h"
#include "testing/temp_store.h"

namespace kin {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

LocalSeconds L(const char* text) { return *schedule::ParseLocalTime("t", text); }

class ShiftsTest : public ::testing::Test {
 protected:
  ShiftsTest() : app_(temp_.store(), clock_, testing::CheapAppOptions()) {
    HubSettings settings;
    settings.name = "Riverside";
    settings.time_zone = "Europe/Madrid";
    EXPECT_TRUE(app_.hubs.CreateAsAdmin("riverside", settings).ok());
    coordinator_ = Join("coord", Role::kCoordinator);
  }

  Caller Join(const std::string& name, Role role = Role::kMember) {
    return testing::JoinHub(app_, "riverside", "person-" + name, role);  // handles need three characters
  }

  // Wednesdays 18:00-21:00 Madrid from 23 September 2026; two cooks at most.
  static ShiftDetails Kitchen() {
    ShiftDetails d;
    d.name = "Community kitchen";
    d.place = "Hall on Calle Mayor";
    d.dtstart = L("20260923T180000");
    d.duration = minutes(180);
    d.rrule = "FREQ=WEEKLY;BYDAY=WE";
    d.slots = {{"cook", "", 1, 2}, {"medic", "first aid certificate", 0, 1}};
    return d;
  }

  Shift Create(ShiftDetails d = Kitchen()) {
    Result<Shift> s = app_.shifts.Create(coordinator_, "riverside", d);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return *s;
  }

  Signup Take(const Caller& who, const Shift& shift, const char* when = "20260923T180000",
              const std::string& role = "cook") {
    Result<Signup> s = app_.shifts.SignUp(who, shift.id, L(when), role, false);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return *s;
  }

  testing::TempStore temp_;
  testing::FakeClock clock_;
  App app_;
  Caller coordinator_;
};

TEST_F(ShiftsTest, OnlyCoordinatorsScheduleAndBadRecurrenceIsNamed) {
  Caller member = Join("member");
  EXPECT_EQ(app_.shifts.Create(member, "riverside", Kitchen()).status().kind(), StatusKind::kForbidden);
  ShiftDetails bad = Kitchen();
  bad.rrule = "FREQ=WEEKLY;BYDAY=WX";
  Status s = app_.shifts.Create(coordinator_, "riverside", bad).status();
  ASSERT_EQ(s.kind(), StatusKind::kInvalid);
  EXPECT_EQ(s.fields().at(0).field, "rrule");
  EXPECT_NE(s.fields().at(0).message.find("BYDAY"), std::string::npos);
  ShiftDetails gap = Kitchen();
  gap.dtstart = L("20270328T023000");
  EXPECT_EQ(app_.shifts.Create(coordinator_, "riverside", gap).status().fields().at(0).field, "dtstart");
  EXPECT_TRUE(app_.shifts.List(member, "riverside", {})->items.empty());  // nothing half-saved
}

TEST_F(ShiftsTest, OccurrencesAreInTheHubsZoneAcrossTheClockChange) {
  Shift shift = Create();
  Caller member = Join("member");
  Timestamp from = Timestamp(Seconds(1'792'800'000));  // 2026-10-24
  Result<ShiftView> view = app_.shifts.Get(member, shift.id, from, from + std::chrono::days(14));
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  ASSERT_EQ(view->occurrences.size(), 2u);
  // 28 October is after the change to winter time: 18:00 is 17:00Z; 4 November likewise.
  EXPECT_EQ(schedule::FormatLocalTime(view->occurrences[0].local_start), "20261028T180000");
  EXPECT_EQ(view->occurrences[0].start.time_since_epoch().count(), 1'793'206'800);
}

TEST_F(ShiftsTest, FullSlotGoesToTheWaitingListAndWithdrawalPromotes) {
  Shift shift = Create();
  Caller a = Join("a"), b = Join("b"), c = Join("c");
  Signup first = Take(a, shift);
  EXPECT_EQ(Take(b, shift).status, SignupStatus::kConfirmed);
  Signup waiting = Take(c, shift);
  EXPECT_EQ(waiting.status, SignupStatus::kWaiting);
  EXPECT_EQ(app_.shifts.SignUp(a, shift.id, L("20260923T180000"), "cook", false).status().kind(),
            StatusKind::kConflict);  // already there (and overlapping itself)
  ASSERT_TRUE(app_.shifts.Withdraw(a, first.id).ok());
  Result<MySchedule> mine = app_.shifts.Mine(c, std::nullopt);
  ASSERT_EQ(mine->signups.size(), 1u);
  EXPECT_EQ(mine->signups[0].signup.status, SignupStatus::kConfirmed);
}

TEST_F(ShiftsTest, QualifiedSlotsNeedTheStatement) {
  Shift shift = Create();
  Caller m = Join("m");
  Status s = app_.shifts.SignUp(m, shift.id, L("20260923T180000"), "medic", false).status();
  EXPECT_EQ(s.fields().at(0).field, "qualified");
  EXPECT_TRUE(app_.shifts.SignUp(m, shift.id, L("20260923T180000"), "medic", true).ok());
  EXPECT_EQ(app_.shifts.SignUp(m, shift.id, L("20260924T180000"), "cook", false).status().kind(),
            StatusKind::kNotFound);  // a Thursday is no occurrence
}

TEST_F(ShiftsTest, WithdrawalAfterTheCutoffIsRefusedAndChangesNothing) {
  Shift shift = Create();
  Caller a = Join("a");
  Signup place = Take(a, shift);
  clock_.Advance(Seconds(2 * 24 * 3600 - 3600));  // 23 Sept 13:13Z: under 12 hours before 16:00Z
  Status s = app_.shifts.Withdraw(a, place.id).status();
  EXPECT_EQ(s.kind(), StatusKind::kConflict);
  EXPECT_NE(s.message().find("12 hours"), std::string::npos);
  EXPECT_EQ(app_.shifts.Mine(a, std::nullopt)->signups.at(0).signup.status, SignupStatus::kConfirmed);
}

TEST_F(ShiftsTest, OverlappingShiftsCollide) {
  Shift kitchen = Create();
  ShiftDetails rides = Kitchen();
  rides.name = "Evening rides";
  rides.dtstart = L("20260923T200000");
  rides.rrule = "";
  rides.slots = {{"driver", "", 1, 3}};
  Shift ride = Create(rides);
  Caller a = Join("a");
  Take(a, kitchen);
  Status s = app_.shifts.SignUp(a, ride.id, L("20260923T200000"), "driver", false).status();
  EXPECT_EQ(s.kind(), StatusKind::kConflict);
  EXPECT_NE(s.message().find("Community kitchen"), std::string::npos);
}

TEST_F(ShiftsTest, FairAccessOpensLateAndCapsPopularShifts) {
  ShiftDetails d = Kitchen();
  d.popular = true;
  Shift shift = Create(d);
  ShiftPolicy policy;
  policy.opens_before = hours(24 * 7);
  policy.popular_cap = 1;
  EXPECT_EQ(app_.shifts.SetPolicy(Join("m0"), "riverside", policy).status().kind(), StatusKind::kForbidden);
  ASSERT_TRUE(app_.shifts.SetPolicy(coordinator_, "riverside", policy).ok());
  Caller a = Join("a");
  Status early = app_.shifts.SignUp(a, shift.id, L("20261007T180000"), "cook", false).status();
  EXPECT_EQ(early.kind(), StatusKind::kConflict);
  EXPECT_NE(early.message().find("open at"), std::string::npos);
  Take(a, shift);
  ShiftDetails other = d;
  other.name = "Bakery";
  other.dtstart = L("20260925T090000");
  other.rrule = "";
  Shift bakery = Create(other);
  Status capped = app_.shifts.SignUp(a, bakery.id, L("20260925T090000"), "cook", false).status();
  EXPECT_EQ(capped.kind(), StatusKind::kConflict);
  EXPECT_NE(capped.message().find("popular"), std::string::npos);
}

TEST_F(ShiftsTest, CheckInHoursAndNoShowsByPeersOnly) {
  Shift shift = Create();
  Caller a = Join("a"), b = Join("b"), coord_off_shift = coordinator_;
  Signup pa = Take(a, shift), pb = Take(b, shift);
  clock_.Advance(Seconds(2 * 24 * 3600 + 3600 + 47 * 60));  // 23 Sept 16:00:20Z, just after the start
  ASSERT_TRUE(app_.shifts.CheckIn(a, pa.id).ok());
  EXPECT_EQ(app_.shifts.MarkNoShow(coord_off_shift, pb.id).status().kind(), StatusKind::kForbidden);
  EXPECT_EQ(app_.shifts.CheckIn(b, pa.id).status().kind(), StatusKind::kForbidden);
  Result<Signup> marked = app_.shifts.MarkNoShow(a, pb.id);
  ASSERT_TRUE(marked.ok()) << marked.status().ToString();
  EXPECT_EQ(marked->no_show_by, a.member);
  EXPECT_EQ(app_.shifts.RecordHours(a, pa.id, 0).status().fields().at(0).field, "minutes");
  EXPECT_EQ(app_.shifts.RecordHours(a, pa.id, 170)->minutes_done, 170);
}

TEST_F(ShiftsTest, SwapsNeedBothAndCheckCollisions) {
  Shift shift = Create();
  Caller a = Join("a"), b = Join("b");
  Signup pa = Take(a, shift, "20260923T180000");
  Signup pb = Take(b, shift, "20260930T180000");
  Result<Swap> swap = app_.shifts.ProposeSwap(a, pa.id, *b.member, pb.id);
  ASSERT_TRUE(swap.ok()) << swap.status().ToString();
  EXPECT_EQ(app_.shifts.AcceptSwap(a, swap->id).status().kind(), StatusKind::kForbidden);
  ASSERT_TRUE(app_.shifts.AcceptSwap(b, swap->id).ok());
  auto mine_a = app_.shifts.Mine(a, std::nullopt)->signups;
  ASSERT_EQ(mine_a.size(), 1u);
  EXPECT_EQ(schedule::FormatLocalTime(mine_a[0].signup.occurrence), "20260930T180000");
  EXPECT_EQ(app_.shifts.AcceptSwap(b, swap->id).status().kind(), StatusKind::kConflict);
}

TEST_F(ShiftsTest, SwapsDoNotGetRoundThePopularCap) {
  ShiftDetails d = Kitchen();
  d.popular = true;
  Shift shift = Create(d);
  ShiftPolicy policy;
  policy.popular_cap = 1;
  ASSERT_TRUE(app_.shifts.SetPolicy(coordinator_, "riverside", policy).ok());
  Caller a = Join("a"), b = Join("b");
  Signup pa = Take(a, shift, "20260923T180000");
  ShiftDetails other = d;
  other.name = "Bakery";
  other.dtstart = L("20260925T090000");
  other.rrule = "";
  Shift bakery = Create(other);
  Take(b, bakery, "20260925T090000");  // b's one popular shift this week
  Result<Swap> swap = app_.shifts.ProposeSwap(a, pa.id, *b.member, std::nullopt);
  ASSERT_TRUE(swap.ok());
  Status s = app_.shifts.AcceptSwap(b, swap->id).status();
  EXPECT_EQ(s.kind(), StatusKind::kConflict);
  EXPECT_NE(s.message().find("popular"), std::string::npos);
}

TEST_F(ShiftsTest, AnExchangeDoesNotGetRoundThePopularCapOfTheProposer) {
  ShiftDetails d = Kitchen();
  d.popular = true;
  Shift kitchen = Create(d);
  ShiftPolicy policy;
  policy.popular_cap = 1;
  ASSERT_TRUE(app_.shifts.SetPolicy(coordinator_, "riverside", policy).ok());
  ShiftDetails other = d;
  other.name = "Bakery";
  other.dtstart = L("20261001T090000");
  other.rrule = "";
  Shift bakery = Create(other);
  Caller a = Join("a"), b = Join("b");
  Signup given = Take(a, kitchen, "20260923T180000");
  Take(a, bakery, "20261001T090000");  // a's one popular shift in the week of 30 September
  Signup back = Take(b, kitchen, "20260930T180000");
  // The page does not offer b's place in that week, and accepting an exchange for it is refused.
  Result<std::vector<MyPlace>> choices = app_.shifts.ExchangeChoices(a, given.id, *b.member);
  ASSERT_TRUE(choices.ok()) << choices.status().ToString();
  EXPECT_TRUE(choices->empty());
  Result<Swap> swap = app_.shifts.ProposeSwap(a, given.id, *b.member, back.id);
  ASSERT_TRUE(swap.ok()) << swap.status().ToString();
  Status s = app_.shifts.AcceptSwap(b, swap->id).status();
  EXPECT_EQ(s.kind(), StatusKind::kConflict);
  EXPECT_EQ(s.message().rfind("the other member already holds 1 popular shift this week", 0), 0u) << s.message();
  EXPECT_EQ(app_.shifts.Mine(a, std::nullopt)->signups.size(), 2u);  // nothing moved
  EXPECT_EQ(app_.shifts.Mine(b, std::nullopt)->signups.at(0).signup.id, back.id);
}

TEST_F(ShiftsTest, AnExchangeForAPlaceThatStartedIsRefused) {
  Shift shift = Create();
  Caller a = Join("a"), b = Join("b");
  Signup mine = Take(a, shift, "20260930T180000");
  Signup theirs = Take(b, shift, "20260923T180000");
  clock_.Advance(std::chrono::days(2) + hours(4));  // Wednesday 23 September, 18:13 in Madrid
  Status s = app_.shifts.ProposeSwap(a, mine.id, *b.member, theirs.id).status();
  ASSERT_EQ(s.kind(), StatusKind::kInvalid);
  EXPECT_EQ(s.fields().at(0).field, "exchange");
  EXPECT_TRUE(app_.shifts.ExchangeChoices(a, mine.id, *b.member)->empty());
}

TEST_F(ShiftsTest, CancellingAnOccurrenceWithdrawsItsPlacesAndDroppingOneIsAConflict) {
  Shift shift = Create();
  Caller a = Join("a");
  Take(a, shift, "20260930T180000");
  ShiftDetails fewer = Kitchen();
  fewer.exdates = {L("20260930T180000")};
  EXPECT_EQ(app_.shifts.Replace(coordinator_, shift.id, fewer).status().kind(), StatusKind::kConflict);
  ASSERT_TRUE(app_.shifts.ChangeOccurrence(coordinator_, shift.id, L("20260930T180000"), {true, {}}).ok());
  EXPECT_TRUE(app_.shifts.Mine(a, std::nullopt)->signups.empty());
  Status moved = app_.shifts.ChangeOccurrence(coordinator_, shift.id, L("20261007T180000"),
                                              {false, L("20270328T023000")}).status();
  EXPECT_EQ(moved.fields().at(0).field, "start");
}

TEST_F(ShiftsTest, MovingAnOccurrenceMovesItsPlaces) {
  Shift shift = Create();
  Caller a = Join("a");
  Take(a, shift, "20261007T180000");
  ASSERT_TRUE(app_.shifts.ChangeOccurrence(coordinator_, shift.id, L("20261007T180000"),
                                           {false, L("20261008T100000")}).ok());
  auto mine = app_.shifts.Mine(a, std::nullopt)->signups;
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(schedule::FormatLocalTime(mine[0].signup.local_start), "20261008T100000");
}

}  // namespace
}  // namespace kin
