#include "match/cost_scaling.h"

#include <algorithm>
#include <limits>

namespace kin::match {
namespace {

constexpr int64_t kAlpha = 16;  // epsilon shrinks by this factor per refine

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

}  // namespace

CostScaling::CostScaling(int nodes) : nodes_(nodes) {}

int CostScaling::AddArc(int from, int to, int64_t capacity, int64_t cost, int64_t flow) {
  from_.push_back(from);
  to_.push_back(to);
  capacity_.push_back(capacity);
  cost_.push_back(cost);
  initial_flow_.push_back(flow);
  fixed_.push_back(0);
  return static_cast<int>(from_.size() - 1);
}

void CostScaling::SetCost(int arc, int64_t cost) { cost_[arc] = cost; }

void CostScaling::Fix(int arc) {
  if (fixed_[arc]) return;
  if (built_) {
    const int32_t f = position_[arc], r = reverse_[f];
    initial_flow_[arc] = residual_[r];
    residual_[f] = residual_[r] = 0;
  }
  fixed_[arc] = 1;
}

int64_t CostScaling::flow(int arc) const {
  if (!built_ || fixed_[arc]) return initial_flow_[arc];
  return residual_[reverse_[position_[arc]]];
}

// A ring buffer of nodes + 1 slots: a node is in the queue at most once.
void CostScaling::Enqueue(int v) {
  queued_[v] = 1;
  queue_[tail_index_] = v;
  if (++tail_index_ == queue_.size()) tail_index_ = 0;
}

int CostScaling::Dequeue() {
  const int v = queue_[head_index_];
  if (++head_index_ == queue_.size()) head_index_ = 0;
  queued_[v] = 0;
  return v;
}

void CostScaling::Build() {
  const size_t arcs = from_.size();
  first_.assign(nodes_ + 1, 0);
  for (size_t a = 0; a < arcs; ++a) {
    ++first_[from_[a] + 1];
    ++first_[to_[a] + 1];
  }
  for (int v = 0; v < nodes_; ++v) first_[v + 1] += first_[v];
  std::vector<int32_t> at(first_.begin(), first_.end() - 1);
  head_.resize(2 * arcs);
  reverse_.resize(2 * arcs);
  residual_.resize(2 * arcs);
  scaled_cost_.resize(2 * arcs);
  position_.resize(arcs);
  for (size_t a = 0; a < arcs; ++a) {
    const int32_t f = at[from_[a]]++, r = at[to_[a]]++;
    head_[f] = to_[a];
    head_[r] = from_[a];
    reverse_[f] = r;
    reverse_[r] = f;
    position_[a] = f;
    const bool free = !fixed_[a];
    residual_[f] = free ? capacity_[a] - initial_flow_[a] : 0;
    residual_[r] = free ? initial_flow_[a] : 0;
  }
  price_.assign(nodes_, 0);
  excess_.assign(nodes_, 0);
  potential_.assign(nodes_, 0);
  current_.assign(nodes_, 0);
  queued_.assign(nodes_, 0);
  queue_.assign(nodes_ + 1, 0);
  built_ = true;
}

void CostScaling::Run(const std::vector<int64_t>& start) {
  if (!built_) Build();
  const int64_t scale = nodes_ + 1;
  for (size_t a = 0; a < from_.size(); ++a) {
    scaled_cost_[position_[a]] = cost_[a] * scale;
    scaled_cost_[reverse_[position_[a]]] = -cost_[a] * scale;
  }
  for (int v = 0; v < nodes_; ++v) price_[v] = start.empty() ? 0 : start[v] * scale;
  // The starting flow is epsilon-optimal for its largest violation.
  int64_t epsilon = 0;
  for (int u = 0; u < nodes_; ++u) {
    for (int32_t a = first_[u]; a < first_[u + 1]; ++a) {
      if (residual_[a] > 0) epsilon = std::max(epsilon, -(scaled_cost_[a] + price_[u] - price_[head_[a]]));
    }
  }
  // With costs times (nodes + 1), a 1-optimal flow is optimal.
  while (epsilon > 1) {
    epsilon = std::max<int64_t>(1, epsilon / kAlpha);
    Refine(epsilon);
  }
  ExactDuals();
}

void CostScaling::Refine(int64_t epsilon) {
  ++stats_.refines;
  // Saturate every arc that violates epsilon-optimality; the excesses this leaves are then discharged.
  for (int u = 0; u < nodes_; ++u) {
    for (int32_t a = first_[u]; a < first_[u + 1]; ++a) {
      const int64_t r = residual_[a];
      if (r <= 0 || scaled_cost_[a] + price_[u] - price_[head_[a]] >= -epsilon) continue;
      residual_[a] = 0;
      residual_[reverse_[a]] += r;
      excess_[u] -= r;
      excess_[head_[a]] += r;
    }
  }
  head_index_ = tail_index_ = 0;
  for (int u = 0; u < nodes_; ++u) {
    current_[u] = first_[u];
    if (excess_[u] > 0) Enqueue(u);
  }
  while (head_index_ != tail_index_) Discharge(Dequeue(), epsilon);
}

void CostScaling::Discharge(int u, int64_t epsilon) {
  while (excess_[u] > 0) {
    const int32_t end = first_[u + 1];
    int32_t a = current_[u];
    const int64_t pu = price_[u];
    for (; a < end; ++a) {
      if (residual_[a] <= 0) continue;
      const int32_t v = head_[a];
      if (scaled_cost_[a] + pu - price_[v] >= 0) continue;
      const int64_t delta = std::min(excess_[u], residual_[a]);
      residual_[a] -= delta;
      residual_[reverse_[a]] += delta;
      excess_[u] -= delta;
      excess_[v] += delta;
      ++stats_.pushes;
      if (excess_[v] > 0 && !queued_[v]) Enqueue(v);
      if (excess_[u] == 0) break;
    }
    current_[u] = a;
    if (excess_[u] == 0) return;
    // Relabel: lower u's price until its cheapest residual arc is admissible (reduced cost -epsilon).
    int64_t best = std::numeric_limits<int64_t>::min();
    int32_t best_arc = -1;
    for (int32_t b = first_[u]; b < end; ++b) {
      if (residual_[b] <= 0) continue;
      const int64_t candidate = price_[head_[b]] - scaled_cost_[b];
      if (candidate > best) {
        best = candidate;
        best_arc = b;
      }
    }
    if (best_arc < 0) return;  // no residual arc: cannot happen when the starting flow was feasible
    price_[u] = best - epsilon;
    current_[u] = best_arc;
    ++stats_.relabels;
  }
}

void CostScaling::ExactDuals() {
  // Rounded scaled prices violate each residual arc by at most one unit; label correcting (FIFO) from them
  // converges to feasible potentials because the flow is optimal (no negative residual cycle).
  const int64_t scale = nodes_ + 1;
  for (int v = 0; v < nodes_; ++v) potential_[v] = FloorDiv(price_[v], scale);
  head_index_ = tail_index_ = 0;
  for (int v = 0; v < nodes_; ++v) Enqueue(v);
  while (head_index_ != tail_index_) {
    const int u = Dequeue();
    ++stats_.dual_passes;
    const int64_t pu = potential_[u];
    for (int32_t a = first_[u]; a < first_[u + 1]; ++a) {
      if (residual_[a] <= 0) continue;
      const int32_t v = head_[a];
      const int64_t bound = pu + scaled_cost_[a] / scale;
      if (potential_[v] <= bound) continue;
      potential_[v] = bound;
      if (!queued_[v]) Enqueue(v);
    }
  }
}

}  // namespace kin::match
