#include "core/match.h"

#include "core/validation.h"

namespace kin {

const char* MatchStatusName(MatchStatus s) {
  switch (s) {
    case MatchStatus::kProposed: return "proposed";
    case MatchStatus::kAccepted: return "accepted";
    case MatchStatus::kInProgress: return "in_progress";
    case MatchStatus::kCompleted: return "completed";
    case MatchStatus::kDeclined: return "declined";
    case MatchStatus::kReleased: return "released";
    case MatchStatus::kCancelled: return "cancelled";
  }
  return "proposed";
}

std::optional<MatchStatus> ParseMatchStatus(const std::string& name) {
  for (MatchStatus s : {MatchStatus::kProposed, MatchStatus::kAccepted, MatchStatus::kInProgress,
                        MatchStatus::kCompleted, MatchStatus::kDeclined, MatchStatus::kReleased,
                        MatchStatus::kCancelled}) {
    if (name == MatchStatusName(s)) return s;
  }
  return std::nullopt;
}

const char* MatchOriginName(MatchOrigin o) { return o == MatchOrigin::kClaim ? "claim" : "coordinator"; }

std::optional<MatchOrigin> ParseMatchOrigin(const std::string& name) {
  if (name == "claim") return MatchOrigin::kClaim;
  if (name == "coordinator") return MatchOrigin::kCoordinator;
  return std::nullopt;
}

bool IsActive(MatchStatus s) {
  return s == MatchStatus::kProposed || s == MatchStatus::kAccepted || s == MatchStatus::kInProgress;
}

Status CheckMatchTransition(MatchStatus from, MatchStatus to) {
  using S = MatchStatus;
  bool allowed = false;
  switch (from) {
    case S::kProposed: allowed = to == S::kAccepted || to == S::kDeclined || to == S::kCancelled; break;
    case S::kAccepted:
      allowed = to == S::kInProgress || to == S::kCompleted || to == S::kReleased || to == S::kCancelled;
      break;
    case S::kInProgress: allowed = to == S::kCompleted || to == S::kReleased || to == S::kCancelled; break;
    default: allowed = false;
  }
  if (allowed) return Status::Ok();
  return Status::Conflict(std::string("a match that is ") + MatchStatusName(from) + " cannot become " +
                          MatchStatusName(to));
}

NeedStatus NeedStatusAfter(MatchStatus to) {
  switch (to) {
    case MatchStatus::kProposed:
    case MatchStatus::kAccepted: return NeedStatus::kMatched;
    case MatchStatus::kInProgress: return NeedStatus::kInProgress;
    case MatchStatus::kCompleted: return NeedStatus::kFulfilled;
    case MatchStatus::kDeclined:
    case MatchStatus::kReleased: return NeedStatus::kOpen;
    case MatchStatus::kCancelled: return NeedStatus::kCancelled;
  }
  return NeedStatus::kOpen;
}

Status ValidateReason(const std::string& reason, bool required) {
  FieldErrors errors;
  CheckText("reason", reason, 1000, required, errors);
  return errors.ToStatus();
}

}  // namespace kin
