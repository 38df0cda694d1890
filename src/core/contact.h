// How to reach a person. Every field is sensitive: encrypted at rest, shown only to those with a task for it.
#ifndef KIN_CORE_CONTACT_H_
#define KIN_CORE_CONTACT_H_

#include <optional>
#include <string>

#include "core/geo.h"
#include "core/status.h"

namespace kin {

enum class ContactMethod { kNone, kPhone, kSms, kEmail, kHotline };

struct Contact {
  ContactMethod preferred = ContactMethod::kNone;  // kHotline: "call me through the hub's hotline"
  std::string phone;
  std::string email;
  std::string address;
  std::optional<LatLon> exact_location;

  bool empty() const {
    return preferred == ContactMethod::kNone && phone.empty() && email.empty() && address.empty() &&
           !exact_location;
  }
  bool operator==(const Contact&) const = default;
};

const char* ContactMethodName(ContactMethod m);
std::optional<ContactMethod> ParseContactMethod(const std::string& name);

// `prefix` names the object in errors ("contact"). A preferred method needs its field (phone for kPhone/kSms,
// email for kEmail).
void ValidateContact(const Contact& c, const std::string& prefix, FieldErrors& errors);

}  // namespace kin

#endif  // KIN_CORE_CONTACT_H_
