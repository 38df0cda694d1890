#include "federation/directory.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace kin::federation {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool ParseDegrees(std::string_view s, double& out) {
  s = Trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  auto r = std::from_chars(s.data(), s.data() + s.size(), out, std::chars_format::fixed);
  return !s.empty() && r.ec == std::errc() && r.ptr == s.data() + s.size() && std::isfinite(out);
}

}  // namespace

std::vector<DirectoryEntry> RankDirectory(const std::vector<DirectoryHub>& hubs, const LatLon& point,
                                          const DirectoryOptions& options) {
  std::vector<DirectoryEntry> out;
  for (const DirectoryHub& hub : hubs) {
    if (!hub.center) continue;
    DirectoryEntry e;
    e.distance_m = DistanceMeters(point, *hub.center);
    e.to_edge_m = std::max(0.0, e.distance_m - hub.radius_m);
    e.covers = e.to_edge_m == 0;
    if (e.to_edge_m > options.near_m) continue;
    e.hub = hub;
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const DirectoryEntry& a, const DirectoryEntry& b) {
    if (a.to_edge_m != b.to_edge_m) return a.to_edge_m < b.to_edge_m;
    if (a.distance_m != b.distance_m) return a.distance_m < b.distance_m;
    return a.hub.name < b.hub.name;
  });
  if (out.size() > options.limit) out.resize(options.limit);
  return out;
}

Result<LatLon> ParseNearPoint(std::string_view text) {
  auto comma = text.find(',');
  LatLon p;
  if (comma == std::string_view::npos || !ParseDegrees(text.substr(0, comma), p.lat) ||
      !ParseDegrees(text.substr(comma + 1), p.lon)) {
    return Status::InvalidField("near", "must be LAT,LON in decimal degrees, e.g. near=40.4168,-3.7038");
  }
  FieldErrors errors;
  ValidateLatLon(p, "near", errors);
  if (!errors.empty()) return errors.ToStatus();
  return p;
}

}  // namespace kin::federation
