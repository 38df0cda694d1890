// Properties over seeded random cities: capacity never exceeded, no infeasible pair, determinism, greedy never
// better than optimal, and pruning never changes the optimum (compared with the full graph of feasible pairs).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <numbers>
#include <string>

#include "match/allocate.h"
#include "match/pair_filter.h"
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
    full.lemon_simplex = true;
    full.augmenting_phase1 = false;  // LEMON's NetworkSimplex alone: the reference
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
    Options own_full;  // the engine's own NetworkSimplex on the full graph
    own_full.prune = false;
    EXPECT_TRUE(SameObjective(Must(p, own_full).terms, all.terms)) << "own simplex, full graph, seed " << i.seed;
    Options two;
    two.lemon_simplex = true;
    two.force_two_phase = true;
    two.candidates_per_need = 3;
    EXPECT_TRUE(SameObjective(Must(p, two).terms, all.terms)) << "two-phase, seed " << i.seed;
  }
}

// A city that stresses what pruning and pricing must get right: confirmed pairings (they count against
// capacity and shift every later load level), declined pairs, needs of several units split between helpers,
// and helpers carrying more than the top load level (the flat block of load arcs).
Problem HardCity(uint64_t seed) {
  CityOptions o;
  o.needs = 150 + static_cast<int>(seed * 61 % 250);
  o.helpers = 40 + static_cast<int>(seed * 37 % 120);
  o.scarcity = 0.4 + static_cast<double>(seed % 4) * 0.5;
  o.seed = seed;
  Problem p = SimulateCity(o);
  for (size_t n = 0; n < p.needs.size(); n += 5) p.needs[n].quantity = 2 + static_cast<Units>(n % 5);
  for (size_t h = 0; h < p.helpers.size(); h += 4) {
    p.helpers[h].capacity = 12 + static_cast<Units>(h % 9);
    p.helpers[h].current_load = static_cast<Units>(h % 7);
  }
  Options defaults;
  Result<Prepared> prepared = Prepared::Make(p, defaults);
  EXPECT_TRUE(prepared.ok());
  std::vector<Units> left(p.helpers.size());
  for (size_t h = 0; h < left.size(); ++h) left[h] = p.helpers[h].capacity - p.helpers[h].current_load;
  for (size_t n = 0; n < p.needs.size(); n += 6) {
    for (size_t h = 0; h < p.helpers.size(); ++h) {
      if (left[h] <= 0 || prepared->Check(static_cast<int>(n), static_cast<int>(h), nullptr) != Stage::kFeasible) {
        continue;
      }
      const Units units = std::min<Units>({left[h], p.needs[n].quantity, 1 + static_cast<Units>(n % 2)});
      p.locked.push_back({p.needs[n].id, p.helpers[h].id, units});
      left[h] -= units;
      break;
    }
  }
  for (size_t n = 3; n < p.needs.size(); n += 9) {
    p.declined.push_back({p.needs[n].id, p.helpers[(n * 13) % p.helpers.size()].id});
  }
  return p;
}

std::string Show(const ObjectiveTerms& t) {
  return std::to_string(t.priority_met) + "/" + std::to_string(t.load_cost) + "/" + std::to_string(t.travel_units);
}

TEST(AllocatorProperties, SameOptimumAsTheFullGraphWithDecisionsSplitsAndHeavyLoads) {
  int split_needs = 0, above_top_level = 0;
  for (uint64_t seed = 31; seed < 39; ++seed) {
    Problem p = HardCity(seed);
    ASSERT_FALSE(p.locked.empty());
    for (Units levels : {16, 3}) {  // 3: many helpers carry more than the top level
      Options full;
      full.prune = false;
      full.lemon_simplex = true;
    full.augmenting_phase1 = false;  // LEMON's NetworkSimplex alone: the reference
      full.load_levels = levels;
      Allocation all = Must(p, full);
      ExpectValid(p, all, "full graph");
      std::map<int, int> helpers_per_need;
      for (const Suggestion& x : all.suggestions) {
        if (!x.locked) ++helpers_per_need[x.need];
        if (x.helper_load_after > levels) ++above_top_level;
      }
      for (const auto& [need, helpers] : helpers_per_need) split_needs += helpers > 1;
      struct Variant {
        int k, margin;
        bool two_phase, augmenting;
      };
      // One phase (two_phase false): the engine's own NetworkSimplex, warm-started; the others LEMON's.
      for (Variant v : {Variant{1, 0, false, false}, Variant{3, 5, false, false}, Variant{16, 5, false, false},
                        Variant{2, 1000, false, false}, Variant{2, -40, false, false}, Variant{0, 0, false, false},
                        Variant{4, 0, true, false}, Variant{4, 5, true, false},  // phase 1 by NetworkSimplex
                        Variant{1, 0, true, true}, Variant{4, 0, true, true}, Variant{4, 5, true, true},
                        Variant{16, 5, true, true}, Variant{2, 1000, true, true},
                        Variant{0, 0, true, true}}) {  // phase 1 by augmenting paths
        Options pruned;
        pruned.load_levels = levels;
        pruned.candidates_per_need = v.k;
        pruned.prune = v.k > 0;  // 0: the full graph
        pruned.pricing_margin = v.margin;
        pruned.lemon_simplex = v.two_phase;
        pruned.force_two_phase = v.two_phase;
        pruned.augmenting_phase1 = v.augmenting;
        Allocation a = Must(p, pruned);
        ExpectValid(p, a, "pruned");
        EXPECT_TRUE(SameObjective(a.terms, all.terms))
            << "seed " << seed << " levels " << levels << " k " << v.k << " margin " << v.margin << " two-phase "
            << v.two_phase << " augmenting " << v.augmenting << ": " << Show(a.terms)
            << " rounds " << a.stats.pricing_rounds << " vs full "
            << Show(all.terms);
      }
    }
  }
  // The cities do stress what they are meant to.
  EXPECT_GT(split_needs, 10);
  EXPECT_GT(above_top_level, 10);
}

TEST(AllocatorProperties, WithoutPricingThePrunedGraphMissesTheOptimum) {
  // The comparison above can fail: with pricing off, the K nearest helpers alone give a worse objective on
  // these cities, so a pricing that stopped too early would be caught.
  int worse = 0;
  for (uint64_t seed = 31; seed < 39; ++seed) {
    Problem p = HardCity(seed);
    Options full;
    full.prune = false;
    full.lemon_simplex = true;
    full.augmenting_phase1 = false;
    Options unpriced;
    unpriced.candidates_per_need = 1;
    unpriced.max_pricing_rounds = 0;
    if (Better(Must(p, full).terms, Must(p, unpriced).terms)) ++worse;
  }
  EXPECT_GE(worse, 4);
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

// One need of many units whose only candidate (K = 1) is the nearest helper; every other helper has one unit and
// a radius a couple of metres beyond its distance (or short of it), in every direction and ring: pricing must
// find each one in reach, however its bounds skip cells, blocks and helpers by radius and distance. Spaced
// 61 m apart many share a block; 900 m apart (out to 144 km) most blocks hold one, so a block's largest radius
// is as tight as a helper's.
TEST(AllocatorProperties, PricingFindsHelpersAtTheEdgeOfTheirReach) {
  for (const double spacing_m : {61.0, 900.0}) {
    CityOptions o;
    o.needs = 1;
    o.helpers = 1;
    Problem p = SimulateCity(o);
    const LatLon centre = o.centre;
    Need& need = p.needs[0];
    need.place = centre;
    need.quantity = 200;
    need.languages.clear();
    need.requirements.clear();
    Helper model = p.helpers[0];
    model.categories = {need.category};
    model.capacity = 1;
    model.current_load = 0;
    model.languages.clear();
    model.availability.clear();
    p.helpers.clear();
    int reachable = 0;
    for (int i = 0; i < 160; ++i) {
      Helper h = model;
      h.id = OfferId{"edge" + std::to_string(i)};
      const double distance = i == 0 ? 50 : 200 + i * spacing_m, bearing = i * 2.39996;  // golden angle
      const double north = distance * std::cos(bearing), east = distance * std::sin(bearing);
      h.base = {centre.lat + north / 111195.0,
                centre.lon + east / (111195.0 * std::cos(centre.lat * std::numbers::pi / 180))};
      const double exact = DistanceMeters(centre, h.base);
      const bool reach = i == 0 || i % 7 != 3;  // every seventh falls 2 m short
      h.radius_km = (reach ? exact + 2 : exact - 2) / 1000;
      reachable += reach;
      p.helpers.push_back(h);
    }
    Options full;
    full.prune = false;
    full.augmenting_phase1 = false;
    const Allocation all = Must(p, full);
    ASSERT_EQ(all.terms.units_met, reachable);
    for (bool two_phase : {false, true}) {
      for (int margin : {0, 5}) {
        Options pruned;
        pruned.candidates_per_need = 1;
        pruned.force_two_phase = two_phase;
        pruned.pricing_margin = margin;
        const Allocation a = Must(p, pruned);
        ExpectValid(p, a, "edge of reach");
        EXPECT_EQ(a.terms.units_met, reachable)
            << "spacing " << spacing_m << " two-phase " << two_phase << " margin " << margin;
        EXPECT_TRUE(SameObjective(a.terms, all.terms)) << Show(a.terms) << " vs full " << Show(all.terms);
      }
    }
  }
}

TEST(Prepared, FeasibleAgreesWithCheck) {
  Problem problem = City({300, 150, 1.0, 61});
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

// Pricing rules pairs out by PairFilter before Prepared::Feasible: it must never rule out a feasible pair, and its
// distance must never exceed the exact one (else a pair within the helper's reach, or one that improves, would
// be skipped). Cities far north and south too, where degrees of longitude are short.
TEST(Prepared, PairFilterNeverRulesOutAFeasiblePair) {
  for (const LatLon centre : {LatLon{40.4168, -3.7038}, LatLon{69.65, 18.96}, LatLon{-33.87, 151.21}}) {
    CityOptions o;
    o.needs = 600;
    o.helpers = 300;
    o.seed = 62;
    o.centre = centre;
    Problem problem = SimulateCity(o);
    Options options;
    Result<Prepared> p = Prepared::Make(problem, options);
    ASSERT_TRUE(p.ok());
    int feasible = 0, ruled_out = 0;
    for (int h = 0; h < o.helpers; ++h) {
      const PairFilter filter = PairFilter::Of(p->helpers()[h]);
      for (int n = 0; n < o.needs; ++n) {
        if (!(p->helpers()[h].categories >> p->needs()[n].category & 1)) continue;
        const double bound = filter.DistanceLowerBound(PlaceRad::Of(p->needs()[n].place));
        double d = -1;
        if (p->Feasible(n, h, &d)) {
          ++feasible;
          ASSERT_TRUE(filter.MayBeFeasible(p->needs()[n])) << n << " " << h;
          ASSERT_LE(bound, d) << n << " " << h;
          EXPECT_GT(bound, d - 1.1) << n << " " << h;  // and close to it
        } else if (!filter.MayBeFeasible(p->needs()[n]) || bound > filter.radius_m) {
          ++ruled_out;
        }
      }
    }
    EXPECT_GT(feasible, 1000);
    EXPECT_GT(ruled_out, 10000);  // it does rule out pairs
  }
}

}  // namespace
}  // namespace kin::match
