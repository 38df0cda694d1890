#include "match/candidates.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <queue>

namespace kin::match {

namespace {

// Cells small enough that a dense category does not put hundreds of helpers in one cell (the nearest-K search
// then checks few pairs), never larger than Options::grid_cell_m nor smaller than a quarter of it.
double CellSize(const std::vector<LatLon>& points, const Options& o) {
  if (points.size() < 2) return o.grid_cell_m;
  double lat_min = 90, lat_max = -90, lon_min = 180, lon_max = -180;
  for (const LatLon& q : points) {
    lat_min = std::min(lat_min, q.lat);
    lat_max = std::max(lat_max, q.lat);
    lon_min = std::min(lon_min, q.lon);
    lon_max = std::max(lon_max, q.lon);
  }
  const double m_per_deg = 111195.0;
  const double cos_lat = std::max(std::cos((lat_min + lat_max) / 2 * std::numbers::pi / 180), 0.05);
  const double height = std::max((lat_max - lat_min) * m_per_deg, 1.0);
  const double width = std::max((lon_max - lon_min) * m_per_deg * cos_lat, 1.0);
  const double area = height * width;
  // Clustered places are several times denser than the average over the bounding box.
  const double cell = 0.5 * std::sqrt(area / static_cast<double>(points.size()));
  return std::clamp(cell, o.grid_cell_m / 4, o.grid_cell_m);
}

}  // namespace

HelperIndex::HelperIndex(const Prepared& p) {
  const int categories = p.category_count();
  std::vector<std::vector<LatLon>> points(categories);
  std::vector<std::vector<int>> items(categories);
  max_radius_m_.assign(categories, 0);
  for (size_t h = 0; h < p.helpers().size(); ++h) {
    const PreparedHelper& ph = p.helpers()[h];
    for (int c = 0; c < categories; ++c) {
      if (!(ph.categories >> c & 1)) continue;
      points[c].push_back(ph.base);
      items[c].push_back(static_cast<int>(h));
      max_radius_m_[c] = std::max(max_radius_m_[c], ph.radius_m);
    }
  }
  grids_.reserve(categories);
  filters_.resize(categories);
  for (int c = 0; c < categories; ++c) {
    grids_.emplace_back(points[c], items[c], CellSize(points[c], p.options()));
    for (int h : grids_[c].items()) filters_[c].push_back(PairFilter::Of(p.helpers()[h]));
  }
}

std::vector<int> NeedsInGridOrder(const Prepared& p, const HelperIndex& index) {
  std::vector<std::pair<int64_t, int>> keyed;
  for (int n = 0; n < static_cast<int>(p.needs().size()); ++n) {
    const PreparedNeed& pn = p.needs()[n];
    if (pn.open <= 0) continue;
    const SpatialGrid& grid = index.grid(pn.category);
    int64_t key = int64_t{pn.category} << 48;
    if (!grid.empty()) {  // else nobody offers the category: there are no cells
      const int cell = grid.CellOf(pn.place);  // below 2^22 (SpatialGrid keeps a few million cells at most)
      key += (int64_t{grid.BlockOfCell(cell)} << 22) + cell;
    }
    keyed.push_back({key, n});
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<int> order;
  order.reserve(keyed.size());
  for (const auto& [key, n] : keyed) order.push_back(n);
  return order;
}

Candidates GenerateCandidates(const Prepared& p, const HelperIndex& index, int k) {
  Candidates out;
  const int needs = static_cast<int>(p.needs().size());
  out.pruned_from.assign(needs, kNothingPruned);
  // Needs are walked in grid order, their arcs kept in walk order and gathered by need at the end.
  std::vector<CandidateArc> found;
  found.reserve(static_cast<size_t>(needs) * (k > 0 ? k : 16));
  std::vector<std::pair<int64_t, int64_t>> span(needs, {0, 0});  // per need: its arcs in `found`
  struct Found {
    double distance;
    int helper;
    bool operator<(const Found& o) const {
      return distance != o.distance ? distance < o.distance : helper < o.helper;
    }
  };
  std::vector<Found> heap;  // max-heap on (distance, helper) when k > 0
  for (const int n : NeedsInGridOrder(p, index)) {
    const PreparedNeed& pn = p.needs()[n];
    heap.clear();
    bool pruned = false;
    const SpatialGrid& grid = index.grid(pn.category);
    const int* items = grid.items().data();
    const std::vector<PairFilter>& filters = index.filters(pn.category);
    const PlaceRad place = PlaceRad::Of(pn.place);
    const int rings = grid.MaxRing(index.max_radius_m(pn.category));
    for (int r = 0; r <= rings; ++r) {
      if (k > 0 && static_cast<int>(heap.size()) == k && grid.RingLowerBound(r) > heap.front().distance) {
        pruned = true;  // farther rings may hold feasible helpers; pricing checks them
        break;
      }
      grid.ForEachCellInRing(pn.place, r, [&](int, const int* begin, const int* end) {
        for (const int* it = begin; it != end; ++it) {
          // The helper's filter first: most pairs fail it, or are surely farther than the k found, without the
          // helper being touched.
          const PairFilter& filter = filters[it - items];
          if (!filter.has_capacity || !filter.MayBeFeasible(pn)) continue;
          const double near_m = filter.DistanceLowerBound(place);
          if (near_m > filter.radius_m) continue;
          if (k > 0 && static_cast<int>(heap.size()) == k && near_m > heap.front().distance) {
            pruned = true;  // were it feasible, it would be left out
            continue;
          }
          int h = *it;
          double d = 0;
          if (!p.Feasible(n, h, &d)) continue;
          Found f{d, h};
          if (k == 0) {
            heap.push_back(f);
          } else if (static_cast<int>(heap.size()) < k) {
            heap.push_back(f);
            std::push_heap(heap.begin(), heap.end());
          } else if (f < heap.front()) {
            std::pop_heap(heap.begin(), heap.end());
            heap.back() = f;
            std::push_heap(heap.begin(), heap.end());
            pruned = true;
          } else {
            pruned = true;
          }
        }
      });
    }
    std::sort(heap.begin(), heap.end());
    span[n] = {static_cast<int64_t>(found.size()), static_cast<int64_t>(found.size() + heap.size())};
    for (const Found& f : heap) found.push_back({n, f.helper, p.Travel(f.distance)});
    if (pruned) out.pruned_from[n] = p.Travel(heap.back().distance);
  }
  out.first.reserve(needs + 1);
  out.arcs.reserve(found.size());
  for (int n = 0; n < needs; ++n) {
    out.first.push_back(static_cast<int64_t>(out.arcs.size()));
    out.arcs.insert(out.arcs.end(), found.begin() + span[n].first, found.begin() + span[n].second);
  }
  out.first.push_back(static_cast<int64_t>(out.arcs.size()));
  return out;
}

}  // namespace kin::match
