// IANA time zones, from libical's builtin zones (on Debian: the system zoneinfo), and the mapping between a local
// wall-clock time and a UTC instant that RFC 5545 prescribes across daylight-saving changes.
#ifndef KIN_SCHEDULE_ZONE_H_
#define KIN_SCHEDULE_ZONE_H_

#include <string>
#include <string_view>

#include "core/status.h"
#include "core/time.h"
#include "schedule/civil_time.h"

struct _icaltimezone;

namespace kin::schedule {

// What a local time is in a zone.
enum class LocalKind {
  kUnique,     // exactly one instant
  kAmbiguous,  // the clocks went back: it happened twice; the first (earlier) instant is used
  kGap,        // the clocks went forward over it: it never happened
};

struct Resolved {
  Timestamp utc;
  LocalKind kind = LocalKind::kUnique;
};

// A zone, or "floating" (no zone: local times are used as they are and treated as UTC where an instant is
// needed, as RFC 5545 does for floating times). Cheap to copy; the zone data is owned by libical for the life of
// the process. Thread-safe: every call into libical is serialised (its zone cache is shared, lazily filled state).
class Zone {
 public:
  Zone() = default;  // floating

  // Looks up an IANA name such as "Europe/Madrid". An empty name gives a floating zone. Unknown names are
  // invalid input naming `field`.
  static Result<Zone> Find(std::string_view field, std::string_view name);

  bool floating() const { return zone_ == nullptr; }
  const std::string& name() const { return name_; }  // "" when floating

  // The instant of a local time. In a gap, RFC 5545 3.3.5: the time is read with the offset in force before the
  // gap (02:30 on a spring-forward night at 02:00 becomes 03:30 new time); when ambiguous, the first instant.
  Resolved ToUtc(LocalTime local) const;

  // The local wall-clock time of an instant.
  LocalTime ToLocal(Timestamp utc) const;

  // Offset from UTC in force at an instant.
  Seconds OffsetAt(Timestamp utc) const;

 private:
  _icaltimezone* zone_ = nullptr;
  std::string name_;
};

}  // namespace kin::schedule

#endif  // KIN_SCHEDULE_ZONE_H_
