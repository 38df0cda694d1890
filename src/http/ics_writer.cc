#include "http/ics_writer.h"

#include <cstdio>

namespace kin::http {

IcsWriter::IcsWriter(std::string_view name) {
  Line("BEGIN:VCALENDAR");
  Line("PRODID:-//kin//shifts//EN");
  Line("VERSION:2.0");
  Line("CALSCALE:GREGORIAN");
  Line("METHOD:PUBLISH");
  Text("X-WR-CALNAME", name);
}

void IcsWriter::Line(std::string_view content) {
  // RFC 5545 3.1: lines of at most 75 octets; continuation lines start with one space (which counts).
  size_t width = 0;
  for (size_t i = 0; i < content.size();) {
    size_t len = 1;
    const unsigned char c = static_cast<unsigned char>(content[i]);
    if (c >= 0xF0) {
      len = 4;
    } else if (c >= 0xE0) {
      len = 3;
    } else if (c >= 0xC0) {
      len = 2;
    }
    if (i + len > content.size()) len = content.size() - i;
    if (width + len > 75) {
      out_ += "\r\n ";
      width = 1;
    }
    out_.append(content.substr(i, len));
    width += len;
    i += len;
  }
  out_ += "\r\n";
}

void IcsWriter::Text(std::string_view property, std::string_view value) {
  std::string line(property);
  line += ':';
  for (char c : value) {
    switch (c) {
      case '\\': line += "\\\\"; break;
      case ';': line += "\\;"; break;
      case ',': line += "\\,"; break;
      case '\n': line += "\\n"; break;
      case '\r': break;
      default:
        // Other control characters are not allowed in TEXT; kin's validators refuse them, so drop any left.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') line += c;
    }
  }
  Line(line);
}

void IcsWriter::Time(std::string_view property, Timestamp t) {
  const auto days = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd(days);
  const std::chrono::hh_mm_ss hms(t - days);
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  Line(std::string(property) + ":" + buf);
}

void IcsWriter::Raw(std::string_view property, std::string_view value) {
  Line(std::string(property) + ":" + std::string(value));
}

std::string IcsWriter::Finish() {
  Line("END:VCALENDAR");
  return std::move(out_);
}

}  // namespace kin::http
