// A record that someone read a person's contact details, and why. Kept so the person, and their hub's
// coordinators, can see who looked.
#ifndef KIN_CORE_CONTACT_ACCESS_H_
#define KIN_CORE_CONTACT_ACCESS_H_

#include <cstdint>
#include <string>

#include "core/ids.h"
#include "core/time.h"

namespace kin {

struct ContactAccess {
  int64_t seq = 0;     // assigned by the store
  HubId hub;
  NeedId need;
  MemberId reader;
  std::string reason;  // the task it served: "coordinator", "intake", "helper of match_...", "edited as intake"
  Timestamp at{};
};

}  // namespace kin

#endif  // KIN_CORE_CONTACT_ACCESS_H_
