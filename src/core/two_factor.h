// Two-step sign-in with a time-based code (TOTP), optional per person, and a hub's rule that coordinators use it.
#ifndef KIN_CORE_TWO_FACTOR_H_
#define KIN_CORE_TWO_FACTOR_H_

#include <cstdint>
#include <string>

#include "core/ids.h"
#include "core/time.h"

namespace kin {

struct TotpEnrolment {
  MemberId member;
  std::string secret;      // raw bytes; sealed at rest, shown to the person once as a QR code and otpauth:// URI
  bool confirmed = false;  // takes effect only once a first code proved the authenticator app holds the secret
  int64_t last_step = 0;   // 30-second step of the last code accepted: that step and older ones are refused, so a
                           // code seen over someone's shoulder cannot be used again
  Timestamp created_at{};
};

struct HubSecurity {
  HubId hub;
  bool require_coordinator_two_factor = false;  // coordinators without two-step sign-in may not act as such
};

}  // namespace kin

#endif  // KIN_CORE_TWO_FACTOR_H_
