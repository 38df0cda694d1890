// Meek's method of STV (Hill, Wichmann and Woodall 1987, as in the New Zealand rules), in fixed point.
//
// Every candidate has a keep factor: 1 while hopeful, 0 once excluded, and for an elected candidate the share of
// each vote reaching them that they keep. A ballot goes down its preferences; at each hopeful or elected
// candidate, that candidate keeps weight * keep factor (truncated) and the rest goes on; what is left when the
// ballot runs out is inactive. Unlike WIGM, votes are never stuck with an elected candidate: their surplus keeps
// flowing on, also from ballots reaching them later.
//
// Quota = the votes held by candidates / (seats + 1), to be exceeded (droop-fractional); it falls as ballots
// exhaust. Within a round the keep factors of elected candidates are updated to kf * quota / votes, rounded up
// to the count's decimals (so an elected candidate stays at or above the quota), until the total surplus is at
// most 10^-6 votes (one unit if decimals < 6), the factors stop changing, or 1000 iterations.
// Then hopefuls at or above the quota are elected; if none, the lowest hopeful is excluded.
#ifndef KIN_GOVERN_MEEK_H_
#define KIN_GOVERN_MEEK_H_

#include "core/status.h"
#include "govern/ballots.h"
#include "govern/count.h"

namespace kin::govern {

// options.quota is ignored. Requires options.decimals >= 3 (9 is usual). Errors as for CountStv.
Result<CountResult> CountMeek(const BallotSet& set, const RankedCountOptions& options);

}  // namespace kin::govern

#endif  // KIN_GOVERN_MEEK_H_
