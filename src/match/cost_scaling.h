// Min-cost circulation by cost scaling (Goldberg's push-relabel with epsilon scaling, FIFO refine), started
// from a feasible flow and, optionally, from prices of an earlier solve. Made for phases 2 and 3 of the
// allocation (load, then travel): small integer costs, a flow already feasible from the phase before.
//
// Arcs have a capacity, a cost and a flow; the solver moves flow only around cycles, so whatever supplies the
// starting flow meets stay met. Arcs can be fixed (kept at their flow), which is how a phase is restricted to
// the arcs with zero reduced cost in the phase before. After Run() the flow is optimal and potential() holds
// exact optimal duals in LEMON's convention: the reduced cost cost + potential(from) - potential(to) is >= 0 on
// every free arc that can carry more and <= 0 on every free arc that can carry less.
//
// Storage is flat (forward star with the reverse residual arc's index), costs are multiplied by nodes + 1 so
// that an epsilon of 1 at the end means optimal. Exact duals come from a label-correcting pass on the residual
// graph started at the rounded scaled prices (each arc then violates by at most one unit, so it is short).
#ifndef KIN_MATCH_COST_SCALING_H_
#define KIN_MATCH_COST_SCALING_H_

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace kin::match {

struct CostScalingStats {
  int64_t refines = 0, pushes = 0, relabels = 0, price_updates = 0, dual_passes = 0;
  int64_t scanned = 0;  // arcs scanned by relabels
};

class CostScaling {
 public:
  explicit CostScaling(int nodes);

  // Adds arc from -> to; its flow starts at `flow` (0..capacity). Returns the arc's id (0, 1, ...). All arcs
  // must be added before the first Run(). Costs must stay within +-2^31.
  int AddArc(int from, int to, int64_t capacity, int64_t cost, int64_t flow);
  // Changes an arc's cost before the next Run().
  void SetCost(int arc, int64_t cost);
  // Keeps the arc at its current flow in every later Run().
  void Fix(int arc);

  // Takes duals found elsewhere (e.g. by the phase before, solved another way) for reduced_cost() until the
  // next Run().
  void SetPotentials(std::vector<int64_t> potentials) { potential_ = std::move(potentials); }

  // Runs to optimality. `start` (optional, size nodes, else empty): potentials from an earlier solve, in the
  // same convention; epsilon then starts at their largest violation instead of the largest cost. Returns
  // whether the duals certify the flow optimal: always, unless the starting flow broke a capacity or the
  // solver has a bug (the dual pass then finds a negative cycle and stops instead of looping).
  bool Run(const std::vector<int64_t>& start = {});

  int nodes() const { return nodes_; }
  int64_t flow(int arc) const { return flow_[arc]; }
  int64_t cost(int arc) const { return cost_[arc]; }
  bool fixed(int arc) const { return fixed_[arc] != 0; }
  int64_t potential(int node) const { return potential_[node]; }
  int64_t reduced_cost(int arc) const { return cost_[arc] + potential_[from_[arc]] - potential_[to_[arc]]; }
  const CostScalingStats& stats() const { return stats_; }

 private:
  void Build();
  void Refine(int64_t epsilon);
  void Discharge(int u, int64_t epsilon);
  void PriceUpdate(int64_t epsilon);
  bool HasAdmissible(int v, int64_t epsilon);
  bool Relabel(int u, int64_t epsilon);
  bool ExactDuals();
  void Enqueue(int v);
  int Dequeue();

  const int nodes_;
  // Arcs as given.
  std::vector<int32_t> from_, to_;
  std::vector<int64_t> capacity_, cost_, flow_;
  std::vector<char> fixed_;
  // Residual graph of the free arcs (forward star), rebuilt by each Run(): arc a's forward residual arc is
  // position_[a] (-1 when fixed), its reverse reverse_[that].
  std::vector<int32_t> first_, head_, reverse_, position_;
  std::vector<int64_t> residual_, scaled_cost_;
  std::vector<int64_t> price_, excess_, potential_;
  std::vector<int32_t> current_, queue_;
  std::vector<char> queued_;
  std::vector<int32_t> distance_;
  std::vector<std::vector<int32_t>> buckets_;
  int64_t relabels_since_update_ = 0;
  size_t head_index_ = 0, tail_index_ = 0;
  CostScalingStats stats_;
};

}  // namespace kin::match

#endif  // KIN_MATCH_COST_SCALING_H_
