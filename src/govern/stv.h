// Single transferable vote (multi-seat) with weighted inclusive Gregory (WIGM) surplus transfers.
//
// The quota comes from the valid votes of round 1 (QuotaRule). Each round:
//   1. candidates at or above the quota are elected, most votes first;
//   2. if every seat is filled, the count ends; if no more hopeful candidates remain than open seats, they are
//      all elected and the count ends;
//   3. otherwise the largest untransferred surplus is transferred: every ballot group counting for that
//      candidate moves on at weight * surplus / votes, truncated, and the candidate keeps exactly the quota;
//   4. if there is no surplus to transfer, the lowest hopeful candidate is eliminated (or a batch, if asked) and
//      their ballots move on at their current weight.
// Ballots skip elected and eliminated candidates. Ties follow tie_break.h.
#ifndef KIN_GOVERN_STV_H_
#define KIN_GOVERN_STV_H_

#include "core/status.h"
#include "govern/ballots.h"
#include "govern/count.h"

namespace kin::govern {

// Errors: malformed ballots, options out of range (seats > candidates), total weight too large.
Result<CountResult> CountStv(const BallotSet& set, const RankedCountOptions& options);

// The quota for `valid` votes (in units of the scale) and `seats`: the least amount that elects.
Votes StvQuota(QuotaRule rule, Votes valid, int seats, const Scale& scale);

}  // namespace kin::govern

#endif  // KIN_GOVERN_STV_H_
