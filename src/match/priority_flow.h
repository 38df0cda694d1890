// Phase 1 of the lexicographic objective without a general min-cost flow solver: the most total priority that
// can be met. The needs' units a flow can meet form a transversal polymatroid, so the optimum is greedy: take the
// priority classes in descending order and, for each, add as many of its units as augmenting paths allow
// (Dinic-style: a breadth-first layering from the class's needs, then blocking flow along it). Units met earlier
// stay met (augmenting paths only re-route them), which is what makes greedy exact.
//
// The duals come from the final residual graph at no extra cost: with the sink at 0, a node's potential is its
// shortest distance from the sink, and every path from the sink starts with either "unmet unit of need n"
// (cost -priority(n)) or "a unit of a loaded helper" (cost 0) and continues on zero-cost arcs. So labelling
// the residual graph from the unmet needs in descending priority, then from the loaded helpers, gives the
// potentials: a breadth-first pass, no Bellman-Ford.
#ifndef KIN_MATCH_PRIORITY_FLOW_H_
#define KIN_MATCH_PRIORITY_FLOW_H_

#include <cstdint>
#include <vector>

#include "match/model.h"

namespace kin::match {

// One component: needs 0..needs-1 and helpers 0..helpers-1 (local indices), arcs need -> helper.
struct PriorityFlowInput {
  std::vector<Units> open;          // per need: units to meet (> 0)
  std::vector<Priority> priority;   // per need: priority of one unit (> 0)
  std::vector<Units> spare;         // per helper: capacity left (>= 0)
  std::vector<int32_t> arc_need, arc_helper;
  std::vector<Units> arc_capacity;  // per arc (>= 0)
};

struct PriorityFlow {
  std::vector<Units> arc_flow;  // per arc
  std::vector<Units> unmet;     // per need: units left unmet
  // Optimal duals relative to the sink, in LEMON's convention: the reduced cost of arc u -> v with cost c is
  // c + potential(u) - potential(v), non-negative on every arc that could carry more, non-positive on every arc
  // that could carry less. Phase-1 costs: unmet arc need -> sink costs priority, every other arc 0.
  std::vector<int64_t> need_potential, helper_potential;
};

// The flow of most total priority met, with its duals. Deterministic: ties follow input order.
PriorityFlow MaxPriorityFlow(const PriorityFlowInput& in);

}  // namespace kin::match

#endif  // KIN_MATCH_PRIORITY_FLOW_H_
