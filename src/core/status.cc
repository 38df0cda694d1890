#include "core/status.h"

namespace kin {

const char* StatusKindName(StatusKind kind) {
  switch (kind) {
    case StatusKind::kOk: return "ok";
    case StatusKind::kInvalid: return "invalid";
    case StatusKind::kNotFound: return "not found";
    case StatusKind::kConflict: return "conflict";
    case StatusKind::kForbidden: return "forbidden";
    case StatusKind::kUnauthenticated: return "unauthenticated";
    case StatusKind::kRateLimited: return "rate limited";
    case StatusKind::kTooLarge: return "too large";
    case StatusKind::kUnavailable: return "unavailable";
    case StatusKind::kInternal: return "internal";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out = StatusKindName(kind_);
  out += ": ";
  out += message_;
  return out;
}

Status FieldErrors::ToStatus() const {
  if (errors_.empty()) return Status::Ok();
  std::string summary = "invalid input: ";
  for (size_t i = 0; i < errors_.size(); ++i) {
    if (i > 0) summary += "; ";
    summary += errors_[i].field + " " + errors_[i].message;
  }
  return Status::Invalid(std::move(summary), errors_);
}

}  // namespace kin
