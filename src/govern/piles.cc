#include "govern/piles.h"

#include <cassert>
#include <utility>

namespace kin::govern {

Piles::Piles(const PreparedBallots& ballots, const RankedCountOptions& options, const Scale& scale,
             int candidates)
    : ballots_(ballots),
      options_(options),
      cursor_(ballots.size(), 0),
      weight_(ballots.size()),
      pile_(candidates),
      votes_(candidates) {
  for (size_t g = 0; g < ballots.size(); ++g) {
    cursor_[g] = ballots.rank_start[g];
    weight_[g] = scale.Whole(ballots.weights[g]);
  }
}

void Piles::Place(uint32_t group, const std::vector<char>& continuing) {
  Preference p = NextPreference(ballots_, group, &cursor_[group], continuing, options_);
  if (p.candidate >= 0) {
    pile_[p.candidate].push_back(group);
    votes_[p.candidate] += weight_[group];
  } else {
    AddInactive(p.reason, weight_[group], inactive_);
  }
}

void Piles::Start(const std::vector<char>& continuing) {
  for (size_t g = 0; g < ballots_.size(); ++g) Place(static_cast<uint32_t>(g), continuing);
}

void Piles::TransferAll(int c, const std::vector<char>& continuing) {
  assert(!continuing[c]);
  std::vector<uint32_t> moving = std::move(pile_[c]);
  pile_[c].clear();
  votes_[c] = Votes();
  for (uint32_t g : moving) Place(g, continuing);
}

void Piles::TransferSurplus(int c, Votes surplus, const std::vector<char>& continuing) {
  assert(!continuing[c]);
  const Votes total = votes_[c];
  assert(surplus >= Votes() && surplus <= total);
  std::vector<uint32_t> moving = std::move(pile_[c]);
  pile_[c].clear();
  votes_[c] = total - surplus;
  Votes moved;
  for (uint32_t g : moving) {
    weight_[g] = Scale::MulDivFloor(weight_[g], surplus.units(), total.units());
    moved += weight_[g];
  }
  inactive_.rounding += surplus - moved;
  for (uint32_t g : moving) {
    if (weight_[g] > Votes()) {
      Place(g, continuing);
    }
  }
}

}  // namespace kin::govern
