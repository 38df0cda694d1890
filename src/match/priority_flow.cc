#include "match/priority_flow.h"

#include <algorithm>
#include <numeric>

namespace kin::match {
namespace {

constexpr int32_t kUnseen = -1;
constexpr int32_t kDead = -2;  // no augmenting path through this node in the current layering

// Arcs grouped by need and by helper (compressed rows).
struct Adjacency {
  std::vector<int32_t> need_first, need_arcs, helper_first, helper_arcs;

  explicit Adjacency(const PriorityFlowInput& in) {
    Group(in.arc_need, in.open.size(), need_first, need_arcs);
    Group(in.arc_helper, in.spare.size(), helper_first, helper_arcs);
  }
  static void Group(const std::vector<int32_t>& key, size_t count, std::vector<int32_t>& first,
                    std::vector<int32_t>& arcs) {
    first.assign(count + 1, 0);
    for (int32_t k : key) ++first[k + 1];
    for (size_t i = 0; i < count; ++i) first[i + 1] += first[i];
    arcs.resize(key.size());
    std::vector<int32_t> at(first.begin(), first.end() - 1);
    for (size_t a = 0; a < key.size(); ++a) arcs[at[key[a]]++] = static_cast<int32_t>(a);
  }
};

class Augmenter {
 public:
  Augmenter(const PriorityFlowInput& in, const Adjacency& adj, PriorityFlow& out)
      : in_(in), adj_(adj), out_(out), needs_(static_cast<int32_t>(in.open.size())) {
    spare_ = in.spare;
    level_.assign(in.open.size() + in.spare.size(), kUnseen);
    current_.assign(level_.size(), 0);
    closed_.assign(level_.size(), 0);
    // Per helper, the arcs carrying flow into it: at most one per unit of spare capacity (plus one while a path
    // through the helper is pushed: the arc in gains flow before the arc out loses it), so fixed slots.
    const size_t helpers = in.spare.size();
    carrying_first_.assign(helpers + 1, 0);
    for (size_t h = 0; h < helpers; ++h) {
      const int32_t degree = adj.helper_first[h + 1] - adj.helper_first[h];
      carrying_first_[h + 1] = carrying_first_[h] + std::min<int32_t>(std::max<Units>(in.spare[h], 0) + 1, degree);
    }
    carrying_count_.assign(helpers, 0);
    carrying_.assign(carrying_first_[helpers], 0);
    carrying_slot_.assign(in.arc_need.size(), -1);
  }

  // Meets as many units of `sources` (needs of one priority class) as augmenting paths allow.
  void MeetClass(const std::vector<int32_t>& sources) {
    while (Layer(sources)) {
      for (int32_t s : sources) {
        while (out_.unmet[s] > 0 && level_[s] == 0 && Augment(s)) {
        }
      }
    }
    // Nothing the last layering reached can reach spare capacity, and augmentations of later classes only add
    // residual arcs between nodes that can: those nodes stay cut off for good, and later layerings skip them.
    for (int32_t v : queue_) closed_[v] = 1;
  }

 private:
  // Node ids: needs 0..needs_-1, helpers needs_ + h.
  bool IsHelper(int32_t v) const { return v >= needs_; }

  // Breadth-first layering from the sources with unmet units, up to the first layer holding a helper with
  // spare capacity. False when there is none: the class is done.
  bool Layer(const std::vector<int32_t>& sources) {
    std::fill(level_.begin(), level_.end(), kUnseen);
    queue_.clear();
    for (int32_t s : sources) {
      if (out_.unmet[s] > 0 && !closed_[s]) {
        level_[s] = 0;
        queue_.push_back(s);
      }
    }
    target_level_ = -1;
    for (size_t q = 0; q < queue_.size(); ++q) {
      const int32_t v = queue_[q];
      if (target_level_ >= 0 && level_[v] >= target_level_) break;
      if (!IsHelper(v)) {
        for (int32_t i = adj_.need_first[v]; i < adj_.need_first[v + 1]; ++i) {
          const int32_t a = adj_.need_arcs[i];
          const int32_t h = needs_ + in_.arc_helper[a];
          if (out_.arc_flow[a] >= in_.arc_capacity[a] || level_[h] != kUnseen || closed_[h]) continue;
          level_[h] = level_[v] + 1;
          queue_.push_back(h);
          if (spare_[h - needs_] > 0) target_level_ = level_[h];
        }
      } else {
        const int32_t h = v - needs_;
        for (int32_t i = carrying_first_[h]; i < carrying_first_[h] + carrying_count_[h]; ++i) {
          const int32_t a = carrying_[i];
          const int32_t n = in_.arc_need[a];
          if (level_[n] != kUnseen || closed_[n]) continue;
          level_[n] = level_[v] + 1;
          queue_.push_back(n);
        }
      }
    }
    if (target_level_ < 0) return false;
    for (int32_t v : queue_) current_[v] = IsHelper(v) ? carrying_first_[v - needs_] : adj_.need_first[v];
    return true;
  }

  // The next arc from v into the next layer that can carry more (forward from a need, backward from a
  // helper), advancing v's current-arc pointer; -1 when none is left.
  int32_t Next(int32_t v) {
    if (!IsHelper(v)) {
      for (; current_[v] < adj_.need_first[v + 1]; ++current_[v]) {
        const int32_t a = adj_.need_arcs[current_[v]];
        const int32_t h = needs_ + in_.arc_helper[a];
        if (out_.arc_flow[a] < in_.arc_capacity[a] && level_[h] == level_[v] + 1) return a;
      }
    } else {
      // The list changes as paths are pushed: an arc moved behind the pointer is missed until the next
      // layering, which costs a phase at most (every phase pushes at least once before anything moves).
      const int32_t h = v - needs_;
      for (; current_[v] < carrying_first_[h] + carrying_count_[h]; ++current_[v]) {
        const int32_t a = carrying_[current_[v]];
        if (level_[in_.arc_need[a]] == level_[v] + 1) return a;
      }
    }
    return -1;
  }

  // Finds one path in the layering from source s to a helper with spare capacity and pushes its bottleneck.
  // False when s has no path left (it is then dead for this layering).
  bool Augment(int32_t s) {
    path_.clear();
    nodes_.assign(1, s);
    for (;;) {
      const int32_t v = nodes_.back();
      if (IsHelper(v) && level_[v] == target_level_) {
        if (spare_[v - needs_] > 0) break;
        Retreat();
      } else if (int32_t a = Next(v); a >= 0) {
        path_.push_back(a);
        nodes_.push_back(IsHelper(v) ? in_.arc_need[a] : needs_ + in_.arc_helper[a]);
        continue;
      } else {
        Retreat();
      }
      if (nodes_.empty()) return false;
    }
    const int32_t end = nodes_.back() - needs_;
    Units push = std::min(out_.unmet[s], spare_[end]);
    for (size_t i = 0; i < path_.size(); ++i) {
      const int32_t a = path_[i];
      push = std::min(push, IsHelper(nodes_[i]) ? out_.arc_flow[a] : in_.arc_capacity[a] - out_.arc_flow[a]);
    }
    for (size_t i = 0; i < path_.size(); ++i) AddFlow(path_[i], IsHelper(nodes_[i]) ? -push : push);
    out_.unmet[s] -= push;
    spare_[end] -= push;
    return true;
  }

  void AddFlow(int32_t a, Units delta) {
    const Units before = out_.arc_flow[a];
    out_.arc_flow[a] += delta;
    const int32_t h = in_.arc_helper[a];
    if (before == 0 && out_.arc_flow[a] > 0) {
      const int32_t slot = carrying_first_[h] + carrying_count_[h]++;
      carrying_[slot] = a;
      carrying_slot_[a] = slot;
    } else if (before > 0 && out_.arc_flow[a] == 0) {
      const int32_t last = carrying_first_[h] + --carrying_count_[h];
      const int32_t slot = carrying_slot_[a];
      carrying_[slot] = carrying_[last];
      carrying_slot_[carrying_[slot]] = slot;
      carrying_slot_[a] = -1;
    }
  }

  // The node at the end of the path has no way on: mark it dead and step back past the arc into it.
  void Retreat() {
    level_[nodes_.back()] = kDead;
    nodes_.pop_back();
    if (!path_.empty()) {
      path_.pop_back();
      ++current_[nodes_.back()];
    }
  }

  const PriorityFlowInput& in_;
  const Adjacency& adj_;
  PriorityFlow& out_;
  const int32_t needs_;
  std::vector<Units> spare_;
  std::vector<int32_t> level_, current_, queue_, path_, nodes_;
  std::vector<char> closed_;  // cannot reach spare capacity any more
  std::vector<int32_t> carrying_first_, carrying_count_, carrying_, carrying_slot_;
  int32_t target_level_ = -1;
};

// Labels every unlabelled node reachable from `start` over zero-cost residual arcs with `potential`.
void Label(const PriorityFlowInput& in, const Adjacency& adj, PriorityFlow& out, std::vector<char>& need_seen,
           std::vector<char>& helper_seen, std::vector<int32_t>& stack, int32_t start, bool start_is_helper,
           int64_t potential) {
  const int32_t needs = static_cast<int32_t>(in.open.size());
  stack.clear();
  std::vector<char>& seen = start_is_helper ? helper_seen : need_seen;
  if (seen[start]) return;
  seen[start] = 1;
  stack.push_back(start_is_helper ? needs + start : start);
  while (!stack.empty()) {
    const int32_t v = stack.back();
    stack.pop_back();
    if (v < needs) {
      out.need_potential[v] = potential;
      for (int32_t i = adj.need_first[v]; i < adj.need_first[v + 1]; ++i) {
        const int32_t a = adj.need_arcs[i];
        const int32_t h = in.arc_helper[a];
        if (out.arc_flow[a] < in.arc_capacity[a] && !helper_seen[h]) {
          helper_seen[h] = 1;
          stack.push_back(needs + h);
        }
      }
    } else {
      const int32_t h = v - needs;
      out.helper_potential[h] = potential;
      for (int32_t i = adj.helper_first[h]; i < adj.helper_first[h + 1]; ++i) {
        const int32_t a = adj.helper_arcs[i];
        const int32_t n = in.arc_need[a];
        if (out.arc_flow[a] > 0 && !need_seen[n]) {
          need_seen[n] = 1;
          stack.push_back(n);
        }
      }
    }
  }
}

}  // namespace

PriorityFlow MaxPriorityFlow(const PriorityFlowInput& in) {
  const size_t needs = in.open.size(), helpers = in.spare.size();
  PriorityFlow out;
  out.arc_flow.assign(in.arc_need.size(), 0);
  out.unmet = in.open;
  out.need_potential.assign(needs, 0);
  out.helper_potential.assign(helpers, 0);
  const Adjacency adj(in);

  std::vector<int32_t> order(needs);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return in.priority[a] > in.priority[b]; });
  Augmenter augmenter(in, adj, out);
  std::vector<int32_t> sources;
  for (size_t i = 0; i < needs;) {
    size_t j = i;
    sources.clear();
    for (; j < needs && in.priority[order[j]] == in.priority[order[i]]; ++j) sources.push_back(order[j]);
    augmenter.MeetClass(sources);
    i = j;
  }

  // Duals: shortest distances from the sink in the residual graph (see the header).
  std::vector<char> need_seen(needs, 0), helper_seen(helpers, 0);
  std::vector<int32_t> stack;
  for (int32_t n : order) {
    if (out.unmet[n] > 0) Label(in, adj, out, need_seen, helper_seen, stack, n, false, -in.priority[n]);
  }
  std::vector<Units> used(helpers, 0);
  for (size_t a = 0; a < in.arc_helper.size(); ++a) used[in.arc_helper[a]] += out.arc_flow[a];
  for (size_t h = 0; h < helpers; ++h) {
    if (used[h] > 0) Label(in, adj, out, need_seen, helper_seen, stack, static_cast<int32_t>(h), true, 0);
  }
  // Nodes left (helpers carrying nothing that no unmet need reaches) keep potential 0: their spare capacity
  // reaches the sink at no cost.
  return out;
}

}  // namespace kin::match
