#include "core/contact.h"

#include <cctype>

#include "core/validation.h"

namespace kin {

const char* ContactMethodName(ContactMethod m) {
  switch (m) {
    case ContactMethod::kNone: return "none";
    case ContactMethod::kPhone: return "phone";
    case ContactMethod::kSms: return "sms";
    case ContactMethod::kEmail: return "email";
    case ContactMethod::kHotline: return "hotline";
  }
  return "none";
}

std::optional<ContactMethod> ParseContactMethod(const std::string& name) {
  for (ContactMethod m : {ContactMethod::kNone, ContactMethod::kPhone, ContactMethod::kSms, ContactMethod::kEmail,
                          ContactMethod::kHotline}) {
    if (name == ContactMethodName(m)) return m;
  }
  return std::nullopt;
}

void ValidateContact(const Contact& c, const std::string& prefix, FieldErrors& errors) {
  if (!c.phone.empty()) {
    int digits = 0;
    bool ok = true;
    for (char ch : c.phone) {
      if (std::isdigit(static_cast<unsigned char>(ch))) {
        ++digits;
      } else if (ch != '+' && ch != ' ' && ch != '-' && ch != '(' && ch != ')' && ch != '.') {
        ok = false;
      }
    }
    if (!ok || digits < 3 || digits > 20 || c.phone.size() > 40) {
      errors.Add(prefix + ".phone", "must be a phone number of digits, spaces and + - ( ) .");
    }
  }
  if (!c.email.empty()) {
    auto at = c.email.find('@');
    bool ok = at != std::string::npos && at > 0 && at + 1 < c.email.size() &&
              c.email.find('@', at + 1) == std::string::npos && c.email.size() <= 254 &&
              c.email.find(' ') == std::string::npos;
    if (!ok) errors.Add(prefix + ".email", "must be an email address such as name@example.org");
  }
  CheckText(prefix + ".address", c.address, 500, /*required=*/false, errors);
  if (c.exact_location) ValidateLatLon(*c.exact_location, prefix + ".location", errors);
  if ((c.preferred == ContactMethod::kPhone || c.preferred == ContactMethod::kSms) && c.phone.empty()) {
    errors.Add(prefix + ".phone", "is required when the preferred contact is phone or sms");
  }
  if (c.preferred == ContactMethod::kEmail && c.email.empty()) {
    errors.Add(prefix + ".email", "is required when the preferred contact is email");
  }
}

}  // namespace kin
