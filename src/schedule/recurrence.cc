#include "schedule/recurrence.h"

#include <libical/ical.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "schedule/libical_lock.h"
#include "schedule/rrule.h"

namespace kin::schedule {

namespace {

// A rule that needs more steps than this before the window (hourly for 20 years) is refused rather than walked.
constexpr size_t kMaxSteps = 200'000;

icaltimetype ToIcal(LocalTime t) {
  const std::string text = FormatLocalTime(t);
  return icaltime_from_string(text.c_str());  // floating: kin applies the zone itself (see zone.h)
}

LocalTime FromIcal(const icaltimetype& t) {
  const std::chrono::year_month_day ymd{std::chrono::year(t.year), std::chrono::month(t.month),
                                        std::chrono::day(t.day)};
  return LocalTime(std::chrono::local_days(ymd).time_since_epoch() + std::chrono::hours(t.hour) +
                   std::chrono::minutes(t.minute) + std::chrono::seconds(t.second));
}

std::string Readable(LocalTime t) { return FormatLocalTimeReadable(t); }

Status GapError(const std::string& field, LocalTime t, const Zone& zone) {
  return Status::InvalidField(field, Readable(t) + " does not exist in " + zone.name() +
                                         ": the clocks go forward over it that night; choose a time an hour "
                                         "earlier or later");
}

// Nominal local times the rule gives, in order, until `stop` says enough. Calls `visit` for each; returns an
// error if the walk would not end within kMaxSteps.
template <typename Stop, typename Visit>
Status Walk(const Rule& rule, LocalTime dtstart, const Zone& zone, Stop stop, Visit visit) {
  std::vector<LocalTime> nominal;
  {
    std::lock_guard guard(LibicalLock());
    icalrecurrencetype parsed = icalrecurrencetype_from_string(rule.text.c_str());
    icalrecur_iterator* it = icalrecur_iterator_new(parsed, ToIcal(dtstart));
    icalerror_clear_errno();
    if (it == nullptr) return Status::InvalidField("rrule", "cannot be expanded from this dtstart");
    size_t steps = 0;
    for (icaltimetype next = icalrecur_iterator_next(it); !icaltime_is_null_time(next);
         next = icalrecur_iterator_next(it)) {
      if (++steps > kMaxSteps) {
        icalrecur_iterator_free(it);
        return Status::InvalidField("rrule", "gives more than 200000 occurrences before the dates asked for; "
                                             "start the series later");
      }
      const LocalTime t = FromIcal(next);
      if (rule.until_local && t > *rule.until_local) break;
      if (!nominal.empty() && stop(t)) break;  // the first occurrence always counts, even past the stop
      nominal.push_back(t);
    }
    icalrecur_iterator_free(it);
  }
  // Zone lookups take the lock themselves, so they run after the iterator is done with it.
  for (LocalTime t : nominal) {
    const Resolved r = zone.ToUtc(t);
    if (rule.until_utc && r.utc > *rule.until_utc) break;
    visit(t, r.utc);
  }
  return Status::Ok();
}

// The last nominal time Expand must reach: the window's end in local time plus a day of slack for offsets, or
// the latest override or exdate, whichever is later.
LocalTime Horizon(const Recurrence& series, const Zone& zone, Timestamp to) {
  LocalTime horizon = zone.ToLocal(to) + std::chrono::days(1);
  for (const auto& o : series.overrides) horizon = std::max(horizon, o.recurrence_id);
  for (LocalTime e : series.exdates) horizon = std::max(horizon, e);
  return horizon;
}

// Every nominal occurrence up to `horizon` as (local, utc) pairs, or fewer: `enough(t)` may end the walk early.
template <typename Enough>
Result<std::vector<std::pair<LocalTime, Timestamp>>> Nominal(const Recurrence& series, const Zone& zone,
                                                             LocalTime horizon, Enough enough) {
  std::vector<std::pair<LocalTime, Timestamp>> out;
  if (series.rrule.empty()) {
    out.emplace_back(series.dtstart, zone.ToUtc(series.dtstart).utc);
    return out;
  }
  Result<Rule> rule = ParseRule("rrule", series.rrule);
  if (!rule.ok()) return rule.status();
  Status s = Walk(
      *rule, series.dtstart, zone, [&](LocalTime t) { return t > horizon || enough(t); },
      [&](LocalTime t, Timestamp utc) { out.emplace_back(t, utc); });
  if (!s.ok()) return s;
  return out;
}

}  // namespace

Status CheckRecurrence(const Recurrence& series, const Zone& zone) {
  if (zone.ToUtc(series.dtstart).kind == LocalKind::kGap) return GapError("dtstart", series.dtstart, zone);
  if (!series.rrule.empty()) {
    Result<Rule> rule = ParseRule("rrule", series.rrule);
    if (!rule.ok()) return rule.status();
  }
  LocalTime horizon = series.dtstart;
  for (const auto& o : series.overrides) horizon = std::max(horizon, o.recurrence_id);
  for (LocalTime e : series.exdates) horizon = std::max(horizon, e);
  // One step past the latest named time shows whether the series has anything left at all.
  Result<std::vector<std::pair<LocalTime, Timestamp>>> nominal =
      Nominal(series, zone, horizon, [](LocalTime) { return false; });
  if (!nominal.ok()) return nominal.status();
  std::set<LocalTime> given;
  for (const auto& [local, utc] : *nominal) given.insert(local);
  if (given.empty()) {
    return Status::InvalidField("rrule", "gives no occurrence from this dtstart; check BYDAY, BYMONTHDAY and "
                                         "BYMONTH against each other");
  }
  FieldErrors errors;
  std::set<LocalTime> exdates;
  for (size_t i = 0; i < series.exdates.size(); ++i) {
    const std::string field = "exdates[" + std::to_string(i) + "]";
    if (!given.contains(series.exdates[i])) {
      errors.Add(field, Readable(series.exdates[i]) + " is not an occurrence of the series");
    }
    exdates.insert(series.exdates[i]);
  }
  std::set<LocalTime> overridden;
  for (size_t i = 0; i < series.overrides.size(); ++i) {
    const auto& o = series.overrides[i];
    const std::string field = "overrides[" + std::to_string(i) + "]";
    if (!given.contains(o.recurrence_id)) {
      errors.Add(field + ".recurrence_id", Readable(o.recurrence_id) + " is not an occurrence of the series");
    } else if (exdates.contains(o.recurrence_id)) {
      errors.Add(field + ".recurrence_id", Readable(o.recurrence_id) + " is excluded by an exdate");
    }
    if (!overridden.insert(o.recurrence_id).second) {
      errors.Add(field + ".recurrence_id", "this occurrence is already changed by an earlier override");
    }
    if (o.cancelled && o.start) errors.Add(field + ".start", "a cancelled occurrence has no new start");
    if (!o.cancelled && !o.start) errors.Add(field + ".start", "is required unless the occurrence is cancelled");
    if (o.start && zone.ToUtc(*o.start).kind == LocalKind::kGap) {
      errors.Add(field + ".start", Readable(*o.start) + " does not exist in " + zone.name() +
                                       ": the clocks go forward over it that night");
    }
  }
  return errors.ToStatus();
}

Result<std::vector<Occurrence>> Expand(const Recurrence& series, const Zone& zone, const Window& window) {
  if (window.to <= window.from || window.limit == 0) return std::vector<Occurrence>{};
  // Once `limit` occurrences from the window's start are in hand, plus one for each exdate and override that
  // could remove one, and every named occurrence has been reached, later ones cannot make the cut.
  const size_t needed = window.limit + series.exdates.size() + series.overrides.size();
  LocalTime must_reach = series.dtstart;
  for (const auto& o : series.overrides) must_reach = std::max(must_reach, o.recurrence_id);
  for (LocalTime e : series.exdates) must_reach = std::max(must_reach, e);
  const LocalTime local_from = zone.ToLocal(window.from) - std::chrono::days(1);
  size_t counted = 0;
  auto enough = [&](LocalTime t) {
    if (t >= local_from) ++counted;
    return t > must_reach && counted > needed;
  };
  Result<std::vector<std::pair<LocalTime, Timestamp>>> nominal =
      Nominal(series, zone, Horizon(series, zone, window.to), enough);
  if (!nominal.ok()) return nominal.status();
  const std::set<LocalTime> exdates(series.exdates.begin(), series.exdates.end());
  std::map<LocalTime, const OccurrenceOverride*> overrides;
  for (const auto& o : series.overrides) overrides.emplace(o.recurrence_id, &o);

  std::vector<Occurrence> out;
  for (const auto& [local, utc] : *nominal) {
    if (exdates.contains(local)) continue;
    Occurrence occurrence{local, local, utc, false};
    if (auto it = overrides.find(local); it != overrides.end()) {
      if (it->second->cancelled || !it->second->start) continue;
      occurrence.moved = true;
      occurrence.start = zone.ToUtc(*it->second->start).utc;
    }
    // The wall-clock time of the instant: in a gap this is the shifted time, as RFC 5545 prescribes.
    occurrence.local_start = zone.ToLocal(occurrence.start);
    if (occurrence.start < window.from || occurrence.start >= window.to) continue;
    out.push_back(occurrence);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Occurrence& a, const Occurrence& b) { return a.start < b.start; });
  // An hourly rule puts 02:00 and 03:00 on the same instant on a spring-forward night (RFC 5545 reads the gap
  // time with the earlier offset): one occurrence per instant.
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Occurrence& a, const Occurrence& b) { return a.start == b.start; }),
            out.end());
  if (out.size() > window.limit) out.resize(window.limit);
  return out;
}

}  // namespace kin::schedule
