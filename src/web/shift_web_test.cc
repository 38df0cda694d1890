// The shift pages' own reading and writing: local times as people type them, times as they read them, and the
// app's English refusals in the reader's words. The refusals are produced by the real rules (src/schedule), so a
// rule whose message changes shows up here instead of falling back to a vague "this has changed".
#include "web/shift_web.h"

#include <gtest/gtest.h>

#include "schedule/civil_time.h"
#include "schedule/shift_rules.h"

namespace kin::web {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

LocalSeconds At(const char* text) { return *schedule::ParseLocalTime("t", text); }

TEST(ShiftWeb, ReadsTheTimesPeopleType) {
  EXPECT_EQ(ParseLocalInput("2026-11-25T18:00"), At("20261125T180000"));
  EXPECT_EQ(ParseLocalInput(" 2026-11-25 18:00:30 "), At("20261125T180030"));
  EXPECT_EQ(ParseLocalInput("20261125T180000"), At("20261125T180000"));
  for (const char* bad : {"2026-02-30T10:00", "tomorrow", "2026-11-25T24:00", "2026-11-25", "", "20261125180000"}) {
    EXPECT_FALSE(ParseLocalInput(bad)) << bad;
  }
  EXPECT_EQ(ParseDateInput("2026-03-29"), At("20260329T000000"));
  EXPECT_FALSE(ParseDateInput("2026-3-29"));
  EXPECT_EQ(LocalInputValue(At("20261125T180000")), "2026-11-25T18:00");
  EXPECT_EQ(DateInputValue(At("20261125T180000")), "2026-11-25");
}

TEST(ShiftWeb, WritesTimesOnTheHubsWallClock) {
  EXPECT_EQ(ShiftWhen(Lang::kEn, At("20261125T180000"), minutes(180)), "Wed 25 Nov 2026, 18:00–21:00");
  EXPECT_NE(ShiftWhen(Lang::kEs, At("20261125T180000"), minutes(180)).find("mié 25"), std::string::npos);
  // 17:00Z on 25 November is 18:00 in Madrid (CET).
  Timestamp t = std::chrono::sys_days(std::chrono::year(2026) / 11 / 25) + hours(17);
  EXPECT_EQ(InstantWhen(Lang::kEn, t, "Europe/Madrid"), "Wed 25 Nov 2026, 18:00");
  EXPECT_EQ(OccurrencePath(ShiftId{"shift_a"}, At("20261125T180000")), "/shifts/shift_a/o/20261125T180000");
}

TEST(ShiftWeb, EveryRefusalOfTheRulesIsTranslatedAndNamesTheHubsTime) {
  const Timestamp start = std::chrono::sys_days(std::chrono::year(2026) / 11 / 25) + hours(17);  // 18:00 Madrid
  ShiftPolicy policy;
  policy.opens_before = hours(48);
  policy.popular_cap = 1;
  Signup place;
  place.status = SignupStatus::kConfirmed;
  place.start = start;
  place.end = start + hours(3);
  place.popular = true;
  place.local_start = At("20261125T180000");
  Signup other = place;
  other.member = MemberId{"mem_other"};
  Signup checked_in = place;
  checked_in.checked_in_at = start;
  Signup absent = checked_in;
  absent.no_show_by = MemberId{"mem_other"};
  const std::vector<std::pair<Status, std::string>> cases = {
      {schedule::CheckSignupWindow(start - hours(72), start, policy), "Sign-ups for this shift open Mon 23 Nov 2026, 18:00"},
      {schedule::CheckSignupWindow(start, start, policy), "This shift has already started."},
      {schedule::CheckWithdraw(start - hours(2), place, policy), "Leaving this shift closed Wed 25 Nov 2026, 06:00"},
      {schedule::CheckCheckIn(start - hours(2), place), "Check-in opens 30 minutes before the start, Wed 25 Nov 2026, 17:30"},
      {schedule::CheckCheckIn(start, checked_in), "You are already checked in."},
      {schedule::CheckHoursDone(start - hours(1), checked_in, 60), "Time can be recorded once the shift has started."},
      {schedule::CheckHoursDone(start + hours(1), place, 60), "Check in first"},
      {schedule::CheckHoursDone(start + hours(1), absent, 60), "This place was marked absent."},
      {schedule::CheckHoursDone(start + hours(1), checked_in, 0), "Enter the minutes you did"},
      {schedule::CheckNoShow(start + hours(1), nullptr, other), "Only people with a confirmed place"},
      {schedule::CheckNoShow(start + hours(1), &checked_in, checked_in), "You cannot mark yourself absent."},
      {schedule::CheckNoShow(start + hours(1), &place, other), "Check in yourself before"},
      {schedule::CheckNoShow(start - hours(1), &checked_in, other), "The shift has not started yet."},
      {schedule::CheckPopularCap({place}, place.local_start, policy), "as many popular shifts this week as the hub allows (1)"},
      {Status::Conflict("you already have a place on \"Soup\" at 2026-11-25T18:00:00, which overlaps this one"),
       "You already have a place on “Soup” at Wed 25 Nov 2026, 18:00"},
      {Status::Conflict("the cook slot is full (2 of 2); join the waiting list or pick another slot"),
       "The cook places just filled up."},
  };
  for (const auto& [status, words] : cases) {
    ASSERT_FALSE(status.ok()) << words;
    const std::string text = ShiftRefusal(Lang::kEn, status, start, "Europe/Madrid", policy);
    EXPECT_NE(text.find(words), std::string::npos) << status.message() << "\n  became: " << text;
    const std::string es = ShiftRefusal(Lang::kEs, status, start, "Europe/Madrid", policy);
    EXPECT_NE(es, text) << "no Spanish for: " << status.message();
  }
}

TEST(ShiftWeb, SwapRefusalsSayWhichPlaceAndWhoseCap) {
  const Timestamp start = std::chrono::sys_days(std::chrono::year(2026) / 11 / 25) + hours(17);  // 18:00 Madrid
  ShiftPolicy policy;
  const std::vector<std::pair<Status, std::string>> cases = {
      {Status::Conflict("the place you would give back is no longer yours to give"),
       "The place you would give in exchange is no longer yours to give"},
      {Status::Conflict("the place offered is no longer available"), "The place offered is no longer available."},
      {Status::InvalidField("exchange", "has already started"), "That place can no longer be taken in exchange"},
      {Status::Conflict("this place already has an open swap; decline it first"), "already has a swap waiting"},
      {Status::Conflict("the other member already holds 2 popular shifts this month, the most the hub allows so "
                        "everyone gets a turn; pick another month or another shift"),
       "The member who offered this swap already holds as many popular shifts that month as the hub allows (2)"},
      {Status::Conflict("the other member already has a place on \"Soup\" at 2026-11-25T18:00:00, which overlaps "
                        "this one"),
       "The other member already has a place on “Soup” at Wed 25 Nov 2026, 18:00"},
  };
  for (const auto& [status, words] : cases) {
    const std::string text = ShiftRefusal(Lang::kEn, status, start, "Europe/Madrid", policy);
    EXPECT_NE(text.find(words), std::string::npos) << status.message() << "\n  became: " << text;
    EXPECT_NE(ShiftRefusal(Lang::kEs, status, start, "Europe/Madrid", policy), text) << status.message();
  }
}

}  // namespace
}  // namespace kin::web
