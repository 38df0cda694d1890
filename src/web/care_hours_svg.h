// The care-hours ledger as an SVG bar chart kin draws itself: one stacked bar per person (for members) or one bar
// per kind of work (for everyone else), coloured by kind of work, in the order the ledger gives (names
// alphabetical): it shows who carries the load, never a ranking.
#ifndef KIN_WEB_CARE_HOURS_SVG_H_
#define KIN_WEB_CARE_HOURS_SVG_H_

#include <string>

#include "app/shifts.h"

namespace kin::web {

struct ChartWords {
  std::string title;    // "Care hours, 1-28 Nov"
  std::string nobody;   // shown when no hours were recorded
  std::string hours;    // unit after numbers, e.g. "h"
};

// A self-contained SVG document (role="img", with <title> and <desc>); all text is XML-escaped.
std::string CareHoursSvg(const CareHours& ledger, const ChartWords& words);

}  // namespace kin::web

#endif  // KIN_WEB_CARE_HOURS_SVG_H_
