#include "core/hub.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/validation.h"

namespace kin {

void ValidateHubSlug(const std::string& slug, FieldErrors& errors) {
  CheckToken("slug", slug, 40, errors);
  if (slug.size() < 2) errors.Add("slug", "must be at least 2 characters");
}

Status ValidateHubSettings(const HubSettings& s) {
  FieldErrors errors;
  CheckText("name", s.name, 120, /*required=*/true, errors);
  CheckText("description", s.description, 4000, /*required=*/false, errors);
  if (s.area_center) ValidateLatLon(*s.area_center, "area.center", errors);
  if (!std::isfinite(s.area_radius_km) || s.area_radius_km <= 0 || s.area_radius_km > 500) {
    errors.Add("area.radius_km", "must be a number greater than 0 and at most 500");
  }
  if (s.languages.empty() || s.languages.size() > 20) {
    errors.Add("languages", "must list between 1 and 20 languages");
  }
  for (size_t i = 0; i < s.languages.size(); ++i) {
    CheckLanguage("languages[" + std::to_string(i) + "]", s.languages[i], errors);
  }
  // IANA zone names: letters, digits, '/', '_', '-', '+'. The zone database itself is checked at the edge.
  bool zone_ok = !s.time_zone.empty() && s.time_zone.size() <= 64 &&
                 std::all_of(s.time_zone.begin(), s.time_zone.end(), [](char c) {
                   return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' ||
                          c == '+';
                 });
  if (!zone_ok) errors.Add("time_zone", "must be an IANA time zone name such as \"Europe/Madrid\"");
  if (s.categories.empty() || s.categories.size() > 50) {
    errors.Add("categories", "must list between 1 and 50 categories");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < s.categories.size(); ++i) {
    std::string field = "categories[" + std::to_string(i) + "]";
    CheckToken(field, s.categories[i], 40, errors);
    if (!seen.insert(s.categories[i]).second) errors.Add(field, "is listed twice");
  }
  CheckRange("retention_days", s.retention_days, 1, 3650, errors);
  return errors.ToStatus();
}

bool HubHasCategory(const HubSettings& settings, const std::string& category) {
  return std::find(settings.categories.begin(), settings.categories.end(), category) != settings.categories.end();
}

}  // namespace kin

namespace kin {

void CheckHubCategory(const HubSettings& settings, const std::string& category, FieldErrors& errors) {
  CheckToken("category", category, 40, errors);
  if (category.empty() || HubHasCategory(settings, category)) return;
  std::string list;
  for (const auto& c : settings.categories) list += (list.empty() ? "" : ", ") + c;
  errors.Add("category", "must be one of this hub's categories: " + list);
}

}  // namespace kin
