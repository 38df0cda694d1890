// The engine: candidates, successive shortest paths, then pricing of every left-out feasible pair against the
// potentials. A pair with negative reduced cost could improve the objective and is added (warm start: only the
// flow it disturbs is re-routed). When none prices negative, the potentials certify that the flow is optimal
// for the graph of all feasible pairs, so pruning never changes the optimum.
#include <algorithm>
#include <limits>

#include "match/engine.h"
#include "match/ssp_solver.h"

namespace kin::match {
namespace {

constexpr size_t kPerNeed = 2;  // pairs added per need and pricing round

class SspPricer {
 public:
  SspPricer(const Prepared& p, const HelperIndex& index, const Candidates& candidates, const SspSolver& solver)
      : p_(p), index_(index), candidates_(candidates), solver_(solver) {}

  // Appends to `out`, for each need, the (at most kPerNeed) most negative left-out feasible pairs, and records
  // them in `added` (per need, helpers added so far).
  void Price(std::vector<std::vector<int>>& added, std::vector<CandidateArc>& out) {
    ComputeBounds();
    const int needs = static_cast<int>(p_.needs().size());
    struct Found {
      Wide rc;
      int helper;
      TravelUnits travel;
      bool operator<(const Found& o) const { return rc != o.rc ? rc < o.rc : helper < o.helper; }
    };
    std::vector<Found> found;
    for (int n = 0; n < needs; ++n) {
      const TravelUnits from = candidates_.pruned_from[n];
      if (from == kNothingPruned) continue;
      const PreparedNeed& pn = p_.needs()[n];
      const int c = pn.category;
      const Wide base = solver_.need_potential(n);
      if (Wide{from} + base - category_max_[c] >= 0) continue;
      const SpatialGrid& grid = index_.grid(c);
      const int rings = grid.MaxRing(index_.max_radius_m(c));
      for (int r = 0; r <= rings; ++r) {
        const TravelUnits lower = std::max(from, p_.Travel(grid.RingLowerBound(r)));
        if (Wide{lower} + base - category_max_[c] >= 0) break;
        grid.ForEachCellInRing(pn.place, r, [&](int cell, const int* begin, const int* end) {
          if (Wide{lower} + base - cell_max_[c][cell] >= 0) return;
          for (const int* it = begin; it != end; ++it) {
            const int h = *it;
            if (p_.helpers()[h].remaining <= 0) continue;
            if (Wide{from} + base - solver_.helper_potential(h) >= 0) continue;
            double d = 0;
            if (!p_.Feasible(n, h, &d)) continue;
            const TravelUnits travel = p_.Travel(d);
            const Wide rc = solver_.ReducedCost(n, h, travel);
            if (rc >= 0 || IsArc(n, h, added)) continue;
            found.push_back({rc, h, travel});
          }
        });
      }
      // Only the most negative few per need and round: each added arc costs a re-route, and one good arc
      // often makes the others price non-negative.
      if (found.size() > kPerNeed) {
        std::partial_sort(found.begin(), found.begin() + kPerNeed, found.end());
        found.resize(kPerNeed);
      }
      for (const Found& f : found) {
        out.push_back({n, f.helper, f.travel});
        added[n].push_back(f.helper);
      }
      found.clear();
    }
  }

 private:
  bool IsArc(int n, int h, const std::vector<std::vector<int>>& added) const {
    for (int64_t i = candidates_.first[n]; i < candidates_.first[n + 1]; ++i) {
      if (candidates_.arcs[i].helper == h) return true;
    }
    return std::find(added[n].begin(), added[n].end(), h) != added[n].end();
  }
  void ComputeBounds() {
    const int categories = p_.category_count();
    const Wide kLow = -(Wide{1} << 120);
    category_max_.assign(categories, kLow);
    cell_max_.resize(categories);
    for (int c = 0; c < categories; ++c) {
      const SpatialGrid& grid = index_.grid(c);
      cell_max_[c].assign(grid.cell_count(), kLow);
      for (int h : grid.items()) {
        if (p_.helpers()[h].remaining <= 0) continue;
        const int cell = grid.CellOf(p_.helpers()[h].base);
        const Wide pot = solver_.helper_potential(h);
        cell_max_[c][cell] = std::max(cell_max_[c][cell], pot);
        category_max_[c] = std::max(category_max_[c], pot);
      }
    }
  }

  const Prepared& p_;
  const HelperIndex& index_;
  const Candidates& candidates_;
  const SspSolver& solver_;
  std::vector<Wide> category_max_;
  std::vector<std::vector<Wide>> cell_max_;
};

}  // namespace

Result<std::vector<Suggestion>> SolveOptimalSsp(const Prepared& p, const HelperIndex& index, SolveStats* stats) {
  const Options& o = p.options();
  auto progress = [&](std::string_view stage) {
    if (o.progress) o.progress(stage);
  };
  progress("candidates");
  Candidates candidates = GenerateCandidates(p, index, std::max(1, o.candidates_per_need));
  SspSolver solver(p);
  solver.AddArcs(candidates.arcs);
  std::vector<std::vector<int>> added(p.needs().size());
  stats->components = 1;
  for (int round = 0;; ++round) {
    progress(round == 0 ? "solve" : "re-solve after pricing");
    solver.Solve();
    solver.Tighten();
    ++stats->solver_calls;
    if (round >= o.max_pricing_rounds) break;
    progress("pricing");
    ++stats->pricing_rounds;
    std::vector<CandidateArc> more;
    SspPricer(p, index, candidates, solver).Price(added, more);
    stats->arcs_added_by_pricing += static_cast<int64_t>(more.size());
    if (more.empty()) break;
    solver.AddArcs(more);
  }
  stats->candidate_arcs = static_cast<int64_t>(solver.arc_count());
  std::vector<Suggestion> out;
  for (size_t i = 0; i < solver.arc_count(); ++i) {
    const Units f = solver.flow(i);
    if (f <= 0) continue;
    Suggestion s;
    s.need = solver.arc(i).need;
    s.helper = solver.arc(i).helper;
    s.units = f;
    out.push_back(s);
  }
  return out;
}

}  // namespace kin::match
