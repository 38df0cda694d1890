#include "core/triage.h"

#include <gtest/gtest.h>

namespace kin {
namespace {

Need Open(const char* id, Urgency u, Timestamp created) {
  Need n;
  n.id = NeedId{id};
  n.details.urgency = u;
  n.created_at = created;
  return n;
}

TEST(Triage, MostUrgentFirstThenLongestWaiting) {
  Timestamp t0{std::chrono::seconds(1'700'000'000)};
  std::vector<Need> needs = {Open("a", Urgency::kLow, t0), Open("b", Urgency::kHigh, t0 + std::chrono::hours(2)),
                             Open("c", Urgency::kHigh, t0 + std::chrono::hours(1)),
                             Open("d", Urgency::kCritical, t0 + std::chrono::hours(5))};
  SortForTriage(needs);
  std::vector<std::string> order;
  for (const Need& n : needs) order.push_back(n.id.value);
  EXPECT_EQ(order, (std::vector<std::string>{"d", "c", "b", "a"}));
}

TEST(Triage, StaleByUrgencyAndOnlyWhileOpen) {
  Timestamp t0{std::chrono::seconds(1'700'000'000)};
  Need critical = Open("c", Urgency::kCritical, t0);
  EXPECT_FALSE(IsStale(critical, t0 + std::chrono::minutes(119)));
  EXPECT_TRUE(IsStale(critical, t0 + std::chrono::hours(2)));
  Need low = Open("l", Urgency::kLow, t0);
  EXPECT_FALSE(IsStale(low, t0 + std::chrono::hours(167)));
  EXPECT_TRUE(IsStale(low, t0 + std::chrono::hours(168)));
  low.status = NeedStatus::kMatched;
  EXPECT_FALSE(IsStale(low, t0 + std::chrono::hours(500)));
}

}  // namespace
}  // namespace kin
