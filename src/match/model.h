// The allocation engine's input and output: needs, helpers, the decisions people already made, and the
// suggestions the engine returns. Plain values; no I/O, no clock (the caller passes `now`).
#ifndef KIN_MATCH_MODEL_H_
#define KIN_MATCH_MODEL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/geo.h"
#include "core/ids.h"
#include "core/need.h"
#include "core/time.h"

namespace kin::match {

using Units = int32_t;     // a quantity in the helper's own unit (rides, meals, hours); never money
using Priority = int64_t;  // weight of one unit of a need met: urgency times waiting (see Reward())
using Minutes = int32_t;

inline constexpr Units kMaxUnits = 10000;          // largest quantity or capacity accepted
inline constexpr int64_t kMaxTotalUnits = 1000000000;  // largest sum of quantities, or of capacities, accepted
inline constexpr double kMaxRadiusKm = 200;        // largest helper radius accepted

struct Need {
  NeedId id;
  std::string category;                   // one of Problem::categories
  Units quantity = 1;                     // 1..kMaxUnits units; units may come from different helpers
  Urgency urgency = Urgency::kNormal;
  TimeWindow window;                      // when help is useful; end > start
  Minutes minutes = 30;                   // how long the task takes; a helper's window must overlap this long
  LatLon place;                           // approximate place (cell centre is fine)
  std::vector<std::string> languages;     // languages the person speaks; empty: any
  bool interpretation = false;            // someone can interpret: no shared language needed
  std::vector<std::string> requirements;  // e.g. "car", "step-free"; each must be a helper skill ("car": vehicle)
  Timestamp waiting_since{};              // when the need was posted
};

struct Helper {  // an offer or a volunteer
  OfferId id;
  std::vector<std::string> categories;    // non-empty, each one of Problem::categories
  Units capacity = 1;                     // per period, in the helper's own unit: 0..kMaxUnits
  Units current_load = 0;                 // already committed this period outside this problem: 0..capacity
  std::vector<std::string> skills;        // e.g. "step-free", "wheelchair lift"
  std::vector<std::string> languages;
  LatLon base;                            // approximate
  double radius_km = 3;                   // (0, kMaxRadiusKm]: how far from `base` the helper goes
  std::vector<TimeWindow> availability;   // empty: any time
  bool vehicle = false;                   // satisfies the requirement "car"
};

// A pairing a person confirmed: the engine keeps it and counts it against the helper's capacity.
struct Locked {
  NeedId need;
  OfferId helper;
  Units units = 1;
};

// A pairing a person declined: the engine never proposes it again.
struct Declined {
  NeedId need;
  OfferId helper;
};

struct Problem {
  std::vector<std::string> categories;  // the categories this hub uses
  std::vector<Need> needs;
  std::vector<Helper> helpers;
  std::vector<Locked> locked;
  std::vector<Declined> declined;
  Timestamp now{};  // for waiting times
};

// Why a need (or some of its units) got no suggestion: the first filter that left no helper, in this order.
enum class UnmetReason {
  kNoCategory,      // nobody offers this category
  kOutOfReach,      // helpers offer it, but none within their radius of the place
  kWindowTooTight,  // helpers within reach, but none available long enough inside the time window
  kNoLanguage,      // none of those speaks a language the person speaks (and no interpretation)
  kRequirement,     // none of those meets a requirement (car, step-free...)
  kDeclined,        // every helper that could has declined
  kCapacityUsedUp,  // helpers could, but their capacity went to needs ranked higher (or was already full)
};
const char* UnmetReasonName(UnmetReason r);  // snake_case, e.g. "capacity_used_up"

// One suggestion: `units` of need `need` from helper `helper` (indices into Problem), with the reasons.
struct Suggestion {
  int need = 0;
  int helper = 0;
  Units units = 0;
  bool locked = false;             // a confirmed pairing passed in, not a new proposal
  double distance_m = 0;           // great-circle, helper base to need place
  std::vector<std::string> shared_languages;  // empty with interpretation or when the need names none
  Priority priority = 0;           // per unit; see Reward()
  int64_t waited_days = 0;
  Units helper_load_after = 0;     // helper's load this period including this suggestion and all before it
};

struct Unmet {
  int need = 0;
  Units units = 0;  // units left without a helper
  UnmetReason reason = UnmetReason::kCapacityUsedUp;
};

// The objective's terms, in priority order. Locked pairings are included in loads, not in the other terms.
struct ObjectiveTerms {
  Priority priority_met = 0;       // (1) sum over suggested units of their priority: maximised
  Units units_met = 0;
  Units units_requested = 0;       // units still open before allocation (after locked)
  int64_t needs_fully_met = 0;
  int64_t needs_open = 0;          // needs with units open before allocation
  int64_t load_cost = 0;           // (3) sum over helpers of the marginal load costs of suggested units
  Units max_load = 0;              // most units any helper carries, locked and current load included
  int64_t helpers_used = 0;
  int64_t travel_units = 0;        // (4) sum over suggested units of distance in travel units
  double travel_km = 0;            // the same in km (per unit, not per trip)
  int64_t longest_wait_unmet_days = 0;  // longest wait among needs left with any unit unmet
  Priority priority_unmet = 0;
};

// True when `a` is strictly better than `b` by the lexicographic objective (priority, then load, then travel).
bool Better(const ObjectiveTerms& a, const ObjectiveTerms& b);
// True when equal on the three optimised terms.
bool SameObjective(const ObjectiveTerms& a, const ObjectiveTerms& b);

struct SolveStats {
  int64_t candidate_arcs = 0;      // need-helper arcs given to the solver (after pricing)
  int64_t feasible_pairs = -1;     // all feasible pairs, when counted (full mode); -1 otherwise
  int64_t components = 0;          // independent sub-problems solved
  int64_t solver_calls = 0;        // NetworkSimplex runs
  int64_t simplex_pivots = 0;      // pivots of the engine's own NetworkSimplex, over all runs
  int64_t augmenting_calls = 0;    // phase-1 solves by augmenting paths (priority_flow.h)
  int64_t pricing_rounds = 0;      // rounds that checked pruned pairs against the duals
  int64_t arcs_added_by_pricing = 0;
  bool two_phase = false;          // lexicographic solved in two phases (large components)
  // The duals proved the flow optimal over every feasible pair (always without pruning); false only when
  // Options::max_pricing_rounds stopped pricing first.
  bool proven_optimal = false;
};

struct Allocation {
  std::vector<Suggestion> suggestions;  // locked ones first, then by need
  std::vector<Unmet> unmet;             // by need
  ObjectiveTerms terms;
  SolveStats stats;
};

}  // namespace kin::match

#endif  // KIN_MATCH_MODEL_H_
