#include "web/local_time.h"

#include <date/tz.h>

#include <cstdio>
#include <exception>

namespace kin::web {
namespace {

// The zone, or UTC when the name is unknown (hubs' zones are checked for shape, not against the database).
const date::time_zone* ZoneOr(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return date::locate_zone("UTC");
  }
}

bool ReadInt(std::string_view s, size_t at, size_t len, int& out) {
  if (at + len > s.size()) return false;
  out = 0;
  for (size_t i = at; i < at + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

bool KnownZone(const std::string& zone) {
  try {
    return date::locate_zone(zone) != nullptr;
  } catch (const std::exception&) {
    return false;
  }
}

std::string FormatLocal(Timestamp t, const std::string& zone, Lang lang) {
  date::zoned_seconds z(ZoneOr(zone), t);
  date::local_seconds local = z.get_local_time();
  date::local_days day = date::floor<date::days>(local);
  date::year_month_day ymd(day);
  date::hh_mm_ss<Seconds> hms(local - day);
  char hm[8];
  std::snprintf(hm, sizeof hm, "%02d:%02d", static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()));
  unsigned month = static_cast<unsigned>(ymd.month());
  return Translate(lang, "time.format",
                   {{"day", std::to_string(static_cast<unsigned>(ymd.day()))},
                    {"month", Translate(lang, "time.month." + std::to_string(month))},
                    {"year", std::to_string(static_cast<int>(ymd.year()))},
                    {"time", hm},
                    {"zone", z.get_info().abbrev}});
}

std::string InputValue(Timestamp t, const std::string& zone) {
  date::zoned_seconds z(ZoneOr(zone), t);
  return date::format("%Y-%m-%dT%H:%M", z.get_local_time());
}

std::optional<Timestamp> ParseLocal(std::string_view s, const std::string& zone) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  int y, mo, d, h, mi, sec = 0;
  if (s.size() != 16 && s.size() != 19) return std::nullopt;
  if (!ReadInt(s, 0, 4, y) || s[4] != '-' || !ReadInt(s, 5, 2, mo) || s[7] != '-' || !ReadInt(s, 8, 2, d) ||
      (s[10] != 'T' && s[10] != ' ') || !ReadInt(s, 11, 2, h) || s[13] != ':' || !ReadInt(s, 14, 2, mi)) {
    return std::nullopt;
  }
  if (s.size() == 19 && (s[16] != ':' || !ReadInt(s, 17, 2, sec))) return std::nullopt;
  date::year_month_day ymd{date::year(y), date::month(static_cast<unsigned>(mo)), date::day(static_cast<unsigned>(d))};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 59) return std::nullopt;
  date::local_seconds local =
      date::local_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi) + std::chrono::seconds(sec);
  try {
    date::zoned_seconds z(ZoneOr(zone), local, date::choose::earliest);
    return z.get_sys_time();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace kin::web
