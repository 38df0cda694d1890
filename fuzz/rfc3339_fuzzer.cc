// ParseRfc3339 (src/http/time_format.h) over arbitrary text.
//
// Properties checked, beyond not crashing:
//  - an accepted text matches the documented shape (YYYY-MM-DDTHH:MM:SS, optional fraction, Z or +HH:MM/-HH:MM);
//  - the time it gives is shown again by FormatRfc3339 as the same instant: Parse(Format(t)) == t. What the API
//    accepts (a need's window) must come back out as the same time, not a different one.
#include <string>

#include "fuzz_support.h"
#include "http/time_format.h"

namespace kin::fuzz {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The shape check, independent of the parser's code.
bool LooksLikeRfc3339(std::string_view s) {
  static const char kPattern[] = "dddd-dd-ddTdd:dd:dd";
  if (s.size() < 20) return false;
  for (size_t i = 0; i < 19; ++i) {
    char p = kPattern[i];
    if (p == 'd' ? !IsDigit(s[i]) : p == 'T' ? (s[i] != 'T' && s[i] != 't') : s[i] != p) return false;
  }
  size_t pos = 19;
  if (s[pos] == '.') {
    size_t start = ++pos;
    while (pos < s.size() && IsDigit(s[pos])) ++pos;
    if (pos == start) return false;
  }
  if (pos >= s.size()) return false;
  if (s[pos] == 'Z' || s[pos] == 'z') return pos + 1 == s.size();
  if (s[pos] != '+' && s[pos] != '-') return false;
  return s.size() == pos + 6 && IsDigit(s[pos + 1]) && IsDigit(s[pos + 2]) && s[pos + 3] == ':' &&
         IsDigit(s[pos + 4]) && IsDigit(s[pos + 5]);
}

}  // namespace

int FuzzRfc3339(const uint8_t* data, size_t size) {
  const std::string_view text = AsText(data, size);
  std::optional<Timestamp> t = http::ParseRfc3339(text);
  if (!t) return 0;
  KIN_FUZZ_CHECK(LooksLikeRfc3339(text), "accepted a malformed time: " + std::string(text));
  std::string shown = http::FormatRfc3339(*t);
  std::optional<Timestamp> back = http::ParseRfc3339(shown);
  KIN_FUZZ_CHECK(back.has_value(), "FormatRfc3339 wrote a time ParseRfc3339 refuses: " + shown);
  KIN_FUZZ_CHECK(*back == *t, "\"" + std::string(text) + "\" is " + std::to_string(t->time_since_epoch().count()) +
                                  " s since 1970 but is shown as " + shown + " (" +
                                  std::to_string(back->time_since_epoch().count()) + " s)");
  return 0;
}

}  // namespace kin::fuzz

KIN_FUZZ_ENTRY(FuzzRfc3339)
