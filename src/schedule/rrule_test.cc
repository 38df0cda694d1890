#include "schedule/rrule.h"

#include <gtest/gtest.h>

namespace kin::schedule {
namespace {

TEST(Rule, AcceptsCommonShiftRules) {
  for (const char* text : {"FREQ=WEEKLY;BYDAY=MO,WE", "RRULE:FREQ=MONTHLY;BYDAY=1SA", "freq=daily;interval=2",
                           "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=12", "FREQ=WEEKLY;UNTIL=20261231T235959Z",
                           "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24", "FREQ=WEEKLY;BYDAY=FR;"}) {
    Result<Rule> r = ParseRule("rrule", text);
    EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
  }
}

TEST(Rule, KeepsCountAndUntilApart) {
  Rule count = *ParseRule("rrule", "FREQ=DAILY;COUNT=5");
  EXPECT_EQ(count.count, 5);
  Rule utc = *ParseRule("rrule", "FREQ=DAILY;UNTIL=20260105T100000Z");
  ASSERT_TRUE(utc.until_utc.has_value());
  EXPECT_EQ(utc.text, "FREQ=DAILY");
  Rule date = *ParseRule("rrule", "FREQ=DAILY;UNTIL=20260105");
  ASSERT_TRUE(date.until_local.has_value());
  EXPECT_EQ(FormatLocalTime(*date.until_local), "20260105T235959");
}

struct BadRule {
  const char* text;
  const char* names;  // what the message must mention
};

class RuleErrors : public ::testing::TestWithParam<BadRule> {};

TEST_P(RuleErrors, NameTheBadPart) {
  Result<Rule> r = ParseRule("rrule", GetParam().text);
  ASSERT_FALSE(r.ok()) << GetParam().text;
  EXPECT_EQ(r.status().kind(), StatusKind::kInvalid);
  ASSERT_EQ(r.status().fields().size(), 1u);
  EXPECT_EQ(r.status().fields()[0].field, "rrule");
  EXPECT_NE(r.status().fields()[0].message.find(GetParam().names), std::string::npos)
      << r.status().fields()[0].message;
}

INSTANTIATE_TEST_SUITE_P(
    Table, RuleErrors,
    ::testing::Values(BadRule{"", "empty"}, BadRule{"BYDAY=MO", "FREQ: is missing"},
                      BadRule{"FREQ=SOMETIMES", "FREQ: \"SOMETIMES\""}, BadRule{"FREQ=MINUTELY", "too frequent"},
                      BadRule{"FREQ=WEEKLY;BYDAY=XX", "BYDAY: \"XX\""},
                      BadRule{"FREQ=WEEKLY;FOO=1", "\"FOO\" is not an RRULE part"},
                      BadRule{"FREQ=DAILY;COUNT=abc", "COUNT: \"ABC\""},
                      BadRule{"FREQ=DAILY;COUNT=0", "COUNT: \"0\""},
                      BadRule{"FREQ=DAILY;INTERVAL=0", "INTERVAL: \"0\""},
                      BadRule{"FREQ=DAILY;BYMONTH=13", "BYMONTH: \"13\""},
                      BadRule{"FREQ=DAILY;BYHOUR=25", "BYHOUR: \"25\""},
                      BadRule{"FREQ=DAILY;UNTIL=2026-01-05", "UNTIL: \"2026-01-05\""},
                      BadRule{"FREQ=DAILY;COUNT=3;UNTIL=20260101T000000", "COUNT and UNTIL"},
                      BadRule{"FREQ=DAILY;;COUNT=2", "empty part"}, BadRule{"FREQ=DAILY;COUNT", "NAME=VALUE"},
                      BadRule{"FREQ=DAILY;COUNT=2;COUNT=3", "COUNT: appears twice"}));

}  // namespace
}  // namespace kin::schedule

namespace kin::schedule {
namespace {

TEST(ParseRule, RefusesDaysThatNeverFallInTheMonths) {
  Result<Rule> feb30 = ParseRule("rrule", "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30");
  ASSERT_FALSE(feb30.ok());
  EXPECT_NE(feb30.status().fields().at(0).message.find("BYMONTHDAY and BYMONTH"), std::string::npos);
  EXPECT_FALSE(ParseRule("rrule", "FREQ=YEARLY;BYMONTH=4,6;BYMONTHDAY=31,-31").ok());
  EXPECT_TRUE(ParseRule("rrule", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29").ok());   // leap years
  EXPECT_TRUE(ParseRule("rrule", "FREQ=MONTHLY;BYMONTH=2,3;BYMONTHDAY=31").ok());  // March has one
}

}  // namespace
}  // namespace kin::schedule
