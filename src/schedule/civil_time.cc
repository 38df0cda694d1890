#include "schedule/civil_time.h"

#include <cstdio>

namespace kin::schedule {

namespace {

bool Digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

int Number(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

}  // namespace

Result<LocalTime> ParseLocalTime(std::string_view field, std::string_view text) {
  const std::string f(field);
  const std::string shown(text.substr(0, 40));
  if (text.size() != 15 || text[8] != 'T' || !Digits(text.substr(0, 8)) || !Digits(text.substr(9, 6))) {
    if (!text.empty() && text.back() == 'Z') {
      return Status::InvalidField(f, "\"" + shown + "\" is in UTC; give the local time without Z, as YYYYMMDDTHHMMSS");
    }
    return Status::InvalidField(f, "\"" + shown + "\" is not a local date-time of the form YYYYMMDDTHHMMSS");
  }
  const int year = Number(text.substr(0, 4));
  const int month = Number(text.substr(4, 2));
  const int day = Number(text.substr(6, 2));
  const int hour = Number(text.substr(9, 2));
  const int minute = Number(text.substr(11, 2));
  const int second = Number(text.substr(13, 2));
  if (year < 1900 || year > 2999) return Status::InvalidField(f, "year must be between 1900 and 2999");
  if (month < 1 || month > 12) return Status::InvalidField(f, "month must be between 01 and 12");
  const std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(month),
                                        std::chrono::day(day)};
  if (!ymd.ok()) return Status::InvalidField(f, "day " + std::to_string(day) + " does not exist in that month");
  if (hour > 23) return Status::InvalidField(f, "hour must be between 00 and 23");
  if (minute > 59) return Status::InvalidField(f, "minute must be between 00 and 59");
  if (second > 59) return Status::InvalidField(f, "second must be between 00 and 59");
  return LocalTime(std::chrono::local_days(ymd).time_since_epoch() + std::chrono::hours(hour) +
                   std::chrono::minutes(minute) + std::chrono::seconds(second));
}

namespace {

std::string Format(LocalTime t, const char* pattern) {
  const auto days = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd(days);
  const std::chrono::hh_mm_ss hms(t - days);
  char buf[32];
  std::snprintf(buf, sizeof buf, pattern, static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buf;
}

}  // namespace

std::string FormatLocalTime(LocalTime t) { return Format(t, "%04d%02u%02uT%02d%02d%02d"); }

std::string FormatLocalTimeReadable(LocalTime t) { return Format(t, "%04d-%02u-%02uT%02d:%02d:%02d"); }

}  // namespace kin::schedule
