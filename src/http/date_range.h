// ?from=YYYY-MM-DD&to=YYYY-MM-DD on the occupancy view and its export. Absent ends are left to the app, which
// starts at the hub's today in its time zone and ends six days later.
#ifndef KIN_HTTP_DATE_RANGE_H_
#define KIN_HTTP_DATE_RANGE_H_

#include <optional>

#include "core/calendar_date.h"
#include "core/status.h"
#include "http/message.h"

namespace kin::http {

struct DateRange {
  std::optional<Date> from;
  std::optional<Date> to;
};

// Invalid naming `from` or `to` when one is not a date.
Result<DateRange> DateRangeOf(const Request& req);

}  // namespace kin::http

#endif  // KIN_HTTP_DATE_RANGE_H_
