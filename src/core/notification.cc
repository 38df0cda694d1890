#include "core/notification.h"

#include <set>

#include "core/validation.h"

namespace kin {

Status ValidateSmtpSettings(const SmtpSettings& s) {
  FieldErrors errors;
  CheckText("host", s.host, 253, /*required=*/true, errors);
  for (char c : s.host) {
    if (c == ' ' || c == '/' || c == ':' || c == '@') {
      errors.Add("host", "must be a host name such as smtp.example.org, without scheme, port or spaces");
      break;
    }
  }
  CheckRange("port", s.port, 1, 65535, errors);
  const size_t at = s.from.find('@');
  if (s.from.empty() || at == std::string::npos || at == 0 || at + 1 >= s.from.size() ||
      s.from.find_first_of(" <>\r\n") != std::string::npos || s.from.size() > 254) {
    errors.Add("from", "must be an email address such as shifts@example.org");
  }
  CheckText("username", s.username, 256, /*required=*/false, errors);
  if (s.username.find_first_of(std::string("\r\n\0", 3)) != std::string::npos) {
    errors.Add("username", "must be on one line");
  }
  if (s.password.size() > 1024) errors.Add("password", "must be at most 1024 characters");
  if (s.password.find_first_of(std::string("\r\n\0", 3)) != std::string::npos) {
    errors.Add("password", "must be on one line");
  }
  if (!s.username.empty() && s.password.empty()) errors.Add("password", "is required with a username");
  if (s.username.empty() && !s.password.empty()) errors.Add("username", "is required with a password");
  return errors.ToStatus();
}

Status ValidateReminderOffsets(const std::vector<Minutes>& offsets) {
  FieldErrors errors;
  if (offsets.size() > 5) errors.Add("offsets_minutes", "must list at most 5 reminders");
  std::set<long long> seen;
  for (size_t i = 0; i < offsets.size(); ++i) {
    const std::string field = "offsets_minutes[" + std::to_string(i) + "]";
    CheckRange(field, offsets[i].count(), 5, 14 * 24 * 60, errors);
    if (!seen.insert(offsets[i].count()).second) errors.Add(field, "appears twice");
  }
  return errors.ToStatus();
}

}  // namespace kin
