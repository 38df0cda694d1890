// BLT: the ballot format of ERS, OpenSTV and most STV software.
//
//   4 2            candidates seats
//   -2             optional: withdrawn candidates, as negative numbers (one line)
//   3 1 2 0        weight, then candidate numbers (1-based) in order of preference, then 0
//   1 2=3 4 0      "=" joins candidates at one rank (an overvote); "-" marks a skipped rank
//   0              end of ballots
//   "Alice"        one quoted name per candidate, in number order
//   ...
//   "Title"        the election's title (optional)
//
// A ballot may start with an id in parentheses, "(17) 1 2 3 0", which is ignored. "#" starts a comment.
#ifndef KIN_GOVERN_BLT_H_
#define KIN_GOVERN_BLT_H_

#include <string_view>

#include "core/status.h"
#include "govern/ballots.h"

namespace kin::govern {

// Parses the whole file. Weights are whole numbers >= 0; a candidate may appear at several ranks.
// Errors: "line N: what was expected".
Result<BallotSet> ParseBlt(std::string_view text);

}  // namespace kin::govern

#endif  // KIN_GOVERN_BLT_H_
