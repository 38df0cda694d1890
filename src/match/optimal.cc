// The exact optimum. Candidates are each need's K nearest feasible helpers; after solving, every left-out
// feasible pair is priced against the duals (reduced cost = cost + potential(need) - potential(helper)). A pair
// with negative reduced cost could improve the objective and is added, and the flow is solved again (the own
// simplex resumes from its last basis). When no left-out pair prices negative, the duals certify that the flow is optimal for the graph of
// all feasible pairs, so pruning never changes the optimum.
#include <algorithm>
#include <limits>
#include <vector>

#include "match/engine.h"
#include "match/flow_solver.h"
#include "match/pair_filter.h"

namespace kin::match {
namespace {

using Wide = __int128;

// A helper's or need's potentials, or upper bounds of them: p1 of phase 1 (priority) in two phases (else 0), p3
// of the last phase (combined costs in one phase, load and travel in two).
struct Potentials {
  Cost p1 = 0;
  Potential p3 = 0;
  bool operator==(const Potentials&) const = default;
};

// Lives across pricing rounds: a pair left out in one round (its reduced cost was at least the margin) can only
// improve in a later one if the need's or the helper's potentials changed since. So after the first round a
// need whose potentials stayed is checked against the helpers whose potentials changed only, through cell
// maxima of those helpers alone.
//
// Each category's helpers are copied into slots in the grid's cell order, each cell's sorted by radius (largest
// first, helpers without capacity last), with their potentials refreshed every round and their PairFilter
// beside them: the walk reads them in sequence instead of from the solver's and the helpers' arrays at random,
// stops in a cell at the first helper whose radius cannot reach the ring, and rules out most pairs before
// Prepared::Feasible. Needs are walked in grid order, so neighbours find the same cells in cache.
class Pricer {
 public:
  Pricer(const Prepared& p, const HelperIndex& index, const Candidates& candidates, const FlowSolver& solver)
      : p_(p), index_(index), candidates_(candidates), solver_(solver) {
    Layout();
  }

  // Appends to `arcs` every left-out feasible pair whose reduced cost is below the margin (in the last phase;
  // earlier phases must be negative or zero). Returns how many of those price negative: zero proves the flow
  // optimal for all feasible pairs, and the caller then drops the others.
  int64_t Price(std::vector<CandidateArc>& arcs, std::vector<std::vector<int>>& added) {
    const Options& o = p_.options();
    margin_ = std::max(0, o.pricing_margin);  // < 0 would stop early
    FindChanges();
    ComputeBounds();
    int64_t count = 0;
    for (const int n : need_order_) {
      TravelUnits from = candidates_.pruned_from[n];
      const PreparedNeed& pn = p_.needs()[n];
      const int c = pn.category;
      // Else only helpers whose potentials changed: a pair the cap below left out last round is checked again
      // whatever changed.
      const bool all = need_changed_[n] != 0 || capped_[n] != 0;
      capped_[n] = 0;
      const Potentials need = NeedPotentials(n);
      const Potentials& category_max = all ? category_max_[c] : changed_category_max_[c];
      const std::vector<Potentials>& cell_max = all ? cell_max_[c] : changed_cell_max_[c];
      const std::vector<Potentials>& block_max = all ? block_max_[c] : changed_block_max_[c];
      if (!MayImprove(need, category_max, from)) continue;
      // The need's arcs so far, so a pair found is known to be new in one look.
      for (int64_t i = candidates_.first[n]; i < candidates_.first[n + 1]; ++i) arc_of_[candidates_.arcs[i].helper] = n;
      for (int h : added[n]) arc_of_[h] = n;
      const SpatialGrid& grid = index_.grid(c);
      const std::vector<Slot>& slots = slots_[c];
      const std::vector<PairFilter>& filters = filters_[c];
      const PlaceRad place = PlaceRad::Of(pn.place);
      const std::vector<double>& cell_radius = cell_radius_[c];
      const std::vector<double>& block_radius = block_radius_[c];
      const int* items = grid.items().data();
      const int rings = grid.MaxRing(index_.max_radius_m(c));
      int64_t phase1_found = 0;
      const int64_t phase1_cap = std::max<int64_t>(phase1_cap_, pn.open);  // a need of many units needs as many
      for (int r = 0; r <= rings; ++r) {
        const double lower_m = grid.RingLowerBound(r);
        const TravelUnits lower = std::max(from, p_.Travel(lower_m));
        if (!MayImprove(need, category_max, lower)) break;
        // A block or cell is skipped when no helper in it reaches this far or none could improve the need.
        auto keep = [&](int block) {
          return block_radius[block] >= lower_m && MayImprove(need, block_max[block], lower);
        };
        grid.ForEachCellInRing(pn.place, r, keep, [&](int cell, const int* begin, const int* end) {
          if (cell_radius[cell] < lower_m || !MayImprove(need, cell_max[cell], lower)) return;
          for (const Slot *it = slots.data() + (begin - items), *stop = slots.data() + (end - items); it != stop;
               ++it) {
            if (it->radius_m < lower_m) break;  // nor any after it in this cell (nor those without capacity)
            if ((!all && !it->changed) || !MayImprove(need, it->pot, lower)) continue;
            // Most pairs that pass the potentials fail here, on reach or on their travel, before the helper is
            // touched.
            const PairFilter& filter = filters[it - slots.data()];
            if (!filter.MayBeFeasible(pn)) continue;
            const double near_m = filter.DistanceLowerBound(place);
            if (near_m > filter.radius_m || !Improves(need, it->pot, p_.Travel(std::max(0.0, near_m)))) continue;
            const int h = it->helper;
            double d = 0;
            if (!p_.Feasible(n, h, &d)) continue;
            const TravelUnits travel = p_.Travel(d);
            if (arc_of_[h] == n || !Improves(need, it->pot, travel)) continue;
            // Past the cap a pair is left for the next round, which checks the need against every helper: this
            // round added pairs that price negative, so there is one, and the proof (a round with none) holds.
            if (ImprovesPhase1(need, it->pot, travel) && ++phase1_found > phase1_cap) {
              capped_[n] = 1;
              continue;
            }
            arcs.push_back({n, h, travel});
            added[n].push_back(h);
            arc_of_[h] = n;
            if (Improves(need, it->pot, travel, 0)) ++count;
          }
        });
      }
    }
    return count;
  }

 private:
  struct Slot {
    Potentials pot;
    double radius_m = -1;  // -1: no capacity left (never a candidate)
    int helper = 0;
    bool changed = true;   // potentials changed since the last round
  };

  Potentials NeedPotentials(int n) const {
    return {solver_.need_potential1(n), solver_.need_potential(n)};
  }
  Potentials HelperPotentials(int h) const {
    return {solver_.helper_potential1(h), solver_.helper_potential(h)};
  }

  bool Improves(const Potentials& need, const Potentials& helper, TravelUnits travel) const {
    return Improves(need, helper, travel, margin_);
  }
  // The pair's reduced costs compared phase by phase: a non-zero one in an earlier phase decides (the pair would
  // be fixed at zero flow there, or improve that phase).
  bool Improves(const Potentials& need, const Potentials& helper, TravelUnits travel, Cost margin) const {
    if (solver_.two_phase() && need.p1 != helper.p1) {
      return need.p1 < helper.p1;  // phase 1 reduced cost is need.p1 - helper.p1
    }
    return Wide{travel} + need.p3 - helper.p3 < margin;
  }
  // The pair would meet more priority (its phase-1 reduced cost is negative), whatever its travel.
  // In one phase it is told from the combined reduced cost: below minus half a unit of priority, which the load
  // and travel parts of a reduced cost (sums round a cycle) stay far from in practice. A pair misjudged either
  // way is only capped or not, never lost: a capped need is checked against every helper the next round, and
  // the round that capped it added a pair pricing negative, so it was not the last.
  bool ImprovesPhase1(const Potentials& need, const Potentials& helper, TravelUnits travel) const {
    if (solver_.two_phase()) return need.p1 < helper.p1;
    return Wide{travel} + need.p3 - helper.p3 < -solver_.priority_scale() / 2;
  }
  // Could a helper whose potentials are at most `max` (phase by phase) with travel >= lower improve the need?
  // A helper tying with the need in phase 1 has its last-phase potential at most max.p3 too.
  bool MayImprove(const Potentials& need, const Potentials& max, TravelUnits lower) const {
    if (solver_.two_phase()) {
      if (max.p1 > need.p1) return true;
      if (max.p1 < need.p1) return false;
    }
    return Wide{lower} + need.p3 - max.p3 < margin_;
  }
  // Slots in cell order, each cell's by radius (largest first); the cells' and blocks' largest radii. Helpers
  // without capacity left are never priced: they sort last with radius -1 and count in no maximum.
  void Layout() {
    const int categories = p_.category_count();
    slots_.resize(categories);
    filters_.resize(categories);
    cell_radius_.resize(categories);
    block_radius_.resize(categories);
    for (const int n : NeedsInGridOrder(p_, index_)) {
      if (candidates_.pruned_from[n] != kNothingPruned) need_order_.push_back(n);  // else nothing to price
    }
    arc_of_.assign(p_.helpers().size(), -1);
    capped_.assign(p_.needs().size(), 0);
    for (int c = 0; c < categories; ++c) {
      const SpatialGrid& grid = index_.grid(c);
      std::vector<Slot>& slots = slots_[c];
      slots.resize(grid.items().size());
      for (size_t i = 0; i < slots.size(); ++i) {
        const int h = grid.items()[i];
        slots[i].helper = h;
        if (p_.helpers()[h].remaining > 0) slots[i].radius_m = p_.helpers()[h].radius_m;
      }
      filters_[c].resize(slots.size());
      cell_radius_[c].assign(grid.cell_count(), -1);
      block_radius_[c].assign(grid.block_count(), -1);
      for (int cell = 0; cell < grid.cell_count(); ++cell) {
        const auto first = slots.begin() + grid.CellBegin(cell), last = slots.begin() + grid.CellEnd(cell);
        if (first == last) continue;
        std::sort(first, last, [](const Slot& a, const Slot& b) {
          return a.radius_m != b.radius_m ? a.radius_m > b.radius_m : a.helper < b.helper;
        });
        for (auto it = first; it != last; ++it) {
          filters_[c][it - slots.begin()] = PairFilter::Of(p_.helpers()[it->helper]);
        }
        cell_radius_[c][cell] = first->radius_m;
        double& block = block_radius_[c][grid.BlockOfCell(cell)];
        block = std::max(block, first->radius_m);
      }
    }
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
    max.p3 = std::max(max.p3, x.p3);
  }
  // Refreshes the slots' potentials and, per category, grid cell and block of cells, the largest potentials of
  // helpers with capacity left: of all of them, and of those whose potentials changed since the last round.
  void ComputeBounds() {
    const int categories = p_.category_count();
    // Below every potential: 128-bit potentials reach far past int64 (an unmet need's is about -priority x S_P),
    // and a 64-bit floor would let every empty cell and block through. Potentials stay within 2^123 (the bound
    // behind kTooLarge); numeric_limits of __int128 is not specialised in strict C++20.
    const Potentials low{std::numeric_limits<Cost>::min(), -(Potential{1} << 126)};
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
      for (int cell = 0; cell < grid.cell_count(); ++cell) {
        const int block = grid.BlockOfCell(cell);
        for (int i = grid.CellBegin(cell); i < grid.CellEnd(cell); ++i) {
          Slot& slot = slots_[c][i];
          if (slot.radius_m < 0) break;  // no capacity left, nor any after it
          slot.pot = HelperPotentials(slot.helper);
          slot.changed = helper_changed_[slot.helper] != 0;
          Raise(cell_max_[c][cell], slot.pot);
          Raise(block_max_[c][block], slot.pot);
          Raise(category_max_[c], slot.pot);
          if (slot.changed) {
            Raise(changed_cell_max_[c][cell], slot.pot);
            Raise(changed_block_max_[c][block], slot.pot);
            Raise(changed_category_max_[c], slot.pot);
          }
        }
      }
    }
  }

  const Prepared& p_;
  const HelperIndex& index_;
  const Candidates& candidates_;
  const FlowSolver& solver_;
  Cost margin_ = 0;  // Options::pricing_margin
  std::vector<std::vector<Slot>> slots_;                         // per category, aligned with the grid's items
  std::vector<std::vector<PairFilter>> filters_;                 // the same
  std::vector<std::vector<double>> cell_radius_, block_radius_;  // per category: largest radius, -1 when none
  // Pairs that improve phase 1 added per need and round (at least its units): any one of them lets the re-solve
  // meet a unit, and there may be hundreds (an unmet need and every helper in reach with spare capacity).
  const int64_t phase1_cap_ = std::max(1, p_.options().candidates_per_need);
  std::vector<int> need_order_;  // the needs with pairs left out, in grid order (cache: NeedsInGridOrder)
  std::vector<int> arc_of_;  // per helper: the last need it was found to have an arc with
  std::vector<char> capped_;  // per need: pairs left out by the cap in the last round
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
  std::vector<std::vector<int>> added(p.needs().size());
  Pricer pricer(p, index, candidates, solver);
  for (int round = 0;; ++round) {
    progress(round == 0 ? "solve" : "re-solve after pricing");
    Status s = solver.Solve(stats);
    if (!s.ok()) return s;
    if (!o.prune) {  // the graph of all feasible pairs: the solve itself is the proof
      stats->proven_optimal = true;
      break;
    }
    if (round >= o.max_pricing_rounds) break;  // left unproven, and said so
    progress("pricing");
    ++stats->pricing_rounds;
    const size_t before = arcs.size();
    int64_t more = pricer.Price(arcs, added);
    if (more == 0) {  // only pairs within the margin: the flow is optimal; keep the graph that was solved
      arcs.resize(before);
      stats->proven_optimal = true;
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
