// Settings of the allocation engine. Every default works out of the box.
#ifndef KIN_MATCH_OPTIONS_H_
#define KIN_MATCH_OPTIONS_H_

#include <array>
#include <functional>
#include <string_view>

#include "match/model.h"

namespace kin::match {

struct Options {
  // Candidate pairs kept per need before pricing (the K nearest feasible helpers). Pricing against the duals
  // adds any other pair that could improve the objective, so the result is the optimum of the full graph.
  int candidates_per_need = 16;
  // false: give the solver every feasible pair (the full graph). Same optimum, slower; for tests and benches.
  bool prune = true;
  double travel_unit_m = 100;     // resolution of travel in the objective: distances round to this
  Units load_levels = 16;         // the k-th unit a helper carries this period costs min(k, load_levels)
  std::array<Priority, 4> urgency_weight{1, 2, 4, 8};  // low, normal, high, critical
  int wait_cap_days = 14;         // waiting raises priority by 1/wait_cap_days per day, up to double
  double grid_cell_m = 1000;      // largest spatial index cell; down to a quarter for dense categories, enlarged
                                  // automatically for very wide areas
  // Solve with LEMON's NetworkSimplex, one per connected component, from scratch in every pricing round, in one
  // phase or (large components) two: the independent reference the tests and the bench compare with. The two
  // options below apply to it only. false: the engine's own NetworkSimplex on one graph, one phase, 128-bit
  // costs, resumed after each pricing round (network_simplex.h).
  bool lemon_simplex = false;
  bool force_two_phase = false;   // solve priority first, then load and travel, even when one phase fits (tests)
  // In two phases, solve phase 1 (priority) by greedy augmenting paths over the priority classes
  // (priority_flow.h) and NetworkSimplex only for load and travel. false: NetworkSimplex for both phases (the
  // reference the tests and the bench compare with). One-phase solves (small components) are not affected.
  bool augmenting_phase1 = true;
  // Pricing also adds left-out pairs whose reduced cost is below this many travel units (not only negative
  // ones): solving moves the duals, and pairs that almost improve now often improve after the next solve, so
  // adding them early saves whole rounds. Exactness does not depend on it: the engine stops only when no pair
  // prices negative. With the warm-started simplex, the arcs in node order and the one-phase cap, 1 measured
  // fastest at 50,000 and 100,000 needs (100,000: 10.4 s against 10.5 to 11.1 s with 2, 11.5 s with 3; 0 takes 8
  // rounds) and the same as 2 at 10,000 and 20,000 (docs/allocation.md).
  int pricing_margin = 1;         // negative counts as 0
  int max_pricing_rounds = 50;    // safety stop (never seen): SolveStats::proven_optimal is then false
  // Called with a short stage name as work proceeds (the CLI prints it on large inputs). May be empty.
  std::function<void(std::string_view stage)> progress;
};

}  // namespace kin::match

#endif  // KIN_MATCH_OPTIONS_H_
