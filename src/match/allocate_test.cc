// Small problems whose optimum is checked by hand.
#include "match/allocate.h"

#include <gtest/gtest.h>

#include <map>

#include "match/test_util.h"

namespace kin::match {
namespace {

using testing::At;
using testing::Km;
using testing::MakeHelper;
using testing::MakeNeed;
using testing::MakeProblem;

// need id -> helper id -> units (new suggestions only).
std::map<std::string, std::map<std::string, Units>> Pairs(const Problem& p, const Allocation& a) {
  std::map<std::string, std::map<std::string, Units>> out;
  for (const Suggestion& s : a.suggestions) {
    if (!s.locked) out[p.needs[s.need].id.value][p.helpers[s.helper].id.value] += s.units;
  }
  return out;
}

Allocation Solve(const Problem& p, Options o = {}) {
  Result<Allocation> a = Allocate(p, o);
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return a.ok() ? *a : Allocation{};
}

UnmetReason OnlyReason(const Allocation& a) {
  EXPECT_EQ(a.unmet.size(), 1u);
  return a.unmet.empty() ? UnmetReason::kCapacityUsedUp : a.unmet[0].reason;
}

TEST(Allocator, PicksTheNearerHelper) {
  Problem p = MakeProblem();
  p.needs = {MakeNeed("n1", Km(0, 0))};
  p.helpers = {MakeHelper("far", Km(3, 0)), MakeHelper("near", Km(1, 0))};
  Allocation a = Solve(p);
  EXPECT_EQ(Pairs(p, a)["n1"]["near"], 1);
  ASSERT_EQ(a.suggestions.size(), 1u);
  EXPECT_NEAR(a.suggestions[0].distance_m, 1000, 5);
}

TEST(Allocator, SpreadsLoadBeforeSavingTravel) {
  Problem p = MakeProblem();
  p.needs = {MakeNeed("n1", Km(0, 0)), MakeNeed("n2", Km(0, 0.1))};
  p.helpers = {MakeHelper("near", Km(0.5, 0), 2), MakeHelper("far", Km(4, 0), 2)};
  Allocation a = Solve(p);
  auto pairs = Pairs(p, a);
  EXPECT_EQ(a.terms.helpers_used, 2);
  EXPECT_EQ(a.terms.max_load, 1);
  EXPECT_EQ(a.terms.load_cost, 2);  // 1 + 1, not 1 + 2
  // The nearer of the two needs to "far" goes there? Both are 4 km away; either way one each.
  EXPECT_EQ(pairs["n1"].size() + pairs["n2"].size(), 2u);
}

TEST(Allocator, PrefersAnIdleHelperToALoadedOne) {
  Problem p = MakeProblem();
  p.needs = {MakeNeed("n1", Km(0, 0))};
  Helper busy = MakeHelper("busy", Km(0.2, 0), 5);
  busy.current_load = 2;
  p.helpers = {busy, MakeHelper("idle", Km(2, 0), 5)};
  EXPECT_EQ(Pairs(p, Solve(p))["n1"]["idle"], 1);
}

TEST(Allocator, MostUrgentFirstWhenScarce) {
  Problem p = MakeProblem();
  p.needs = {MakeNeed("low", Km(0, 0), Urgency::kLow), MakeNeed("critical", Km(2, 0), Urgency::kCritical)};
  p.helpers = {MakeHelper("h", Km(0, 0), 1)};
  Allocation a = Solve(p);
  EXPECT_EQ(Pairs(p, a)["critical"]["h"], 1);
  EXPECT_EQ(OnlyReason(a), UnmetReason::kCapacityUsedUp);
  EXPECT_EQ(p.needs[a.unmet[0].need].id.value, "low");
}

TEST(Allocator, LongestWaitingFirstAtEqualUrgency) {
  Problem p = MakeProblem();
  p.now = At(24 * 10);
  p.needs = {MakeNeed("new", Km(0, 0)), MakeNeed("old", Km(1, 0))};
  p.needs[0].waiting_since = At(24 * 9);
  p.needs[0].window = {At(24 * 10), At(24 * 11)};
  p.needs[1].window = {At(24 * 10), At(24 * 11)};
  p.helpers = {MakeHelper("h", Km(0, 0), 1)};
  Allocation a = Solve(p);
  EXPECT_EQ(Pairs(p, a)["old"]["h"], 1);
  EXPECT_GT(a.suggestions[0].waited_days, 5);
}

TEST(Allocator, ReroutesAlongAnAlternatingPath) {
  // n1 can use A or B; n2 only A (B is out of reach). Each has one unit: both must be met.
  Problem p = MakeProblem();
  p.needs = {MakeNeed("n1", Km(0, 0)), MakeNeed("n2", Km(-3, 0))};
  p.helpers = {MakeHelper("A", Km(-1, 0), 1, 5), MakeHelper("B", Km(1.5, 0), 1, 2)};
  Allocation a = Solve(p);
  auto pairs = Pairs(p, a);
  EXPECT_EQ(pairs["n1"]["B"], 1);
  EXPECT_EQ(pairs["n2"]["A"], 1);
  EXPECT_TRUE(a.unmet.empty());
}

TEST(Allocator, SplitsAQuantityAcrossHelpers) {
  Problem p = MakeProblem();
  p.needs = {MakeNeed("n1", Km(0, 0), Urgency::kNormal, 3)};
  p.helpers = {MakeHelper("a", Km(1, 0), 2), MakeHelper("b", Km(2, 0), 2)};
  Allocation a = Solve(p);
  auto pairs = Pairs(p, a);
  EXPECT_EQ(pairs["n1"]["a"] + pairs["n1"]["b"], 3);
  EXPECT_EQ(a.terms.needs_fully_met, 1);
  EXPECT_EQ(a.terms.load_cost, 1 + 2 + 1);
}

TEST(Allocator, KeepsLockedAndNeverProposesDeclined) {
  Problem p = MakeProblem();
  p.needs = {MakeNeed("n1", Km(0, 0)), MakeNeed("n2", Km(0, 0))};
  p.helpers = {MakeHelper("a", Km(1, 0), 1), MakeHelper("b", Km(2, 0), 1)};
  p.locked = {{NeedId{"n2"}, OfferId{"a"}, 1}};
  p.declined = {{NeedId{"n1"}, OfferId{"b"}}};
  Allocation a = Solve(p);
  ASSERT_FALSE(a.suggestions.empty());
  EXPECT_TRUE(a.suggestions[0].locked);
  EXPECT_TRUE(Pairs(p, a)["n1"].empty());
  // "a" could take n1 but its one unit is confirmed for n2; "b" declined.
  EXPECT_EQ(OnlyReason(a), UnmetReason::kCapacityUsedUp);
}

struct ReasonCase {
  const char* name;
  void (*change)(Problem&);
  UnmetReason reason;
};

TEST(Allocator, ExplainsEachUnmetNeed) {
  const ReasonCase cases[] = {
      {"category", [](Problem& p) { p.needs[0].category = "childcare"; }, UnmetReason::kNoCategory},
      {"reach", [](Problem& p) { p.needs[0].place = Km(20, 0); }, UnmetReason::kOutOfReach},
      {"window", [](Problem& p) { p.helpers[0].availability = {{At(30), At(40)}}; }, UnmetReason::kWindowTooTight},
      {"short window", [](Problem& p) { p.helpers[0].availability = {{At(1), At(1) + std::chrono::minutes(20)}}; },
       UnmetReason::kWindowTooTight},
      {"language", [](Problem& p) { p.needs[0].languages = {"ar"}; p.helpers[0].languages = {"es"}; },
       UnmetReason::kNoLanguage},
      {"car", [](Problem& p) { p.needs[0].requirements = {"car"}; }, UnmetReason::kRequirement},
      {"declined", [](Problem& p) { p.declined = {{NeedId{"n1"}, OfferId{"h"}}}; }, UnmetReason::kDeclined},
      {"full", [](Problem& p) { p.helpers[0].current_load = 1; }, UnmetReason::kCapacityUsedUp},
  };
  for (const ReasonCase& c : cases) {
    Problem p = MakeProblem();
    p.needs = {MakeNeed("n1", Km(0, 0))};
    p.helpers = {MakeHelper("h", Km(1, 0))};
    c.change(p);
    Allocation a = Solve(p);
    EXPECT_EQ(OnlyReason(a), c.reason) << c.name;
  }
}

TEST(Allocator, InterpretationReplacesASharedLanguage) {
  Problem p = MakeProblem();
  p.needs = {MakeNeed("n1", Km(0, 0))};
  p.needs[0].languages = {"ar"};
  p.needs[0].interpretation = true;
  p.helpers = {MakeHelper("h", Km(1, 0))};
  p.helpers[0].languages = {"es"};
  EXPECT_EQ(Pairs(p, Solve(p))["n1"]["h"], 1);
}

TEST(Allocator, VehicleMeetsCarRequirement) {
  Problem p = MakeProblem();
  p.needs = {MakeNeed("n1", Km(0, 0))};
  p.needs[0].requirements = {"car"};
  p.helpers = {MakeHelper("walker", Km(0.5, 0)), MakeHelper("driver", Km(2, 0))};
  p.helpers[1].vehicle = true;
  EXPECT_EQ(Pairs(p, Solve(p))["n1"]["driver"], 1);
}

TEST(Allocator, GreedyServesFirstComeEvenWhenThatMeetsFewer) {
  // "early" can use A or B, "late" only A. Greedy gives early the nearest (A); the optimum uses B for early.
  Problem p = MakeProblem();
  p.now = At(48);
  p.needs = {MakeNeed("early", Km(0, 0)), MakeNeed("late", Km(-3, 0))};
  p.needs[0].waiting_since = At(0);
  p.needs[1].waiting_since = At(24);
  for (Need& n : p.needs) n.window = {At(48), At(72)};
  p.helpers = {MakeHelper("A", Km(-0.5, 0), 1, 5), MakeHelper("B", Km(1.5, 0), 1, 2)};
  Result<Allocation> greedy = Allocate(p, {}, Method::kGreedy);
  ASSERT_TRUE(greedy.ok());
  Allocation optimal = Solve(p);
  EXPECT_EQ(greedy->terms.units_met, 1);
  EXPECT_EQ(optimal.terms.units_met, 2);
  EXPECT_TRUE(Better(optimal.terms, greedy->terms));
}

TEST(Allocator, TwoPhaseGivesTheSameOptimum) {
  Problem p = MakeProblem();
  for (int i = 0; i < 6; ++i) p.needs.push_back(MakeNeed("n" + std::to_string(i), Km(i * 0.7, 0)));
  p.needs[2].urgency = Urgency::kCritical;
  for (int i = 0; i < 3; ++i) p.helpers.push_back(MakeHelper("h" + std::to_string(i), Km(i * 1.5, 0.5), 1 + i % 2));
  Options two;
  two.lemon_simplex = true;
  two.force_two_phase = true;
  Allocation a = Solve(p), b = Solve(p, two);
  EXPECT_TRUE(SameObjective(a.terms, b.terms));
  EXPECT_TRUE(b.stats.two_phase);
  EXPECT_TRUE(a.stats.proven_optimal);
  EXPECT_TRUE(b.stats.proven_optimal);
}

TEST(Allocator, AResultPricingWasStoppedBeforeProvingSaysSo) {
  Problem p = MakeProblem();
  for (int i = 0; i < 8; ++i) p.needs.push_back(MakeNeed("n" + std::to_string(i), Km(i * 0.3, 0)));
  for (int i = 0; i < 4; ++i) p.helpers.push_back(MakeHelper("h" + std::to_string(i), Km(i * 0.6, 0.2), 2));
  Options stopped;
  stopped.candidates_per_need = 1;  // pricing has pairs to add
  stopped.max_pricing_rounds = 0;
  EXPECT_FALSE(Solve(p, stopped).stats.proven_optimal);
  stopped.max_pricing_rounds = 50;
  EXPECT_TRUE(Solve(p, stopped).stats.proven_optimal);
}

TEST(Allocator, WithoutHelpersOrNeedsTheSolverStillRuns) {
  // The one-graph solver has only the sink and the needs, or only the sink and the helpers.
  Problem p = MakeProblem();
  p.needs = {MakeNeed("n1", Km(0, 0))};
  Allocation no_helpers = Solve(p);
  EXPECT_TRUE(no_helpers.suggestions.empty());
  ASSERT_EQ(no_helpers.unmet.size(), 1u);
  p.needs.clear();
  p.helpers = {MakeHelper("a", Km(0, 0), 1)};
  Allocation no_needs = Solve(p);
  EXPECT_TRUE(no_needs.suggestions.empty());
  EXPECT_TRUE(no_needs.unmet.empty());
}

TEST(SuggestForNeed, RanksHelpersWithCapacityLeft) {
  Problem p = MakeProblem();
  p.needs = {MakeNeed("n1", Km(0, 0)), MakeNeed("new", Km(0, 0))};
  p.helpers = {MakeHelper("a", Km(0.5, 0), 1), MakeHelper("b", Km(3, 0), 2)};
  Allocation current = Solve(p);  // n1 -> a (nearest); new also gets one, but pretend it was just posted:
  current.suggestions.erase(std::remove_if(current.suggestions.begin(), current.suggestions.end(),
                                           [&](const Suggestion& s) { return s.need == 1; }),
                            current.suggestions.end());
  Result<NeedSuggestions> s = SuggestForNeed(p, current, 1, {});
  ASSERT_TRUE(s.ok());
  ASSERT_FALSE(s->suggestions.empty());
  EXPECT_EQ(s->unmet, 0);
  int used_by_n1 = -1;
  for (const Suggestion& x : current.suggestions) if (x.need == 0) used_by_n1 = x.helper;
  EXPECT_NE(s->suggestions[0].helper, used_by_n1);
}

TEST(SuggestForNeed, SaysWhyNot) {
  Problem p = MakeProblem();
  p.needs = {MakeNeed("n1", Km(0, 0))};
  p.needs[0].category = "rides";
  p.helpers = {MakeHelper("a", Km(0.5, 0), 1)};
  Result<NeedSuggestions> s = SuggestForNeed(p, Allocation{}, 0, {});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->unmet, 1);
  EXPECT_EQ(s->reason, UnmetReason::kNoCategory);
}

}  // namespace
}  // namespace kin::match
