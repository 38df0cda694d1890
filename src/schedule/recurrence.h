// Expanding a recurring series (RFC 5545 DTSTART + RRULE + EXDATE + overridden occurrences) into the occurrences
// inside a window, in a hub's time zone and correct across daylight-saving changes. Pure apart from libical
// reading zone data; no clock: windows come in as arguments.
#ifndef KIN_SCHEDULE_RECURRENCE_H_
#define KIN_SCHEDULE_RECURRENCE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "schedule/civil_time.h"
#include "schedule/zone.h"

namespace kin::schedule {

// A one-off change to a single occurrence, named by the local time the rule gave it (its RECURRENCE-ID).
struct OccurrenceOverride {
  LocalTime recurrence_id;
  bool cancelled = false;           // the occurrence does not happen
  std::optional<LocalTime> start;   // it happens at this local time instead
};

struct Recurrence {
  LocalTime dtstart;                          // local time of the first occurrence, in the zone passed beside it
  std::string rrule;                          // empty: the series is the single occurrence at dtstart
  std::vector<LocalTime> exdates;             // local times the rule gives that do not happen
  std::vector<OccurrenceOverride> overrides;  // at most one per recurrence_id
};

struct Occurrence {
  LocalTime recurrence_id;  // the local time the rule gave it; identifies the occurrence for ever
  LocalTime local_start;    // when it happens, on the wall clock of the zone
  Timestamp start;          // the same instant in UTC
  bool moved = false;       // an override gave it another time
  bool operator==(const Occurrence&) const = default;
};

struct Window {
  Timestamp from;       // occurrences starting at or after this instant...
  Timestamp to;         // ...and before this one
  size_t limit = 1000;  // at most this many, the earliest first
};

// Checks a series without expanding a window: the rule parses (errors name the RRULE part, on field "rrule"),
// dtstart is not inside a daylight-saving gap of `zone` (field "dtstart"), every exdate and override names an
// occurrence the rule gives (fields "exdates[i]", "overrides[i].recurrence_id"), no moved start falls in a gap
// ("overrides[i].start"), and the series has at least one occurrence.
Status CheckRecurrence(const Recurrence& series, const Zone& zone);

// The occurrences of a checked series that start inside `window`, sorted by start. Rules without an end are
// expanded only as far as the window (and the latest override) needs, so expansion always terminates. An
// occurrence the rule puts in a daylight-saving gap happens at the instant RFC 5545 gives it (02:30 on a
// spring-forward night becomes 03:30); an ambiguous one at the first of its two instants.
Result<std::vector<Occurrence>> Expand(const Recurrence& series, const Zone& zone, const Window& window);

}  // namespace kin::schedule

#endif  // KIN_SCHEDULE_RECURRENCE_H_
