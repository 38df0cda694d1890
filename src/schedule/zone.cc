#include "schedule/zone.h"

#include <libical/ical.h>

#include <algorithm>
#include <mutex>

#include "schedule/libical_lock.h"

namespace kin::schedule {

namespace {

// Transitions in real zones are months apart; a day either side of a local time always reaches the offsets in
// force before and after any change that could touch it.
constexpr Seconds kProbe{86400};

}  // namespace

Result<Zone> Zone::Find(std::string_view field, std::string_view name) {
  Zone zone;
  if (name.empty()) return zone;
  if (name.size() > 64) return Status::InvalidField(std::string(field), "is too long to be a time zone name");
  const std::string text(name);
  if (text == "UTC" || text == "Etc/UTC") {
    std::lock_guard guard(LibicalLock());
    zone.zone_ = icaltimezone_get_utc_timezone();
    zone.name_ = "UTC";
    return zone;
  }
  std::lock_guard guard(LibicalLock());
  icaltimezone* found = icaltimezone_get_builtin_timezone(text.c_str());
  if (found == nullptr) {
    return Status::InvalidField(std::string(field), "\"" + text +
                                                        "\" is not a known IANA time zone (e.g. Europe/Madrid, "
                                                        "America/New_York, UTC)");
  }
  zone.zone_ = found;
  zone.name_ = text;
  return zone;
}

Seconds Zone::OffsetAt(Timestamp utc) const {
  if (zone_ == nullptr) return Seconds(0);
  std::lock_guard guard(LibicalLock());
  icaltimetype t = icaltime_from_timet_with_zone(static_cast<time_t>(utc.time_since_epoch().count()), 0,
                                                 icaltimezone_get_utc_timezone());
  int is_daylight = 0;
  return Seconds(icaltimezone_get_utc_offset_of_utc_time(zone_, &t, &is_daylight));
}

LocalTime Zone::ToLocal(Timestamp utc) const {
  return LocalTime((utc + OffsetAt(utc)).time_since_epoch());
}

Resolved Zone::ToUtc(LocalTime local) const {
  const Timestamp as_utc(local.time_since_epoch());
  if (zone_ == nullptr) return {as_utc, LocalKind::kUnique};
  const Seconds before = OffsetAt(as_utc - kProbe);
  const Seconds after = OffsetAt(as_utc + kProbe);
  const Timestamp with_before = as_utc - before;
  const Timestamp with_after = as_utc - after;
  const bool before_fits = OffsetAt(with_before) == before;
  const bool after_fits = OffsetAt(with_after) == after;
  if (before_fits && after_fits && with_before != with_after) {
    return {std::min(with_before, with_after), LocalKind::kAmbiguous};
  }
  if (before_fits) return {with_before, LocalKind::kUnique};
  if (after_fits) return {with_after, LocalKind::kUnique};
  return {with_before, LocalKind::kGap};
}

}  // namespace kin::schedule
