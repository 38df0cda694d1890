// Primal network simplex for min-cost flow that can resume after arcs are appended (warm start).
//
// Costs and potentials are 128-bit integers, so one phase with the allocation's combined lexicographic costs
// (priority x S_P + load x S_L + travel) fits at any size. Lower bounds are 0; every node's supply is fixed at
// construction and supplies must sum to zero. The spanning tree hangs from an artificial root joined to every
// node by an artificial arc (a big M on those that start with flow, 0 on the others; with a real root given,
// every artificial arc costs the big M), kept strongly
// feasible (Cunningham's leaving-arc rule) so degenerate pivots cannot cycle. Entering arcs are found by block
// search (blocks of sqrt(arcs) / 20).
//
// Warm start: after Run(), AddArc() appends arcs at flow 0 outside the tree and Run() resumes from the last
// tree, flows and potentials: the basis is still primal feasible and only the new arcs can price negative (unless
// a new arc's cost raises the big M, which recomputes every potential), so only the pivots they cause are done.
#ifndef KIN_MATCH_NETWORK_SIMPLEX_H_
#define KIN_MATCH_NETWORK_SIMPLEX_H_

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace kin::match {

class NetworkSimplex {
 public:
  using Cost = __int128;
  using Flow = int64_t;

  // `supply[v]` > 0: units node v sends; < 0: units it receives. `root`: a real node to hang the tree from
  // instead of an artificial one (its potential stays 0, and a pivot only changes the potentials of the subtree
  // it re-hangs, which degenerate pivots do too; every artificial arc then costs the big M).
  explicit NetworkSimplex(std::vector<Flow> supply, int root = -1);

  // Appends an arc (capacity >= 0, flow 0 outside the tree) and returns its index, 0, 1, 2... in order.
  int64_t AddArc(int from, int to, Flow capacity, Cost cost);
  void Reserve(size_t arcs);
  // Before the first Run(): the arc starts at its capacity instead of 0 (a start from a good feasible flow, e.g.
  // a greedy one). The artificial arcs take whatever the marked flows leave unbalanced; when they leave nothing,
  // the start is feasible and the artificial arcs never carry flow.
  void StartAtCapacity(int64_t arc);

  enum class Outcome { kOptimal, kInfeasible };
  // Solves to optimality from the current basis. kInfeasible: the supplies cannot be routed (an artificial arc
  // still carries flow); flows and potentials are then those of the big-M problem.
  Outcome Run();

  int nodes() const { return nodes_; }
  int64_t arcs() const { return static_cast<int64_t>(source_.size()) - nodes_; }
  Flow flow(int64_t arc) const { return flow_[nodes_ + arc]; }
  // Optimal duals: every arc's reduced cost cost + potential(from) - potential(to) is >= 0 at flow 0, <= 0 at
  // capacity and 0 in between.
  Cost potential(int node) const { return pi_[node]; }
  Cost reduced_cost(int64_t arc) const;
  int64_t pivots() const { return pivots_; }  // over all runs
  Cost total_cost() const;                   // of the real arcs

 private:
  enum State : int8_t { kUpper = -1, kTree = 0, kLower = 1 };
  Cost Reduced(int64_t e) const { return cost_[e] + pi_[source_[e]] - pi_[target_[e]]; }
  void Init();
  void RaiseArtificialCost();
  void RecomputePotentials();
  int64_t FindEntering();
  void Pivot(int64_t in);

  const int nodes_;                 // real nodes
  const int root_;                  // nodes_ (an artificial node) or the real node given
  std::vector<Flow> supply_;
  // Arcs: the artificial arc of node v is arc v; real arc i is arc nodes_ + i.
  std::vector<int> source_, target_;
  std::vector<Flow> capacity_, flow_;
  std::vector<Cost> cost_;
  std::vector<int8_t> state_;
  std::vector<char> expensive_;     // artificial arcs that started with flow: they cost the big M
  // Tree: parent, the tree arc to it, depth (root 0), preorder thread (circular through the root) and its inverse,
  // and the last node of each subtree in the thread (a subtree is the thread from its root to that node).
  std::vector<int> parent_, depth_, thread_, rev_thread_, last_;
  std::vector<int64_t> pred_;
  std::vector<Cost> pi_;
  Cost art_cost_ = 0, max_cost_ = 0;
  bool started_ = false;
  int64_t next_arc_ = 0, block_ = 10, pivots_ = 0;
  int64_t run_arcs_ = 0;  // arcs at the last Run()
  // Scratch of Pivot(): the stem from u_in up to u_out, and the pieces of the old thread (first, last node) that
  // make the re-hung subtree's new preorder.
  std::vector<int> stem_;
  std::vector<std::pair<int, int>> pieces_;
};

}  // namespace kin::match

#endif  // KIN_MATCH_NETWORK_SIMPLEX_H_
