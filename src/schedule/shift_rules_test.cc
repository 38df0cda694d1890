#include "schedule/shift_rules.h"

#include <gtest/gtest.h>

namespace kin::schedule {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

const Timestamp kStart = Timestamp(Seconds(1'790'000'000));

Signup Place(std::string member, SignupStatus status = SignupStatus::kConfirmed, Timestamp start = kStart) {
  Signup s;
  s.member = MemberId{std::move(member)};
  s.status = status;
  s.role = "cook";
  s.start = start;
  s.end = start + hours(2);
  s.local_start = LocalSeconds(start.time_since_epoch());
  return s;
}

TEST(ShiftRules, SignupsOpenAtTheHubsTimeAndCloseAtTheStart) {
  ShiftPolicy p;
  EXPECT_TRUE(CheckSignupWindow(kStart - hours(24 * 300), kStart, p).ok());
  p.opens_before = hours(48);
  Status early = CheckSignupWindow(kStart - hours(49), kStart, p);
  EXPECT_EQ(early.kind(), StatusKind::kConflict);
  EXPECT_NE(early.message().find("open at"), std::string::npos);
  EXPECT_TRUE(CheckSignupWindow(kStart - hours(48), kStart, p).ok());
  EXPECT_EQ(CheckSignupWindow(kStart, kStart, p).kind(), StatusKind::kConflict);
}

TEST(ShiftRules, CollisionNeedsRealOverlap) {
  std::vector<Signup> mine = {Place("a")};
  EXPECT_NE(FindCollision(mine, kStart + hours(1), kStart + hours(3)), nullptr);
  EXPECT_EQ(FindCollision(mine, kStart + hours(2), kStart + hours(3)), nullptr);  // touching
  EXPECT_EQ(FindCollision(mine, kStart - hours(1), kStart), nullptr);
  mine[0].status = SignupStatus::kWithdrawn;
  EXPECT_EQ(FindCollision(mine, kStart, kStart + hours(1)), nullptr);
}

TEST(ShiftRules, FullSlotsGoToTheWaitingList) {
  ShiftSlot slot{"cook", "", 1, 2};
  EXPECT_EQ(PlaceFor(1, slot), SignupStatus::kConfirmed);
  EXPECT_EQ(PlaceFor(2, slot), SignupStatus::kWaiting);
}

TEST(ShiftRules, WaitingListPromotesTheEarliestOfTheSameRole) {
  std::vector<Signup> all = {Place("a"), Place("b", SignupStatus::kWaiting), Place("c", SignupStatus::kWaiting)};
  all[1].role = "driver";
  const Signup* next = NextFromWaitingList(all, "cook");
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(next->member.value, "c");
  EXPECT_EQ(NextFromWaitingList(all, "medic"), nullptr);
}

TEST(ShiftRules, PeriodKeysFollowCalendarWeeksFromMonday) {
  auto local = [](int y, unsigned m, unsigned d) {
    return LocalSeconds(std::chrono::local_days(std::chrono::year(y) / m / d).time_since_epoch());
  };
  // 2026-01-05 is a Monday, 2026-01-11 a Sunday.
  EXPECT_EQ(PeriodKey(local(2026, 1, 5), CapPeriod::kWeek), PeriodKey(local(2026, 1, 11), CapPeriod::kWeek));
  EXPECT_NE(PeriodKey(local(2026, 1, 11), CapPeriod::kWeek), PeriodKey(local(2026, 1, 12), CapPeriod::kWeek));
  EXPECT_EQ(PeriodKey(local(2026, 1, 1), CapPeriod::kMonth), PeriodKey(local(2026, 1, 31), CapPeriod::kMonth));
  EXPECT_NE(PeriodKey(local(2026, 1, 31), CapPeriod::kMonth), PeriodKey(local(2026, 2, 1), CapPeriod::kMonth));
}

TEST(ShiftRules, PopularCapCountsOnlyPopularPlacesInThePeriod) {
  ShiftPolicy p;
  p.popular_cap = 1;
  std::vector<Signup> mine = {Place("a")};
  EXPECT_TRUE(CheckPopularCap(mine, mine[0].local_start + hours(24), p).ok());  // not popular
  mine[0].popular = true;
  EXPECT_EQ(CheckPopularCap(mine, mine[0].local_start + hours(1), p).kind(), StatusKind::kConflict);
  EXPECT_TRUE(CheckPopularCap(mine, mine[0].local_start + hours(24 * 40), p).ok());
  p.popular_cap = 0;
  EXPECT_TRUE(CheckPopularCap(mine, mine[0].local_start, p).ok());
}

TEST(ShiftRules, WithdrawalClosesAtTheCutoffButTheWaitingListMayLeave) {
  ShiftPolicy p;  // 12 hours
  EXPECT_TRUE(CheckWithdraw(kStart - hours(12), Place("a"), p).ok());
  Status late = CheckWithdraw(kStart - hours(11), Place("a"), p);
  EXPECT_EQ(late.kind(), StatusKind::kConflict);
  EXPECT_NE(late.message().find("12 hours"), std::string::npos);
  EXPECT_TRUE(CheckWithdraw(kStart - hours(1), Place("a", SignupStatus::kWaiting), p).ok());
  EXPECT_EQ(CheckWithdraw(kStart - hours(30), Place("a", SignupStatus::kWithdrawn), p).kind(),
            StatusKind::kConflict);
}

TEST(ShiftRules, CheckInWindowAndHours) {
  Signup s = Place("a");
  EXPECT_EQ(CheckCheckIn(kStart - minutes(31), s).kind(), StatusKind::kConflict);
  EXPECT_TRUE(CheckCheckIn(kStart - minutes(30), s).ok());
  EXPECT_EQ(CheckCheckIn(kStart + hours(2), s).kind(), StatusKind::kConflict);
  EXPECT_EQ(CheckHoursDone(kStart + hours(1), s, 60).kind(), StatusKind::kConflict);  // not checked in
  s.checked_in_at = kStart;
  EXPECT_EQ(CheckCheckIn(kStart, s).kind(), StatusKind::kConflict);
  EXPECT_TRUE(CheckHoursDone(kStart + hours(1), s, 60).ok());
  EXPECT_EQ(CheckHoursDone(kStart + hours(1), s, 0).fields().at(0).field, "minutes");
  EXPECT_EQ(CheckHoursDone(kStart - hours(1), s, 60).kind(), StatusKind::kConflict);
}

TEST(ShiftRules, NoShowIsMarkedByPeersOnTheShiftOnly) {
  Signup peer = Place("peer");
  Signup absent = Place("absent");
  Timestamp later = kStart + minutes(20);
  EXPECT_EQ(CheckNoShow(later, nullptr, absent).kind(), StatusKind::kForbidden);
  EXPECT_EQ(CheckNoShow(later, &peer, absent).kind(), StatusKind::kConflict);  // peer not checked in
  peer.checked_in_at = kStart;
  EXPECT_TRUE(CheckNoShow(later, &peer, absent).ok());
  EXPECT_EQ(CheckNoShow(kStart - minutes(1), &peer, absent).kind(), StatusKind::kConflict);
  EXPECT_EQ(CheckNoShow(later, &peer, peer).kind(), StatusKind::kConflict);
  Signup waiting = Place("w", SignupStatus::kWaiting);
  EXPECT_EQ(CheckNoShow(later, &waiting, absent).kind(), StatusKind::kForbidden);
  absent.checked_in_at = kStart;
  EXPECT_EQ(CheckNoShow(later, &peer, absent).kind(), StatusKind::kConflict);
}

TEST(ShiftDetails, ValidationNamesEachBadField) {
  ShiftDetails d;
  d.name = "Soup kitchen";
  d.place = "Community hall";
  d.slots = {{"cook", "", 1, 3}, {"medic", "", 1, 1}, {"cook", "", 4, 2}};
  d.duration = minutes(10);
  Status s = ValidateShiftDetails(d);
  ASSERT_FALSE(s.ok());
  std::vector<std::string> fields;
  for (const auto& f : s.fields()) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"duration_minutes", "slots[1].qualification", "slots[2].role",
                                              "slots[2].min_people"}));
  d.slots = {{"cook", "", 1, 3}, {"medic", "first aid certificate", 1, 1}};
  d.duration = minutes(180);
  EXPECT_TRUE(ValidateShiftDetails(d).ok());
}

}  // namespace
}  // namespace kin::schedule
