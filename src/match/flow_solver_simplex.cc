// The default engine: all needs, helpers and the sink in one graph, one phase with the combined lexicographic
// costs in 128 bits, solved by the engine's own NetworkSimplex and resumed after every pricing round. The new
// pairs enter at flow 0 outside the tree, so the last basis stays feasible and its potentials stay optimal except
// where the new pairs change them: the re-solve pivots only on those. The tree hangs from the sink, so a pivot
// changes only the potentials of the subtree it moves (relative to the sink, which is what pricing reads); that
// subtree may be large even when no flow moves (degenerate pivots), so many potentials still change between
// the first two rounds (docs/allocation.md, "Incremental pricing").
#include <algorithm>
#include <numeric>
#include <tuple>

#include "match/flow_solver.h"

namespace kin::match {

Units FlowSolver::ArcCapacity(const CandidateArc& a) const {
  return std::max<Units>(0, std::min(p_.needs()[a.need].open, p_.helpers()[a.helper].remaining));
}

void FlowSolver::AddCandidateArcs() {
  const int needs = static_cast<int>(p_.needs().size());
  for (size_t i = arcs_seen_; i < arcs_->size(); ++i) {
    const CandidateArc& a = (*arcs_)[i];
    simplex_->AddArc(a.need, needs + a.helper, ArcCapacity(a), a.travel);
  }
  arcs_seen_ = arcs_->size();
}

// The first solve starts from a greedy flow instead of the artificial basis: needs by descending priority, each
// taking its nearest candidates whole while helpers have unit load levels left. Only flows that put every arc at
// one of its bounds qualify (a need is met entirely or not at all, a helper's top-level block is never used), so
// the start is a basic feasible solution the simplex improves on.
void FlowSolver::StartGreedily(const std::vector<int64_t>& first_load) {
  const int needs = static_cast<int>(p_.needs().size()), helpers = static_cast<int>(p_.helpers().size());
  const Units levels = p_.options().load_levels;
  std::vector<int64_t> first(needs + 1, 0);
  for (const CandidateArc& a : *arcs_) ++first[a.need + 1];
  for (int n = 0; n < needs; ++n) first[n + 1] += first[n];
  std::vector<int64_t> by_need(arcs_->size());
  {
    std::vector<int64_t> at(first.begin(), first.end() - 1);
    for (size_t i = 0; i < arcs_->size(); ++i) by_need[at[(*arcs_)[i].need]++] = static_cast<int64_t>(i);
  }
  std::vector<int> order(needs);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return p_.needs()[a].priority > p_.needs()[b].priority; });
  std::vector<Units> spare(helpers), used(helpers, 0);
  for (int h = 0; h < helpers; ++h) {
    const PreparedHelper& ph = p_.helpers()[h];
    spare[h] = std::max<Units>(0, std::min(ph.remaining, levels - 1 - ph.load_before));
  }
  std::vector<int64_t> chosen;
  for (int n : order) {
    const Units open = p_.needs()[n].open;
    if (open <= 0) continue;
    std::sort(by_need.begin() + first[n], by_need.begin() + first[n + 1],
              [&](int64_t a, int64_t b) {  // ties by helper, then arc: the same start on every library
                const CandidateArc &x = (*arcs_)[a], &y = (*arcs_)[b];
                return std::tie(x.travel, x.helper, a) < std::tie(y.travel, y.helper, b);
              });
    Units left = open;
    chosen.clear();
    for (int64_t i = first[n]; i < first[n + 1] && left > 0; ++i) {
      const CandidateArc& a = (*arcs_)[by_need[i]];
      const Units cap = ArcCapacity(a);
      if (cap <= 0 || cap > left || cap > spare[a.helper]) continue;
      chosen.push_back(by_need[i]);
      spare[a.helper] -= cap;
      left -= cap;
    }
    if (left > 0) {  // not met entirely: undo, the need starts unmet
      for (int64_t i : chosen) spare[(*arcs_)[i].helper] += ArcCapacity((*arcs_)[i]);
      simplex_->StartAtCapacity(n);  // its unmet arc
      continue;
    }
    for (int64_t i : chosen) {
      simplex_->StartAtCapacity(candidate_base_ + i);
      used[(*arcs_)[i].helper] += ArcCapacity((*arcs_)[i]);
    }
  }
  for (int h = 0; h < helpers; ++h) {
    for (Units k = 0; k < used[h]; ++k) simplex_->StartAtCapacity(first_load[h] + k);  // unit levels, cheapest first
  }
}

Status FlowSolver::SolveOneGraph(SolveStats* stats) {
  const int needs = static_cast<int>(p_.needs().size()), helpers = static_cast<int>(p_.helpers().size());
  const int sink = needs + helpers;
  const Units levels = p_.options().load_levels;
  if (!simplex_) {
    Units open = 0, remaining = 0;
    Priority top = 1;
    for (const PreparedNeed& n : p_.needs()) {
      open += n.open;
      top = std::max(top, n.priority);
    }
    for (const PreparedHelper& h : p_.helpers()) remaining += std::max<Units>(0, h.remaining);
    const Potential units = std::max<Units>(1, std::min(open, remaining));
    const Potential s_load = units * travel_max_ + 1;
    const Potential s_priority = units * (levels * s_load + travel_max_) + 1;
    // Potentials are sums along tree paths of at most nodes + 1 costs, each at most the artificial cost
    // (largest cost times nodes + 2): keep that within 2^122 of the 2^127 that 128 bits hold.
    const Potential nodes = sink + 2;
    const Potential max_cost = std::max<Potential>(top * s_priority, levels * s_load + travel_max_);
    if (max_cost > (Potential{1} << 122) / nodes / nodes) {
      return Status::TooLarge("allocation problem too large for exact 128-bit costs; split it by area or category");
    }
    std::vector<NetworkSimplex::Flow> supply(sink + 1, 0);
    for (int n = 0; n < needs; ++n) supply[n] = p_.needs()[n].open;
    supply[sink] = -open;
    simplex_ = std::make_unique<NetworkSimplex>(std::move(supply), sink);  // the sink's potential stays 0
    simplex_->Reserve(static_cast<size_t>(needs) + static_cast<size_t>(levels) * helpers + 2 * arcs_->size());
    for (int n = 0; n < needs; ++n) {
      const PreparedNeed& pn = p_.needs()[n];
      simplex_->AddArc(n, sink, pn.open, pn.priority * s_priority);
    }
    std::vector<int64_t> first_load(helpers);
    for (int h = 0; h < helpers; ++h) {
      const PreparedHelper& ph = p_.helpers()[h];
      first_load[h] = simplex_->arcs();
      Units k = ph.load_before + 1;
      const Units last = ph.load_before + ph.remaining;
      for (; k <= last && k < levels; ++k) simplex_->AddArc(needs + h, sink, 1, k * s_load);
      if (k <= last) simplex_->AddArc(needs + h, sink, last - k + 1, levels * s_load);  // the top level's block
    }
    candidate_base_ = simplex_->arcs();
    arcs_seen_ = 0;
    AddCandidateArcs();
    StartGreedily(first_load);
  }
  AddCandidateArcs();
  if (simplex_->Run() != NetworkSimplex::Outcome::kOptimal) {
    // Every need's unmet arc can take all it asks, so this would be a solver bug.
    return Status::Internal("network simplex found no feasible flow");
  }
  flow_.resize(arcs_->size());
  for (size_t i = 0; i < arcs_->size(); ++i) flow_[i] = simplex_->flow(candidate_base_ + static_cast<int64_t>(i));
  const Potential at_sink = simplex_->potential(sink);
  for (int n = 0; n < needs; ++n) need_pot_[n] = simplex_->potential(n) - at_sink;
  for (int h = 0; h < helpers; ++h) helper_pot_[h] = simplex_->potential(needs + h) - at_sink;
  if (stats) {
    stats->components = 1;
    stats->two_phase = false;
    ++stats->solver_calls;
    stats->simplex_pivots = simplex_->pivots();
  }
  return Status::Ok();
}

}  // namespace kin::match
