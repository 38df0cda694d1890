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
  // As above, but first asks keep(block) for the block of kBlock x kBlock cells a cell lies in, and skips every
  // cell of the ring in a block it refuses (pricing keeps bounds per block, so most of a ring goes unvisited).
  template <typename K, typename F>
  void ForEachCellInRing(const LatLon& p, int r, K&& keep, F&& f) const;
  static constexpr int kBlock = 8;
  int cell_count() const { return nx_ * ny_; }
  int block_count() const { return BlocksX() * ((ny_ + kBlock - 1) / kBlock); }
  int BlockOfCell(int cell) const { return (cell / nx_ / kBlock) * BlocksX() + (cell % nx_) / kBlock; }
  bool empty() const { return items_.empty(); }
  const std::vector<int>& items() const { return items_; }
  // A cell's items are items()[CellBegin(cell)] up to items()[CellEnd(cell)] (the pointers f receives above).
  int CellBegin(int cell) const { return start_[cell]; }
  int CellEnd(int cell) const { return start_[cell + 1]; }
  // Cell of each item, in the order given to the constructor.
  int CellOf(const LatLon& p) const;

 private:
  void CellXY(const LatLon& p, int* x, int* y) const;
  int BlocksX() const { return (nx_ + kBlock - 1) / kBlock; }

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

template <typename K, typename F>
void SpatialGrid::ForEachCellInRing(const LatLon& p, int r, K&& keep, F&& f) const {
  if (items_.empty()) return;
  int cx, cy;
  CellXY(p, &cx, &cy);
  const int y0 = cy - r, y1 = cy + r, blocks_x = BlocksX();
  auto visit = [&](int x, int y) {
    const int cell = y * nx_ + x;
    if (start_[cell] != start_[cell + 1]) f(cell, items_.data() + start_[cell], items_.data() + start_[cell + 1]);
  };
  for (int y = std::max(y0, 0); y <= std::min(y1, ny_ - 1); ++y) {
    const int row_block = (y / kBlock) * blocks_x;
    if (y == y0 || y == y1) {  // edge row: every cell from cx - r to cx + r, one keep() per block
      const int x_end = std::min(cx + r, nx_ - 1);
      for (int x = std::max(cx - r, 0); x <= x_end;) {
        const int next = std::min(x_end + 1, (x / kBlock + 1) * kBlock);
        if (keep(row_block + x / kBlock)) {
          for (; x < next; ++x) visit(x, y);
        }
        x = next;
      }
      continue;
    }
    // Inner row: only the two end cells; when both their blocks are refused, so are the rest of the block row's.
    const int xl = cx - r, xr = cx + r;
    const bool left = xl >= 0 && xl < nx_ && keep(row_block + xl / kBlock);
    const bool right = r > 0 && xr >= 0 && xr < nx_ && keep(row_block + xr / kBlock);
    if (left) visit(xl, y);
    if (right) visit(xr, y);
    if (!left && !right) y = std::max(y, std::min(y1 - 1, (y / kBlock + 1) * kBlock - 1));
  }
}

}  // namespace kin::match

#endif  // KIN_MATCH_SPATIAL_GRID_H_
