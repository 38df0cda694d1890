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

int64_t FlowSolver::AddCandidateArc(size_t i) {
  const CandidateArc& a = (*arcs_)[i];
  const int needs = static_cast<int>(p_.needs().size());
  arc_index_[i] = simplex_->AddArc(node_[a.need], node_[needs + a.helper], ArcCapacity(a), a.travel);
  return arc_index_[i];
}

void FlowSolver::AddCandidateArcs() {
  arc_index_.resize(arcs_->size(), -1);
  for (size_t i = arcs_seen_; i < arcs_->size(); ++i) AddCandidateArc(i);
  arcs_seen_ = arcs_->size();
}

void FlowSolver::GroupArcsByNeed(std::vector<int64_t>* first, std::vector<int64_t>* by_need) const {
  const size_t needs = p_.needs().size();
  first->assign(needs + 1, 0);
  for (const CandidateArc& a : *arcs_) ++(*first)[a.need + 1];
  for (size_t n = 0; n < needs; ++n) (*first)[n + 1] += (*first)[n];
  by_need->resize(arcs_->size());
  std::vector<int64_t> at(first->begin(), first->end() - 1);
  for (size_t i = 0; i < arcs_->size(); ++i) (*by_need)[at[(*arcs_)[i].need]++] = static_cast<int64_t>(i);
}

// The first solve starts from a greedy flow instead of the artificial basis: needs by descending priority, each
// met whole by the candidates whose next unit costs least (the helper's next load level, then travel) while
// helpers have unit load levels left. Only flows that put every arc at one of its bounds qualify (a need is met
// entirely or not at all, a helper's top-level block is never used), so the start is a basic feasible solution
// the simplex improves on. Taking the nearest helpers instead (load ignored) took 7% more pivots at 20,000 x
// 10,000 and a first solve 8% longer at 100,000 x 50,000.
void FlowSolver::StartGreedily(const std::vector<int64_t>& first_load, const std::vector<int64_t>& first,
                               const std::vector<int64_t>& by_need) {
  const int needs = static_cast<int>(p_.needs().size()), helpers = static_cast<int>(p_.helpers().size());
  const Units levels = p_.options().load_levels;
  std::vector<int> order(needs);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return p_.needs()[a].priority > p_.needs()[b].priority; });
  std::vector<Units> spare(helpers), carried(helpers), used(helpers, 0);
  for (int h = 0; h < helpers; ++h) {
    const PreparedHelper& ph = p_.helpers()[h];
    spare[h] = std::max<Units>(0, std::min(ph.remaining, levels - 1 - ph.load_before));
    carried[h] = ph.load_before;
  }
  std::vector<int64_t> chosen;
  for (int n : order) {
    const Units open = p_.needs()[n].open;
    if (open <= 0) continue;
    Units left = open;
    chosen.clear();
    while (left > 0) {
      // Ties by helper, then arc. An arc taken never fits again: it took the rest of the need or all the
      // helper has left.
      int64_t best = -1;
      std::tuple<Units, TravelUnits, int, int64_t> best_key;
      for (int64_t i = first[n]; i < first[n + 1]; ++i) {
        const int64_t arc = by_need[i];
        const CandidateArc& a = (*arcs_)[arc];
        const Units cap = ArcCapacity(a);
        if (cap <= 0 || cap > left || cap > spare[a.helper]) continue;
        const auto key = std::make_tuple(carried[a.helper] + 1, a.travel, a.helper, arc);
        if (best < 0 || key < best_key) {
          best = arc;
          best_key = key;
        }
      }
      if (best < 0) break;
      const CandidateArc& a = (*arcs_)[best];
      const Units cap = ArcCapacity(a);
      chosen.push_back(best);
      spare[a.helper] -= cap;
      carried[a.helper] += cap;
      left -= cap;
    }
    if (left > 0) {  // not met entirely: undo, the need starts unmet
      for (int64_t i : chosen) {
        spare[(*arcs_)[i].helper] += ArcCapacity((*arcs_)[i]);
        carried[(*arcs_)[i].helper] -= ArcCapacity((*arcs_)[i]);
      }
      simplex_->StartAtCapacity(unmet_arc_[n]);
      continue;
    }
    for (int64_t i : chosen) {
      simplex_->StartAtCapacity(arc_index_[i]);
      used[(*arcs_)[i].helper] += ArcCapacity((*arcs_)[i]);
    }
  }
  for (int h = 0; h < helpers; ++h) {
    for (Units k = 0; k < used[h]; ++k) simplex_->StartAtCapacity(first_load[h] + k);  // unit levels, cheapest first
  }
}

// Needs and helpers are numbered for the simplex along a Z-order curve over their places, so a tree's neighbours,
// which are near each other on the map, are near each other in the simplex's arrays too: the pivots' walks up
// the tree and through subtrees then find them in cache. At 100,000 x 50,000 the solve took about 10% less CPU
// than with needs first and helpers after, in input order (same pivots).
void FlowSolver::NumberNodesInSpaceOrder() {
  const int needs = static_cast<int>(p_.needs().size()), helpers = static_cast<int>(p_.helpers().size());
  auto z_order = [](LatLon x) {
    const auto lat = static_cast<uint64_t>(std::clamp((x.lat + 90.0) / 180.0, 0.0, 1.0) * 65535.0);
    const auto lon = static_cast<uint64_t>(std::clamp((x.lon + 180.0) / 360.0, 0.0, 1.0) * 65535.0);
    uint64_t code = 0;
    for (int i = 0; i < 16; ++i) code |= ((lat >> i) & 1) << (2 * i + 1) | ((lon >> i) & 1) << (2 * i);
    return code;
  };
  std::vector<std::pair<uint64_t, int>> keyed(needs + helpers);
  for (int n = 0; n < needs; ++n) keyed[n] = {z_order(p_.needs()[n].place), n};
  for (int h = 0; h < helpers; ++h) keyed[needs + h] = {z_order(p_.helpers()[h].base), needs + h};
  std::sort(keyed.begin(), keyed.end());
  node_.resize(keyed.size());
  for (size_t i = 0; i < keyed.size(); ++i) node_[keyed[i].second] = static_cast<int>(i);
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
    priority_scale_ = s_priority;
    // Potentials are sums along tree paths of at most nodes + 1 costs, each at most the artificial cost
    // (largest cost times nodes + 2): keep that within 2^122 of the 2^127 that 128 bits hold.
    const Potential nodes = sink + 2;
    const Potential max_cost = std::max<Potential>(top * s_priority, levels * s_load + travel_max_);
    if (max_cost > (Potential{1} << 122) / nodes / nodes) {
      return Status::TooLarge("allocation problem too large for exact 128-bit costs; split it by area or category");
    }
    NumberNodesInSpaceOrder();
    std::vector<NetworkSimplex::Flow> supply(sink + 1, 0);
    for (int n = 0; n < needs; ++n) supply[node_[n]] = p_.needs()[n].open;
    supply[sink] = -open;
    simplex_ = std::make_unique<NetworkSimplex>(std::move(supply), sink);  // the sink's potential stays 0
    simplex_->Reserve(static_cast<size_t>(needs) + static_cast<size_t>(levels) * helpers + 2 * arcs_->size());
    // Arcs in node order: each need's unmet and candidate arcs, each helper's load arcs, neighbourhood by
    // neighbourhood, so that a block of the search holds arcs that meet in the tree.
    std::vector<int> at_node(sink);
    for (int v = 0; v < sink; ++v) at_node[node_[v]] = v;
    std::vector<int64_t> first, by_need, first_load(helpers);
    GroupArcsByNeed(&first, &by_need);
    unmet_arc_.assign(needs, -1);
    arc_index_.assign(arcs_->size(), -1);
    for (int i = 0; i < sink; ++i) {
      const int v = at_node[i];
      if (v < needs) {
        const PreparedNeed& pn = p_.needs()[v];
        unmet_arc_[v] = simplex_->AddArc(i, sink, pn.open, pn.priority * s_priority);
        for (int64_t k = first[v]; k < first[v + 1]; ++k) AddCandidateArc(static_cast<size_t>(by_need[k]));
        continue;
      }
      const int h = v - needs;
      const PreparedHelper& ph = p_.helpers()[h];
      first_load[h] = simplex_->arcs();
      Units k = ph.load_before + 1;
      const Units last = ph.load_before + ph.remaining;
      for (; k <= last && k < levels; ++k) simplex_->AddArc(i, sink, 1, k * s_load);
      if (k <= last) simplex_->AddArc(i, sink, last - k + 1, levels * s_load);  // the top level's block
    }
    arcs_seen_ = arcs_->size();
    StartGreedily(first_load, first, by_need);
  }
  AddCandidateArcs();
  if (simplex_->Run() != NetworkSimplex::Outcome::kOptimal) {
    // Every need's unmet arc can take all it asks, so this would be a solver bug.
    return Status::Internal("network simplex found no feasible flow");
  }
  flow_.resize(arcs_->size());
  for (size_t i = 0; i < arcs_->size(); ++i) flow_[i] = simplex_->flow(arc_index_[i]);
  const Potential at_sink = simplex_->potential(sink);
  for (int n = 0; n < needs; ++n) need_pot_[n] = simplex_->potential(node_[n]) - at_sink;
  for (int h = 0; h < helpers; ++h) helper_pot_[h] = simplex_->potential(node_[needs + h]) - at_sink;
  if (stats) {
    stats->components = 1;
    stats->two_phase = false;
    ++stats->solver_calls;
    stats->simplex_pivots = simplex_->pivots();
  }
  return Status::Ok();
}

}  // namespace kin::match
