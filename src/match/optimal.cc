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

// A helper's or need's potentials in each phase (phase 2 only in three-phase mode, else 0), or upper bounds.
struct Potentials {
  Cost p1 = 0, p2 = 0;
  Potential p3 = 0;
  bool operator==(const Potentials&) const = default;
};

// Lives across pricing rounds: a pair left out in one round (its reduced cost was at least the margin) can only
// improve in a later one if the need's or the helper's potentials changed since. So after the first round a
// need whose potentials stayed is checked against the helpers whose potentials changed only, through cell
// maxima of those helpers alone.
class Pricer {
 public:
  Pricer(const Prepared& p, const HelperIndex& index, const Candidates& candidates, const FlowSolver& solver)
      : p_(p), index_(index), candidates_(candidates), solver_(solver) {}

  // Appends to `arcs` every left-out feasible pair whose reduced cost is below Options::pricing_margin (in the
  // last phase; earlier phases must be negative or zero). Returns how many of those price negative: zero proves
  // the flow optimal for all feasible pairs, and the caller then drops the others.
  int64_t Price(std::vector<CandidateArc>& arcs, std::unordered_map<int, std::vector<int>>& added) {
    FindChanges();
    ComputeBounds();
    int64_t count = 0;
    const int needs = static_cast<int>(p_.needs().size());
    for (int n = 0; n < needs; ++n) {
      TravelUnits from = candidates_.pruned_from[n];
      if (from == kNothingPruned) continue;
      const PreparedNeed& pn = p_.needs()[n];
      const int c = pn.category;
      const bool all = need_changed_[n] != 0;  // else only helpers whose potentials changed
      const Potentials& category_max = all ? category_max_[c] : changed_category_max_[c];
      const std::vector<Potentials>& cell_max = all ? cell_max_[c] : changed_cell_max_[c];
      const std::vector<Potentials>& block_max = all ? block_max_[c] : changed_block_max_[c];
      if (!MayImprove(n, category_max, from)) continue;
      const SpatialGrid& grid = index_.grid(c);
      const int rings = grid.MaxRing(index_.max_radius_m(c));
      for (int r = 0; r <= rings; ++r) {
        TravelUnits lower = std::max(from, p_.Travel(grid.RingLowerBound(r)));
        if (!MayImprove(n, category_max, lower)) break;
        auto keep = [&](int block) { return MayImprove(n, block_max[block], lower); };
        grid.ForEachCellInRing(pn.place, r, keep, [&](int cell, const int* begin, const int* end) {
          if (!MayImprove(n, cell_max[cell], lower)) return;
          for (const int* it = begin; it != end; ++it) {
            int h = *it;
            if (p_.helpers()[h].remaining <= 0 || (!all && !helper_changed_[h])) continue;
            // The helper's own potentials first: most helpers are ruled out before the distance is computed.
            if (!MayImprove(n, HelperPotentials(h), lower)) continue;
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
  Potentials NeedPotentials(int n) const {
    return {solver_.need_potential1(n), solver_.need_potential2(n), solver_.need_potential(n)};
  }
  Potentials HelperPotentials(int h) const {
    return {solver_.helper_potential1(h), solver_.helper_potential2(h), solver_.helper_potential(h)};
  }

  bool Improves(int n, int h, TravelUnits travel) const { return Improves(n, h, travel, margin_); }
  // The pair's reduced costs compared phase by phase: a non-zero one in an earlier phase decides (the pair would
  // be fixed at zero flow there, or improve that phase).
  bool Improves(int n, int h, TravelUnits travel, Cost margin) const {
    if (solver_.two_phase()) {
      Cost a = solver_.need_potential1(n), b = solver_.helper_potential1(h);
      if (a != b) return a < b;  // phase 1 reduced cost is a - b
      a = solver_.need_potential2(n), b = solver_.helper_potential2(h);
      if (a != b) return a < b;  // phase 2 (three phases; both 0 otherwise): a pair costs no load itself
    }
    return Wide{travel} + solver_.need_potential(n) - solver_.helper_potential(h) < margin;
  }
  // Could a helper whose potentials are at most `max` (phase by phase) with travel >= lower improve need n?
  // A helper tying with need n in phase 1 has its phase-2 potential at most max.p2 too, and so on.
  bool MayImprove(int n, const Potentials& max, TravelUnits lower) const {
    if (solver_.two_phase()) {
      Cost a = solver_.need_potential1(n);
      if (max.p1 > a) return true;
      if (max.p1 < a) return false;
      a = solver_.need_potential2(n);
      if (max.p2 > a) return true;
      if (max.p2 < a) return false;
    }
    return Wide{lower} + solver_.need_potential(n) - max.p3 < margin_;
  }
  bool IsArc(int n, int h, const std::unordered_map<int, std::vector<int>>& added) const {
    for (int64_t i = candidates_.first[n]; i < candidates_.first[n + 1]; ++i) {
      if (candidates_.arcs[i].helper == h) return true;
    }
    auto it = added.find(n);
    return it != added.end() && std::find(it->second.begin(), it->second.end(), h) != it->second.end();
  }
  // Which potentials differ from the last round's (all of them in the first round, or when the solver switched
  // to two phases, which changes what they mean).
  void FindChanges() {
    const int needs = static_cast<int>(p_.needs().size()), helpers = static_cast<int>(p_.helpers().size());
    const bool all = last_need_.empty() || last_two_phase_ != solver_.two_phase();
    last_two_phase_ = solver_.two_phase();
    last_need_.resize(needs);
    last_helper_.resize(helpers);
    need_changed_.assign(needs, 1);
    helper_changed_.assign(helpers, 1);
    for (int n = 0; n < needs; ++n) {
      const Potentials x = NeedPotentials(n);
      if (!all && x == last_need_[n]) need_changed_[n] = 0;
      last_need_[n] = x;
    }
    for (int h = 0; h < helpers; ++h) {
      const Potentials x = HelperPotentials(h);
      if (!all && x == last_helper_[h]) helper_changed_[h] = 0;
      last_helper_[h] = x;
    }
  }
  static void Raise(Potentials& max, const Potentials& x) {
    max.p1 = std::max(max.p1, x.p1);
    max.p2 = std::max(max.p2, x.p2);
    max.p3 = std::max(max.p3, x.p3);
  }
  // Per category, grid cell and block of cells, the largest potentials of helpers with capacity left: of all of
  // them, and of those whose potentials changed since the last round.
  void ComputeBounds() {
    const int categories = p_.category_count();
    const Cost kLow = std::numeric_limits<Cost>::min();
    const Potentials low{kLow, kLow, kLow};
    category_max_.assign(categories, low);
    changed_category_max_.assign(categories, low);
    cell_max_.resize(categories);
    changed_cell_max_.resize(categories);
    block_max_.resize(categories);
    changed_block_max_.resize(categories);
    for (int c = 0; c < categories; ++c) {
      const SpatialGrid& grid = index_.grid(c);
      cell_max_[c].assign(grid.cell_count(), low);
      changed_cell_max_[c].assign(grid.cell_count(), low);
      block_max_[c].assign(grid.block_count(), low);
      changed_block_max_[c].assign(grid.block_count(), low);
      for (int h : grid.items()) {
        if (p_.helpers()[h].remaining <= 0) continue;
        const Potentials x = HelperPotentials(h);
        const int cell = grid.CellOf(p_.helpers()[h].base), block = grid.BlockOfCell(cell);
        Raise(cell_max_[c][cell], x);
        Raise(block_max_[c][block], x);
        Raise(category_max_[c], x);
        if (helper_changed_[h]) {
          Raise(changed_cell_max_[c][cell], x);
          Raise(changed_block_max_[c][block], x);
          Raise(changed_category_max_[c], x);
        }
      }
    }
  }

  const Prepared& p_;
  const HelperIndex& index_;
  const Candidates& candidates_;
  const FlowSolver& solver_;
  const Cost margin_ = std::max(0, p_.options().pricing_margin);  // a negative one would stop too early
  std::vector<Potentials> last_need_, last_helper_;
  bool last_two_phase_ = false;
  std::vector<char> need_changed_, helper_changed_;
  std::vector<Potentials> category_max_, changed_category_max_;
  std::vector<std::vector<Potentials>> cell_max_, changed_cell_max_, block_max_, changed_block_max_;
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
  Pricer pricer(p, index, candidates, solver);
  for (int round = 0;; ++round) {
    progress(round == 0 ? "solve" : "re-solve after pricing");
    Status s = solver.Solve(stats);
    if (!s.ok()) return s;
    if (!o.prune || round >= o.max_pricing_rounds) break;
    progress("pricing");
    ++stats->pricing_rounds;
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
