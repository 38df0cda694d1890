#include "core/qualification.h"

namespace kin {

namespace {

std::string Normalized(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

}  // namespace

bool HoldsQualification(std::string_view required, const std::vector<std::string>& held) {
  const std::string want = Normalized(required);
  if (want.empty()) return true;
  for (const std::string& h : held) {
    if (Normalized(h) == want) return true;
  }
  return false;
}

}  // namespace kin
