#include "match/ssp_solver.h"

#include <algorithm>
#include <numeric>

namespace kin::match {
namespace {

struct Entry {
  Wide d;
  int32_t v;
  int32_t rank;    // ties: a node with a deficit first (it ends the search), then by index
  int32_t stream;  // 1: the next arc out of the sink, in key order
  bool operator>(const Entry& o) const { return d != o.d ? d > o.d : rank > o.rank; }
};

}  // namespace

SspSolver::SspSolver(const Prepared& p)
    : p_(p),
      need_count_(static_cast<int>(p.needs().size())),
      helper_count_(static_cast<int>(p.helpers().size())),
      sink_(need_count_ + helper_count_) {
  const int nodes = sink_ + 1;
  int64_t open = 0, remaining = 0;
  double radius = 0;
  for (const PreparedNeed& n : p.needs()) open += std::max<Units>(n.open, 0);
  for (const PreparedHelper& h : p.helpers()) {
    remaining += std::max<Units>(h.remaining, 0);
    radius = std::max(radius, h.radius_m);
  }
  const Wide units = std::max<int64_t>(1, std::min(open, remaining));
  const Wide travel_max = Wide{p.Travel(radius)} + 1;
  s_load_ = units * travel_max + 1;
  s_priority_ = units * (Wide{p.options().load_levels} * s_load_ + travel_max) + 1;
  added_.assign(helper_count_, 0);
  flowing_.resize(helper_count_);
  unmet_.assign(need_count_, 0);
  excess_.assign(nodes, 0);
  for (int n = 0; n < need_count_; ++n) {
    excess_[n] = std::max<Units>(p.needs()[n].open, 0);
    excess_[sink_] -= excess_[n];
  }
  pi_.assign(nodes, 0);
  dist_.assign(nodes, 0);
  done_.assign(nodes, 0);
  seen_.assign(nodes, 0);
  pred_ref_.assign(nodes, -1);
  pred_via_.assign(nodes, Via::kNone);
  sink_key_.assign(nodes, 0);
  in_sink_set_.assign(nodes, 0);
  BuildAdjacency();
}

Wide SspSolver::LoadCost(int h, Units k) const {
  return Wide{p_.LoadLevel(p_.helpers()[h].load_before + k)} * s_load_;
}

void SspSolver::AddArcs(const std::vector<CandidateArc>& arcs) {
  const size_t first_new = arcs_.size();
  for (const CandidateArc& c : arcs) {
    Units cap = std::min(p_.needs()[c.need].open, p_.helpers()[c.helper].remaining);
    if (cap <= 0) continue;
    arcs_.push_back({c, cap, 0});
  }
  BuildAdjacency();
  // Keep the invariant: a new arc with negative reduced cost is saturated (its reverse then has a positive
  // one); the excess this leaves at the helper and the deficit at the need are routed by the next Solve().
  for (size_t a = first_new; a < arcs_.size(); ++a) {
    Arc& arc = arcs_[a];
    int n = arc.pair.need, h = need_count_ + arc.pair.helper;
    if (Wide{arc.pair.travel} + pi_[n] - pi_[h] >= 0) continue;
    arc.flow = arc.cap;
    flowing_[arc.pair.helper].push_back(static_cast<int32_t>(a));
    excess_[h] += arc.cap;
    excess_[n] -= arc.cap;
  }
}

void SspSolver::BuildAdjacency() {
  need_first_.assign(need_count_ + 1, 0);
  for (const Arc& a : arcs_) ++need_first_[a.pair.need + 1];
  std::partial_sum(need_first_.begin(), need_first_.end(), need_first_.begin());
  need_arcs_.resize(arcs_.size());
  std::vector<int64_t> nf(need_first_.begin(), need_first_.end() - 1);
  for (size_t i = 0; i < arcs_.size(); ++i) need_arcs_[nf[arcs_[i].pair.need]++] = static_cast<int32_t>(i);
}

bool SspSolver::HasSinkArc(int v) const {
  if (v < need_count_) return unmet_[v] > 0;
  return v < sink_ && added_[v - need_count_] > 0;
}

Wide SspSolver::SinkKey(int v) const {
  Wide cost = v < need_count_ ? -Wide{p_.needs()[v].priority} * s_priority_
                              : -LoadCost(v - need_count_, added_[v - need_count_]);
  return cost - pi_[v];
}

void SspSolver::UpdateSinkSet(int v) {
  if (!sink_set_on_ || v == sink_) return;
  if (in_sink_set_[v]) sink_set_.erase({sink_key_[v], v});
  in_sink_set_[v] = HasSinkArc(v);
  if (in_sink_set_[v]) {
    sink_key_[v] = SinkKey(v);
    sink_set_.insert({sink_key_[v], v});
  }
}

void SspSolver::Solve() {
  // Needs first, most urgent first: most of them then find a free helper at once.
  std::vector<int> order;
  for (int n = 0; n < need_count_; ++n) {
    if (excess_[n] > 0) order.push_back(n);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return p_.needs()[a].priority > p_.needs()[b].priority; });
  for (int n : order) {
    while (excess_[n] > 0) Search(n);
  }
  // Excess left by saturated new arcs: the sink is now an ordinary node; its arcs are kept sorted.
  bool any = false;
  for (int v = 0; v < sink_ && !any; ++v) any = excess_[v] != 0;
  if (!any) return;
  sink_set_on_ = true;
  sink_set_.clear();
  std::fill(in_sink_set_.begin(), in_sink_set_.end(), 0);
  for (int v = 0; v < sink_; ++v) UpdateSinkSet(v);
  for (int v = 0; v < sink_; ++v) {
    while (excess_[v] > 0) Search(v);
  }
  sink_set_on_ = false;
  sink_set_.clear();
}

void SspSolver::Tighten() {
  // Helpers: lower by the least reduced cost of their outgoing residual arcs (back to needs they serve; on to
  // the sink while they have capacity).
  for (int h = 0; h < helper_count_; ++h) {
    const int v = need_count_ + h;
    bool any = false;
    Wide slack = 0;
    auto consider = [&](Wide rc) {
      if (!any || rc < slack) slack = rc;
      any = true;
    };
    for (int32_t ai : flowing_[h]) {
      const Arc& a = arcs_[ai];
      consider(-Wide{a.pair.travel} + pi_[v] - pi_[a.pair.need]);
    }
    if (added_[h] < p_.helpers()[h].remaining) consider(LoadCost(h, added_[h] + 1) + pi_[v] - pi_[sink_]);
    if (any && slack > 0) pi_[v] -= slack;
  }
  // Needs: raise by the least reduced cost of their incoming residual arcs (from helpers they use; from the
  // sink while some units are unmet).
  for (int n = 0; n < need_count_; ++n) {
    bool any = false;
    Wide slack = 0;
    auto consider = [&](Wide rc) {
      if (!any || rc < slack) slack = rc;
      any = true;
    };
    for (int64_t i = need_first_[n]; i < need_first_[n + 1]; ++i) {
      const Arc& a = arcs_[need_arcs_[i]];
      if (a.flow > 0) consider(-Wide{a.pair.travel} + pi_[need_count_ + a.pair.helper] - pi_[n]);
    }
    if (unmet_[n] > 0) consider(-Wide{p_.needs()[n].priority} * s_priority_ + pi_[sink_] - pi_[n]);
    if (any && slack > 0) pi_[n] += slack;
  }
}

bool SspSolver::Search(int source) {
  ++searches_;
  if (++epoch_ == 0) {
    std::fill(done_.begin(), done_.end(), 0);
    std::fill(seen_.begin(), seen_.end(), 0);
    epoch_ = 1;
  }
  std::vector<Entry> heap;
  heap.reserve(64);
  auto push = [&](Wide d, int v, Via via, int ref) {
    if (done_[v] == epoch_) return;
    if (seen_[v] == epoch_ && dist_[v] <= d) return;
    seen_[v] = epoch_;
    dist_[v] = d;
    pred_via_[v] = via;
    pred_ref_[v] = ref;
    heap.push_back({d, v, excess_[v] < 0 ? -1 : v, 0});
    std::push_heap(heap.begin(), heap.end(), std::greater<>());
  };
  settled_.clear();
  push(0, source, Via::kNone, -1);
  std::set<std::pair<Wide, int>>::const_iterator stream;
  Wide sink_dist = 0;
  int target = -1;
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), std::greater<>());
    Entry e = heap.back();
    heap.pop_back();
    if (e.stream) {
      // The next arc out of the sink, in increasing reduced cost; queue the one after it.
      int v = e.v;
      if (done_[v] != epoch_ && !(seen_[v] == epoch_ && dist_[v] <= e.d)) {
        seen_[v] = epoch_;
        dist_[v] = e.d;
        pred_via_[v] = v < need_count_ ? Via::kUnmetBack : Via::kLoadBack;
        pred_ref_[v] = v < need_count_ ? v : v - need_count_;
        heap.push_back({e.d, v, excess_[v] < 0 ? -1 : v, 0});
        std::push_heap(heap.begin(), heap.end(), std::greater<>());
      }
      if (++stream != sink_set_.end()) {
        heap.push_back({sink_dist + stream->first + pi_[sink_], stream->second, stream->second, 1});
        std::push_heap(heap.begin(), heap.end(), std::greater<>());
      }
      continue;
    }
    const int v = e.v;
    if (done_[v] == epoch_ || e.d != dist_[v]) continue;
    done_[v] = epoch_;
    settled_.push_back(v);
    const Wide d = e.d;
    if (v != source && excess_[v] < 0) {
      target = v;
      break;
    }
    if (v < need_count_) {
      const Wide base = d + pi_[v];
      for (int64_t i = need_first_[v]; i < need_first_[v + 1]; ++i) {
        const Arc& a = arcs_[need_arcs_[i]];
        if (a.flow >= a.cap) continue;
        int h = need_count_ + a.pair.helper;
        push(base + a.pair.travel - pi_[h], h, Via::kArc, need_arcs_[i]);
      }
      if (unmet_[v] < p_.needs()[v].open) {
        push(base + Wide{p_.needs()[v].priority} * s_priority_ - pi_[sink_], sink_, Via::kUnmet, v);
      }
    } else if (v < sink_) {
      const int h = v - need_count_;
      const Wide base = d + pi_[v];
      for (int32_t ai : flowing_[h]) {
        const Arc& a = arcs_[ai];
        push(base - a.pair.travel - pi_[a.pair.need], a.pair.need, Via::kArcBack, ai);
      }
      if (added_[h] < p_.helpers()[h].remaining) {
        push(base + LoadCost(h, added_[h] + 1) - pi_[sink_], sink_, Via::kLoad, h);
      }
    } else if (sink_set_on_ && !sink_set_.empty()) {
      sink_dist = d;
      stream = sink_set_.begin();
      heap.push_back({d + stream->first + pi_[sink_], stream->second, stream->second, 1});
      std::push_heap(heap.begin(), heap.end(), std::greater<>());
    }
  }
  scanned_ += static_cast<int64_t>(settled_.size());
  if (target < 0) return false;  // cannot happen: the source's own arcs lead back to a deficit
  // Bottleneck, then augment.
  int64_t amount = std::min(excess_[source], -excess_[target]);
  for (int v = target; v != source;) {
    const int ref = pred_ref_[v];
    switch (pred_via_[v]) {
      case Via::kArc: amount = std::min<int64_t>(amount, arcs_[ref].cap - arcs_[ref].flow);
        v = arcs_[ref].pair.need; break;
      case Via::kArcBack: amount = std::min<int64_t>(amount, arcs_[ref].flow);
        v = need_count_ + arcs_[ref].pair.helper; break;
      case Via::kLoad: {
        const PreparedHelper& ph = p_.helpers()[ref];
        bool flat = ph.load_before + added_[ref] + 1 >= p_.options().load_levels;
        amount = std::min<int64_t>(amount, flat ? ph.remaining - added_[ref] : 1);
        v = need_count_ + ref;
        break;
      }
      case Via::kLoadBack: amount = std::min<int64_t>(amount, 1); v = sink_; break;
      case Via::kUnmet: amount = std::min<int64_t>(amount, p_.needs()[ref].open - unmet_[ref]); v = ref; break;
      case Via::kUnmetBack: amount = std::min<int64_t>(amount, unmet_[ref]); v = sink_; break;
      case Via::kNone: v = source; break;
    }
  }
  // Potentials: settled nodes move by their distance minus the target's; others keep theirs (a uniform
  // shift), which keeps every residual reduced cost non-negative and makes the path's arcs tight.
  const Wide dt = dist_[target];
  for (int v : settled_) {
    pi_[v] += dist_[v] - dt;
  }
  std::vector<int> touched;
  for (int v = target; v != source;) {
    const int ref = pred_ref_[v];
    const Units u = static_cast<Units>(amount);
    switch (pred_via_[v]) {
      case Via::kArc:
        if (arcs_[ref].flow == 0) flowing_[arcs_[ref].pair.helper].push_back(ref);
        arcs_[ref].flow += u;
        v = arcs_[ref].pair.need;
        break;
      case Via::kArcBack:
        arcs_[ref].flow -= u;
        if (arcs_[ref].flow == 0) {
          std::vector<int32_t>& f = flowing_[arcs_[ref].pair.helper];
          f.erase(std::find(f.begin(), f.end(), ref));
        }
        v = need_count_ + arcs_[ref].pair.helper;
        break;
      case Via::kLoad: added_[ref] += u; v = need_count_ + ref; touched.push_back(v); break;
      case Via::kLoadBack: added_[ref] -= u; touched.push_back(need_count_ + ref); v = sink_; break;
      case Via::kUnmet: unmet_[ref] += u; v = ref; touched.push_back(v); break;
      case Via::kUnmetBack: unmet_[ref] -= u; touched.push_back(ref); v = sink_; break;
      case Via::kNone: v = source; break;
    }
  }
  excess_[source] -= amount;
  excess_[target] += amount;
  if (sink_set_on_) {
    for (int v : settled_) UpdateSinkSet(v);
    for (int v : touched) UpdateSinkSet(v);
  }
  return true;
}

}  // namespace kin::match
