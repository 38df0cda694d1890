// Rational: an exact fraction for thresholds ("2/3") and small results (a meeting slot's 7/2 points).
//
// Kept in lowest terms with a positive denominator. Comparisons are exact (cross-multiplied in __int128). It is
// for a handful of values per decision, not for running tallies; ranked counts use Votes (votes.h).
#ifndef KIN_GOVERN_RATIONAL_H_
#define KIN_GOVERN_RATIONAL_H_

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace kin::govern {

class Rational {
 public:
  constexpr Rational() = default;
  // Requires den != 0; reduces to lowest terms.
  Rational(int64_t num, int64_t den);
  static Rational Whole(int64_t n) { return Rational(n, 1); }

  // Accepts "2/3", "1/2", "0.5", "66.7%", "1". Fractions must lie in [0, 1] when `unit_interval` is set.
  static Result<Rational> Parse(std::string_view text, bool unit_interval = true);

  int64_t num() const { return num_; }
  int64_t den() const { return den_; }

  // "7/2", or "3" for whole numbers.
  std::string ToString() const;
  // Exactly `decimals` digits after the point, truncated toward zero ("3.50" for 7/2 with 2).
  std::string ToDecimal(int decimals) const;

  friend bool operator==(const Rational& a, const Rational& b) { return a.num_ == b.num_ && a.den_ == b.den_; }
  friend std::strong_ordering operator<=>(const Rational& a, const Rational& b) {
    __int128 left = static_cast<__int128>(a.num_) * b.den_;
    __int128 right = static_cast<__int128>(b.num_) * a.den_;
    return left <=> right;
  }

 private:
  int64_t num_ = 0;
  int64_t den_ = 1;
};

}  // namespace kin::govern

#endif  // KIN_GOVERN_RATIONAL_H_
