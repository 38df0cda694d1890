// The exact optimum. Candidates are each need's K nearest feasible helpers; after solving, every left-out
// feasible pair is priced against the duals (reduced cost = cost + potential(need) - potential(helper)). A pair
// with negative reduced cost could improve the objective and is added; the affected components are solved
// again. When no left-out pair prices negative, the duals certify that the flow is optimal for the graph of
// all feasible pairs, so pruning never changes the optimum.
#include <algorithm>
#include <unordered_map>

#include "match/engine.h"
#include "match/flow_solver.h"

namespace kin::match {
namespace {

using Wide = __int128;

class Pricer {
 public:
  Pricer(const Prepared& p, const HelperIndex& index, const Candidates& candidates, const FlowSolver& solver)
      : p_(p), index_(index), candidates_(candidates), solver_(solver) {}

  // Appends to `arcs` every left-out feasible pair whose reduced cost is below Options::pricing_margin (in the
  // last phase; phase 1 must be negative or zero). Returns how many of those price negative: zero proves the
  // flow optimal for all feasible pairs, and the caller then drops the others.
  int64_t Price(std::vector<CandidateArc>& arcs, std::unordered_map<int, std::vector<int>>& added) {
    ComputeBounds();
    int64_t count = 0;
    const int needs = static_cast<int>(p_.needs().size());
    for (int n = 0; n < needs; ++n) {
      TravelUnits from = candidates_.pruned_from[n];
      if (from == kNothingPruned) continue;
      const PreparedNeed& pn = p_.needs()[n];
      const int c = pn.category;
      if (!MayImprove(n, category_max1_[c], category_max2_[c], from)) continue;
      const SpatialGrid& grid = index_.grid(c);
      const int rings = grid.MaxRing(index_.max_radius_m(c));
      for (int r = 0; r <= rings; ++r) {
        TravelUnits lower = std::max(from, p_.Travel(grid.RingLowerBound(r)));
        if (!MayImprove(n, category_max1_[c], category_max2_[c], lower)) break;
        grid.ForEachCellInRing(pn.place, r, [&](int cell, const int* begin, const int* end) {
          if (!MayImprove(n, cell_max1_[c][cell], cell_max2_[c][cell], lower)) return;
          for (const int* it = begin; it != end; ++it) {
            int h = *it;
            if (p_.helpers()[h].remaining <= 0) continue;
            // The helper's own potentials first: most helpers are ruled out before the distance is computed.
            if (!MayImprove(n, solver_.helper_potential1(h), solver_.helper_potential(h), lower)) continue;
            double d = 0;
            if (!p_.Feasible(n, h, &d)) continue;
            TravelUnits travel = p_.Travel(d);
            if (!Improves(n, h, travel) || IsArc(n, h, added)) continue;
            arcs.push_back({n, h, travel});
            added[n].push_back(h);
            if (Improves(n, h, travel, 0)) ++count;
          }
        });
      }
    }
    return count;
  }

 private:
  bool Improves(int n, int h, TravelUnits travel) const { return Improves(n, h, travel, margin_); }
  bool Improves(int n, int h, TravelUnits travel, Cost margin) const {
    if (solver_.two_phase()) {
      Cost a = solver_.need_potential1(n), b = solver_.helper_potential1(h);
      if (a != b) return a < b;  // phase 1 reduced cost is a - b
    }
    return Wide{travel} + solver_.need_potential(n) - solver_.helper_potential(h) < margin;
  }
  // Could a helper with phase-1/final potentials at most (max1, max2) and travel >= lower improve need n?
  bool MayImprove(int n, Cost max1, Cost max2, TravelUnits lower) const {
    if (solver_.two_phase()) {
      Cost a = solver_.need_potential1(n);
      if (max1 > a) return true;
      if (max1 < a) return false;
    }
    return Wide{lower} + solver_.need_potential(n) - max2 < margin_;
  }
  bool IsArc(int n, int h, const std::unordered_map<int, std::vector<int>>& added) const {
    for (int64_t i = candidates_.first[n]; i < candidates_.first[n + 1]; ++i) {
      if (candidates_.arcs[i].helper == h) return true;
    }
    auto it = added.find(n);
    return it != added.end() && std::find(it->second.begin(), it->second.end(), h) != it->second.end();
  }
  void ComputeBounds() {
    const int categories = p_.category_count();
    const Cost kLow = std::numeric_limits<Cost>::min();
    category_max1_.assign(categories, kLow);
    category_max2_.assign(categories, kLow);
    cell_max1_.resize(categories);
    cell_max2_.resize(categories);
    for (int c = 0; c < categories; ++c) {
      const SpatialGrid& grid = index_.grid(c);
      cell_max1_[c].assign(grid.cell_count(), kLow);
      cell_max2_[c].assign(grid.cell_count(), kLow);
      for (int h : grid.items()) {
        if (p_.helpers()[h].remaining <= 0) continue;
        int cell = grid.CellOf(p_.helpers()[h].base);
        Cost a = solver_.helper_potential1(h), b = solver_.helper_potential(h);
        cell_max1_[c][cell] = std::max(cell_max1_[c][cell], a);
        cell_max2_[c][cell] = std::max(cell_max2_[c][cell], b);
        category_max1_[c] = std::max(category_max1_[c], a);
        category_max2_[c] = std::max(category_max2_[c], b);
      }
    }
  }

  const Prepared& p_;
  const HelperIndex& index_;
  const Candidates& candidates_;
  const FlowSolver& solver_;
  const Cost margin_ = std::max(0, p_.options().pricing_margin);  // a negative one would stop too early
  std::vector<Cost> category_max1_, category_max2_;
  std::vector<std::vector<Cost>> cell_max1_, cell_max2_;
};

}  // namespace

Result<std::vector<Suggestion>> SolveOptimal(const Prepared& p, const HelperIndex& index, SolveStats* stats) {
  return SolveWithNetworkSimplex(p, index, stats);
}

Result<std::vector<Suggestion>> SolveWithNetworkSimplex(const Prepared& p, const HelperIndex& index,
                                                        SolveStats* stats) {
  const Options& o = p.options();
  auto progress = [&](std::string_view stage) {
    if (o.progress) o.progress(stage);
  };
  progress("candidates");
  Candidates candidates = GenerateCandidates(p, index, o.prune ? std::max(1, o.candidates_per_need) : 0);
  std::vector<CandidateArc> arcs = candidates.arcs;
  if (!o.prune) stats->feasible_pairs = static_cast<int64_t>(arcs.size());
  FlowSolver solver(p, &arcs);
  std::unordered_map<int, std::vector<int>> added;
  for (int round = 0;; ++round) {
    progress(round == 0 ? "solve" : "re-solve after pricing");
    Status s = solver.Solve(stats);
    if (!s.ok()) return s;
    if (!o.prune || round >= o.max_pricing_rounds) break;
    progress("pricing");
    ++stats->pricing_rounds;
    Pricer pricer(p, index, candidates, solver);
    const size_t before = arcs.size();
    int64_t more = pricer.Price(arcs, added);
    if (more == 0) {  // only pairs within the margin: the flow is optimal; keep the graph that was solved
      arcs.resize(before);
      break;
    }
    stats->arcs_added_by_pricing += static_cast<int64_t>(arcs.size() - before);
  }
  stats->candidate_arcs = static_cast<int64_t>(arcs.size());
  std::vector<Suggestion> out;
  for (size_t i = 0; i < arcs.size(); ++i) {
    Units f = solver.flow(i);
    if (f <= 0) continue;
    Suggestion s;
    s.need = arcs[i].need;
    s.helper = arcs[i].helper;
    s.units = f;
    out.push_back(s);
  }
  return out;
}

}  // namespace kin::match
