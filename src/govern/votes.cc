#include "govern/votes.h"

#include <cassert>
#include <cstdlib>

namespace kin::govern {

namespace {
// Totals stay below 2^61 units so that the sum of any two amounts in a count, and every intermediate sum of parts
// of the total, fits in int64 with room to spare.
constexpr int64_t kMaxTotalUnits = int64_t{1} << 61;
}  // namespace

Scale::Scale(int decimals) : decimals_(decimals), unit_(1) {
  assert(decimals >= 0 && decimals <= kMaxDecimals);
  for (int i = 0; i < decimals; ++i) unit_ *= 10;
}

Status Scale::CheckTotal(int64_t whole_votes) const {
  if (whole_votes < 0 || whole_votes > kMaxTotalUnits / unit_) {
    return Status::Invalid("the ballots' total weight " + std::to_string(whole_votes) +
                           " is too large to count with " + std::to_string(decimals_) +
                           " decimals; use fewer decimals");
  }
  return Status::Ok();
}

Votes Scale::MulDivFloor(Votes a, int64_t num, int64_t den) {
  assert(a.units() >= 0 && num >= 0 && den > 0);
  __int128 product = static_cast<__int128>(a.units()) * num;
  return Votes::FromUnits(static_cast<int64_t>(product / den));
}

Votes Scale::MulDivCeil(Votes a, int64_t num, int64_t den) {
  assert(a.units() >= 0 && num >= 0 && den > 0);
  __int128 product = static_cast<__int128>(a.units()) * num;
  return Votes::FromUnits(static_cast<int64_t>((product + den - 1) / den));
}

std::string Scale::Format(Votes v) const {
  int64_t units = v.units();
  std::string sign = units < 0 ? "-" : "";
  uint64_t magnitude = units < 0 ? 0 - static_cast<uint64_t>(units) : static_cast<uint64_t>(units);
  std::string whole = std::to_string(magnitude / static_cast<uint64_t>(unit_));
  if (decimals_ == 0) return sign + whole;
  std::string fraction = std::to_string(magnitude % static_cast<uint64_t>(unit_));
  fraction.insert(0, static_cast<size_t>(decimals_) - fraction.size(), '0');
  return sign + whole + "." + fraction;
}

}  // namespace kin::govern
