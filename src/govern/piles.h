// The piles of a transfer count (IRV and STV): which candidate each group of identical ballots counts for now,
// and at what weight.
//
// Each group keeps a cursor at the rank it counts for, so moving a pile on touches only that pile's ballots and
// only the ranks after the cursor: an elimination costs what it moves, not a rescan of every ballot.
#ifndef KIN_GOVERN_PILES_H_
#define KIN_GOVERN_PILES_H_

#include <cstdint>
#include <vector>

#include "govern/ballot_walk.h"
#include "govern/count.h"
#include "govern/votes.h"

namespace kin::govern {

class Piles {
 public:
  // `ballots` and `options` must outlive the Piles.
  Piles(const PreparedBallots& ballots, const RankedCountOptions& options, const Scale& scale, int candidates);

  // Places every group at its first preference among `continuing`; the rest become inactive.
  void Start(const std::vector<char>& continuing);

  // Moves candidate c's whole pile on, at its current weight (an elimination). Requires !continuing[c].
  // Afterwards c holds no votes.
  void TransferAll(int c, const std::vector<char>& continuing);

  // Moves c's pile on with each group's weight multiplied by surplus / votes(c), truncated; c keeps
  // votes(c) - surplus and the truncation loss goes to inactive().rounding (weighted inclusive Gregory).
  // Requires !continuing[c] and 0 <= surplus <= votes(c).
  void TransferSurplus(int c, Votes surplus, const std::vector<char>& continuing);

  Votes votes(int c) const { return votes_[c]; }
  const std::vector<Votes>& all_votes() const { return votes_; }
  const InactiveVotes& inactive() const { return inactive_; }

 private:
  void Place(uint32_t group, const std::vector<char>& continuing);

  const PreparedBallots& ballots_;
  const RankedCountOptions& options_;
  std::vector<uint32_t> cursor_;  // per group: the next rank to look at
  std::vector<Votes> weight_;     // per group: current weight of the whole group
  std::vector<std::vector<uint32_t>> pile_;  // per candidate: the groups counting for it
  std::vector<Votes> votes_;                 // per candidate
  InactiveVotes inactive_;
};

}  // namespace kin::govern

#endif  // KIN_GOVERN_PILES_H_
