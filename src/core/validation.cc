#include "core/validation.h"

#include <cctype>

namespace kin {

size_t CodePoints(std::string_view utf8) {
  size_t n = 0;
  for (unsigned char c : utf8) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    size_t len;
    unsigned int cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = s[i + k];
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Reject overlong forms, surrogates and values past U+10FFFF.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += len;
  }
  return true;
}

void CheckText(std::string_view field, std::string_view value, size_t max, bool required, FieldErrors& errors) {
  std::string name(field);
  bool has_visible = false;
  for (unsigned char c : value) {
    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
      errors.Add(name, "must not contain control characters");
      return;
    }
    if (c == 0x7F) {
      errors.Add(name, "must not contain control characters");
      return;
    }
    if (!std::isspace(c)) has_visible = true;
  }
  if (required && !has_visible) {
    errors.Add(name, "is required");
    return;
  }
  if (CodePoints(value) > max) {
    errors.Add(name, "must be at most " + std::to_string(max) + " characters");
  }
}

void CheckToken(std::string_view field, std::string_view value, size_t max, FieldErrors& errors) {
  std::string name(field);
  if (value.empty()) {
    errors.Add(name, "is required");
    return;
  }
  if (value.size() > max) {
    errors.Add(name, "must be at most " + std::to_string(max) + " characters");
    return;
  }
  for (char c : value) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
      errors.Add(name, "may hold only lower-case letters a-z, digits, '-' and '_'");
      return;
    }
  }
}

void CheckLanguage(std::string_view field, std::string_view value, FieldErrors& errors) {
  // primary subtag of 2-3 letters, then optional subtags of 2-8 letters or digits.
  std::string name(field);
  auto bad = [&] { errors.Add(name, "must be a language tag such as \"en\", \"es\" or \"pt-BR\""); };
  if (value.empty() || value.size() > 35) return bad();
  size_t start = 0;
  bool first = true;
  while (start <= value.size()) {
    size_t end = value.find('-', start);
    if (end == std::string_view::npos) end = value.size();
    std::string_view part = value.substr(start, end - start);
    if (first) {
      if (part.size() < 2 || part.size() > 3) return bad();
      for (char c : part) {
        if (!std::isalpha(static_cast<unsigned char>(c))) return bad();
      }
    } else {
      if (part.size() < 2 || part.size() > 8) return bad();
      for (char c : part) {
        if (!std::isalnum(static_cast<unsigned char>(c))) return bad();
      }
    }
    first = false;
    if (end == value.size()) break;
    start = end + 1;
  }
}

void CheckRange(std::string_view field, long long value, long long min, long long max, FieldErrors& errors) {
  if (value < min || value > max) {
    errors.Add(std::string(field),
               "must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
}

}  // namespace kin
