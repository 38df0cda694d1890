// Dot voting: each voter spreads a fixed number of dots over the options, possibly several on one.
#ifndef KIN_GOVERN_DOT_VOTING_H_
#define KIN_GOVERN_DOT_VOTING_H_

#include <vector>

#include "core/status.h"
#include "govern/option_ranking.h"

namespace kin::govern {

struct DotOptions {
  int dots_per_voter = 5;  // the most dots one ballot may place in all (fewer is fine)
  int max_per_option = 0;  // the most dots one ballot may put on one option; 0: no limit beyond dots_per_voter
  int seats = 1;           // how many options win
};

// `ballots[i][o]`: dots ballot i puts on option o (>= 0); a ballot may be shorter than the options. The options
// with most dots win (ties: option_ranking.h). Errors name the ballot ("ballots[4]") or cell ("ballots[4][2]").
Result<OptionResult> CountDots(int options, const std::vector<std::vector<int>>& ballots, const DotOptions& dots = {});

}  // namespace kin::govern

#endif  // KIN_GOVERN_DOT_VOTING_H_
