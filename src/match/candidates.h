// Candidate pairs: for each need, the feasible helpers the solver may use. A per-category spatial index finds
// them ring by ring around the need, so the work grows with the pairs kept, not with needs x helpers.
#ifndef KIN_MATCH_CANDIDATES_H_
#define KIN_MATCH_CANDIDATES_H_

#include <cstdint>
#include <limits>
#include <vector>

#include "match/pair_filter.h"
#include "match/prepared.h"
#include "match/spatial_grid.h"

namespace kin::match {

struct CandidateArc {
  int32_t need = 0;
  int32_t helper = 0;
  TravelUnits travel = 0;
};

// Helpers indexed by category (a helper with several categories is in several grids).
class HelperIndex {
 public:
  explicit HelperIndex(const Prepared& p);
  const SpatialGrid& grid(int category) const { return grids_[category]; }
  double max_radius_m(int category) const { return max_radius_m_[category]; }
  // Per category, each helper's PairFilter in the order of grid(category).items().
  const std::vector<PairFilter>& filters(int category) const { return filters_[category]; }

 private:
  std::vector<SpatialGrid> grids_;
  std::vector<std::vector<PairFilter>> filters_;
  std::vector<double> max_radius_m_;
};

inline constexpr TravelUnits kNothingPruned = std::numeric_limits<TravelUnits>::max();

struct Candidates {
  std::vector<CandidateArc> arcs;        // grouped by need, nearest first
  std::vector<int64_t> first;            // per need, offset into arcs (size needs+1)
  // Per need: every feasible pair left out is at least this far (travel units); kNothingPruned when none was.
  std::vector<TravelUnits> pruned_from;
};

// The needs with units open, by category, block of cells and cell of their place: neighbours follow each other,
// so a walk over them finds the cells and helpers it reads still in cache (at 100,000 needs pricing took a
// third of the time it took in input order).
std::vector<int> NeedsInGridOrder(const Prepared& p, const HelperIndex& index);

// With `k` > 0 keeps each need's k nearest feasible helpers that have capacity left; with k == 0 keeps all
// (the full graph). Declined pairs and helpers without capacity are never candidates.
Candidates GenerateCandidates(const Prepared& p, const HelperIndex& index, int k);

// Calls f(helper, distance_m) for every helper of the need's category within the category's largest radius,
// nearest ring first (not sorted within a ring), whatever its capacity or the other filters.
template <typename F>
void ForEachHelperNear(const Prepared& p, const HelperIndex& index, int need, F&& f) {
  const PreparedNeed& n = p.needs()[need];
  const SpatialGrid& grid = index.grid(n.category);
  int rings = grid.MaxRing(index.max_radius_m(n.category));
  for (int r = 0; r <= rings; ++r) {
    grid.ForEachCellInRing(n.place, r, [&](int, const int* begin, const int* end) {
      for (const int* it = begin; it != end; ++it) f(*it);
    });
  }
}

}  // namespace kin::match

#endif  // KIN_MATCH_CANDIDATES_H_
