#include "federation/json_text.h"

#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

namespace kin::federation {
namespace {

void Append(const boost::json::value& v, std::string& out) {
  switch (v.kind()) {
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, value] : v.get_object()) {
        if (!first) out += ',';
        first = false;
        out += boost::json::serialize(boost::json::string_view(key));
        out += ':';
        Append(value, out);
      }
      out += '}';
      return;
    }
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& value : v.get_array()) {
        if (!first) out += ',';
        first = false;
        Append(value, out);
      }
      out += ']';
      return;
    }
    case boost::json::kind::double_:
      out += std::isfinite(v.get_double()) ? DecimalText(v.get_double()) : "null";
      return;
    default:
      out += boost::json::serialize(v);
  }
}

}  // namespace

std::string DecimalText(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  if (r.ec != std::errc()) r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string Rfc3339(Timestamp t) {
  using namespace std::chrono;
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss hms{t - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()), int(hms.hours().count()), int(hms.minutes().count()),
                int(hms.seconds().count()));
  return buf;
}

Result<Timestamp> ParseRfc3339(const std::string& text, const std::string& field) {
  using namespace std::chrono;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, used = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &used) != 6 ||
      used != 19) {
    return Status::InvalidField(field, "must be an RFC 3339 time such as 2026-11-24T10:05:00Z");
  }
  size_t i = 19;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  }
  int offset_minutes = 0;
  if (i < text.size() && (text[i] == 'Z' || text[i] == 'z') && i + 1 == text.size()) {
    // UTC
  } else if (int oh = 0, om = 0; i + 6 == text.size() && (text[i] == '+' || text[i] == '-') &&
                                 std::sscanf(text.c_str() + i + 1, "%2d:%2d", &oh, &om) == 2) {
    offset_minutes = (text[i] == '-' ? -1 : 1) * (oh * 60 + om);
  } else {
    return Status::InvalidField(field, "must end in Z or a +hh:mm offset");
  }
  year_month_day ymd{year{y}, month{unsigned(mo)}, day{unsigned(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return Status::InvalidField(field, "is not a valid date and time");
  Timestamp t = Timestamp{sys_days{ymd}} + hours{h} + minutes{mi} + seconds{s} - minutes{offset_minutes};
  // An offset can carry an edge time out of the four-digit years Rfc3339 writes; refuse it rather than echo
  // another time than the one received.
  int utc_year = int(year_month_day{floor<days>(t)}.year());
  if (utc_year < 0 || utc_year > 9999) return Status::InvalidField(field, "must fall within the years 0000 to 9999");
  return t;
}

std::string UrlOrigin(std::string_view url) {
  auto r = boost::urls::parse_uri(url);
  if (!r || !r->has_authority() || r->host().empty()) return "";
  std::string scheme(r->scheme());
  for (char& c : scheme) c = char(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "https" && scheme != "http") return "";
  std::string origin = scheme + "://";
  for (char c : r->encoded_host()) origin += char(std::tolower(static_cast<unsigned char>(c)));
  if (r->has_port()) origin += ":" + std::string(r->port());
  return origin;
}

std::string ToJsonText(const boost::json::value& v) {
  std::string out;
  Append(v, out);
  return out;
}

}  // namespace kin::federation
