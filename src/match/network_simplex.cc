#include "match/network_simplex.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace kin::match {
namespace {

// Capacity of the artificial arcs: more than any real supply can put on them.
constexpr NetworkSimplex::Flow kUnbounded = NetworkSimplex::Flow{1} << 62;

NetworkSimplex::Cost Abs(NetworkSimplex::Cost c) { return c < 0 ? -c : c; }

}  // namespace

NetworkSimplex::NetworkSimplex(std::vector<Flow> supply, int root)
    : nodes_(static_cast<int>(supply.size())),
      root_(root >= 0 && root < nodes_ ? root : nodes_),
      supply_(std::move(supply)) {
  // The artificial arcs; their direction, flow and cost are set by Init().
  source_.assign(nodes_, 0);
  target_.assign(nodes_, 0);
  capacity_.assign(nodes_, kUnbounded);
  flow_.assign(nodes_, 0);
  cost_.assign(nodes_, 0);
  state_.assign(nodes_, kTree);
}

void NetworkSimplex::Reserve(size_t arcs) {
  const size_t n = nodes_ + arcs;
  source_.reserve(n);
  target_.reserve(n);
  capacity_.reserve(n);
  flow_.reserve(n);
  cost_.reserve(n);
  state_.reserve(n);
}

int64_t NetworkSimplex::AddArc(int from, int to, Flow capacity, Cost cost) {
  source_.push_back(from);
  target_.push_back(to);
  capacity_.push_back(capacity);
  flow_.push_back(0);
  cost_.push_back(cost);
  state_.push_back(kLower);
  max_cost_ = std::max(max_cost_, Abs(cost));
  return arcs() - 1;
}

void NetworkSimplex::StartAtCapacity(int64_t arc) {
  const int64_t e = nodes_ + arc;
  if (started_ || state_[e] == kUpper) return;
  state_[e] = kUpper;
  flow_[e] = capacity_[e];
}

void NetworkSimplex::Init() {
  const int root = root_;
  // What the arcs that start at capacity leave for the artificial arcs to carry.
  std::vector<Flow> left = supply_;
  expensive_.assign(nodes_, 0);
  for (size_t e = nodes_; e < source_.size(); ++e) {
    left[source_[e]] -= flow_[e];
    left[target_[e]] += flow_[e];
  }
  for (int v = 0; v < nodes_; ++v) {
    if (v == root) {  // a real root has no artificial arc: a loop that never carries flow nor enters
      source_[v] = target_[v] = v;
      state_[v] = kLower;
      continue;
    }
    // Zero-flow tree arcs must point to the root for the tree to be strongly feasible; so must surplus arcs.
    const bool up = left[v] >= 0;
    source_[v] = up ? v : root;
    target_[v] = up ? root : v;
    flow_[v] = up ? left[v] : -left[v];
    expensive_[v] = flow_[v] != 0 || root < nodes_;
  }
  parent_.assign(nodes_ + 1, root);
  pred_.resize(nodes_ + 1);
  std::iota(pred_.begin(), pred_.end(), int64_t{0});
  depth_.assign(nodes_ + 1, 1);
  depth_[root] = 0;
  parent_[root] = -1;
  pred_[root] = -1;
  thread_.assign(nodes_ + 1, -1);
  rev_thread_.assign(nodes_ + 1, -1);
  int last = root;
  for (int v = 0; v < nodes_; ++v) {
    if (v == root) continue;
    thread_[last] = v;
    rev_thread_[v] = last;
    last = v;
  }
  thread_[last] = root;
  rev_thread_[root] = last;
  last_.resize(nodes_ + 1);
  std::iota(last_.begin(), last_.end(), 0);
  last_[root] = last;
  pi_.assign(nodes_ + 1, 0);
  started_ = true;
}

// Big M on the artificial arcs that start with flow: more than any simple path of real arcs costs, so no optimum
// routes flow over them while a feasible flow exists. Those that start empty cost 0 when the root is artificial
// (they point to it, and flow could only leave it over an expensive one); into a real root they cost M too, or
// they would compete for free with the real arcs into it. Raised when appended arcs cost more than those before.
void NetworkSimplex::RaiseArtificialCost() {
  const Cost needed = (max_cost_ + 1) * (nodes_ + 1);
  if (needed <= art_cost_) return;
  art_cost_ = needed;
  for (int v = 0; v < nodes_; ++v) {
    if (expensive_[v]) cost_[v] = art_cost_;
  }
  RecomputePotentials();
}

// Tree arcs have reduced cost 0: potentials follow from the root down the thread (parents come first).
void NetworkSimplex::RecomputePotentials() {
  const int root = root_;
  pi_[root] = 0;
  for (int v = thread_[root]; v != root; v = thread_[v]) {
    const int64_t e = pred_[v];
    pi_[v] = source_[e] == v ? pi_[parent_[v]] - cost_[e] : pi_[parent_[v]] + cost_[e];
  }
}

NetworkSimplex::Cost NetworkSimplex::reduced_cost(int64_t arc) const { return Reduced(nodes_ + arc); }

NetworkSimplex::Cost NetworkSimplex::total_cost() const {
  Cost total = 0;
  for (size_t e = nodes_; e < source_.size(); ++e) total += cost_[e] * flow_[e];
  return total;
}

NetworkSimplex::Outcome NetworkSimplex::Run() {
  if (std::accumulate(supply_.begin(), supply_.end(), Flow{0}) != 0) return Outcome::kInfeasible;
  if (!started_) Init();
  RaiseArtificialCost();  // the first time always, which also sets the potentials
  const int64_t m = arcs();
  // Blocks of a twentieth of sqrt(arcs): LEMON's whole square root made the first solve at 100,000 x 50,000
  // about twice as slow (more arcs priced per pivot than the better choices save).
  block_ = std::max<int64_t>(10, static_cast<int64_t>(std::sqrt(static_cast<double>(m)) / 20));
  // Resumed: search the appended arcs first, the only ones the last optimum leaves violated.
  next_arc_ = run_arcs_ < m ? run_arcs_ : 0;
  run_arcs_ = m;
  for (int64_t e; (e = FindEntering()) >= 0;) {
    Pivot(e);
    ++pivots_;
  }
  for (int v = 0; v < nodes_; ++v) {
    if (flow_[v] > 0) return Outcome::kInfeasible;
  }
  return Outcome::kOptimal;
}

// Block search: scans blocks of arcs cyclically from where the last search stopped and takes the most violating
// arc of the first block that has one.
int64_t NetworkSimplex::FindEntering() {
  const int64_t m = arcs();
  int64_t best = -1, left = block_;
  Cost most = 0;
  for (int64_t k = 0; k < m; ++k) {
    const int64_t e = nodes_ + next_arc_;
    if (state_[e] != kTree) {
      const Cost c = state_[e] == kLower ? Reduced(e) : -Reduced(e);
      if (c < most) {
        most = c;
        best = e;
      }
    }
    if (++next_arc_ == m) next_arc_ = 0;
    if (--left == 0) {
      if (best >= 0) return best;
      left = block_;
    }
  }
  return best;
}

void NetworkSimplex::Pivot(int64_t in) {
  // Flow goes around the cycle in the direction that decreases the cost: from `first` over `in` to `second`,
  // up to the apex, and down again to `first`.
  const bool at_lower = state_[in] == kLower;
  const int first = at_lower ? source_[in] : target_[in];
  const int second = at_lower ? target_[in] : source_[in];
  // One walk up from both ends finds the apex and each side's blocking arc. Cunningham's rule: of the blocking
  // arcs, the last one met going round from the apex (down to `first`, over `in`, up from `second`): ties go to
  // the `second` side (its shallowest), then to `in`, then to the `first` side (its deepest).
  constexpr Flow kNone = std::numeric_limits<Flow>::max();
  Flow down_room = kNone, up_room = kNone;  // least room on each side
  int down_out = -1, up_out = -1;
  int a = first, b = second;
  while (a != b) {
    const int da = depth_[a], db = depth_[b];
    if (da >= db) {  // flow goes down the `first` side, towards `first`
      const int64_t e = pred_[a];
      const Flow d = source_[e] == a ? flow_[e] : capacity_[e] - flow_[e];
      if (d < down_room) {
        down_room = d;
        down_out = a;
      }
      a = parent_[a];
    }
    if (db >= da) {  // and up the `second` side
      const int64_t e = pred_[b];
      const Flow d = source_[e] == b ? capacity_[e] - flow_[e] : flow_[e];
      if (d <= up_room) {
        up_room = d;
        up_out = b;
      }
      b = parent_[b];
    }
  }
  const int apex = a;
  Flow delta = capacity_[in];
  int side = 0, u_out = -1;
  if (down_room < delta) {
    delta = down_room;
    u_out = down_out;
    side = 1;
  }
  if (up_out >= 0 && up_room <= delta) {
    delta = up_room;
    u_out = up_out;
    side = 2;
  }
  if (delta > 0) {
    flow_[in] += at_lower ? delta : -delta;
    for (int x = first; x != apex; x = parent_[x]) {
      const int64_t e = pred_[x];
      flow_[e] += source_[e] == x ? -delta : delta;
    }
    for (int x = second; x != apex; x = parent_[x]) {
      const int64_t e = pred_[x];
      flow_[e] += source_[e] == x ? delta : -delta;
    }
  }
  if (side == 0) {  // `in` itself blocks: it moves to its other bound, the tree stays
    state_[in] = at_lower ? kUpper : kLower;
    return;
  }
  const int64_t out = pred_[u_out];
  state_[out] = flow_[out] == 0 ? kLower : kUpper;
  state_[in] = kTree;
  const int u_in = side == 1 ? first : second, v_in = side == 1 ? second : first;

  // The subtree under u_out is re-hung from v_in by `in`: the stem u_in .. u_out reverses. Its new preorder is
  // each stem node followed by its old subtree without the stem node below it: pieces of the old thread, found
  // from the subtrees' last nodes before anything moves.
  stem_.clear();
  for (int x = u_in;; x = parent_[x]) {
    stem_.push_back(x);
    if (x == u_out) break;
  }
  pieces_.clear();
  pieces_.push_back({u_in, last_[u_in]});
  for (size_t i = 1; i < stem_.size(); ++i) {
    const int s = stem_[i], below = stem_[i - 1];
    pieces_.push_back({s, s});
    if (thread_[s] != below) pieces_.push_back({thread_[s], rev_thread_[below]});  // before `below`'s subtree
    if (last_[below] != last_[s]) pieces_.push_back({thread_[last_[below]], last_[s]});  // and after it
  }
  const int old_last = last_[u_out], new_last = pieces_.back().second, old_parent = parent_[u_out];
  const Cost rc = Reduced(in);
  const Cost shift = source_[in] == u_in ? -rc : rc;  // makes `in`'s reduced cost 0
  int64_t carried = in;
  int parent = v_in;
  for (int s : stem_) {
    const int64_t old_pred = pred_[s];
    pred_[s] = carried;
    parent_[s] = parent;
    last_[s] = new_last;
    carried = old_pred;
    parent = s;
  }
  // Unlink the old block (u_out .. the last of its subtree) from the thread: ancestors whose subtree ended with
  // it now end just before it. Then link the pieces in after v_in: if v_in was a leaf, it and the ancestors
  // whose subtree ended with it now end with the block.
  const int before = rev_thread_[u_out], after = thread_[old_last];
  thread_[before] = after;
  rev_thread_[after] = before;
  for (int x = old_parent; x >= 0 && last_[x] == old_last; x = parent_[x]) last_[x] = before;
  const int next = thread_[v_in];
  if (last_[v_in] == v_in) {
    for (int x = v_in; x >= 0 && last_[x] == v_in; x = parent_[x]) last_[x] = new_last;
  }
  int prev = v_in;
  for (const auto& [first, last] : pieces_) {
    thread_[prev] = first;
    rev_thread_[first] = prev;
    prev = last;
  }
  thread_[prev] = next;
  rev_thread_[next] = prev;
  // Potentials and depths down the new preorder (parents come first).
  for (int x = u_in;; x = thread_[x]) {
    pi_[x] += shift;
    depth_[x] = depth_[parent_[x]] + 1;
    if (x == new_last) break;
  }
}

}  // namespace kin::match
