#include "app/shift_series.h"

#include <algorithm>

namespace kin {

schedule::Recurrence SeriesOf(const ShiftDetails& details, const std::vector<ShiftOverride>& overrides) {
  schedule::Recurrence series{details.dtstart, details.rrule, details.exdates, {}};
  for (const ShiftOverride& o : overrides) series.overrides.push_back({o.recurrence_id, o.cancelled, o.start});
  return series;
}

Result<schedule::Zone> ZoneOfHub(const Hub& hub) {
  Result<schedule::Zone> zone = schedule::Zone::Find("time_zone", hub.settings.time_zone);
  if (!zone.ok()) return Status::Internal("hub " + hub.slug + " has an unknown time zone: " + hub.settings.time_zone);
  return zone;
}

Result<std::vector<OccurrenceView>> OccurrencesOf(const Shift& shift, const schedule::Zone& zone, Timestamp from,
                                                  Timestamp to) {
  Result<std::vector<schedule::Occurrence>> expanded =
      schedule::Expand(SeriesOf(shift.details, shift.overrides), zone, {from, to, 500});
  if (!expanded.ok()) return expanded.status();
  std::vector<OccurrenceView> out;
  for (const schedule::Occurrence& o : *expanded) {
    out.push_back({o.recurrence_id, o.local_start, o.start, o.start + shift.details.duration, o.moved, {}});
  }
  return out;
}

Result<OccurrenceView> FindOccurrence(const Shift& shift, const schedule::Zone& zone, LocalSeconds occurrence) {
  // The rule puts the occurrence near its recurrence id; an override may have moved it anywhere.
  Timestamp at = zone.ToUtc(occurrence).utc;
  Timestamp from = at - std::chrono::days(2);
  Timestamp to = at + std::chrono::days(2);
  for (const ShiftOverride& o : shift.overrides) {
    if (o.recurrence_id == occurrence && o.start) {
      Timestamp moved = zone.ToUtc(*o.start).utc;
      from = std::min(from, moved - std::chrono::days(2));
      to = std::max(to, moved + std::chrono::days(2));
    }
  }
  Result<std::vector<OccurrenceView>> all = OccurrencesOf(shift, zone, from, to);
  if (!all.ok()) return all.status();
  for (const OccurrenceView& o : *all) {
    if (o.occurrence == occurrence) return o;
  }
  return Status::NotFound("this shift has no such occurrence (it may have been cancelled)");
}

}  // namespace kin
