// Properties over seeded random cities: capacity never exceeded, no infeasible pair, determinism, greedy never
// better than optimal, and pruning never changes the optimum (compared with the full graph of feasible pairs).
#include <gtest/gtest.h>

#include <map>

#include "match/allocate.h"
#include "match/prepared.h"
#include "match/simulate_city.h"

namespace kin::match {
namespace {

struct Instance {
  int needs, helpers;
  double scarcity;
  uint64_t seed;
};

const Instance kInstances[] = {
    {60, 30, 0.5, 1}, {200, 80, 1.0, 2}, {300, 100, 2.0, 3}, {400, 150, 4.0, 4},
    {250, 250, 0.8, 5}, {500, 120, 1.5, 6}, {150, 40, 1.0, 7}, {600, 300, 1.2, 8},
};

Problem City(const Instance& i) {
  CityOptions o;
  o.needs = i.needs;
  o.helpers = i.helpers;
  o.scarcity = i.scarcity;
  o.seed = i.seed;
  Problem p = SimulateCity(o);
  // Some confirmed and declined pairs, so the properties hold with people's decisions too.
  for (size_t n = 0; n < p.needs.size() && n < 40; n += 7) {
    p.declined.push_back({p.needs[n].id, p.helpers[n % p.helpers.size()].id});
  }
  return p;
}

Allocation Must(const Problem& p, const Options& o, Method m = Method::kOptimal) {
  Result<Allocation> a = Allocate(p, o, m);
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return a.ok() ? *a : Allocation{};
}

void ExpectValid(const Problem& problem, const Allocation& a, const char* what) {
  Options o;
  Result<Prepared> p = Prepared::Make(problem, o);
  ASSERT_TRUE(p.ok());
  std::vector<Units> used(problem.helpers.size(), 0), met(problem.needs.size(), 0);
  for (const Suggestion& s : a.suggestions) {
    used[s.helper] += s.units;
    met[s.need] += s.units;
    EXPECT_GT(s.units, 0) << what;
    if (!s.locked) {
      EXPECT_EQ(p->Check(s.need, s.helper, nullptr), Stage::kFeasible) << what;
    }
  }
  for (size_t h = 0; h < used.size(); ++h) {
    EXPECT_LE(problem.helpers[h].current_load + used[h], problem.helpers[h].capacity) << what << " helper " << h;
  }
  for (size_t n = 0; n < met.size(); ++n) EXPECT_LE(met[n], problem.needs[n].quantity) << what;
  Units unmet = 0;
  for (const Unmet& u : a.unmet) unmet += u.units;
  EXPECT_EQ(a.terms.units_met + unmet, a.terms.units_requested) << what;
}

TEST(AllocatorProperties, NeverExceedsCapacityNorProposesAnInfeasiblePair) {
  for (const Instance& i : kInstances) {
    Problem p = City(i);
    ExpectValid(p, Must(p, {}), "optimal");
    ExpectValid(p, Must(p, {}, Method::kGreedy), "greedy");
  }
}

TEST(AllocatorProperties, PruningNeverChangesTheOptimum) {
  for (const Instance& i : kInstances) {
    Problem p = City(i);
    Options full;
    full.prune = false;
    Allocation all = Must(p, full);
    for (int k : {1, 2, 4, 8}) {
      Options pruned;
      pruned.candidates_per_need = k;
      Allocation a = Must(p, pruned);
      EXPECT_TRUE(SameObjective(a.terms, all.terms))
          << "seed " << i.seed << " k " << k << ": " << a.terms.priority_met << "/" << a.terms.load_cost << "/"
          << a.terms.travel_units << " vs full " << all.terms.priority_met << "/" << all.terms.load_cost << "/"
          << all.terms.travel_units;
    }
    Options two;
    two.force_two_phase = true;
    two.candidates_per_need = 3;
    EXPECT_TRUE(SameObjective(Must(p, two).terms, all.terms)) << "two-phase, seed " << i.seed;
  }
}

TEST(AllocatorProperties, GreedyNeverBeatsOptimal) {
  for (const Instance& i : kInstances) {
    Problem p = City(i);
    Allocation optimal = Must(p, {}), greedy = Must(p, {}, Method::kGreedy);
    EXPECT_FALSE(Better(greedy.terms, optimal.terms)) << "seed " << i.seed;
    EXPECT_GE(optimal.terms.priority_met, greedy.terms.priority_met) << "seed " << i.seed;
  }
}

TEST(AllocatorProperties, SameSeedSameResult) {
  Problem a = City(kInstances[2]), b = City(kInstances[2]);
  Allocation x = Must(a, {}), y = Must(b, {});
  ASSERT_EQ(x.suggestions.size(), y.suggestions.size());
  for (size_t i = 0; i < x.suggestions.size(); ++i) {
    EXPECT_EQ(x.suggestions[i].need, y.suggestions[i].need);
    EXPECT_EQ(x.suggestions[i].helper, y.suggestions[i].helper);
    EXPECT_EQ(x.suggestions[i].units, y.suggestions[i].units);
  }
  EXPECT_EQ(a.needs[10].place, b.needs[10].place);
}

TEST(AllocatorProperties, ReoptimisingKeepsWhatWasConfirmed) {
  Problem p = City(kInstances[1]);
  Allocation first = Must(p, {});
  // Confirm every other suggestion, decline one, and re-optimise.
  for (size_t i = 0; i < first.suggestions.size(); i += 2) {
    const Suggestion& s = first.suggestions[i];
    p.locked.push_back({p.needs[s.need].id, p.helpers[s.helper].id, s.units});
  }
  const Suggestion& refused = first.suggestions[1];
  p.declined.push_back({p.needs[refused.need].id, p.helpers[refused.helper].id});
  Allocation second = Must(p, {});
  size_t locked = 0;
  for (const Suggestion& s : second.suggestions) {
    if (s.locked) ++locked;
    if (!s.locked) {
      EXPECT_FALSE(s.need == refused.need && s.helper == refused.helper);
    }
  }
  EXPECT_EQ(locked, p.locked.size());
  ExpectValid(p, second, "re-optimised");
}

TEST(AllocatorProperties, FairnessTwoEqualHelpersShareEvenly) {
  CityOptions o;
  o.needs = 24;
  o.helpers = 0;
  Problem p = SimulateCity(o);
  for (Need& n : p.needs) {
    n.category = "groceries";
    n.quantity = 1;
    n.languages.clear();
    n.requirements.clear();
  }
  for (int i = 0; i < 2; ++i) {
    Helper h;
    h.id.value = "h" + std::to_string(i);
    h.categories = {"groceries"};
    h.capacity = 100;
    h.base = o.centre;
    h.radius_km = 200;
    p.helpers.push_back(h);
  }
  Allocation a = Must(p, {});
  EXPECT_EQ(a.terms.units_met, 24);
  EXPECT_EQ(a.terms.max_load, 12);
}

}  // namespace
}  // namespace kin::match
