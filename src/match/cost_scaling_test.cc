#include "match/cost_scaling.h"

#include <gtest/gtest.h>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <random>

namespace kin::match {
namespace {

struct Arc {
  int from, to;
  int64_t capacity, cost, flow;
  bool fixed = false;
};

CostScaling Make(int nodes, const std::vector<Arc>& arcs) {
  CostScaling s(nodes);
  for (const Arc& a : arcs) s.AddArc(a.from, a.to, a.capacity, a.cost, a.flow);
  for (size_t i = 0; i < arcs.size(); ++i) {
    if (arcs[i].fixed) s.Fix(static_cast<int>(i));
  }
  return s;
}

int64_t TotalCost(const CostScaling& s, const std::vector<Arc>& arcs) {
  int64_t total = 0;
  for (size_t i = 0; i < arcs.size(); ++i) total += arcs[i].cost * s.flow(static_cast<int>(i));
  return total;
}

// The certificate of optimality: the flow keeps every node's balance and every fixed arc's flow, stays within
// capacities, and the duals are in complementary slackness with it on every free arc.
void ExpectCertified(const CostScaling& s, int nodes, const std::vector<Arc>& arcs) {
  std::vector<int64_t> balance(nodes, 0), before(nodes, 0);
  for (size_t i = 0; i < arcs.size(); ++i) {
    const Arc& a = arcs[i];
    const int64_t x = s.flow(static_cast<int>(i));
    ASSERT_GE(x, 0) << "arc " << i;
    ASSERT_LE(x, a.capacity) << "arc " << i;
    balance[a.from] += x;
    balance[a.to] -= x;
    before[a.from] += a.flow;
    before[a.to] -= a.flow;
    if (a.fixed) {
      EXPECT_EQ(x, a.flow) << "fixed arc " << i;
      continue;
    }
    const int64_t rc = a.cost + s.potential(a.from) - s.potential(a.to);
    EXPECT_EQ(rc, s.reduced_cost(static_cast<int>(i)));
    if (rc > 0) {
      EXPECT_EQ(x, 0) << "arc " << i << " rc " << rc;
    }
    if (rc < 0) {
      EXPECT_EQ(x, a.capacity) << "arc " << i << " rc " << rc;
    }
  }
  EXPECT_EQ(balance, before);
}

// LEMON's NetworkSimplex on the same problem (fixed arcs as lower = upper bounds): the optimal cost.
int64_t ReferenceCost(int nodes, const std::vector<Arc>& arcs) {
  lemon::SmartDigraph g;
  for (int v = 0; v < nodes; ++v) g.addNode();
  std::vector<int64_t> supply(nodes, 0);
  for (const Arc& a : arcs) {
    g.addArc(g.nodeFromId(a.from), g.nodeFromId(a.to));
    supply[a.from] += a.flow;
    supply[a.to] -= a.flow;
  }
  lemon::SmartDigraph::ArcMap<int64_t> lower(g), upper(g), cost(g);
  lemon::SmartDigraph::NodeMap<int64_t> sup(g);
  for (size_t i = 0; i < arcs.size(); ++i) {
    auto arc = g.arcFromId(static_cast<int>(i));
    lower[arc] = arcs[i].fixed ? arcs[i].flow : 0;
    upper[arc] = arcs[i].fixed ? arcs[i].flow : arcs[i].capacity;
    cost[arc] = arcs[i].cost;
  }
  for (int v = 0; v < nodes; ++v) sup[g.nodeFromId(v)] = supply[v];
  lemon::NetworkSimplex<lemon::SmartDigraph, int64_t, int64_t> simplex(g);
  simplex.lowerMap(lower).upperMap(upper).costMap(cost).supplyMap(sup);
  EXPECT_EQ(simplex.run(), decltype(simplex)::OPTIMAL);
  return simplex.totalCost();
}

TEST(CostScaling, MovesAUnitToTheLessLoadedHelper) {
  // Sink 0, need 1, helpers 2 and 3. The need's unit sits with helper 2, whose load arc costs 2 (its second
  // unit); helper 3's first unit costs 1; leaving it unmet is ruled out (the arc is fixed, as phase 1 fixes it).
  // Optimal: move it, cost 1.
  std::vector<Arc> arcs = {{1, 2, 1, 0, 1}, {1, 3, 1, 0, 0}, {2, 0, 1, 2, 1}, {3, 0, 1, 1, 0}, {1, 0, 1, 0, 0, true}};
  CostScaling s = Make(4, arcs);
  ASSERT_TRUE(s.Run());
  EXPECT_EQ(s.flow(0), 0);
  EXPECT_EQ(s.flow(1), 1);
  EXPECT_EQ(s.flow(3), 1);
  EXPECT_EQ(TotalCost(s, arcs), 1);
  ExpectCertified(s, 4, arcs);
  // The unit on helper 3 reaches the sink for 1 more than helper 3's potential says; the need is no dearer.
  EXPECT_LE(s.potential(3) - s.potential(0), -1);
  EXPECT_LE(s.potential(1), s.potential(3));
}

TEST(CostScaling, CancelsANegativeCycleUpToItsBottleneck) {
  // 0 -> 1 -> 2 -> 0 costs 3 - 5 + 1 = -1 per unit; the bottleneck is 2 units.
  std::vector<Arc> arcs = {{0, 1, 4, 3, 0}, {1, 2, 2, -5, 0}, {2, 0, 9, 1, 0}};
  CostScaling s = Make(3, arcs);
  ASSERT_TRUE(s.Run());
  EXPECT_EQ(s.flow(0), 2);
  EXPECT_EQ(s.flow(1), 2);
  EXPECT_EQ(s.flow(2), 2);
  EXPECT_EQ(TotalCost(s, arcs), -2);
  ExpectCertified(s, 3, arcs);
}

TEST(CostScaling, AnOptimalStartWithItsDualsIsLeftAsItIs) {
  std::vector<Arc> arcs = {{1, 2, 1, 0, 1}, {1, 3, 1, 0, 0}, {2, 0, 1, 2, 1}, {3, 0, 1, 1, 0}, {1, 0, 1, 0, 0, true}};
  CostScaling first = Make(4, arcs);
  ASSERT_TRUE(first.Run());
  std::vector<int64_t> duals(4);
  for (int v = 0; v < 4; ++v) duals[v] = first.potential(v);
  for (size_t i = 0; i < arcs.size(); ++i) arcs[i].flow = first.flow(static_cast<int>(i));
  CostScaling again = Make(4, arcs);
  ASSERT_TRUE(again.Run(duals));  // the warm start of a pricing round where nothing was added: no work
  EXPECT_EQ(again.stats().refines, 0);
  EXPECT_EQ(again.stats().pushes, 0);
  EXPECT_EQ(TotalCost(again, arcs), 1);
  ExpectCertified(again, 4, arcs);
}

TEST(CostScaling, FixedArcsKeepTheirFlow) {
  // The same instance as the first, with the arc to the cheaper helper fixed at 0: nothing can move.
  std::vector<Arc> arcs = {{1, 2, 1, 0, 1}, {1, 3, 1, 0, 0, true}, {2, 0, 1, 2, 1}, {3, 0, 1, 1, 0}, {1, 0, 1, 0, 0, true}};
  CostScaling s = Make(4, arcs);
  ASSERT_TRUE(s.Run());
  EXPECT_EQ(s.flow(0), 1);
  EXPECT_EQ(s.flow(1), 0);
  EXPECT_EQ(TotalCost(s, arcs), 2);
  ExpectCertified(s, 4, arcs);
}

TEST(CostScaling, ACostChangeAndAWarmStartReachTheNewOptimum) {
  // Phase by phase, as the allocation uses it: solve, fix arcs, change costs, solve again from the prices.
  std::vector<Arc> arcs = {{1, 2, 1, 0, 1}, {1, 3, 1, 0, 0}, {2, 0, 1, 2, 1}, {3, 0, 1, 1, 0}, {1, 0, 1, 0, 0, true}};
  CostScaling s = Make(4, arcs);
  ASSERT_TRUE(s.Run());
  std::vector<int64_t> prices(4);
  for (int v = 0; v < 4; ++v) prices[v] = s.potential(v);
  s.SetCost(3, 5);  // helper 3 is now dearer than helper 2
  arcs[3].cost = 5;
  arcs[0].flow = 0;  // the flow the second run starts from
  arcs[1].flow = 1;
  arcs[3].flow = 1;
  arcs[2].flow = 0;
  ASSERT_TRUE(s.Run(prices));
  EXPECT_EQ(s.flow(0), 1);
  EXPECT_EQ(TotalCost(s, arcs), 2);
  ExpectCertified(s, 4, arcs);
}

// Random instances: transportation-like (needs, helpers and a sink, starting with every unit unmet, as phase
// 1's flow leaves some) and general graphs with negative costs starting from zero flow.
TEST(CostScaling, RandomInstancesAreCertifiedAndMatchNetworkSimplex) {
  std::mt19937_64 rng(11);
  for (int round = 0; round < 400; ++round) {
    std::vector<Arc> arcs;
    int nodes = 0;
    if (round % 2 == 0) {
      const int needs = 1 + static_cast<int>(rng() % 25), helpers = 1 + static_cast<int>(rng() % 12);
      nodes = 1 + needs + helpers;
      std::vector<int64_t> spare(helpers);
      for (int h = 0; h < helpers; ++h) {
        spare[h] = static_cast<int64_t>(rng() % 5);
        for (int64_t k = 1; k <= spare[h]; ++k) arcs.push_back({1 + needs + h, 0, 1, k, 0});
      }
      for (int n = 0; n < needs; ++n) {
        const int64_t open = 1 + static_cast<int64_t>(rng() % 3);
        arcs.push_back({1 + n, 0, open, static_cast<int64_t>(rng() % 40), open});
        for (int h = 0; h < helpers; ++h) {
          if (rng() % 3 == 0) {
            arcs.push_back({1 + n, 1 + needs + h, open, -static_cast<int64_t>(rng() % 30), 0, rng() % 10 == 0});
          }
        }
      }
    } else {
      nodes = 2 + static_cast<int>(rng() % 12);
      const int count = static_cast<int>(rng() % (4 * nodes));
      for (int i = 0; i < count; ++i) {
        const int from = static_cast<int>(rng() % nodes), to = static_cast<int>(rng() % nodes);
        if (from == to) continue;
        arcs.push_back({from, to, static_cast<int64_t>(rng() % 6), static_cast<int64_t>(rng() % 21) - 8, 0});
      }
    }
    CostScaling s = Make(nodes, arcs);
    ASSERT_TRUE(s.Run());
    ExpectCertified(s, nodes, arcs);
    EXPECT_EQ(TotalCost(s, arcs), ReferenceCost(nodes, arcs));
    if (::testing::Test::HasFailure()) {
      ADD_FAILURE() << "round " << round;
      return;
    }
  }
}

// As the allocation's phases use it: solve, fix the arcs with non-zero reduced cost, change every cost, solve
// again from the flow and the last potentials; each run certified and compared with NetworkSimplex.
TEST(CostScaling, RandomPhasesFromTheLastFlowAndPricesAreCertified) {
  std::mt19937_64 rng(23);
  for (int round = 0; round < 200; ++round) {
    const int nodes = 2 + static_cast<int>(rng() % 14);
    std::vector<Arc> arcs;
    const int count = static_cast<int>(rng() % (5 * nodes));
    for (int i = 0; i < count; ++i) {
      const int from = static_cast<int>(rng() % nodes), to = static_cast<int>(rng() % nodes);
      if (from == to) continue;
      arcs.push_back({from, to, 1 + static_cast<int64_t>(rng() % 5), static_cast<int64_t>(rng() % 7) - 2, 0});
    }
    CostScaling s = Make(nodes, arcs);
    ASSERT_TRUE(s.Run());
    ExpectCertified(s, nodes, arcs);
    EXPECT_EQ(TotalCost(s, arcs), ReferenceCost(nodes, arcs));
    std::vector<int64_t> prices(nodes);
    for (int v = 0; v < nodes; ++v) prices[v] = s.potential(v);
    for (size_t i = 0; i < arcs.size(); ++i) {
      const int a = static_cast<int>(i);
      arcs[i].flow = s.flow(a);
      if (!s.fixed(a) && s.reduced_cost(a) != 0) {
        s.Fix(a);
        arcs[i].fixed = true;
      }
      arcs[i].cost = static_cast<int64_t>(rng() % 40) - 10;
      s.SetCost(a, arcs[i].cost);
    }
    ASSERT_TRUE(s.Run(prices));
    ExpectCertified(s, nodes, arcs);
    EXPECT_EQ(TotalCost(s, arcs), ReferenceCost(nodes, arcs));
    if (::testing::Test::HasFailure()) {
      ADD_FAILURE() << "round " << round;
      return;
    }
  }
}

}  // namespace
}  // namespace kin::match
