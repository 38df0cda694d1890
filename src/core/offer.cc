#include "core/offer.h"

#include <cmath>

#include "core/validation.h"

namespace kin {

const char* OfferStatusName(OfferStatus s) { return s == OfferStatus::kActive ? "active" : "paused"; }

std::optional<OfferStatus> ParseOfferStatus(const std::string& name) {
  if (name == "active") return OfferStatus::kActive;
  if (name == "paused") return OfferStatus::kPaused;
  return std::nullopt;
}

const char* CapacityPeriodName(CapacityPeriod p) {
  switch (p) {
    case CapacityPeriod::kOnce: return "once";
    case CapacityPeriod::kDay: return "day";
    case CapacityPeriod::kWeek: return "week";
    case CapacityPeriod::kMonth: return "month";
  }
  return "week";
}

std::optional<CapacityPeriod> ParseCapacityPeriod(const std::string& name) {
  for (CapacityPeriod p : {CapacityPeriod::kOnce, CapacityPeriod::kDay, CapacityPeriod::kWeek, CapacityPeriod::kMonth}) {
    if (name == CapacityPeriodName(p)) return p;
  }
  return std::nullopt;
}

Status ValidateOfferDetails(const OfferDetails& d, const HubSettings& hub) {
  FieldErrors errors;
  CheckHubCategory(hub, d.category, errors);
  CheckText("description", d.description, 2000, /*required=*/true, errors);
  CheckRange("capacity.amount", d.capacity.amount, 1, 10000, errors);
  CheckText("capacity.unit", d.capacity.unit, 40, /*required=*/true, errors);
  if (d.skills.size() > 30) errors.Add("skills", "must list at most 30 skills");
  for (size_t i = 0; i < d.skills.size(); ++i) {
    CheckText("skills[" + std::to_string(i) + "]", d.skills[i], 60, /*required=*/true, errors);
  }
  if (d.languages.size() > 20) errors.Add("languages", "must list at most 20 languages");
  for (size_t i = 0; i < d.languages.size(); ++i) {
    CheckLanguage("languages[" + std::to_string(i) + "]", d.languages[i], errors);
  }
  if (d.area_center) ValidateLatLon(*d.area_center, "area.center", errors);
  if (!std::isfinite(d.area_radius_km) || d.area_radius_km <= 0 || d.area_radius_km > 200) {
    errors.Add("area.radius_km", "must be a number greater than 0 and at most 200");
  }
  CheckText("availability", d.availability, 500, /*required=*/false, errors);
  return errors.ToStatus();
}

Status CheckOfferTransition(OfferStatus from, OfferStatus to) {
  if (from == to) {
    return Status::Conflict(std::string("the offer is already ") + OfferStatusName(from));
  }
  return Status::Ok();
}

}  // namespace kin
