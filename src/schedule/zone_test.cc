#include "schedule/zone.h"

#include <gtest/gtest.h>

namespace kin::schedule {
namespace {

LocalTime L(const char* text) { return *ParseLocalTime("t", text); }
Timestamp Utc(const char* text) { return Timestamp(L(text).time_since_epoch()); }

TEST(Zone, UnknownNameIsInvalidNamingTheField) {
  Result<Zone> z = Zone::Find("time_zone", "Mars/Olympus");
  ASSERT_FALSE(z.ok());
  EXPECT_EQ(z.status().fields().at(0).field, "time_zone");
}

TEST(Zone, EmptyNameIsFloating) {
  Zone z = *Zone::Find("tz", "");
  EXPECT_TRUE(z.floating());
  EXPECT_EQ(z.ToUtc(L("20260329T023000")).utc, Utc("20260329T023000"));
}

TEST(Zone, MadridWinterAndSummerOffsets) {
  Zone z = *Zone::Find("tz", "Europe/Madrid");
  EXPECT_EQ(z.ToUtc(L("20260115T100000")).utc, Utc("20260115T090000"));
  EXPECT_EQ(z.ToUtc(L("20260715T100000")).utc, Utc("20260715T080000"));
  EXPECT_EQ(z.ToLocal(Utc("20260715T080000")), L("20260715T100000"));
}

TEST(Zone, GapIsReadWithTheOffsetBeforeIt) {
  Zone z = *Zone::Find("tz", "Europe/Madrid");
  Resolved r = z.ToUtc(L("20260329T023000"));  // clocks jump 02:00 -> 03:00
  EXPECT_EQ(r.kind, LocalKind::kGap);
  EXPECT_EQ(r.utc, Utc("20260329T013000"));
  EXPECT_EQ(z.ToLocal(r.utc), L("20260329T033000"));
}

TEST(Zone, AmbiguousTimeTakesTheFirstInstant) {
  Zone z = *Zone::Find("tz", "America/New_York");
  Resolved r = z.ToUtc(L("20261101T013000"));  // 01:00-02:00 happens twice
  EXPECT_EQ(r.kind, LocalKind::kAmbiguous);
  EXPECT_EQ(r.utc, Utc("20261101T053000"));  // EDT, -04:00
  EXPECT_EQ(z.ToUtc(L("20261101T030000")).utc, Utc("20261101T080000"));  // EST, -05:00
}

TEST(Zone, UtcHasNoOffset) {
  Zone z = *Zone::Find("tz", "UTC");
  EXPECT_FALSE(z.floating());
  EXPECT_EQ(z.ToUtc(L("20260329T023000")).kind, LocalKind::kUnique);
  EXPECT_EQ(z.OffsetAt(Utc("20260715T000000")), Seconds(0));
}

}  // namespace
}  // namespace kin::schedule
