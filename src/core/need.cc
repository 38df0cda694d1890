#include "core/need.h"

#include "core/validation.h"

namespace kin {

const char* NeedStatusName(NeedStatus s) {
  switch (s) {
    case NeedStatus::kOpen: return "open";
    case NeedStatus::kMatched: return "matched";
    case NeedStatus::kInProgress: return "in_progress";
    case NeedStatus::kFulfilled: return "fulfilled";
    case NeedStatus::kCancelled: return "cancelled";
    case NeedStatus::kExpired: return "expired";
  }
  return "open";
}

std::optional<NeedStatus> ParseNeedStatus(const std::string& name) {
  for (NeedStatus s : {NeedStatus::kOpen, NeedStatus::kMatched, NeedStatus::kInProgress, NeedStatus::kFulfilled,
                       NeedStatus::kCancelled, NeedStatus::kExpired}) {
    if (name == NeedStatusName(s)) return s;
  }
  return std::nullopt;
}

const char* UrgencyName(Urgency u) {
  switch (u) {
    case Urgency::kLow: return "low";
    case Urgency::kNormal: return "normal";
    case Urgency::kHigh: return "high";
    case Urgency::kCritical: return "critical";
  }
  return "normal";
}

std::optional<Urgency> ParseUrgency(const std::string& name) {
  for (Urgency u : {Urgency::kLow, Urgency::kNormal, Urgency::kHigh, Urgency::kCritical}) {
    if (name == UrgencyName(u)) return u;
  }
  return std::nullopt;
}

const char* NeedSourceName(NeedSource s) {
  switch (s) {
    case NeedSource::kMember: return "member";
    case NeedSource::kIntake: return "intake";
    case NeedSource::kPublic: return "public";
  }
  return "member";
}

std::optional<NeedSource> ParseNeedSource(const std::string& name) {
  for (NeedSource s : {NeedSource::kMember, NeedSource::kIntake, NeedSource::kPublic}) {
    if (name == NeedSourceName(s)) return s;
  }
  return std::nullopt;
}

bool IsClosed(NeedStatus s) {
  return s == NeedStatus::kFulfilled || s == NeedStatus::kCancelled || s == NeedStatus::kExpired;
}

Status ValidateNeedDetails(const NeedDetails& d, const HubSettings& hub, Timestamp now) {
  FieldErrors errors;
  CheckHubCategory(hub, d.category, errors);
  CheckText("description", d.description, 2000, /*required=*/true, errors);
  CheckRange("quantity", d.quantity, 1, 10000, errors);
  if (d.window) {
    if (d.window->end <= d.window->start) {
      errors.Add("window.end", "must be after window.start");
    } else if (d.window->end <= now) {
      errors.Add("window.end", "is in the past");
    }
  }
  CheckText("place", d.place, 200, /*required=*/false, errors);
  if (d.location) ValidateLatLon(*d.location, "location", errors);
  if (!d.language.empty()) CheckLanguage("language", d.language, errors);
  CheckText("accessibility", d.accessibility, 1000, /*required=*/false, errors);
  ValidateContact(d.contact, "contact", errors);
  return errors.ToStatus();
}

Status CheckNeedTransition(NeedStatus from, NeedStatus to) {
  using S = NeedStatus;
  bool allowed = false;
  switch (from) {
    case S::kOpen: allowed = to == S::kMatched || to == S::kCancelled || to == S::kExpired; break;
    case S::kMatched:
      allowed = to == S::kInProgress || to == S::kOpen || to == S::kCancelled || to == S::kFulfilled;
      break;
    case S::kInProgress: allowed = to == S::kFulfilled || to == S::kOpen || to == S::kCancelled; break;
    case S::kFulfilled:
    case S::kCancelled:
    case S::kExpired: allowed = false; break;
  }
  if (allowed) return Status::Ok();
  return Status::Conflict(std::string("a need that is ") + NeedStatusName(from) + " cannot become " +
                          NeedStatusName(to));
}

bool ShouldExpire(const Need& need, Timestamp now) {
  return need.status == NeedStatus::kOpen && need.details.window && need.details.window->end <= now;
}

}  // namespace kin

namespace kin {

bool DueForRedaction(const Need& need, int retention_days, Timestamp now) {
  return IsClosed(need.status) && !need.redacted_at &&
         need.updated_at + Seconds(static_cast<long long>(retention_days) * 24 * 3600) <= now;
}

void RedactPersonalData(Need& need, Timestamp now) {
  NeedDetails& d = need.details;
  d.description.clear();
  d.place.clear();
  d.accessibility.clear();
  d.location.reset();
  d.contact = Contact{};
  need.approx_location.reset();
  need.status_token_hash.clear();
  need.redacted_at = now;
}

}  // namespace kin
