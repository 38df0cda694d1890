// Calendar dates (a best-before date, a night in a shelter): whole days, no time of day, no zone.
#ifndef KIN_CORE_CALENDAR_DATE_H_
#define KIN_CORE_CALENDAR_DATE_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"

namespace kin {

using Date = std::chrono::sys_days;

// "2026-11-24" -> the date; nullopt for anything else, including impossible dates such as
// 2026-02-30.
std::optional<Date> ParseIsoDate(std::string_view text);
std::string FormatIsoDate(Date date);

// The UTC calendar day `t` falls on.
inline Date DayOf(Timestamp t) { return std::chrono::floor<std::chrono::days>(t); }

}  // namespace kin

#endif  // KIN_CORE_CALENDAR_DATE_H_
