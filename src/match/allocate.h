// The allocation engine's entry points. Pure and deterministic: the same problem and options give the same
// allocation, byte for byte. Thread-compatible: calls share nothing.
//
// Objective, in order (docs/allocation.md says it in plain words):
//   1. maximise the priority of units met (urgency x waiting, per unit; see Reward());
//   2. never exceed a helper's remaining capacity (a hard constraint);
//   3. spread load: the k-th unit a helper carries this period costs min(k, load_levels);
//   4. least travel (great-circle distance from the helper's base, per unit).
// Locked pairings are kept and count against capacity; declined pairs are never proposed.
#ifndef KIN_MATCH_ALLOCATE_H_
#define KIN_MATCH_ALLOCATE_H_

#include <vector>

#include "core/status.h"
#include "match/model.h"
#include "match/options.h"

namespace kin::match {

enum class Method {
  kOptimal,  // exact optimum of the objective (min-cost flow, pruned candidates, certified by pricing)
  kGreedy,   // first come first served (longest waiting first), nearest helper with capacity left
};

// Errors: kInvalid naming item and field (see ValidateProblem); kTooLarge if exact 128-bit costs cannot hold
// (never for input that validates at the sizes a hub has).
Result<Allocation> Allocate(const Problem& problem, const Options& options, Method method = Method::kOptimal);

// The objective's terms of any set of suggestions (locked ones included or not): used to compare methods.
// Precondition: `problem` is valid and suggestions refer to its items.
ObjectiveTerms EvaluateTerms(const Problem& problem, const Options& options,
                             const std::vector<Suggestion>& suggestions);

struct NeedSuggestions {
  std::vector<Suggestion> suggestions;  // best first; together they cover as many units as capacity allows
  Units unmet = 0;                      // units no helper with capacity left can take
  UnmetReason reason = UnmetReason::kCapacityUsedUp;  // meaningful when unmet > 0
};

// Quick suggestions for one need (typically just posted) given the current allocation, without reshuffling
// anything: helpers with capacity left after `current`'s suggestions, ranked by the objective (lowest load
// level, then travel). Linear in the number of helpers: well under a second for 50,000.
// Precondition: `need` indexes problem.needs; `current` was computed for `problem` (or its prefix) and its
// suggestions do not include `need`.
Result<NeedSuggestions> SuggestForNeed(const Problem& problem, const Allocation& current, int need,
                                       const Options& options);

}  // namespace kin::match

#endif  // KIN_MATCH_ALLOCATE_H_
