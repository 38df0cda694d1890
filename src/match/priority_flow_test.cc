#include "match/priority_flow.h"

#include <gtest/gtest.h>

#include <random>

namespace kin::match {
namespace {

struct Arc {
  int need, helper;
  Units capacity;
};

PriorityFlowInput Input(std::vector<Units> open, std::vector<Priority> priority, std::vector<Units> spare,
                        const std::vector<Arc>& arcs) {
  PriorityFlowInput in;
  in.open = std::move(open);
  in.priority = std::move(priority);
  in.spare = std::move(spare);
  for (const Arc& a : arcs) {
    in.arc_need.push_back(a.need);
    in.arc_helper.push_back(a.helper);
    in.arc_capacity.push_back(a.capacity);
  }
  return in;
}

Priority Met(const PriorityFlowInput& in, const PriorityFlow& f) {
  Priority total = 0;
  for (size_t n = 0; n < in.open.size(); ++n) total += Priority{in.open[n] - f.unmet[n]} * in.priority[n];
  return total;
}

// A feasible flow and duals in complementary slackness prove the flow optimal (LP duality): checks both.
void ExpectCertifiedOptimal(const PriorityFlowInput& in, const PriorityFlow& f) {
  std::vector<Units> met(in.open.size(), 0), used(in.spare.size(), 0);
  for (size_t a = 0; a < in.arc_need.size(); ++a) {
    const Units x = f.arc_flow[a];
    ASSERT_GE(x, 0);
    ASSERT_LE(x, in.arc_capacity[a]);
    met[in.arc_need[a]] += x;
    used[in.arc_helper[a]] += x;
    const int64_t rc = f.need_potential[in.arc_need[a]] - f.helper_potential[in.arc_helper[a]];
    if (rc > 0) {
      EXPECT_EQ(x, 0) << "arc " << a;
    }
    if (rc < 0) {
      EXPECT_EQ(x, in.arc_capacity[a]) << "arc " << a;
    }
  }
  for (size_t n = 0; n < in.open.size(); ++n) {
    ASSERT_EQ(met[n] + f.unmet[n], in.open[n]);
    const int64_t rc = in.priority[n] + f.need_potential[n];  // unmet arc need -> sink
    if (rc > 0) {
      EXPECT_EQ(f.unmet[n], 0) << "need " << n;
    }
    if (rc < 0) {
      EXPECT_EQ(f.unmet[n], in.open[n]) << "need " << n;
    }
  }
  for (size_t h = 0; h < in.spare.size(); ++h) {
    ASSERT_LE(used[h], in.spare[h]);
    const int64_t rc = f.helper_potential[h];  // load arcs helper -> sink, cost 0
    if (rc > 0) {
      EXPECT_EQ(used[h], 0) << "helper " << h;
    }
    if (rc < 0) {
      EXPECT_EQ(used[h], in.spare[h]) << "helper " << h;
    }
  }
}

TEST(MaxPriorityFlow, HigherPriorityTakesTheOnlyHelperAndDualsSayWhy) {
  PriorityFlowInput in = Input({1, 1}, {5, 10}, {1}, {{0, 0, 1}, {1, 0, 1}});
  PriorityFlow f = MaxPriorityFlow(in);
  EXPECT_EQ(f.arc_flow, (std::vector<Units>{0, 1}));
  EXPECT_EQ(f.unmet, (std::vector<Units>{1, 0}));
  // The unmet need (priority 5) reaches the helper and, through it, the met need: both at -5.
  EXPECT_EQ(f.need_potential, (std::vector<int64_t>{-5, -5}));
  EXPECT_EQ(f.helper_potential, (std::vector<int64_t>{-5}));
  ExpectCertifiedOptimal(in, f);
}

TEST(MaxPriorityFlow, ReroutesWithinAClassAlongAnAugmentingPath) {
  // Need 0 can use helpers 0 and 1 and takes helper 0 first; need 1 can only use helper 0, so need 0 moves.
  PriorityFlowInput in = Input({1, 1}, {10, 10}, {1, 1}, {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}});
  PriorityFlow f = MaxPriorityFlow(in);
  EXPECT_EQ(f.arc_flow, (std::vector<Units>{0, 1, 1}));
  EXPECT_EQ(f.unmet, (std::vector<Units>{0, 0}));
  ExpectCertifiedOptimal(in, f);
}

TEST(MaxPriorityFlow, LowerClassReroutesAHigherOneButNeverDisplacesIt) {
  // Need 0 (priority 20) first takes helper 0; need 1 (10) gets helper 0 by moving need 0 to helper 1; need 2
  // (4) only knows helper 0 and stays unmet. Three units wanted, two helpers: 30 met, not 24 or 14.
  PriorityFlowInput in = Input({1, 1, 1}, {20, 10, 4}, {1, 1}, {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {2, 0, 1}});
  PriorityFlow f = MaxPriorityFlow(in);
  EXPECT_EQ(Met(in, f), 30);
  EXPECT_EQ(f.unmet, (std::vector<Units>{0, 0, 1}));
  ExpectCertifiedOptimal(in, f);
}

TEST(MaxPriorityFlow, SplitsUnitsAcrossHelpersWithinArcCapacities) {
  // 5 units of priority 8 over helpers of 2 and 2 spare; 3 units of priority 3 share helper 1 and helper 2 (3).
  PriorityFlowInput in =
      Input({5, 3}, {8, 3}, {2, 2, 3}, {{0, 0, 2}, {0, 1, 2}, {1, 1, 2}, {1, 2, 1}});
  PriorityFlow f = MaxPriorityFlow(in);
  EXPECT_EQ(f.unmet, (std::vector<Units>{1, 2}));  // arc 1 -> 2 carries at most one unit
  EXPECT_EQ(Met(in, f), 4 * 8 + 1 * 3);
  ExpectCertifiedOptimal(in, f);
}

TEST(MaxPriorityFlow, RandomInstancesAreCertifiedOptimal) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 300; ++round) {
    const int needs = 1 + static_cast<int>(rng() % 30), helpers = 1 + static_cast<int>(rng() % 15);
    std::vector<Units> open(needs), spare(helpers);
    std::vector<Priority> priority(needs);
    for (int n = 0; n < needs; ++n) {
      open[n] = 1 + static_cast<Units>(rng() % 4);
      priority[n] = 1 + static_cast<Priority>(rng() % 6);
    }
    for (int h = 0; h < helpers; ++h) spare[h] = static_cast<Units>(rng() % 5);
    std::vector<Arc> arcs;
    for (int n = 0; n < needs; ++n) {
      for (int h = 0; h < helpers; ++h) {
        if (rng() % 4 == 0) arcs.push_back({n, h, std::min(open[n], spare[h])});
      }
    }
    PriorityFlowInput in = Input(open, priority, spare, arcs);
    ExpectCertifiedOptimal(in, MaxPriorityFlow(in));
    if (::testing::Test::HasFailure()) {
      ADD_FAILURE() << "round " << round;
      return;
    }
  }
}

}  // namespace
}  // namespace kin::match
