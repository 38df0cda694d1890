#include "match/network_simplex.h"

#include <gtest/gtest.h>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <random>

namespace kin::match {
namespace {

using Cost = NetworkSimplex::Cost;

struct Arc {
  int from, to;
  int64_t capacity;
  Cost cost;
};

struct Instance {
  std::vector<int64_t> supply;
  std::vector<Arc> arcs;
};

NetworkSimplex Make(const Instance& in, size_t arcs, int root = -1) {
  NetworkSimplex s(in.supply, root);
  for (size_t i = 0; i < arcs; ++i) s.AddArc(in.arcs[i].from, in.arcs[i].to, in.arcs[i].capacity, in.arcs[i].cost);
  return s;
}

// LEMON's optimum for the first `arcs` arcs (costs must fit int64), or -1 when infeasible.
std::pair<bool, int64_t> Lemon(const Instance& in, size_t arcs) {
  lemon::SmartDigraph g;
  std::vector<lemon::SmartDigraph::Node> node;
  for (size_t v = 0; v < in.supply.size(); ++v) node.push_back(g.addNode());
  lemon::SmartDigraph::ArcMap<int64_t> upper(g), cost(g);
  lemon::SmartDigraph::NodeMap<int64_t> supply(g);
  for (size_t v = 0; v < in.supply.size(); ++v) supply[node[v]] = in.supply[v];
  for (size_t i = 0; i < arcs; ++i) {
    auto a = g.addArc(node[in.arcs[i].from], node[in.arcs[i].to]);
    upper[a] = in.arcs[i].capacity;
    cost[a] = static_cast<int64_t>(in.arcs[i].cost);
  }
  lemon::NetworkSimplex<lemon::SmartDigraph, int64_t, int64_t> ns(g);
  ns.upperMap(upper).costMap(cost).supplyMap(supply);
  if (ns.run() != decltype(ns)::OPTIMAL) return {false, -1};
  return {true, ns.totalCost()};
}

// The certificate of optimality: capacities and every node's balance hold, and every arc's reduced cost is in
// complementary slackness with its flow.
void ExpectCertified(const NetworkSimplex& s, const Instance& in, size_t arcs) {
  std::vector<int64_t> balance(in.supply.size(), 0);
  for (size_t i = 0; i < arcs; ++i) {
    const Arc& a = in.arcs[i];
    const int64_t x = s.flow(static_cast<int64_t>(i));
    ASSERT_GE(x, 0) << "arc " << i;
    ASSERT_LE(x, a.capacity) << "arc " << i;
    balance[a.from] += x;
    balance[a.to] -= x;
    const Cost rc = a.cost + s.potential(a.from) - s.potential(a.to);
    EXPECT_TRUE(rc == s.reduced_cost(static_cast<int64_t>(i)));
    if (rc > 0) {
      EXPECT_EQ(x, 0) << "arc " << i;
    }
    if (rc < 0) {
      EXPECT_EQ(x, a.capacity) << "arc " << i;
    }
  }
  EXPECT_EQ(balance, in.supply);
}

Instance Random(std::mt19937& rng, int nodes, int arcs, int64_t cost_range, bool negative) {
  Instance in;
  in.supply.assign(nodes, 0);
  std::uniform_int_distribution<int> node(0, nodes - 1), units(0, 6), cap(0, 9);
  std::uniform_int_distribution<int64_t> cost(negative ? -cost_range : 0, cost_range);
  for (int k = 0; k < nodes / 2; ++k) {  // move units from one node to another
    const int u = units(rng);
    in.supply[node(rng)] += u;
    in.supply[node(rng)] -= u;
  }
  for (int i = 0; i < arcs; ++i) {
    int a = node(rng), b = node(rng);
    if (a == b) b = (a + 1) % nodes;
    in.arcs.push_back({a, b, cap(rng), cost(rng)});
  }
  return in;
}

TEST(NetworkSimplexTest, TransportsAlongCheapestArcs) {
  // Two sources of 2 and 1 units, two sinks of 2 and 1: 0->2 cost 1, 0->3 cost 5, 1->2 cost 2, 1->3 cost 3.
  // Optimum: 0 sends 2 to node 2 (2), 1 sends 1 to node 3 (3): total 5.
  Instance in{{2, 1, -2, -1}, {{0, 2, 5, 1}, {0, 3, 5, 5}, {1, 2, 5, 2}, {1, 3, 5, 3}}};
  NetworkSimplex s = Make(in, in.arcs.size());
  ASSERT_EQ(s.Run(), NetworkSimplex::Outcome::kOptimal);
  EXPECT_EQ(s.flow(0), 2);
  EXPECT_EQ(s.flow(1), 0);
  EXPECT_EQ(s.flow(2), 0);
  EXPECT_EQ(s.flow(3), 1);
  EXPECT_TRUE(s.total_cost() == 5);
  ExpectCertified(s, in, in.arcs.size());
}

TEST(NetworkSimplexTest, CapacityForcesTheDearerRoute) {
  // 3 units from 0 to 2: direct arc cost 1 capacity 1, detour 0->1->2 cost 2 + 2. Total 1 + 2 x 4 = 9.
  Instance in{{3, 0, -3}, {{0, 2, 1, 1}, {0, 1, 5, 2}, {1, 2, 5, 2}}};
  NetworkSimplex s = Make(in, in.arcs.size());
  ASSERT_EQ(s.Run(), NetworkSimplex::Outcome::kOptimal);
  EXPECT_EQ(s.flow(0), 1);
  EXPECT_EQ(s.flow(1), 2);
  EXPECT_EQ(s.flow(2), 2);
  EXPECT_TRUE(s.total_cost() == 9);
  // The saturated cheap arc has reduced cost <= 0 (it would take more), the detour's arcs 0.
  EXPECT_TRUE(s.reduced_cost(0) <= 0);
  ExpectCertified(s, in, in.arcs.size());
}

TEST(NetworkSimplexTest, NegativeCycleIsSaturatedWithoutSupplies) {
  // No supplies; a cycle 0->1->2->0 of cost -3 with capacity 4 carries 4 units: total -12.
  Instance in{{0, 0, 0}, {{0, 1, 4, -1}, {1, 2, 7, -1}, {2, 0, 9, -1}}};
  NetworkSimplex s = Make(in, in.arcs.size());
  ASSERT_EQ(s.Run(), NetworkSimplex::Outcome::kOptimal);
  EXPECT_EQ(s.flow(0), 4);
  EXPECT_EQ(s.flow(2), 4);
  EXPECT_TRUE(s.total_cost() == -12);
  ExpectCertified(s, in, in.arcs.size());
}

TEST(NetworkSimplexTest, SolvesGraphsWithoutArcsOrNodes) {
  NetworkSimplex none({});
  EXPECT_EQ(none.Run(), NetworkSimplex::Outcome::kOptimal);
  NetworkSimplex alone({0}, 0);
  EXPECT_EQ(alone.Run(), NetworkSimplex::Outcome::kOptimal);
  EXPECT_TRUE(alone.potential(0) == 0);
  NetworkSimplex two({1, -1});  // supplies and no arc to carry them
  EXPECT_EQ(two.Run(), NetworkSimplex::Outcome::kInfeasible);
}

TEST(NetworkSimplexTest, ReportsInfeasibleSupplies) {
  Instance cut{{2, 0, -2}, {{0, 1, 5, 1}}};  // node 2 is unreachable
  NetworkSimplex a = Make(cut, cut.arcs.size());
  EXPECT_EQ(a.Run(), NetworkSimplex::Outcome::kInfeasible);
  Instance narrow{{2, -2}, {{0, 1, 1, 1}}};  // capacity 1 for 2 units
  NetworkSimplex b = Make(narrow, narrow.arcs.size());
  EXPECT_EQ(b.Run(), NetworkSimplex::Outcome::kInfeasible);
  Instance unbalanced{{2, -1}, {{0, 1, 5, 1}}};
  NetworkSimplex c = Make(unbalanced, unbalanced.arcs.size());
  EXPECT_EQ(c.Run(), NetworkSimplex::Outcome::kInfeasible);
  // An arc appended later makes the first one feasible: the warm start repairs it.
  narrow.arcs.push_back({0, 1, 1, 7});
  b.AddArc(0, 1, 1, 7);
  ASSERT_EQ(b.Run(), NetworkSimplex::Outcome::kOptimal);
  EXPECT_TRUE(b.total_cost() == 8);
  ExpectCertified(b, narrow, narrow.arcs.size());
}

TEST(NetworkSimplexTest, WarmStartOnlyPivotsForNewArcs) {
  // An optimum stays optimal when an arc that cannot improve it is appended: no pivot at all.
  Instance in{{2, 1, -2, -1}, {{0, 2, 5, 1}, {0, 3, 5, 5}, {1, 2, 5, 2}, {1, 3, 5, 3}}};
  NetworkSimplex s = Make(in, in.arcs.size());
  ASSERT_EQ(s.Run(), NetworkSimplex::Outcome::kOptimal);
  const int64_t pivots = s.pivots();
  in.arcs.push_back({1, 3, 5, 9});
  s.AddArc(1, 3, 5, 9);
  ASSERT_EQ(s.Run(), NetworkSimplex::Outcome::kOptimal);
  EXPECT_EQ(s.pivots(), pivots);
  // A cheaper one takes the unit: 1 more pivot, cost 2 + 1.
  in.arcs.push_back({1, 3, 5, 1});
  s.AddArc(1, 3, 5, 1);
  ASSERT_EQ(s.Run(), NetworkSimplex::Outcome::kOptimal);
  EXPECT_EQ(s.pivots(), pivots + 1);
  EXPECT_TRUE(s.total_cost() == 3);
  ExpectCertified(s, in, in.arcs.size());
}

TEST(NetworkSimplexTest, ARealRootKeepsPotentialZeroAndUnchangedWhereFlowStays) {
  // Two separate transports into node 4 (the root): 0 -> 4 and 1 -> 2 -> 4. Appending a cheaper 1 -> 4 re-hangs
  // node 1 only: node 0's potential and the root's stay.
  // Capacities 2: the arcs that carry a unit are strictly between their bounds, so they are tree arcs.
  Instance in{{1, 1, 0, 0, -2}, {{0, 4, 2, 3}, {1, 2, 2, 2}, {2, 4, 2, 2}, {0, 3, 2, 9}}};
  NetworkSimplex s = Make(in, in.arcs.size(), 4);
  ASSERT_EQ(s.Run(), NetworkSimplex::Outcome::kOptimal);
  EXPECT_TRUE(s.potential(4) == 0);
  const Cost zero = s.potential(0);
  EXPECT_TRUE(zero == -3);
  in.arcs.push_back({1, 4, 2, 1});
  s.AddArc(1, 4, 2, 1);
  ASSERT_EQ(s.Run(), NetworkSimplex::Outcome::kOptimal);
  EXPECT_TRUE(s.total_cost() == 4);
  EXPECT_TRUE(s.potential(4) == 0);
  EXPECT_TRUE(s.potential(0) == zero);
  EXPECT_TRUE(s.potential(1) == -1);
  ExpectCertified(s, in, in.arcs.size());
}

TEST(NetworkSimplexTest, RandomInstancesMatchLemonAndAreCertified) {
  std::mt19937 rng(7);
  int feasible = 0;
  for (int t = 0; t < 400; ++t) {
    const int nodes = 2 + t % 40;
    const int arcs = nodes * (1 + t % 6);
    Instance in = Random(rng, nodes, arcs, t % 3 == 0 ? 3 : 1000, t % 2 == 0);
    // Every other instance hangs the tree from a real node instead of the artificial root.
    NetworkSimplex s = Make(in, in.arcs.size(), t % 2 == 1 ? t % nodes : -1);
    auto outcome = s.Run();
    auto [ok, cost] = Lemon(in, in.arcs.size());
    ASSERT_EQ(outcome == NetworkSimplex::Outcome::kOptimal, ok) << "instance " << t;
    if (!ok) continue;
    ++feasible;
    EXPECT_TRUE(s.total_cost() == cost) << "instance " << t << ": " << static_cast<int64_t>(s.total_cost())
                                        << " against " << cost;
    ExpectCertified(s, in, in.arcs.size());
  }
  EXPECT_GT(feasible, 100);
}

TEST(NetworkSimplexTest, WarmStartsMatchColdSolves) {
  std::mt19937 rng(11);
  int compared = 0;
  for (int t = 0; t < 300; ++t) {
    const int nodes = 3 + t % 30;
    Instance in = Random(rng, nodes, nodes * 6, t % 4 == 0 ? 2 : 500, t % 3 == 0);
    size_t first = in.arcs.size() / 3;
    NetworkSimplex warm = Make(in, first, t % 2 == 1 ? (t / 2) % nodes : -1);
    warm.Run();
    // Appended in two batches, each followed by a resumed run.
    size_t second = 2 * in.arcs.size() / 3;
    for (size_t i = first; i < second; ++i) {
      warm.AddArc(in.arcs[i].from, in.arcs[i].to, in.arcs[i].capacity, in.arcs[i].cost);
    }
    warm.Run();
    for (size_t i = second; i < in.arcs.size(); ++i) {
      warm.AddArc(in.arcs[i].from, in.arcs[i].to, in.arcs[i].capacity, in.arcs[i].cost);
    }
    auto outcome = warm.Run();
    NetworkSimplex cold = Make(in, in.arcs.size());
    ASSERT_EQ(outcome, cold.Run()) << "instance " << t;
    auto [ok, cost] = Lemon(in, in.arcs.size());
    ASSERT_EQ(outcome == NetworkSimplex::Outcome::kOptimal, ok) << "instance " << t;
    if (!ok) continue;
    ++compared;
    EXPECT_TRUE(warm.total_cost() == cold.total_cost()) << "instance " << t;
    EXPECT_TRUE(warm.total_cost() == cost) << "instance " << t;
    ExpectCertified(warm, in, in.arcs.size());
  }
  EXPECT_GT(compared, 75);
}

TEST(NetworkSimplexTest, StartsFromArcsAtCapacity) {
  // A feasible start: both units on the dear arcs. The simplex moves them to the cheap ones.
  Instance in{{2, 0, -2}, {{0, 2, 2, 9}, {0, 1, 2, 1}, {1, 2, 2, 1}}};
  NetworkSimplex s = Make(in, in.arcs.size());
  s.StartAtCapacity(0);
  ASSERT_EQ(s.Run(), NetworkSimplex::Outcome::kOptimal);
  EXPECT_EQ(s.flow(0), 0);
  EXPECT_EQ(s.flow(1), 2);
  EXPECT_TRUE(s.total_cost() == 4);
  ExpectCertified(s, in, in.arcs.size());
  // Random arcs at capacity, feasible or not as a start: the same optimum as LEMON's.
  std::mt19937 rng(5);
  int compared = 0;
  for (int t = 0; t < 300; ++t) {
    const int nodes = 2 + t % 30;
    Instance r = Random(rng, nodes, nodes * 5, t % 2 == 0 ? 4 : 800, t % 3 == 0);
    NetworkSimplex x = Make(r, r.arcs.size(), t % 3 == 1 ? t % nodes : -1);
    for (size_t i = 0; i < r.arcs.size(); ++i) {
      if ((i * 7 + t) % 4 == 0) x.StartAtCapacity(static_cast<int64_t>(i));
    }
    auto outcome = x.Run();
    auto [ok, cost] = Lemon(r, r.arcs.size());
    ASSERT_EQ(outcome == NetworkSimplex::Outcome::kOptimal, ok) << "instance " << t;
    if (!ok) continue;
    ++compared;
    EXPECT_TRUE(x.total_cost() == cost) << "instance " << t;
    ExpectCertified(x, r, r.arcs.size());
  }
  EXPECT_GT(compared, 75);
}

TEST(NetworkSimplexTest, CostsBeyondInt64) {
  // Every cost times 2^70 (a lexicographic scale far beyond int64, as at 100,000 needs): the optimum is the
  // same flow's cost times 2^70, and the certificate holds in 128 bits.
  std::mt19937 rng(3);
  const Cost scale = static_cast<Cost>(1) << 70;
  for (int t = 0; t < 60; ++t) {
    Instance in = Random(rng, 4 + t % 20, 6 * (4 + t % 20), 100, t % 2 == 0);
    auto [ok, cost] = Lemon(in, in.arcs.size());
    if (!ok) continue;
    Instance big = in;
    // Plus a tie-breaking term below the scale: the optimum of the scaled costs is still LEMON's first term.
    for (Arc& a : big.arcs) a.cost = a.cost * scale + (a.from + 2 * a.to) % 5;
    NetworkSimplex s = Make(big, big.arcs.size());
    ASSERT_EQ(s.Run(), NetworkSimplex::Outcome::kOptimal);
    const Cost total = s.total_cost();
    Cost floor_div = total / scale;
    if (total % scale < 0) --floor_div;
    EXPECT_TRUE(floor_div == cost) << "instance " << t;
    ExpectCertified(s, big, big.arcs.size());
  }
}

}  // namespace
}  // namespace kin::match
