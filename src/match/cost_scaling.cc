#include "match/cost_scaling.h"

#include <algorithm>
#include <limits>

namespace kin::match {
namespace {

constexpr int64_t kAlpha = 16;  // epsilon shrinks by this factor per refine (8 and 32 measured no better)

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

}  // namespace

CostScaling::CostScaling(int nodes) : nodes_(nodes) {
  price_.assign(nodes_, 0);
  excess_.assign(nodes_, 0);
  potential_.assign(nodes_, 0);
  current_.assign(nodes_, 0);
  distance_.assign(nodes_, 0);
  queued_.assign(nodes_, 0);
  queue_.assign(nodes_ + 1, 0);
}

int CostScaling::AddArc(int from, int to, int64_t capacity, int64_t cost, int64_t flow) {
  from_.push_back(from);
  to_.push_back(to);
  capacity_.push_back(capacity);
  cost_.push_back(cost);
  flow_.push_back(flow);
  fixed_.push_back(0);
  return static_cast<int>(from_.size() - 1);
}

void CostScaling::SetCost(int arc, int64_t cost) { cost_[arc] = cost; }

void CostScaling::Fix(int arc) { fixed_[arc] = 1; }

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

// The residual graph of the free arcs only: fixed arcs (most of them, in phase 3) cost no scanning.
void CostScaling::Build() {
  const size_t arcs = from_.size();
  first_.assign(nodes_ + 1, 0);
  size_t free = 0;
  for (size_t a = 0; a < arcs; ++a) {
    if (fixed_[a]) continue;
    ++free;
    ++first_[from_[a] + 1];
    ++first_[to_[a] + 1];
  }
  for (int v = 0; v < nodes_; ++v) first_[v + 1] += first_[v];
  std::vector<int32_t> at(first_.begin(), first_.end() - 1);
  head_.resize(2 * free);
  reverse_.resize(2 * free);
  residual_.resize(2 * free);
  scaled_cost_.resize(2 * free);
  position_.assign(arcs, -1);
  const int64_t scale = nodes_ + 1;
  for (size_t a = 0; a < arcs; ++a) {
    if (fixed_[a]) continue;
    const int32_t f = at[from_[a]]++, r = at[to_[a]]++;
    head_[f] = to_[a];
    head_[r] = from_[a];
    reverse_[f] = r;
    reverse_[r] = f;
    position_[a] = f;
    residual_[f] = capacity_[a] - flow_[a];
    residual_[r] = flow_[a];
    scaled_cost_[f] = cost_[a] * scale;
    scaled_cost_[r] = -cost_[a] * scale;
  }
}

bool CostScaling::Run(const std::vector<int64_t>& start) {
  Build();
  const int64_t scale = nodes_ + 1;
  for (int v = 0; v < nodes_; ++v) {
    price_[v] = start.empty() ? 0 : start[v] * scale;
    excess_[v] = 0;
  }
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
  const bool optimal = ExactDuals();
  for (size_t a = 0; a < from_.size(); ++a) {
    if (position_[a] >= 0) flow_[a] = residual_[reverse_[position_[a]]];
  }
  return optimal;
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
  PriceUpdate(epsilon);
  head_index_ = tail_index_ = 0;
  for (int u = 0; u < nodes_; ++u) {
    current_[u] = first_[u];
    if (excess_[u] > 0) Enqueue(u);
  }
  relabels_since_update_ = 0;
  while (head_index_ != tail_index_) {
    const int u = Dequeue();
    Discharge(u, epsilon);
    if (relabels_since_update_ > nodes_) {  // a third as often or three times as often: slower
      // Global price update: restart the queue from the new prices (every active node stays queued).
      relabels_since_update_ = 0;
      PriceUpdate(epsilon);
      for (int v = 0; v < nodes_; ++v) current_[v] = first_[v];
    }
  }
}

// Goldberg's global price update: with arc lengths floor(reduced cost / epsilon) + 1 on residual arcs, each
// node's distance d to the nearest node with a deficit (Dial's buckets, backwards from the deficits); lowering
// every price by epsilon * d keeps epsilon-optimality and leaves an admissible path from every node with excess
// to a deficit. Nodes farther than the last bucket scanned when every excess has been reached drop by one more.
void CostScaling::PriceUpdate(int64_t epsilon) {
  ++stats_.price_updates;
  constexpr int32_t kUnreached = std::numeric_limits<int32_t>::max();
  int64_t active = 0;
  for (int v = 0; v < nodes_; ++v) {
    distance_[v] = kUnreached;
    if (excess_[v] > 0) ++active;
  }
  if (active == 0) return;
  const int32_t limit = nodes_;  // longer paths are never needed: relabels take over
  for (auto& b : buckets_) b.clear();
  if (buckets_.empty()) buckets_.resize(1);
  for (int v = 0; v < nodes_; ++v) {
    if (excess_[v] < 0) {
      distance_[v] = 0;
      buckets_[0].push_back(v);
    }
  }
  int32_t level = 0;
  for (; level < static_cast<int32_t>(buckets_.size()) && active > 0; ++level) {
    for (size_t i = 0; i < buckets_[level].size(); ++i) {  // by index: the buckets may grow meanwhile
      const int32_t w = buckets_[level][i];
      if (distance_[w] != level) continue;  // stale entry
      if (excess_[w] > 0) --active;
      const int64_t pw = price_[w];
      for (int32_t b = first_[w]; b < first_[w + 1]; ++b) {
        const int32_t r = reverse_[b];  // the arc v -> w
        if (residual_[r] <= 0) continue;
        const int32_t v = head_[b];
        const int64_t rc = scaled_cost_[r] + price_[v] - pw;
        const int64_t length = rc < 0 ? 0 : rc / epsilon + 1;
        const int64_t d = level + length;
        if (d >= distance_[v] || d > limit) continue;
        distance_[v] = static_cast<int32_t>(d);
        if (static_cast<size_t>(d) >= buckets_.size()) buckets_.resize(d + 1);
        buckets_[d].push_back(v);
      }
    }
  }
  // Every node with d <= level - 1 is final; the rest are at least `level` away.
  for (int v = 0; v < nodes_; ++v) {
    const int64_t d = distance_[v] < level ? distance_[v] : level;
    price_[v] -= epsilon * d;
  }
}

void CostScaling::Discharge(int u, int64_t epsilon) {
  while (excess_[u] > 0) {
    const int32_t end = first_[u + 1];
    int32_t a = current_[u];
    for (; a < end; ++a) {
      if (residual_[a] <= 0) continue;
      const int32_t v = head_[a];
      if (scaled_cost_[a] + price_[u] - price_[v] >= 0) continue;
      // Look ahead: a node without a deficit and without an admissible arc would only send the flow back;
      // relabel it first, and push only if the arc is still admissible.
      if (excess_[v] >= 0 && !HasAdmissible(v, epsilon) && scaled_cost_[a] + price_[u] - price_[v] >= 0) continue;
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
    if (!Relabel(u, epsilon)) return;  // no residual arc: cannot happen when the starting flow was feasible
  }
}

// True when v has an admissible arc (advancing its current arc to it); else relabels v and returns false.
bool CostScaling::HasAdmissible(int v, int64_t epsilon) {
  const int32_t end = first_[v + 1];
  const int64_t pv = price_[v];
  for (int32_t b = current_[v]; b < end; ++b) {
    if (residual_[b] > 0 && scaled_cost_[b] + pv - price_[head_[b]] < 0) {
      current_[v] = b;
      return true;
    }
  }
  Relabel(v, epsilon);
  return false;
}

// Lowers u's price until its cheapest residual arc is admissible (reduced cost -epsilon), which becomes the
// current arc. False when u has no residual arc.
bool CostScaling::Relabel(int u, int64_t epsilon) {
  const int32_t end = first_[u + 1];
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
  stats_.scanned += end - first_[u];
  if (best_arc < 0) return false;
  price_[u] = best - epsilon;
  current_[u] = best_arc;
  ++relabels_since_update_;
  ++stats_.relabels;
  return true;
}

bool CostScaling::ExactDuals() {
  // Rounded scaled prices violate each residual arc by at most one unit; label correcting (FIFO) from them
  // converges to feasible potentials because the flow is optimal (no negative residual cycle). A node taken
  // from the queue more than `nodes` times proves a negative cycle (Bellman-Ford): the flow was not optimal.
  const int64_t scale = nodes_ + 1;
  for (int v = 0; v < nodes_; ++v) potential_[v] = FloorDiv(price_[v], scale);
  std::vector<int32_t> passes(nodes_, 0);
  head_index_ = tail_index_ = 0;
  for (int v = 0; v < nodes_; ++v) Enqueue(v);
  while (head_index_ != tail_index_) {
    const int u = Dequeue();
    ++stats_.dual_passes;
    if (++passes[u] > nodes_) {
      while (head_index_ != tail_index_) Dequeue();
      return false;
    }
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
  return true;
}

}  // namespace kin::match
