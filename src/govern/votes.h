// Exact vote amounts for ranked counts (IRV, STV, Meek).
//
// Every amount in one count is a whole number of units of 10^-D, where D (the count's decimals, 0..9) is fixed
// for the whole count. Sums and differences are exact. Products and quotients are truncated toward zero to the
// scale, as the ERS97 and Scottish STV rules do, so anyone can reproduce a count by hand to the stated decimals
// and two runs always agree. Keep factors in Meek's method round up instead; see meek.h.
//
// Overflow: a count first checks the total weight with Scale::CheckTotal, which leaves headroom so that every
// sum of parts of the total fits in int64; products go through __int128 and are divided back before storing.
#ifndef KIN_GOVERN_VOTES_H_
#define KIN_GOVERN_VOTES_H_

#include <compare>
#include <cstdint>
#include <string>

#include "core/status.h"

namespace kin::govern {

inline constexpr int kMaxDecimals = 9;

// An amount of votes in units of 10^-D. Plain value type; the scale lives in Scale.
class Votes {
 public:
  constexpr Votes() = default;
  static constexpr Votes FromUnits(int64_t units) { return Votes(units); }
  constexpr int64_t units() const { return units_; }

  constexpr Votes& operator+=(Votes other) {
    units_ += other.units_;
    return *this;
  }
  constexpr Votes& operator-=(Votes other) {
    units_ -= other.units_;
    return *this;
  }
  friend constexpr Votes operator+(Votes a, Votes b) { return Votes(a.units_ + b.units_); }
  friend constexpr Votes operator-(Votes a, Votes b) { return Votes(a.units_ - b.units_); }
  friend constexpr auto operator<=>(Votes a, Votes b) = default;

 private:
  constexpr explicit Votes(int64_t units) : units_(units) {}
  int64_t units_ = 0;
};

// The fixed-point scale of one count.
class Scale {
 public:
  // Requires 0 <= decimals <= kMaxDecimals (checked by the counts' option validation).
  explicit Scale(int decimals);

  int decimals() const { return decimals_; }
  int64_t unit() const { return unit_; }  // 10^decimals: one whole vote
  Votes Whole(int64_t votes) const { return Votes::FromUnits(votes * unit_); }
  Votes Smallest() const { return Votes::FromUnits(1); }

  // Ok when `whole_votes` (the weight of all ballots) can be counted at this scale with headroom for sums.
  Status CheckTotal(int64_t whole_votes) const;

  // floor(a * num / den) for a, num >= 0 and den > 0; the caller guarantees the result fits (it is at most a).
  static Votes MulDivFloor(Votes a, int64_t num, int64_t den);
  // ceil(a * num / den), same requirements.
  static Votes MulDivCeil(Votes a, int64_t num, int64_t den);

  // Exactly `decimals` digits after the point ("12.50000"), none and no point when decimals is 0 ("12").
  std::string Format(Votes v) const;

 private:
  int decimals_;
  int64_t unit_;
};

}  // namespace kin::govern

#endif  // KIN_GOVERN_VOTES_H_
