// Approval voting: each ballot approves any number of options; most approvals wins.
#ifndef KIN_GOVERN_APPROVAL_H_
#define KIN_GOVERN_APPROVAL_H_

#include <vector>

#include "core/status.h"
#include "govern/option_ranking.h"

namespace kin::govern {

// `ballots[i]`: the option indices (0 .. options-1) ballot i approves, each at most once; an empty ballot
// approves nothing. The `seats` options with most approvals win (ties: option_ranking.h). Errors name the ballot
// ("ballots[3]").
Result<OptionResult> CountApproval(int options, const std::vector<std::vector<int>>& ballots, int seats = 1);

}  // namespace kin::govern

#endif  // KIN_GOVERN_APPROVAL_H_
