#include "match/spatial_grid.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace kin::match {
namespace {

constexpr double kMetersPerDegree = 6371008.8 * std::numbers::pi / 180.0;  // along a meridian, mean radius
constexpr double kMaxCells = 4e6;
// Distances across cells in longitude are slightly shorter than the flat estimate (chord vs arc); the bound
// keeps this margin, valid for the spans a helper's radius (<= 200 km) can reach below 85 degrees.
constexpr double kSafety = 0.98;

}  // namespace

SpatialGrid::SpatialGrid(const std::vector<LatLon>& points, const std::vector<int>& items, double cell_m)
    : cell_m_(cell_m) {
  if (points.empty()) return;
  double lat_min = 90, lat_max = -90, lon_min = 180, lon_max = -180, abs_lat = 0;
  for (const LatLon& p : points) {
    lat_min = std::min(lat_min, p.lat);
    lat_max = std::max(lat_max, p.lat);
    lon_min = std::min(lon_min, p.lon);
    lon_max = std::max(lon_max, p.lon);
    abs_lat = std::max(abs_lat, std::abs(p.lat));
  }
  double cos_max = std::max(std::cos(std::min(abs_lat, 85.0) * std::numbers::pi / 180.0), 0.05);
  for (;;) {
    dlat_ = cell_m_ / kMetersPerDegree;
    dlon_ = dlat_ / cos_max;
    nx_ = static_cast<int>((lon_max - lon_min) / dlon_) + 1;
    ny_ = static_cast<int>((lat_max - lat_min) / dlat_) + 1;
    if (static_cast<double>(nx_) * ny_ <= kMaxCells) break;
    cell_m_ *= 2;
  }
  lat0_ = lat_min;
  lon0_ = lon_min;
  start_.assign(static_cast<size_t>(nx_) * ny_ + 1, 0);
  std::vector<int> cell(points.size());
  for (size_t i = 0; i < points.size(); ++i) {
    cell[i] = CellOf(points[i]);
    ++start_[cell[i] + 1];
  }
  for (size_t c = 1; c < start_.size(); ++c) start_[c] += start_[c - 1];
  items_.resize(points.size());
  std::vector<int> fill(start_.begin(), start_.end() - 1);
  for (size_t i = 0; i < points.size(); ++i) items_[fill[cell[i]]++] = items[i];
}

void SpatialGrid::CellXY(const LatLon& p, int* x, int* y) const {
  // Clamp far-away places to just outside the grid so ring arithmetic stays in int range.
  double fx = std::clamp((p.lon - lon0_) / dlon_, -1.0, static_cast<double>(nx_));
  double fy = std::clamp((p.lat - lat0_) / dlat_, -1.0, static_cast<double>(ny_));
  *x = static_cast<int>(std::floor(fx));
  *y = static_cast<int>(std::floor(fy));
}

int SpatialGrid::CellOf(const LatLon& p) const {
  int x, y;
  CellXY(p, &x, &y);
  x = std::clamp(x, 0, nx_ - 1);
  y = std::clamp(y, 0, ny_ - 1);
  return y * nx_ + x;
}

int SpatialGrid::MaxRing(double reach_m) const {
  return static_cast<int>(std::ceil(reach_m / (cell_m_ * kSafety))) + 1;
}

double SpatialGrid::RingLowerBound(int r) const { return r <= 1 ? 0.0 : (r - 1) * cell_m_ * kSafety; }

}  // namespace kin::match
