// RFC 5545 recurrence rules (RRULE), checked part by part so that an error says which part to fix.
#ifndef KIN_SCHEDULE_RRULE_H_
#define KIN_SCHEDULE_RRULE_H_

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/time.h"
#include "schedule/civil_time.h"

namespace kin::schedule {

// A rule that libical accepted. UNTIL is kept apart from the rule text because libical compares it with the
// floating times kin iterates over, and a UTC UNTIL must be compared with instants instead.
struct Rule {
  std::string text;                     // the rule without UNTIL, as libical takes it
  std::string freq;                     // "DAILY", "WEEKLY", ...
  int count = 0;                        // 0: no COUNT
  std::optional<Timestamp> until_utc;   // UNTIL=...Z
  std::optional<LocalTime> until_local; // UNTIL=YYYYMMDDTHHMMSS, or a date: through the end of that day
  bool bounded() const { return count > 0 || until_utc || until_local; }
};

// Parses `text` (with or without a leading "RRULE:"). Errors are kInvalid on `field` and name the rule part,
// e.g. `rrule: BYDAY: "XX" is not valid: list weekdays such as MO,WE or 1MO,-1FR`. Shifts repeat at most
// hourly: SECONDLY and MINUTELY are refused.
Result<Rule> ParseRule(std::string_view field, std::string_view text);

}  // namespace kin::schedule

#endif  // KIN_SCHEDULE_RRULE_H_
