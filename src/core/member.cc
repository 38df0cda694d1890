#include "core/member.h"

#include "core/common_passwords.h"
#include "core/validation.h"

namespace kin {

const char* RoleName(Role r) {
  switch (r) {
    case Role::kMember: return "member";
    case Role::kIntake: return "intake";
    case Role::kCoordinator: return "coordinator";
  }
  return "member";
}

std::optional<Role> ParseRole(const std::string& name) {
  if (name == "member") return Role::kMember;
  if (name == "intake") return Role::kIntake;
  if (name == "coordinator") return Role::kCoordinator;
  return std::nullopt;
}

std::vector<std::string> RoleNames(Roles roles) {
  std::vector<std::string> out;
  for (Role r : {Role::kMember, Role::kIntake, Role::kCoordinator}) {
    if (roles.Has(r)) out.push_back(RoleName(r));
  }
  return out;
}

void ValidateHandle(const std::string& handle, FieldErrors& errors) {
  CheckToken("handle", handle, 40, errors);
  if (!handle.empty() && handle.size() < 3) errors.Add("handle", "must be at least 3 characters");
}

void ValidateDisplayName(const std::string& name, FieldErrors& errors) {
  CheckText("display_name", name, 80, /*required=*/true, errors);
}

void ValidatePassword(const std::string& password, FieldErrors& errors) {
  size_t n = CodePoints(password);
  if (n < 8) errors.Add("password", "must be at least 8 characters");
  if (n > 128) errors.Add("password", "must be at most 128 characters");
  // NIST SP 800-63B: no composition rules, but no password from the lists attackers try first.
  if (n >= 8 && IsCommonPassword(password)) {
    errors.Add("password", "is one of the most common passwords; choose another");
  }
}

}  // namespace kin
