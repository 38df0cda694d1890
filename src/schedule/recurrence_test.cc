#include "schedule/recurrence.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kin::schedule {
namespace {

LocalTime L(const char* text) { return *ParseLocalTime("t", text); }
Timestamp Utc(const char* text) { return Timestamp(L(text).time_since_epoch()); }
Zone Z(const char* name) { return *Zone::Find("tz", name); }

Window Year2026() { return {Utc("20260101T000000"), Utc("20270101T000000"), 1000}; }

std::vector<std::string> Locals(const std::vector<Occurrence>& occurrences) {
  std::vector<std::string> out;
  for (const auto& o : occurrences) out.push_back(FormatLocalTime(o.local_start));
  return out;
}

std::vector<std::string> Utcs(const std::vector<Occurrence>& occurrences) {
  std::vector<std::string> out;
  for (const auto& o : occurrences) out.push_back(FormatLocalTime(LocalTime(o.start.time_since_epoch())));
  return out;
}

TEST(Recurrence, MadridWeeklyKeepsWallClockAcrossSpringForward) {
  Recurrence r{L("20260322T100000"), "FREQ=WEEKLY;COUNT=3", {}, {}};
  auto out = *Expand(r, Z("Europe/Madrid"), Year2026());
  EXPECT_EQ(Locals(out), (std::vector<std::string>{"20260322T100000", "20260329T100000", "20260405T100000"}));
  EXPECT_EQ(Utcs(out), (std::vector<std::string>{"20260322T090000", "20260329T080000", "20260405T080000"}));
}

TEST(Recurrence, MadridOccurrenceInTheGapMovesOnlyThatNight) {
  Recurrence r{L("20260327T023000"), "FREQ=DAILY;COUNT=4", {}, {}};
  auto out = *Expand(r, Z("Europe/Madrid"), Year2026());
  // libical's own zone-aware iterator carries the shifted 03:30 into the following days; kin does not.
  EXPECT_EQ(Locals(out), (std::vector<std::string>{"20260327T023000", "20260328T023000", "20260329T033000",
                                                   "20260330T023000"}));
  EXPECT_EQ(FormatLocalTime(out[2].recurrence_id), "20260329T023000");
}

TEST(Recurrence, MadridFallBackKeepsWallClock) {
  Recurrence r{L("20261024T180000"), "FREQ=DAILY;COUNT=2", {}, {}};
  auto out = *Expand(r, Z("Europe/Madrid"), Year2026());
  EXPECT_EQ(Utcs(out), (std::vector<std::string>{"20261024T160000", "20261025T170000"}));
}

TEST(Recurrence, NewYorkAcrossBothChanges) {
  Recurrence r{L("20260307T090000"), "FREQ=DAILY;COUNT=2", {}, {}};
  auto out = *Expand(r, Z("America/New_York"), Year2026());
  EXPECT_EQ(Utcs(out), (std::vector<std::string>{"20260307T140000", "20260308T130000"}));

  Recurrence night{L("20261031T013000"), "FREQ=DAILY;COUNT=3", {}, {}};
  out = *Expand(night, Z("America/New_York"), Year2026());
  // 01:30 on 1 November happens twice; the first (EDT) instant is the occurrence.
  EXPECT_EQ(Utcs(out), (std::vector<std::string>{"20261031T053000", "20261101T053000", "20261102T063000"}));
  EXPECT_EQ(Locals(out), (std::vector<std::string>{"20261031T013000", "20261101T013000", "20261102T013000"}));
}

TEST(Recurrence, DtstartInsideAGapIsRefused) {
  Recurrence r{L("20260308T023000"), "FREQ=WEEKLY", {}, {}};
  Status s = CheckRecurrence(r, Z("America/New_York"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.fields().at(0).field, "dtstart");
  EXPECT_NE(s.message().find("does not exist in America/New_York"), std::string::npos) << s.message();
  // Floating series have no gaps.
  EXPECT_TRUE(CheckRecurrence(r, Zone()).ok());
}

TEST(Recurrence, ExdatesRemoveOccurrences) {
  Recurrence r{L("20260105T100000"), "FREQ=WEEKLY;BYDAY=MO;COUNT=4", {L("20260112T100000")}, {}};
  ASSERT_TRUE(CheckRecurrence(r, Z("Europe/Madrid")).ok());
  auto out = *Expand(r, Z("Europe/Madrid"), Year2026());
  EXPECT_EQ(Locals(out), (std::vector<std::string>{"20260105T100000", "20260119T100000", "20260126T100000"}));
}

TEST(Recurrence, OverridesMoveOrCancelOneOccurrence) {
  Recurrence r{L("20260105T100000"), "FREQ=WEEKLY;COUNT=3", {},
               {{L("20260112T100000"), false, L("20260113T180000")}, {L("20260119T100000"), true, {}}}};
  ASSERT_TRUE(CheckRecurrence(r, Z("Europe/Madrid")).ok());
  auto out = *Expand(r, Z("Europe/Madrid"), Year2026());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(FormatLocalTime(out[1].local_start), "20260113T180000");
  EXPECT_EQ(FormatLocalTime(out[1].recurrence_id), "20260112T100000");
  EXPECT_TRUE(out[1].moved);
}

TEST(Recurrence, CheckNamesExdatesAndOverridesThatAreNotOccurrences) {
  Recurrence r{L("20260105T100000"), "FREQ=WEEKLY;COUNT=3", {L("20260106T100000")},
               {{L("20260112T110000"), true, {}}, {L("20260119T100000"), false, L("20260329T023000")}}};
  Status s = CheckRecurrence(r, Z("Europe/Madrid"));
  ASSERT_FALSE(s.ok());
  ASSERT_EQ(s.fields().size(), 3u);
  EXPECT_EQ(s.fields()[0].field, "exdates[0]");
  EXPECT_EQ(s.fields()[1].field, "overrides[0].recurrence_id");
  EXPECT_EQ(s.fields()[2].field, "overrides[1].start");
}

TEST(Recurrence, UntilIsInclusiveInLocalOrUtc) {
  Recurrence local{L("20260105T100000"), "FREQ=DAILY;UNTIL=20260107T100000", {}, {}};
  EXPECT_EQ(Expand(local, Z("Europe/Madrid"), Year2026())->size(), 3u);
  Recurrence utc{L("20260105T100000"), "FREQ=DAILY;UNTIL=20260107T085959Z", {}, {}};
  EXPECT_EQ(Expand(utc, Z("Europe/Madrid"), Year2026())->size(), 2u);
  Recurrence date{L("20260105T100000"), "FREQ=DAILY;UNTIL=20260107", {}, {}};
  EXPECT_EQ(Expand(date, Z("Europe/Madrid"), Year2026())->size(), 3u);
}

TEST(Recurrence, CountCountsFromDtstartNotFromTheWindow) {
  Recurrence r{L("20251229T100000"), "FREQ=WEEKLY;COUNT=3", {}, {}};
  auto out = *Expand(r, Z("Europe/Madrid"), Year2026());
  EXPECT_EQ(Locals(out), (std::vector<std::string>{"20260105T100000", "20260112T100000"}));
}

TEST(Recurrence, EndlessRuleExpandsOnlyTheWindow) {
  Recurrence r{L("20000104T100000"), "FREQ=WEEKLY;BYDAY=TU", {}, {}};
  Window w{Utc("20260101T000000"), Utc("20260201T000000"), 1000};
  auto out = *Expand(r, Z("Europe/Madrid"), w);
  EXPECT_EQ(Locals(out), (std::vector<std::string>{"20260106T100000", "20260113T100000", "20260120T100000",
                                                   "20260127T100000"}));
  w.limit = 2;
  EXPECT_EQ(Expand(r, Z("Europe/Madrid"), w)->size(), 2u);
}

TEST(Recurrence, HourlyRuleGivesOneOccurrencePerInstantAcrossTheGap) {
  Recurrence r{L("20260329T000000"), "FREQ=HOURLY;COUNT=5", {}, {}};
  auto out = *Expand(r, Z("Europe/Madrid"), Year2026());
  // 00:00, 01:00, then 02:00 (which does not exist) and 03:00 are the same instant, then 04:00.
  EXPECT_EQ(Locals(out), (std::vector<std::string>{"20260329T000000", "20260329T010000", "20260329T030000",
                                                   "20260329T040000"}));
}

TEST(Recurrence, LimitEndsAnEndlessWalkEarly) {
  // Hourly for a century would be 876,000 steps; a limit of 10,000 needs only as many.
  Recurrence r{L("20260105T100000"), "FREQ=HOURLY", {L("20260105T110000")}, {}};
  Window w{Utc("20260105T000000"), Utc("21260105T000000"), 10000};
  Result<std::vector<Occurrence>> out = Expand(r, Z("Europe/Madrid"), w);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->size(), 10000u);
  EXPECT_EQ(FormatLocalTime((*out)[1].local_start), "20260105T120000");  // the exdate is skipped
}

TEST(Recurrence, RuleWithNoOccurrenceIsRefused) {
  Recurrence r{L("20260105T100000"), "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31", {}, {}};
  Status s = CheckRecurrence(r, Zone());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.fields().at(0).field, "rrule");
}

TEST(Recurrence, SingleOccurrenceWithoutRule) {
  Recurrence r{L("20260410T090000"), "", {}, {}};
  ASSERT_TRUE(CheckRecurrence(r, Z("Europe/Madrid")).ok());
  EXPECT_EQ(Utcs(*Expand(r, Z("Europe/Madrid"), Year2026())), (std::vector<std::string>{"20260410T070000"}));
}

}  // namespace
}  // namespace kin::schedule
