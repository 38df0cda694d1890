// Every change in a hub is recorded as an event: who, what, when. The log is append-only.
#ifndef KIN_CORE_EVENT_H_
#define KIN_CORE_EVENT_H_

#include <cstdint>
#include <string>

#include "core/ids.h"
#include "core/time.h"

namespace kin {

struct Event {
  int64_t seq = 0;        // assigned by the store, increasing
  HubId hub;
  Timestamp at{};
  std::string actor;      // a member id, "public" (no account) or "system"
  std::string type;       // "need.created", "match.released", ...
  std::string subject;    // the id of the thing that changed
  std::string detail;     // a short human-readable note without personal data, e.g. a release reason
};

}  // namespace kin

#endif  // KIN_CORE_EVENT_H_
