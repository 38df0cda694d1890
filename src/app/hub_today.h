// "Today" as a hub lives it: the calendar day in the hub's time zone, not in UTC. At 23:30 UTC it is already
// tomorrow in Madrid and still today in Mexico City; expiring stock, occupancy views and other day-based defaults
// use this so a hub never sees yesterday's or tomorrow's list around midnight.
#ifndef KIN_APP_HUB_TODAY_H_
#define KIN_APP_HUB_TODAY_H_

#include "core/calendar_date.h"
#include "core/hub.h"

namespace kin {

// The date in the hub's zone at `now`; a hub whose zone the server does not know gets the UTC date.
Date HubToday(const Hub& hub, Timestamp now);

}  // namespace kin

#endif  // KIN_APP_HUB_TODAY_H_
