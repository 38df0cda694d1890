// A hub: one autonomous mutual aid group, with the settings its assembly chooses.
#ifndef KIN_CORE_HUB_H_
#define KIN_CORE_HUB_H_

#include <optional>
#include <string>
#include <vector>

#include "core/geo.h"
#include "core/ids.h"
#include "core/status.h"
#include "core/time.h"

namespace kin {

struct HubSettings {
  std::string name;
  std::string description;
  std::optional<LatLon> area_center;   // where the hub works; optional for hubs that prefer not to say
  double area_radius_km = 5;           // (0, 500]
  std::vector<std::string> languages{"en"};  // the first is the hub's default
  std::string time_zone = "UTC";       // IANA name, e.g. "America/Mexico_City"
  std::vector<std::string> categories{"food", "groceries", "rides", "childcare", "medical",
                                      "shelter", "tools", "other"};
  int retention_days = 30;             // days after a need closes before its personal data is redacted
  bool intake_open = true;             // whether the public "ask for help" intake accepts needs
  bool share_description = false;      // federation: shared offers and needs carry their description too
};

struct Hub {
  HubId id;
  std::string slug;  // short name in URLs, unique on a server
  HubSettings settings;
  Timestamp created_at{};
};

void ValidateHubSlug(const std::string& slug, FieldErrors& errors);
Status ValidateHubSettings(const HubSettings& settings);

bool HubHasCategory(const HubSettings& settings, const std::string& category);

// Adds an error at "category" unless it is a well-formed category the hub has, listing the hub's categories.
void CheckHubCategory(const HubSettings& settings, const std::string& category, FieldErrors& errors);

}  // namespace kin

#endif  // KIN_CORE_HUB_H_
