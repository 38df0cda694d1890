// IsValidUtf8 and CodePoints (src/core/validation.h) against a reference decoder written from RFC 3629's table
// of well-formed byte sequences, plus the text checks and JsonWriter::String that sit on top of them.
//
// Properties: IsValidUtf8 agrees with the reference on every input; CodePoints counts the reference's code
// points on valid input; CheckText, CheckToken and CheckLanguage never crash and accept only what they document;
// JsonWriter::String of valid UTF-8 is a JSON string that Boost.JSON reads back as the same bytes.
#include <boost/json.hpp>
#include <string>

#include "core/status.h"
#include "core/validation.h"
#include "fuzz_support.h"
#include "http/json_writer.h"

namespace kin::fuzz {
namespace {

// RFC 3629 section 4: the well-formed sequences, byte by byte. Returns the code points, or -1 when ill-formed.
long long ReferenceCount(std::string_view s) {
  long long n = 0;
  size_t i = 0;
  auto in = [&](size_t at, unsigned lo, unsigned hi) {
    if (at >= s.size()) return false;
    unsigned b = static_cast<unsigned char>(s[at]);
    return b >= lo && b <= hi;
  };
  while (i < s.size()) {
    unsigned b = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    if (b <= 0x7F) {
      len = 1;
    } else if (b >= 0xC2 && b <= 0xDF) {
      len = in(i + 1, 0x80, 0xBF) ? 2 : 0;
    } else if (b == 0xE0) {
      len = in(i + 1, 0xA0, 0xBF) && in(i + 2, 0x80, 0xBF) ? 3 : 0;
    } else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) {
      len = in(i + 1, 0x80, 0xBF) && in(i + 2, 0x80, 0xBF) ? 3 : 0;
    } else if (b == 0xED) {
      len = in(i + 1, 0x80, 0x9F) && in(i + 2, 0x80, 0xBF) ? 3 : 0;
    } else if (b == 0xF0) {
      len = in(i + 1, 0x90, 0xBF) && in(i + 2, 0x80, 0xBF) && in(i + 3, 0x80, 0xBF) ? 4 : 0;
    } else if (b >= 0xF1 && b <= 0xF3) {
      len = in(i + 1, 0x80, 0xBF) && in(i + 2, 0x80, 0xBF) && in(i + 3, 0x80, 0xBF) ? 4 : 0;
    } else if (b == 0xF4) {
      len = in(i + 1, 0x80, 0x8F) && in(i + 2, 0x80, 0xBF) && in(i + 3, 0x80, 0xBF) ? 4 : 0;
    }
    if (len == 0) return -1;
    i += len;
    ++n;
  }
  return n;
}

bool IsTokenChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// "en", "pt-BR", "zh-Hant": a primary subtag of 2-3 letters, then subtags of 2-8 letters or digits; 35 at most.
bool ReferenceLanguage(std::string_view s) {
  if (s.empty() || s.size() > 35) return false;
  size_t start = 0;
  bool first = true;
  while (true) {
    size_t end = s.find('-', start);
    std::string_view part = s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (first ? (part.size() < 2 || part.size() > 3) : (part.size() < 2 || part.size() > 8)) return false;
    for (char c : part) {
      if (!(IsAsciiAlpha(c) || (!first && IsAsciiDigit(c)))) return false;
    }
    first = false;
    if (end == std::string_view::npos) return true;
    start = end + 1;
  }
}

}  // namespace

int FuzzUtf8(const uint8_t* data, size_t size) {
  const std::string_view s = AsText(data, size);
  const long long reference = ReferenceCount(s);
  const bool valid = IsValidUtf8(s);
  KIN_FUZZ_CHECK(valid == (reference >= 0), std::string("IsValidUtf8 says ") + (valid ? "valid" : "invalid") +
                                                " but RFC 3629 says otherwise");
  if (valid) {
    KIN_FUZZ_CHECK(CodePoints(s) == static_cast<size_t>(reference), "CodePoints miscounts valid UTF-8");

    http::JsonWriter w;
    w.String(s);
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(w.str(), ec);
    KIN_FUZZ_CHECK(!ec, "JsonWriter::String wrote invalid JSON: " + w.str());
    KIN_FUZZ_CHECK(v.is_string() && std::string_view(v.as_string()) == s,
                   "JsonWriter::String does not read back as the same text");
  }

  {
    FieldErrors errors;
    CheckText("text", s, 50, /*required=*/true, errors);
    if (errors.empty()) {
      for (unsigned char c : s) {
        KIN_FUZZ_CHECK(c >= 0x20 ? c != 0x7F : (c == '\n' || c == '\t' || c == '\r'),
                       "CheckText let a control character through");
      }
    }
  }
  {
    FieldErrors errors;
    CheckToken("token", s, 40, errors);
    bool ok = !s.empty() && s.size() <= 40;
    for (char c : s) ok = ok && IsTokenChar(c);
    KIN_FUZZ_CHECK(errors.empty() == ok, "CheckToken disagrees with its documented alphabet");
  }
  {
    FieldErrors errors;
    CheckLanguage("language", s, errors);
    KIN_FUZZ_CHECK(errors.empty() == ReferenceLanguage(s),
                   "CheckLanguage " + std::string(errors.empty() ? "accepts" : "refuses") + " \"" + std::string(s) +
                       "\"");
  }
  return 0;
}

}  // namespace kin::fuzz

KIN_FUZZ_ENTRY(FuzzUtf8)
