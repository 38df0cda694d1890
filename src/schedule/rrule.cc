#include "schedule/rrule.h"

#include <libical/ical.h>

#include <cstdlib>
#include <map>
#include <mutex>
#include <vector>

#include "schedule/libical_lock.h"

namespace kin::schedule {

namespace {

// What each part accepts, said the way a coordinator fixing a rule needs to read it.
const std::map<std::string, std::string>& PartHints() {
  static const std::map<std::string, std::string> hints = {
      {"FREQ", "use DAILY, WEEKLY, MONTHLY, YEARLY or HOURLY"},
      {"UNTIL", "give a date-time YYYYMMDDTHHMMSS (local), YYYYMMDDTHHMMSSZ (UTC) or a date YYYYMMDD"},
      {"COUNT", "give a whole number from 1 to 10000"},
      {"INTERVAL", "give a whole number from 1 to 1000"},
      {"BYSECOND", "list seconds from 0 to 59"},
      {"BYMINUTE", "list minutes from 0 to 59"},
      {"BYHOUR", "list hours from 0 to 23"},
      {"BYDAY", "list weekdays such as MO,WE or 1MO,-1FR"},
      {"BYMONTHDAY", "list days from 1 to 31 or -31 to -1"},
      {"BYYEARDAY", "list days from 1 to 366 or -366 to -1"},
      {"BYWEEKNO", "list weeks from 1 to 53 or -53 to -1 (only with FREQ=YEARLY)"},
      {"BYMONTH", "list months from 1 to 12"},
      {"BYSETPOS", "list positions from 1 to 366 or -366 to -1"},
      {"WKST", "give one weekday: MO, TU, WE, TH, FR, SA or SU"},
  };
  return hints;
}

// True when libical parses `rule` and can start iterating it (range errors such as BYMONTH=13 only show then).
bool LibicalAccepts(const std::string& rule) {
  std::lock_guard guard(LibicalLock());
  icalerror_clear_errno();
  icalrecurrencetype parsed = icalrecurrencetype_from_string(rule.c_str());
  if (parsed.freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR) {
    icalerror_clear_errno();
    return false;
  }
  icaltimetype start = icaltime_from_string("20260105T100000");
  icalrecur_iterator* it = icalrecur_iterator_new(parsed, start);
  icalerror_clear_errno();
  if (it == nullptr) return false;
  icalrecur_iterator_free(it);
  return true;
}

bool WholeNumber(const std::string& s, int max, int* out) {
  if (s.empty() || s.size() > 6) return false;
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + (c - '0');
  }
  if (n < 1 || n > max) return false;
  *out = n;
  return true;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// libical looks for the next occurrence one step of FREQ at a time, up to the year 2582: a rule whose days can
// never fall in its months (BYMONTH=2;BYMONTHDAY=30) would keep it busy for seconds per call. Refused here with
// what to fix instead. BYMONTHDAY=-31 counts from the month's end, so it needs a 31-day month just the same.
Status CheckDaysFallInMonths(const std::string& field, const std::vector<std::pair<std::string, std::string>>& parts) {
  static constexpr int kLongest[13] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  std::vector<int> months, days;
  auto numbers = [](const std::string& list, std::vector<int>& out) {
    size_t start = 0;
    while (start <= list.size()) {
      size_t comma = list.find(',', start);
      if (comma == std::string::npos) comma = list.size();
      const std::string item = list.substr(start, comma - start);
      if (!item.empty()) out.push_back(std::atoi(item.c_str()));
      start = comma + 1;
    }
  };
  for (const auto& [name, value] : parts) {
    if (name == "BYMONTH") numbers(value, months);
    if (name == "BYMONTHDAY") numbers(value, days);
  }
  if (months.empty() || days.empty()) return Status::Ok();
  for (int m : months) {
    if (m < 1 || m > 12) continue;
    for (int d : days) {
      if (d != 0 && std::abs(d) <= kLongest[m]) return Status::Ok();
    }
  }
  return Status::InvalidField(field, "BYMONTHDAY and BYMONTH: none of the days falls in any of the months, so the "
                                     "rule never gives a date; check the day numbers against the months' lengths");
}

}  // namespace

Result<Rule> ParseRule(std::string_view field_view, std::string_view text_view) {
  const std::string field(field_view);
  std::string text = Upper(text_view);
  if (text.rfind("RRULE:", 0) == 0) text = text.substr(6);
  if (text.empty()) return Status::InvalidField(field, "is empty; give a rule such as FREQ=WEEKLY;BYDAY=MO");
  if (text.size() > 500) return Status::InvalidField(field, "is longer than 500 characters");

  auto bad_part = [&](const std::string& name, const std::string& value) {
    const auto hint = PartHints().find(name);
    return Status::InvalidField(field, name + ": \"" + value + "\" is not valid: " + hint->second);
  };

  std::vector<std::pair<std::string, std::string>> parts;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string::npos) end = text.size();
    const std::string part = text.substr(start, end - start);
    start = end + 1;
    if (part.empty()) {
      if (end == text.size()) break;  // one trailing ';' is harmless
      return Status::InvalidField(field, "has an empty part (two ';' in a row)");
    }
    const size_t eq = part.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Status::InvalidField(field, "part \"" + part + "\" is not of the form NAME=VALUE");
    }
    const std::string name = part.substr(0, eq);
    if (!PartHints().contains(name)) {
      return Status::InvalidField(field, "part \"" + name + "\" is not an RRULE part (FREQ, UNTIL, COUNT, "
                                         "INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, ...)");
    }
    for (const auto& [seen, unused] : parts) {
      if (seen == name) return Status::InvalidField(field, name + ": appears twice");
    }
    parts.emplace_back(name, part.substr(eq + 1));
  }

  Rule rule;
  for (const auto& [name, value] : parts) {
    if (name == "FREQ") rule.freq = value;
  }
  if (rule.freq.empty()) return Status::InvalidField(field, "FREQ: is missing; every rule needs one, e.g. FREQ=WEEKLY");
  if (rule.freq == "SECONDLY" || rule.freq == "MINUTELY") {
    return Status::InvalidField(field, "FREQ: \"" + rule.freq + "\" is too frequent for shifts: use HOURLY or slower");
  }
  if (!LibicalAccepts("FREQ=" + rule.freq)) return bad_part("FREQ", rule.freq);

  std::string kept = "FREQ=" + rule.freq;
  for (const auto& [name, value] : parts) {
    if (name == "FREQ") continue;
    if (name == "UNTIL") {
      const bool utc = !value.empty() && value.back() == 'Z';
      const std::string local = utc ? value.substr(0, value.size() - 1) : value;
      if (local.size() == 8) {
        if (utc) return bad_part(name, value);
        Result<LocalTime> day = ParseLocalTime(field, local + "T235959");
        if (!day.ok()) return bad_part(name, value);
        rule.until_local = *day;
      } else {
        Result<LocalTime> t = ParseLocalTime(field, local);
        if (!t.ok()) return bad_part(name, value);
        if (utc) {
          rule.until_utc = Timestamp(t->time_since_epoch());
        } else {
          rule.until_local = *t;
        }
      }
      continue;
    }
    if (name == "COUNT") {
      if (!WholeNumber(value, 10000, &rule.count)) return bad_part(name, value);
    }
    if (name == "INTERVAL") {
      int interval = 0;
      if (!WholeNumber(value, 1000, &interval)) return bad_part(name, value);
    }
    const std::string part = name + "=" + value;
    if (!LibicalAccepts("FREQ=" + rule.freq + ";" + part)) return bad_part(name, value);
    kept += ";" + part;
  }
  if (Status never = CheckDaysFallInMonths(field, parts); !never.ok()) return never;
  if (rule.count > 0 && (rule.until_utc || rule.until_local)) {
    return Status::InvalidField(field, "COUNT and UNTIL: give one or the other, not both");
  }
  if (!LibicalAccepts(kept)) {
    return Status::InvalidField(field, "the parts are each valid but do not fit together (see RFC 5545 3.3.10)");
  }
  rule.text = kept;
  return rule;
}

}  // namespace kin::schedule
