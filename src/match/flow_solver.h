// Exact lexicographic min-cost flow over a set of candidate arcs. Keeps flows and node potentials (duals) so
// pricing can check pairs that were left out.
//
// Graph: need -> sink ("unmet", capacity = open units, cost = priority), need -> helper (capacity min(open,
// remaining), cost = travel), helper -> sink (one arc per load level: the k-th unit of the period costs
// min(k, load_levels)). Costs are combined as priority*S_P + load*S_L + travel with
//   S_L = U*T + 1          (U: most units the graph can move, T: largest travel of one unit)
//   S_P = U*(L*S_L + T) + 1 (L: load_levels)
// so any gain in priority outweighs every possible load and travel change, and any load gain every travel
// change: the optimum is lexicographic.
//
// Default: the whole problem is one graph solved in one phase by the engine's own NetworkSimplex
// (network_simplex.h) on 128-bit costs, which resumes from its last basis after pricing appends arcs (warm
// start), so re-solves only pivot on what the new arcs change and most potentials stay as they were.
//
// Options::lemon_simplex: one LEMON NetworkSimplex per connected component (the independent reference of the
// tests and the bench). When nodes*max|cost| would pass 2^60 (LEMON's potentials must fit in int64 next to its
// artificial cost of 2^62), it switches to two phases: priority alone, then load and travel on the arcs that keep
// the priority optimal (those with zero reduced cost; the others are fixed). Phase 1 is solved by greedy
// augmenting paths (priority_flow.h) unless Options::augmenting_phase1 is false.
#ifndef KIN_MATCH_FLOW_SOLVER_H_
#define KIN_MATCH_FLOW_SOLVER_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "core/status.h"
#include "match/candidates.h"
#include "match/model.h"
#include "match/network_simplex.h"
#include "match/prepared.h"
#include "match/priority_flow.h"

namespace kin::match {

using Cost = int64_t;
using Potential = __int128;  // combined-cost potentials (one phase): beyond int64 at large sizes

class FlowSolver {
 public:
  // `arcs` may grow between calls to Solve() (pricing appends); the solver keeps a pointer to it.
  FlowSolver(const Prepared& p, const std::vector<CandidateArc>* arcs);

  // Marks the components touching `need` and `helper` for re-solving (after an arc between them was added; the
  // LEMON mode's components).
  void MarkDirty(int need, int helper);
  // Solves the arcs given so far: by default the one graph, resumed from the last basis; with
  // Options::lemon_simplex every component that is new or dirty, from scratch. kTooLarge when the costs cannot
  // be held exactly (128 bits by default; 64 bits even in two phases in the LEMON mode).
  Status Solve(SolveStats* stats);

  bool two_phase() const { return two_phase_; }
  // One phase: the weight of a unit of priority in the combined costs (0 in two phases and before the first
  // solve).
  Potential priority_scale() const { return priority_scale_; }
  Units flow(size_t arc) const { return flow_[arc]; }
  // Potentials relative to the sink. Single phase: combined costs; two phases: phase 2 (load and travel).
  Potential need_potential(int n) const { return need_pot_[n]; }
  Potential helper_potential(int h) const { return helper_pot_[h]; }
  // Phase 1 (priority only) potentials; all zero in single-phase mode.
  Cost need_potential1(int n) const { return need_pot1_[n]; }
  Cost helper_potential1(int h) const { return helper_pot1_[h]; }

 private:
  struct Component {
    std::vector<int> needs, helpers;
    std::vector<int64_t> arcs;
    int64_t units = 0;  // min(open units, remaining capacity)
  };
  std::vector<Component> BuildComponents();
  bool FitsInt64(const std::vector<Component>& components) const;
  void SetScales(int64_t units);
  void SolveComponent(const Component& c, SolveStats* stats);
  void SetIsolatedPotentials();
  // The default: every arc in one graph, one phase, resumed after pricing (flow_solver_simplex.cc).
  Status SolveOneGraph(SolveStats* stats);
  Units ArcCapacity(const CandidateArc& a) const;
  int64_t AddCandidateArc(size_t i);
  void AddCandidateArcs();
  // The candidate arcs' indices in *arcs_, grouped by need: need n's are by_need[first[n] .. first[n + 1]).
  void GroupArcsByNeed(std::vector<int64_t>* first, std::vector<int64_t>* by_need) const;
  void StartGreedily(const std::vector<int64_t>& first_load, const std::vector<int64_t>& first,
                     const std::vector<int64_t>& by_need);
  void NumberNodesInSpaceOrder();

  const Prepared& p_;
  const std::vector<CandidateArc>* arcs_;
  std::vector<Units> flow_;
  std::vector<Potential> need_pot_, helper_pot_;
  std::vector<Cost> need_pot1_, helper_pot1_;
  std::vector<char> need_dirty_, helper_dirty_;
  std::vector<char> need_solved_, helper_solved_;  // part of a component solved at least once
  size_t arcs_seen_ = 0;
  bool two_phase_ = false;
  bool scaled_ = false;
  int64_t scale_units_ = 0;
  Cost travel_max_ = 0, s_load_ = 0, s_priority_ = 0;
  Potential priority_scale_ = 0;
  std::unique_ptr<NetworkSimplex> simplex_;  // the default engine's graph, kept across pricing rounds
  std::vector<int> node_;  // simplex_'s node of need n (at n) and helper h (at needs + h), in Z-order of place
  std::vector<int64_t> arc_index_;  // simplex_'s index of each candidate arc
  std::vector<int64_t> unmet_arc_;  // simplex_'s index of each need's unmet arc
};

}  // namespace kin::match

#endif  // KIN_MATCH_FLOW_SOLVER_H_
