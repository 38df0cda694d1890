// The successive-shortest-path engine against LEMON NetworkSimplex on the full graph, on random cities that
// stress what the engine does differently: warm start after added arcs, the flat top load level (capacities
// above load_levels), multi-unit needs, locked and declined pairs.
#include "match/ssp_solver.h"

#include <gtest/gtest.h>

#include "match/allocate.h"
#include "match/candidates.h"
#include "match/engine.h"
#include "match/simulate_city.h"

namespace kin::match {
namespace {

Problem City(int needs, int helpers, double scarcity, uint64_t seed) {
  CityOptions o;
  o.needs = needs;
  o.helpers = helpers;
  o.scarcity = scarcity;
  o.seed = seed;
  return SimulateCity(o);
}

Options Ssp() {
  Options o;
  o.engine = FlowEngine::kShortestPaths;
  return o;
}

ObjectiveTerms Terms(const Problem& p, const Options& o) {
  Result<Allocation> a = Allocate(p, o);
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return a.ok() ? a->terms : ObjectiveTerms{};
}

void ExpectSameAsFull(const Problem& p, const Options& pruned, const std::string& what) {
  Options full = pruned;
  full.prune = false;
  ObjectiveTerms a = Terms(p, pruned), b = Terms(p, full);
  EXPECT_TRUE(SameObjective(a, b)) << what << ": " << a.priority_met << "/" << a.load_cost << "/"
                                   << a.travel_units << " vs full " << b.priority_met << "/" << b.load_cost << "/"
                                   << b.travel_units;
}

TEST(SspEngine, MatchesTheFullGraphOnRandomCities) {
  for (uint64_t seed = 11; seed < 21; ++seed) {
    const int needs = 80 + static_cast<int>(seed * 37 % 300);
    const int helpers = 20 + static_cast<int>(seed * 53 % 150);
    const double scarcity = 0.3 + static_cast<double>(seed % 5) * 0.6;
    Problem p = City(needs, helpers, scarcity, seed);
    for (size_t n = 3; n < p.needs.size() && n < 60; n += 11) {
      p.declined.push_back({p.needs[n].id, p.helpers[(n * 7) % p.helpers.size()].id});
    }
    for (int k : {1, 3, 8}) {
      Options simplex;
      simplex.candidates_per_need = k;
      ExpectSameAsFull(p, simplex, "simplex, seed " + std::to_string(seed) + " k " + std::to_string(k));
      Options o = Ssp();
      o.candidates_per_need = k;
      ExpectSameAsFull(p, o, "seed " + std::to_string(seed) + " k " + std::to_string(k));
    }
  }
}

TEST(SspEngine, MatchesTheFullGraphAboveTheTopLoadLevel) {
  // Few helpers with large capacities and needs of several units: many units at the flat top level.
  for (uint64_t seed = 31; seed < 35; ++seed) {
    Problem p = City(200, 12, 0.5, seed);
    for (size_t i = 0; i < p.needs.size(); ++i) p.needs[i].quantity = 1 + static_cast<Units>(i % 5);
    for (Helper& h : p.helpers) {
      h.capacity = 40;
      h.radius_km = 15;
    }
    for (int levels : {3, 16}) {
      Options o = Ssp();
      o.candidates_per_need = 2;
      o.load_levels = levels;
      ExpectSameAsFull(p, o, "seed " + std::to_string(seed) + " levels " + std::to_string(levels));
    }
  }
}

TEST(SspEngine, MatchesTheFullGraphWithLockedPairs) {
  Problem p = City(300, 90, 1.5, 41);
  Result<Allocation> first = Allocate(p, Ssp());
  ASSERT_TRUE(first.ok());
  for (size_t i = 0; i < first->suggestions.size(); i += 3) {
    const Suggestion& s = first->suggestions[i];
    p.locked.push_back({p.needs[s.need].id, p.helpers[s.helper].id, s.units});
  }
  Options o = Ssp();
  o.candidates_per_need = 2;
  ExpectSameAsFull(p, o, "locked");
}

TEST(SspEngine, WarmStartEqualsColdStart) {
  Problem problem = City(400, 120, 1.2, 51);
  Options o;
  Result<Prepared> p = Prepared::Make(problem, o);
  ASSERT_TRUE(p.ok());
  HelperIndex index(*p);
  Candidates all = GenerateCandidates(*p, index, 0);
  // Cold: every arc at once. Warm: half the arcs, solve, then the rest (some price negative and are saturated).
  std::vector<CandidateArc> first, second;
  for (size_t i = 0; i < all.arcs.size(); ++i) (i % 2 ? second : first).push_back(all.arcs[i]);
  SspSolver cold(*p), warm(*p);
  cold.AddArcs(all.arcs);
  cold.Solve();
  warm.AddArcs(first);
  warm.Solve();
  warm.AddArcs(second);
  warm.Solve();
  auto suggestions = [](const SspSolver& s) {
    std::vector<Suggestion> out;
    for (size_t a = 0; a < s.arc_count(); ++a) {
      if (s.flow(a) <= 0) continue;
      Suggestion x;
      x.need = s.arc(a).need;
      x.helper = s.arc(a).helper;
      x.units = s.flow(a);
      out.push_back(x);
    }
    return out;
  };
  EXPECT_TRUE(SameObjective(Evaluate(*p, suggestions(cold)), Evaluate(*p, suggestions(warm))));
  // Both sets of potentials certify optimality: no arc of the full graph prices negative with spare capacity.
  for (const SspSolver* s : {&cold, &warm}) {
    for (size_t a = 0; a < s->arc_count(); ++a) {
      const CandidateArc& arc = s->arc(a);
      if (s->flow(a) == 0) {
        EXPECT_GE(s->ReducedCost(arc.need, arc.helper, arc.travel), 0);
      }
    }
  }
}

TEST(Prepared, FeasibleAgreesWithCheck) {
  Problem problem = City(300, 150, 1.0, 61);
  problem.declined.push_back({problem.needs[0].id, problem.helpers[0].id});
  Options o;
  Result<Prepared> p = Prepared::Make(problem, o);
  ASSERT_TRUE(p.ok());
  for (int n = 0; n < 300; ++n) {
    for (int h = 0; h < 150; ++h) {
      double d1 = -1, d2 = -1;
      bool feasible = p->Check(n, h, &d1) == Stage::kFeasible;
      ASSERT_EQ(p->Feasible(n, h, &d2), feasible) << n << " " << h;
      if (feasible) {
        EXPECT_EQ(d1, d2);
      }
    }
  }
}

}  // namespace
}  // namespace kin::match
