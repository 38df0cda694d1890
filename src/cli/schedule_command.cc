// `kin schedule preview`: maps flags onto src/schedule and prints; every rule lives there.
#include "cli/schedule_command.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "schedule/recurrence.h"

namespace kin::cli {

namespace {

struct PreviewFlags {
  std::string rrule;
  std::string dtstart;
  std::string tz;
  int count = 10;
  std::vector<std::string> exdates;
};

// Maps a schedule field to the flag the person typed, so the error points at what to change.
std::string FlagFor(const std::string& field) {
  if (field == "rrule") return "--rrule";
  if (field == "dtstart") return "--dtstart";
  if (field == "tz") return "--tz";
  if (field.rfind("exdates[", 0) == 0) {
    return "--exdate #" + std::to_string(std::stoi(field.substr(8)) + 1);  // people count from one
  }
  return field;
}

int Fail(const Status& s) {
  if (!s.fields().empty()) {
    for (const FieldError& f : s.fields()) std::fprintf(stderr, "kin schedule preview: %s: %s\n",
                                                        FlagFor(f.field).c_str(), f.message.c_str());
  } else {
    std::fprintf(stderr, "kin schedule preview: %s\n", s.message().c_str());
  }
  return 2;
}

int Preview(const PreviewFlags& flags) {
  using namespace kin::schedule;
  Result<Zone> zone = Zone::Find("tz", flags.tz);
  if (!zone.ok()) return Fail(zone.status());
  Result<LocalTime> dtstart = ParseLocalTime("dtstart", flags.dtstart);
  if (!dtstart.ok()) return Fail(dtstart.status());
  Recurrence series{*dtstart, flags.rrule, {}, {}};
  for (size_t i = 0; i < flags.exdates.size(); ++i) {
    Result<LocalTime> t = ParseLocalTime("exdates[" + std::to_string(i) + "]", flags.exdates[i]);
    if (!t.ok()) return Fail(t.status());
    series.exdates.push_back(*t);
  }
  Status s = CheckRecurrence(series, *zone);
  if (!s.ok()) return Fail(s);
  // From the first occurrence to 100 years on: enough for any --count, finite for endless rules.
  const Timestamp from = zone->ToUtc(*dtstart).utc;
  Window window{from, from + std::chrono::days(36525), static_cast<size_t>(flags.count)};
  Result<std::vector<Occurrence>> occurrences = Expand(series, *zone, window);
  if (!occurrences.ok()) return Fail(occurrences.status());
  for (const Occurrence& o : *occurrences) std::printf("%s\n", FormatLocalTime(o.local_start).c_str());
  return 0;
}

}  // namespace

void AddScheduleCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<PreviewFlags>();
  CLI::App* schedule = app.add_subcommand("schedule", "check recurring shift schedules");
  schedule->require_subcommand(1);
  CLI::App* preview = schedule->add_subcommand(
      "preview", "print the occurrences of an RFC 5545 RRULE, one per line as YYYYMMDDTHHMMSS local time");
  preview->add_option("--rrule", flags->rrule, "the rule, e.g. FREQ=WEEKLY;BYDAY=MO,WE")->required();
  preview->add_option("--dtstart", flags->dtstart, "first occurrence, local time YYYYMMDDTHHMMSS")->required();
  preview->add_option("--tz", flags->tz, "IANA time zone, e.g. Europe/Madrid (default: floating, no zone)");
  preview->add_option("--count", flags->count, "how many occurrences to print")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  preview->add_option("--exdate", flags->exdates, "an occurrence to leave out, YYYYMMDDTHHMMSS (repeatable)");
  preview->callback([flags, &exit_code] { exit_code = Preview(*flags); });
}

}  // namespace kin::cli
