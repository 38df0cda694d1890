#include "core/geo.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace kin {
namespace {

constexpr double kEarthRadiusMeters = 6371008.8;
constexpr double kMetersPerDegreeLat = 111320.0;

double Radians(double degrees) { return degrees * std::numbers::pi / 180.0; }

}  // namespace

void ValidateLatLon(const LatLon& p, const std::string& field, FieldErrors& errors) {
  if (!std::isfinite(p.lat) || p.lat < -90 || p.lat > 90) {
    errors.Add(field + ".lat", "must be a number between -90 and 90");
  }
  if (!std::isfinite(p.lon) || p.lon < -180 || p.lon > 180) {
    errors.Add(field + ".lon", "must be a number between -180 and 180");
  }
}

Meters DistanceMeters(const LatLon& a, const LatLon& b) {
  double dlat = Radians(b.lat - a.lat);
  double dlon = Radians(b.lon - a.lon);
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(Radians(a.lat)) * std::cos(Radians(b.lat)) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusMeters * std::asin(std::min(1.0, std::sqrt(h)));
}

LatLon Approximate(const LatLon& exact) {
  const double lat_step = kApproximationCellMeters / kMetersPerDegreeLat;
  double lat_cell = std::floor(exact.lat / lat_step);
  double lat = std::clamp((lat_cell + 0.5) * lat_step, -90.0, 90.0);
  // Cells keep ~500 m width away from the equator; near the poles they stop shrinking.
  double cos_lat = std::max(std::cos(Radians(lat)), 0.01);
  const double lon_step = lat_step / cos_lat;
  double lon_cell = std::floor((exact.lon + 180.0) / lon_step);
  double lon = std::clamp((lon_cell + 0.5) * lon_step - 180.0, -180.0, 180.0);
  // Round what is stored and shown to 4 decimals (~11 m) so the cell centre carries no extra digits.
  auto round4 = [](double v) { return std::round(v * 1e4) / 1e4; };
  return {round4(lat), round4(lon)};
}

}  // namespace kin
