#include "schedule/ledger.h"

#include <gtest/gtest.h>

namespace kin::schedule {
namespace {

Signup Done(const char* member, const char* role, int minutes) {
  Signup s;
  s.member = MemberId{member};
  s.role = role;
  s.minutes_done = minutes;
  return s;
}

TEST(Ledger, SumsHoursDonePerPersonAndKindInTheGivenOrder) {
  Signup absent = Done("cy", "cook", 60);
  absent.no_show_by = MemberId{"ana"};
  Signup waiting = Done("cy", "cook", 60);
  waiting.status = SignupStatus::kWaiting;
  Signup not_recorded = Done("cy", "cook", 0);
  not_recorded.minutes_done.reset();
  std::vector<Signup> places = {Done("bo", "cook", 120), Done("ana", "driver", 30), Done("bo", "driver", 45),
                                Done("ana", "cook", 90), absent, waiting, not_recorded, Done("zed", "medic", 10)};
  Ledger l = BuildLedger(places, {MemberId{"ana"}, MemberId{"bo"}, MemberId{"cy"}});
  ASSERT_EQ(l.rows.size(), 3u);
  // The order given (names), never by hours: Bo did more but Ana comes first.
  EXPECT_EQ(l.rows[0].member.value, "ana");
  EXPECT_EQ(l.rows[0].total_minutes, 120);
  EXPECT_EQ(l.rows[1].member.value, "bo");
  EXPECT_EQ(l.rows[1].minutes_by_role.at("driver"), 45);
  EXPECT_EQ(l.rows[2].member.value, "zed");  // not in the order: last
  EXPECT_EQ(l.roles, (std::vector<std::string>{"cook", "driver", "medic"}));
  EXPECT_EQ(l.minutes_by_role.at("cook"), 210);
  EXPECT_EQ(l.total_minutes, 295);
}

}  // namespace
}  // namespace kin::schedule
