// What Prepared::Feasible checks, reduced to a helper's few fields that a scan over many helpers can keep next
// to each other, and a lower bound on the pair's distance. Pricing uses it to rule out most pairs without
// touching the helper or computing the exact distance; it never rules out a feasible pair.
#ifndef KIN_MATCH_PAIR_FILTER_H_
#define KIN_MATCH_PAIR_FILTER_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>

#include "match/prepared.h"

namespace kin::match {

// A place in radians with the cosine of its latitude, computed once.
struct PlaceRad {
  double lat = 0, lon = 0, cos_lat = 1;
  static PlaceRad Of(const LatLon& p) {
    const double lat = p.lat * std::numbers::pi / 180;
    return {lat, p.lon * std::numbers::pi / 180, std::cos(lat)};
  }
};

struct PairFilter {
  uint64_t languages = 0, skills = 0;
  bool any_time = true;                          // no availability windows
  int64_t available_from = 0, available_to = 0;  // the earliest window's start, the latest window's end
  PlaceRad base;
  double radius_m = 0;
  bool has_capacity = false;  // PreparedHelper::remaining > 0: else never a candidate

  static PairFilter Of(const PreparedHelper& h) {
    PairFilter f;
    f.languages = h.languages;
    f.skills = h.skills;
    if (!h.windows.empty()) {
      f.any_time = false;
      f.available_from = h.windows.front().first;  // windows are sorted
      f.available_to = h.windows.front().second;
      for (const auto& w : h.windows) f.available_to = std::max(f.available_to, w.second);
    }
    f.base = PlaceRad::Of(h.base);
    f.radius_m = h.radius_m;
    f.has_capacity = h.remaining > 0;
    return f;
  }

  // False only when Prepared::Feasible is false too (the need is of one of the helper's categories): languages,
  // requirements, the span of all availability windows (a window that fits lies inside it) and the distance
  // in latitude alone, which the great-circle distance is never below.
  bool MayBeFeasible(const PreparedNeed& n) const {
    if (!n.any_language && (n.languages & languages) == 0) return false;
    if ((n.requirements & ~skills) != 0) return false;
    if (!any_time && std::min(available_to, n.end) - std::max(available_from, n.start) < n.seconds) return false;
    return std::abs(n.place.lat * std::numbers::pi / 180 - base.lat) * kEarthRadiusM <= radius_m + 1;
  }

  // At most the distance core/geo.cc computes from `p` to the helper's base: the same formula on an Earth a few
  // metres smaller, less a metre for rounding.
  double DistanceLowerBound(const PlaceRad& p) const {
    const double s_lat = std::sin((base.lat - p.lat) / 2), s_lon = std::sin((base.lon - p.lon) / 2);
    const double h = s_lat * s_lat + p.cos_lat * base.cos_lat * s_lon * s_lon;
    return 2 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(h))) - 1;
  }

  // Below core/geo.cc's mean radius (6,371,008.8 m), so distances on it are lower bounds.
  static constexpr double kEarthRadiusM = 6371000;
};

}  // namespace kin::match

#endif  // KIN_MATCH_PAIR_FILTER_H_
