// iCalendar (RFC 5545) output for calendar feeds: escaped TEXT values, lines folded at 75 octets without
// splitting a UTF-8 character, CRLF line ends. Times are written in UTC ("...Z"), so feeds need no VTIMEZONE.
#ifndef KIN_HTTP_ICS_WRITER_H_
#define KIN_HTTP_ICS_WRITER_H_

#include <string>
#include <string_view>

#include "core/time.h"

namespace kin::http {

class IcsWriter {
 public:
  // Opens VCALENDAR with PRODID, VERSION, CALSCALE, METHOD:PUBLISH and X-WR-CALNAME `name`.
  explicit IcsWriter(std::string_view name);

  void BeginEvent() { Line("BEGIN:VEVENT"); }
  void EndEvent() { Line("END:VEVENT"); }
  void Text(std::string_view property, std::string_view value);  // escapes \ ; , and newlines
  void Time(std::string_view property, Timestamp t);               // property:YYYYMMDDTHHMMSSZ
  void Raw(std::string_view property, std::string_view value);    // value written as is (e.g. STATUS)

  // Closes VCALENDAR and returns the document.
  std::string Finish();

 private:
  void Line(std::string_view content);

  std::string out_;
};

}  // namespace kin::http

#endif  // KIN_HTTP_ICS_WRITER_H_
