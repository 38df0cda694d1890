// "Find mutual aid near me": ranks the hubs a server knows (its own and the ones it federates with) by how near
// their area is to a point. Pure: the caller brings the hubs and the point.
#ifndef KIN_FEDERATION_DIRECTORY_H_
#define KIN_FEDERATION_DIRECTORY_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/geo.h"
#include "core/status.h"

namespace kin::federation {

// A hub as the directory lists it: public facts only.
struct DirectoryHub {
  std::string actor;                    // actor id (or the local hub's URL)
  std::string name;
  std::string url;                      // its public page
  std::optional<LatLon> center;         // approximate; hubs that keep their area private are never listed
  Meters radius_m = 0;                  // the area it serves
  std::vector<std::string> categories;  // what it does: "food", "rides"
  std::vector<std::string> languages;   // BCP 47 tags, its default first
};

struct DirectoryOptions {
  Meters near_m = 10000;  // hubs whose area's edge is at most this far from the point are listed too
  size_t limit = 50;      // at most this many entries
};

struct DirectoryEntry {
  DirectoryHub hub;
  Meters distance_m = 0;  // from the point to the hub's area centre
  Meters to_edge_m = 0;   // from the point to the edge of its area; 0 when the area covers the point
  bool covers = false;
};

// The hubs covering `point` or near it, nearest first: by distance to the area's edge (0 for every hub that
// covers the point), then by distance to the centre, then by name, so the order is stable.
std::vector<DirectoryEntry> RankDirectory(const std::vector<DirectoryHub>& hubs, const LatLon& point,
                                          const DirectoryOptions& options = {});

// Parses the `near` query value "LAT,LON" (decimal degrees, optional spaces). kInvalid naming "near".
Result<LatLon> ParseNearPoint(std::string_view text);

}  // namespace kin::federation

#endif  // KIN_FEDERATION_DIRECTORY_H_
