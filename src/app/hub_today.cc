#include "app/hub_today.h"

#include "schedule/zone.h"

namespace kin {

Date HubToday(const Hub& hub, Timestamp now) {
  Result<schedule::Zone> zone = schedule::Zone::Find("time_zone", hub.settings.time_zone);
  if (!zone.ok() || zone->floating()) return DayOf(now);
  std::chrono::local_days local = std::chrono::floor<std::chrono::days>(zone->ToLocal(now));
  return Date(local.time_since_epoch());
}

}  // namespace kin
