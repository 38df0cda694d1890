// Exact lexicographic min-cost flow by successive shortest paths (Dijkstra on reduced costs), with warm start:
// arcs can be added after a solve and only the part of the flow they affect is re-routed.
//
// Graph: need -> helper (candidate arcs, cost: travel), need -> sink ("unmet", cost: priority x S_P), and one
// convex arc per helper -> sink whose k-th unit costs min(k, load_levels) x S_L (kept implicitly: no parallel
// arcs). Costs, distances and potentials are 128-bit integers with S_L = U*T + 1 and S_P = U*(L*S_L + T) + 1
// (U: all units that can move, T: largest travel of one unit + 1, L: load levels), so the optimum is exactly
// the lexicographic one (priority, then load, then travel) and nothing can overflow for any valid input.
//
// Invariant between calls: every residual arc has a non-negative reduced cost
//   rc(u, v) = cost(u, v) + potential(u) - potential(v),
// so the potentials are an optimality certificate: a left-out pair (n, h) with travel t could improve the flow
// only if t + potential(n) - potential(h) < 0 (see optimal.cc).
#ifndef KIN_MATCH_SSP_SOLVER_H_
#define KIN_MATCH_SSP_SOLVER_H_

#include <cstdint>
#include <set>
#include <vector>

#include "match/candidates.h"
#include "match/prepared.h"

namespace kin::match {

using Wide = __int128;

class SspSolver {
 public:
  explicit SspSolver(const Prepared& p);

  // Appends candidate arcs (feasible pairs not given before). Arcs whose reduced cost is negative under the
  // current potentials are saturated; the next Solve() re-routes the excess this creates.
  void AddArcs(const std::vector<CandidateArc>& arcs);
  // Routes every unit of supply: afterwards the flow is optimal on the arcs given so far.
  void Solve();
  // Moves each node's potential as far as the invariant allows in the direction that makes left-out pairs
  // price higher (helpers down, needs up), so pricing adds fewer arcs. Keeps the invariant.
  void Tighten();

  size_t arc_count() const { return arcs_.size(); }
  const CandidateArc& arc(size_t a) const { return arcs_[a].pair; }
  Units flow(size_t a) const { return arcs_[a].flow; }
  // Reduced cost of a pair (n, h) with travel t that is not an arc: negative means it could improve the flow.
  Wide ReducedCost(int n, int h, TravelUnits t) const { return Wide{t} + pi_[n] - pi_[need_count_ + h]; }
  Wide need_potential(int n) const { return pi_[n]; }
  Wide helper_potential(int h) const { return pi_[need_count_ + h]; }
  int64_t searches() const { return searches_; }  // shortest-path searches run so far
  int64_t scanned() const { return scanned_; }    // nodes settled by them

 private:
  struct Arc {
    CandidateArc pair;
    Units cap = 0;
    Units flow = 0;
  };
  enum class Via : uint8_t { kNone, kArc, kArcBack, kLoad, kLoadBack, kUnmet, kUnmetBack };

  void BuildAdjacency();
  bool Search(int source);  // one shortest path from `source` to a node with a deficit, then augment
  Wide LoadCost(int h, Units k) const;  // cost of the k-th unit (1-based, counted from load_before) of helper h
  Wide SinkKey(int v) const;            // sink -> v arc cost minus potential(v); meaningful when InSinkSet(v)
  bool HasSinkArc(int v) const;
  void UpdateSinkSet(int v);

  const Prepared& p_;
  const int need_count_, helper_count_, sink_;
  Wide s_load_ = 0, s_priority_ = 0;
  std::vector<Arc> arcs_;
  std::vector<int64_t> need_first_;
  std::vector<int32_t> need_arcs_;
  std::vector<Units> added_;    // per helper: units taken in this allocation
  std::vector<std::vector<int32_t>> flowing_;  // per helper: arcs with flow into it
  std::vector<Units> unmet_;    // per need: units sent to "unmet"
  std::vector<int64_t> excess_; // per node: supply not yet routed (negative: deficit)
  std::vector<Wide> pi_;
  // Sink's outgoing residual arcs (to helpers that can give a unit back, needs with unmet units), by key; kept
  // only while routing excess left by added arcs, when the sink is an ordinary node of the search.
  bool sink_set_on_ = false;
  std::set<std::pair<Wide, int>> sink_set_;
  std::vector<Wide> sink_key_;
  std::vector<char> in_sink_set_;
  // Search state, reused.
  std::vector<Wide> dist_;
  std::vector<int32_t> done_, seen_;
  std::vector<int32_t> pred_ref_;
  std::vector<Via> pred_via_;
  std::vector<int> settled_;
  int32_t epoch_ = 0;
  int64_t searches_ = 0, scanned_ = 0;
};

}  // namespace kin::match

#endif  // KIN_MATCH_SSP_SOLVER_H_
