// Ballots flattened for counting, and the one routine that finds a ballot's next preference.
//
// IRV, STV and Meek share NextPreference so that overvotes, skipped ranks and repeated candidates mean the same
// thing in every ranked count. Identical ballots are merged into one group carrying their summed weight, which
// makes large elections cheap: real ballot sets repeat a lot.
#ifndef KIN_GOVERN_BALLOT_WALK_H_
#define KIN_GOVERN_BALLOT_WALK_H_

#include <cstdint>
#include <vector>

#include "govern/ballots.h"
#include "govern/count.h"

namespace kin::govern {

struct PreparedBallots {
  std::vector<int64_t> weights;      // per group: whole votes, > 0
  std::vector<uint32_t> rank_start;  // per group, plus one past the end: index of the group's first rank
  std::vector<uint32_t> mark_start;  // per rank, plus one past the end: index of the rank's first mark
  std::vector<int32_t> marks;        // candidate indices
  std::vector<uint8_t> repeated;     // per mark: 1 when the candidate appears at an earlier rank of the ballot
  int64_t total_weight = 0;

  size_t size() const { return weights.size(); }
};

// Drops ballots of weight 0 and merges identical ballots (same marks at the same ranks); keeps first-seen order.
PreparedBallots PrepareBallots(const BallotSet& set);

enum class StopReason : uint8_t { kExhausted, kOvervote, kSkipped, kRepeated };

struct Preference {
  int candidate = -1;  // >= 0: the ballot counts for this candidate
  StopReason reason = StopReason::kExhausted;  // when candidate < 0: why the ballot is inactive
};

// Walks group `ballot` from rank *rank onwards (an index into mark_start, starting at rank_start[ballot]) and returns its next preference among the candidates with
// continuing[c] != 0, applying the overvote, skipped-rank and duplicate rules of `options`. On return *rank is
// one past the rank used (or the end). A rank whose candidates were all passed over does not count as blank.
Preference NextPreference(const PreparedBallots& ballots, size_t ballot, uint32_t* rank,
                          const std::vector<char>& continuing, const RankedCountOptions& options);

// Adds `amount` to the field of `inactive` that `reason` names.
void AddInactive(StopReason reason, Votes amount, InactiveVotes& inactive);

}  // namespace kin::govern

#endif  // KIN_GOVERN_BALLOT_WALK_H_
