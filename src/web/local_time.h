// Times as people in a hub read and write them: in the hub's IANA time zone, with month names from the
// catalogue. libstdc++ 12 has no std::chrono::locate_zone, so this uses Howard Hinnant's date library (its
// precursor, from Debian) over the system's zoneinfo; only this file's .cc needs to change when the compiler
// catches up.
#ifndef KIN_WEB_LOCAL_TIME_H_
#define KIN_WEB_LOCAL_TIME_H_

#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"
#include "web/catalogue.h"

namespace kin::web {

// "24 Nov 2026, 14:05 CET". An unknown zone falls back to UTC (and says so by its abbreviation).
std::string FormatLocal(Timestamp t, const std::string& zone, Lang lang);

// Whether the server's zone database knows `zone` ("Europe/Madrid"), for forms that set a hub's zone.
bool KnownZone(const std::string& zone);

// "2026-11-24T14:05", for a datetime-local input.
std::string InputValue(Timestamp t, const std::string& zone);

// Parses what a datetime-local input sends, "YYYY-MM-DDTHH:MM" (a space for the T, and ":SS", are accepted
// too, for browsers that show a plain text box) as a wall-clock time in `zone`. A time skipped or repeated by a
// daylight-saving change resolves to the earlier instant. nullopt when it cannot be read.
std::optional<Timestamp> ParseLocal(std::string_view text, const std::string& zone);

}  // namespace kin::web

#endif  // KIN_WEB_LOCAL_TIME_H_
