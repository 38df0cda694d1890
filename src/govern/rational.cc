#include "govern/rational.h"

#include <cassert>
#include <numeric>

namespace kin::govern {

Rational::Rational(int64_t num, int64_t den) {
  assert(den != 0);
  if (den < 0) {
    num = -num;
    den = -den;
  }
  int64_t g = std::gcd(num, den);
  if (g == 0) g = 1;
  num_ = num / g;
  den_ = den / g;
}

namespace {

// Parses up to 18 digits; returns false on anything else.
bool ParseDigits(std::string_view s, int64_t* out) {
  if (s.empty() || s.size() > 18) return false;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

Result<Rational> Rational::Parse(std::string_view text, bool unit_interval) {
  const Status bad = Status::Invalid("\"" + std::string(text) +
                                     "\" is not a fraction; write it as 2/3, 0.5 or 50%");
  bool percent = !text.empty() && text.back() == '%';
  if (percent) text.remove_suffix(1);
  Rational value;
  size_t slash = text.find('/');
  size_t dot = text.find('.');
  if (slash != std::string_view::npos) {
    int64_t n = 0, d = 0;
    if (percent || !ParseDigits(text.substr(0, slash), &n) || !ParseDigits(text.substr(slash + 1), &d) || d == 0) {
      return bad;
    }
    value = Rational(n, d);
  } else {
    std::string_view whole = text.substr(0, dot);
    std::string_view fraction = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    if (fraction.size() > 9 || (dot != std::string_view::npos && fraction.empty())) return bad;
    int64_t w = 0, f = 0, scale = 1;
    if (!ParseDigits(whole, &w) || (!fraction.empty() && !ParseDigits(fraction, &f))) return bad;
    if (w > 1'000'000'000) return bad;
    for (size_t i = 0; i < fraction.size(); ++i) scale *= 10;
    value = Rational(w * scale + f, scale * (percent ? 100 : 1));
  }
  if (unit_interval && value > Rational(1, 1)) {
    return Status::Invalid("\"" + std::string(text) + (percent ? "%" : "") + "\" must be at most 1 (100%)");
  }
  return value;
}

std::string Rational::ToString() const {
  if (den_ == 1) return std::to_string(num_);
  return std::to_string(num_) + "/" + std::to_string(den_);
}

std::string Rational::ToDecimal(int decimals) const {
  __int128 scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  __int128 scaled = static_cast<__int128>(num_) * scale / den_;  // truncates toward zero
  bool negative = scaled < 0;
  if (negative) scaled = -scaled;
  auto whole = static_cast<int64_t>(scaled / scale);
  auto frac = static_cast<int64_t>(scaled % scale);
  std::string out = (negative ? "-" : "") + std::to_string(whole);
  if (decimals > 0) {
    std::string f = std::to_string(frac);
    f.insert(0, static_cast<size_t>(decimals) - f.size(), '0');
    out += "." + f;
  }
  return out;
}

}  // namespace kin::govern
