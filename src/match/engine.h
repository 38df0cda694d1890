// Internal: the pieces Allocate() puts together. Not part of the public API.
#ifndef KIN_MATCH_ENGINE_H_
#define KIN_MATCH_ENGINE_H_

#include <vector>

#include "match/candidates.h"
#include "match/model.h"
#include "match/prepared.h"

namespace kin::match {

// The optimum: candidate generation, min-cost flow per component, pricing of left-out pairs until none can
// improve. Returns new suggestions (not locked ones).
Result<std::vector<Suggestion>> SolveOptimal(const Prepared& p, const HelperIndex& index, SolveStats* stats);
// LEMON NetworkSimplex per component: on the full graph (prune = false), else with pricing (optimal.cc).
Result<std::vector<Suggestion>> SolveWithNetworkSimplex(const Prepared& p, const HelperIndex& index,
                                                        SolveStats* stats);

// First come first served: needs by waiting time (then input order), each taking the nearest feasible helpers
// with capacity left.
std::vector<Suggestion> SolveGreedy(const Prepared& p, const HelperIndex& index);

// Why no helper can take (more of) `need`: the last filter that still left helpers, else capacity.
UnmetReason ExplainUnmet(const Prepared& p, const HelperIndex& index, int need);

// Fills in explanations, merges pairs, orders suggestions (locked first), lists unmet needs with reasons and
// computes the terms.
Allocation Assemble(const Prepared& p, const HelperIndex& index, std::vector<Suggestion> suggestions,
                    SolveStats stats);

ObjectiveTerms Evaluate(const Prepared& p, const std::vector<Suggestion>& suggestions);

}  // namespace kin::match

#endif  // KIN_MATCH_ENGINE_H_
