#include "core/calendar_date.h"

#include <cstdio>

namespace kin {

std::optional<Date> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8};
  const size_t lengths[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (size_t k = 0; k < lengths[i]; ++k) {
      char c = text[starts[i] + k];
      if (c < '0' || c > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (c - '0');
    }
  }
  std::chrono::year_month_day ymd{std::chrono::year(parts[0]), std::chrono::month(parts[1]),
                                  std::chrono::day(parts[2])};
  if (!ymd.ok() || parts[0] < 1970) return std::nullopt;
  return Date(ymd);
}

std::string FormatIsoDate(Date date) {
  std::chrono::year_month_day ymd(date);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace kin
