// Local ("wall clock") date-times in the iCalendar basic form YYYYMMDDTHHMMSS, the form coordinators type and
// `kin schedule preview` prints. A LocalTime has no zone: the zone travels beside it (see zone.h).
#ifndef KIN_SCHEDULE_CIVIL_TIME_H_
#define KIN_SCHEDULE_CIVIL_TIME_H_

#include <chrono>
#include <string>
#include <string_view>

#include "core/status.h"

namespace kin::schedule {

using LocalTime = std::chrono::local_seconds;

// Parses exactly "YYYYMMDDTHHMMSS" (years 1900-2999) into a LocalTime. Errors name `field` and say which part
// (month, day, hour...) is out of range; a trailing "Z" is refused because local times carry no zone.
Result<LocalTime> ParseLocalTime(std::string_view field, std::string_view text);

// Formats as "YYYYMMDDTHHMMSS".
std::string FormatLocalTime(LocalTime t);

// Formats as "YYYY-MM-DDTHH:MM:SS", for messages people read.
std::string FormatLocalTimeReadable(LocalTime t);

}  // namespace kin::schedule

#endif  // KIN_SCHEDULE_CIVIL_TIME_H_
