#include "http/date_range.h"

namespace kin::http {

Result<DateRange> DateRangeOf(const Request& req) {
  DateRange r;
  for (const char* name : {"from", "to"}) {
    std::optional<std::string> text = req.Query(name);
    if (!text) continue;
    std::optional<Date> d = ParseIsoDate(*text);
    if (!d) return Status::InvalidField(name, "must be a date such as 2026-11-30");
    (std::string(name) == "from" ? r.from : r.to) = *d;
  }
  return r;
}

}  // namespace kin::http
