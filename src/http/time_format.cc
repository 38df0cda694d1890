#include "http/time_format.h"

#include <cstdio>

namespace kin::http {

void FormatRfc3339(Timestamp t, char (&out)[kRfc3339Length]) {
  using namespace std::chrono;
  auto day = floor<days>(t);
  year_month_day ymd{day};
  long long secs = (t - day).count();
  auto put = [&out](size_t at, unsigned value, size_t width) {
    for (size_t i = width; i-- > 0; value /= 10) out[at + i] = static_cast<char>('0' + value % 10);
  };
  int year = static_cast<int>(ymd.year());
  put(0, static_cast<unsigned>(year < 0 ? 0 : year > 9999 ? 9999 : year), 4);
  out[4] = '-';
  put(5, static_cast<unsigned>(ymd.month()), 2);
  out[7] = '-';
  put(8, static_cast<unsigned>(ymd.day()), 2);
  out[10] = 'T';
  put(11, static_cast<unsigned>(secs / 3600), 2);
  out[13] = ':';
  put(14, static_cast<unsigned>(secs / 60 % 60), 2);
  out[16] = ':';
  put(17, static_cast<unsigned>(secs % 60), 2);
  out[19] = 'Z';
}

std::string FormatRfc3339(Timestamp t) {
  char buf[kRfc3339Length];
  FormatRfc3339(t, buf);
  return std::string(buf, sizeof buf);
}

namespace {

bool Digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<Timestamp> ParseRfc3339(std::string_view s) {
  using namespace std::chrono;
  int y, mo, d, h, mi, sec;
  if (!Digits(s, 0, 4, y) || s.size() < 20 || s[4] != '-' || !Digits(s, 5, 2, mo) || s[7] != '-' ||
      !Digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't') || !Digits(s, 11, 2, h) || s[13] != ':' ||
      !Digits(s, 14, 2, mi) || s[16] != ':' || !Digits(s, 17, 2, sec)) {
    return std::nullopt;
  }
  size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }
  int offset_minutes = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh, om;
    if (!Digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !Digits(s, pos + 4, 2, om) ||
        oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset_minutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  sys_seconds t = sys_days{ymd} + hours{h} + minutes{mi} + seconds{std::min(sec, 59)} - minutes{offset_minutes};
  // An offset can carry a time past the four-digit years FormatRfc3339 writes; refuse it rather than store one
  // time and show another.
  constexpr sys_seconds kFirst{sys_days{year{0} / January / 1}};
  constexpr sys_seconds kLast{sys_days{year{9999} / December / 31} + hours{23} + minutes{59} + seconds{59}};
  if (t < kFirst || t > kLast) return std::nullopt;
  return t;
}

}  // namespace kin::http
