// ParseRule, CheckRecurrence and Expand (src/schedule): the recurrence a coordinator types into a shift, read by
// libical. The input is "DTSTART\nRRULE" (the first line a local time such as 20260301T093000, the rest the
// rule); a first line that does not parse tries the rule alone from a fixed start.
//
// Properties checked, beyond not crashing or hanging:
//  - a rule that parses either checks out or is refused with a message on a named field;
//  - expanding a checked series inside a 60-day window returns at most the window's limit of occurrences,
//    sorted by start, each inside the window, with no two at the same instant;
//  - the same in Europe/Madrid, where daylight saving moves the clock twice a year.
#include <string>

#include "fuzz_support.h"
#include "schedule/recurrence.h"
#include "schedule/rrule.h"

namespace kin::fuzz {

namespace {

void ExpandChecked(const schedule::Recurrence& series, const schedule::Zone& zone) {
  if (!schedule::CheckRecurrence(series, zone).ok()) return;
  schedule::Window window;
  window.from = Timestamp{Seconds{1767225600}};  // 2026-01-01
  window.to = window.from + std::chrono::hours(24 * 60);
  window.limit = 200;
  Result<std::vector<schedule::Occurrence>> got = schedule::Expand(series, zone, window);
  if (!got.ok()) {
    KIN_FUZZ_CHECK(!got.status().message().empty(), "an expansion failed without saying why");
    return;
  }
  KIN_FUZZ_CHECK(got->size() <= window.limit, "more occurrences than the window's limit");
  for (size_t i = 0; i < got->size(); ++i) {
    const schedule::Occurrence& o = (*got)[i];
    KIN_FUZZ_CHECK(o.start >= window.from && o.start < window.to, "an occurrence outside its window");
    if (i > 0) KIN_FUZZ_CHECK((*got)[i - 1].start < o.start, "occurrences out of order or at the same instant");
  }
}

}  // namespace

int FuzzRrule(const uint8_t* data, size_t size) {
  const std::string_view text = AsText(data, size);
  size_t newline = text.find('\n');
  std::string_view first = newline == std::string_view::npos ? std::string_view{} : text.substr(0, newline);
  std::string_view rule = newline == std::string_view::npos ? text : text.substr(newline + 1);
  Result<schedule::LocalTime> dtstart = schedule::ParseLocalTime("dtstart", first);
  if (!dtstart.ok()) {
    dtstart = schedule::ParseLocalTime("dtstart", "20260105T090000");
    rule = text;
  }
  Result<schedule::Rule> parsed = schedule::ParseRule("rrule", rule);
  if (!parsed.ok()) {
    KIN_FUZZ_CHECK(!parsed.status().fields().empty(), "a refused rule names no field");
    return 0;
  }
  schedule::Recurrence series;
  series.dtstart = *dtstart;
  series.rrule = std::string(rule);
  ExpandChecked(series, schedule::Zone());
  if (Result<schedule::Zone> madrid = schedule::Zone::Find("tz", "Europe/Madrid"); madrid.ok()) {
    ExpandChecked(series, *madrid);
  }
  return 0;
}

}  // namespace kin::fuzz

KIN_FUZZ_ENTRY(FuzzRrule)
