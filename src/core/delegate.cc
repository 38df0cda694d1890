#include "core/delegate.h"

namespace kin {

const char* DelegateStatusName(DelegateStatus s) { return s == DelegateStatus::kActive ? "active" : "recalled"; }

std::optional<DelegateStatus> ParseDelegateStatus(const std::string& name) {
  if (name == "active") return DelegateStatus::kActive;
  if (name == "recalled") return DelegateStatus::kRecalled;
  return std::nullopt;
}

}  // namespace kin
