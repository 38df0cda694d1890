#include "federation/shared_item.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace kin::federation {
namespace {

constexpr double kMetersPerDegreeLat = 111320.0;

double Round3(double v) { return std::round(v * 1e3) / 1e3; }

std::string HubLanguage(const HubSettings& hub) { return hub.languages.empty() ? "en" : hub.languages.front(); }

std::optional<SharedArea> AreaOf(const std::optional<LatLon>& point, Meters own_radius) {
  if (!point) return std::nullopt;
  return SharedArea{CoarsenForSharing(*point), SharedRadiusMeters(own_radius)};
}

}  // namespace

LatLon CoarsenForSharing(const LatLon& point) {
  const double lat_step = kSharingCellMeters / kMetersPerDegreeLat;
  double lat = std::clamp((std::floor(point.lat / lat_step) + 0.5) * lat_step, -90.0, 90.0);
  // Columns keep ~2 km width away from the equator and stop shrinking near the poles.
  double cos_lat = std::max(std::cos(lat * std::numbers::pi / 180.0), 0.01);
  const double lon_step = lat_step / cos_lat;
  double lon = std::clamp((std::floor((point.lon + 180.0) / lon_step) + 0.5) * lon_step - 180.0, -180.0, 180.0);
  return {Round3(lat), Round3(lon)};
}

Meters SharedRadiusMeters(Meters own_radius) {
  // Half the cell's diagonal (plus the 3-decimal rounding, ~80 m) so the circle always holds the true point.
  const Meters cell = kSharingCellMeters * std::numbers::sqrt2 / 2 + 80;
  return std::round(cell + std::max(0.0, own_radius));
}

const char* SharedKindPurpose(SharedKind kind) { return kind == SharedKind::kOffer ? "offer" : "request"; }

std::optional<SharedKind> ParseSharedKindPurpose(const std::string& purpose) {
  if (purpose == "offer") return SharedKind::kOffer;
  if (purpose == "request") return SharedKind::kNeed;
  return std::nullopt;
}

Result<SharedItem> ShareOffer(const Offer& offer, const HubSettings& hub, const SharingOptions& options) {
  if (offer.status != OfferStatus::kActive) {
    return Status::InvalidField("status", "a paused offer is not shared; withdraw it (Delete) instead");
  }
  SharedItem item;
  item.kind = SharedKind::kOffer;
  item.local_id = offer.id.value;
  item.category = offer.details.category;
  item.quantity = offer.details.capacity.amount;
  item.unit = offer.details.capacity.unit.empty() ? "one" : offer.details.capacity.unit;
  item.period = CapacityPeriodName(offer.details.capacity.period);
  item.area = AreaOf(offer.details.area_center, offer.details.area_radius_km * 1000);
  item.language = HubLanguage(hub);
  if (options.share_description) item.public_text = offer.details.description;
  item.published = offer.created_at;
  item.updated = offer.updated_at;
  return item;
}

Result<SharedItem> ShareNeed(const Need& need, const HubSettings& hub, const SharingOptions& options) {
  if (need.redacted_at) return Status::InvalidField("redacted_at", "a redacted need is never shared");
  if (need.status != NeedStatus::kOpen) {
    return Status::InvalidField("status", std::string("only open needs are shared; this one is ") +
                                              NeedStatusName(need.status));
  }
  SharedItem item;
  item.kind = SharedKind::kNeed;
  item.local_id = need.id.value;
  item.category = need.details.category;
  item.quantity = need.details.quantity;
  item.urgency = UrgencyName(need.details.urgency);
  // Only the already-approximated place: the exact location is never read here.
  item.area = AreaOf(need.approx_location, 0);
  item.language = HubLanguage(hub);
  if (options.share_description) item.public_text = need.details.description;
  item.published = need.created_at;
  item.updated = need.updated_at;
  return item;
}

Status ValidateSharedItem(const SharedItem& item) {
  FieldErrors errors;
  auto word = [&](const std::string& value, const std::string& field, size_t max) {
    if (value.empty()) errors.Add(field, "is required");
    else if (value.size() > max) errors.Add(field, "must be at most " + std::to_string(max) + " characters");
  };
  word(item.local_id, "id", 2048);  // a local id, or the URL of another hub's item
  word(item.category, "category", 64);
  word(item.unit, "unit", 64);
  if (!std::isfinite(item.quantity) || item.quantity <= 0 || item.quantity > 1e6) {
    errors.Add("quantity", "must be a number greater than 0 and at most 1000000");
  }
  if (item.available && (!std::isfinite(*item.available) || *item.available < 0 || *item.available > 1e6)) {
    errors.Add("available", "must be a number between 0 and 1000000");
  }
  if (item.area) {
    ValidateLatLon(item.area->center, "location", errors);
    if (!std::isfinite(item.area->radius_m) || item.area->radius_m <= 0 || item.area->radius_m > 1e6) {
      errors.Add("location.radius", "must be greater than 0 and at most 1000000 metres");
    }
  }
  if (item.public_text.size() > 2000) errors.Add("content", "must be at most 2000 characters");
  if (item.language.size() > 35) errors.Add("language", "must be a BCP 47 tag of at most 35 characters");
  if (!errors.empty()) return errors.ToStatus();
  return Status::Ok();
}

}  // namespace kin::federation
