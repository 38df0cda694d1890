// A uniform latitude/longitude grid over points, searched in rings of cells around a place, nearest ring
// first. Used to generate candidate pairs without looking at all pairs.
#ifndef KIN_MATCH_SPATIAL_GRID_H_
#define KIN_MATCH_SPATIAL_GRID_H_

#include <algorithm>
#include <vector>

#include "core/geo.h"

namespace kin::match {

class SpatialGrid {
 public:
  SpatialGrid() = default;
  // Indexes `items` (ids) at `points` (same length). Cells are at least `cell_m` wide in both directions at every
  // latitude of the points; the cell grows if the area would need more than a few million cells.
  // Areas crossing the antimeridian are not supported (places there are simply not found across it).
  SpatialGrid(const std::vector<LatLon>& points, const std::vector<int>& items, double cell_m);

  // The largest ring index worth visiting for a search radius of `reach_m`.
  int MaxRing(double reach_m) const;
  // A lower bound on the distance from a place to anything in ring `r` around it.
  double RingLowerBound(int r) const;
  // Calls f(cell, items_begin, items_end) for each non-empty cell in ring `r` (Chebyshev distance r) around p.
  template <typename F>
  void ForEachCellInRing(const LatLon& p, int r, F&& f) const;
  int cell_count() const { return nx_ * ny_; }
  bool empty() const { return items_.empty(); }
  const std::vector<int>& items() const { return items_; }
  // Cell of each item, in the order given to the constructor.
  int CellOf(const LatLon& p) const;

 private:
  void CellXY(const LatLon& p, int* x, int* y) const;

  double cell_m_ = 1000;
  double lat0_ = 0, lon0_ = 0, dlat_ = 1, dlon_ = 1;
  int nx_ = 0, ny_ = 0;
  std::vector<int> start_;  // per cell, offset into items_ (size nx*ny+1)
  std::vector<int> items_;
};

template <typename F>
void SpatialGrid::ForEachCellInRing(const LatLon& p, int r, F&& f) const {
  if (items_.empty()) return;
  int cx, cy;
  CellXY(p, &cx, &cy);
  int y0 = cy - r, y1 = cy + r;
  for (int y = std::max(y0, 0); y <= std::min(y1, ny_ - 1); ++y) {
    bool edge_row = (y == y0 || y == y1);
    int step = edge_row ? 1 : 2 * r;  // inner rows: only the two end cells belong to the ring
    for (int x = cx - r; x <= cx + r; x += step) {
      if (x < 0 || x >= nx_) continue;
      int cell = y * nx_ + x;
      if (start_[cell] != start_[cell + 1]) f(cell, items_.data() + start_[cell], items_.data() + start_[cell + 1]);
    }
  }
}

}  // namespace kin::match

#endif  // KIN_MATCH_SPATIAL_GRID_H_
