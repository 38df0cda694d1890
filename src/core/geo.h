// Places on the Earth, distances between them, and the approximation shown to people who should not know
// an exact address.
#ifndef KIN_CORE_GEO_H_
#define KIN_CORE_GEO_H_

#include <string>

#include "core/status.h"

namespace kin {

using Meters = double;

struct LatLon {
  double lat = 0;  // degrees, [-90, 90]
  double lon = 0;  // degrees, [-180, 180]
  bool operator==(const LatLon&) const = default;
};

// Checks ranges and finiteness; `field` names the location in errors ("location").
void ValidateLatLon(const LatLon& p, const std::string& field, FieldErrors& errors);

// Great-circle distance (haversine, mean Earth radius).
Meters DistanceMeters(const LatLon& a, const LatLon& b);

// Snaps a point to the centre of a grid cell about 500 m on a side, so that what fellow members see points to
// a neighbourhood, not a door. Deterministic: the same point always gives the same cell.
LatLon Approximate(const LatLon& exact);

inline constexpr Meters kApproximationCellMeters = 500;

}  // namespace kin

#endif  // KIN_CORE_GEO_H_
