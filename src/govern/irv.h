// Instant-runoff voting (single seat), with the defaults of common US ranked-choice practice.
//
// Each round counts every ballot for its highest-ranked continuing candidate. A candidate with more than half of
// the votes for continuing candidates wins (inactive ballots do not count toward the majority). Otherwise the
// candidate with the fewest votes is eliminated (ties: tie_break.h) and those ballots move on. A lone continuing
// candidate wins. Overvotes, skipped ranks and repeated candidates follow RankedCountOptions.
#ifndef KIN_GOVERN_IRV_H_
#define KIN_GOVERN_IRV_H_

#include "core/status.h"
#include "govern/ballots.h"
#include "govern/count.h"

namespace kin::govern {

// Requires options.seats == 1. Errors: malformed ballots, options out of range, total weight too large.
Result<CountResult> CountIrv(const BallotSet& set, const RankedCountOptions& options);

}  // namespace kin::govern

#endif  // KIN_GOVERN_IRV_H_
