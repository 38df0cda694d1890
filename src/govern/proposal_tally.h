// Counting a proposal's ballots with its method: the bridge between kin's proposals (core/proposal.h) and the
// counting methods of this folder. Pure: the same ballots always give the same outcome, in any order.
#ifndef KIN_GOVERN_PROPOSAL_TALLY_H_
#define KIN_GOVERN_PROPOSAL_TALLY_H_

#include <vector>

#include "core/ballot.h"
#include "core/outcome.h"
#include "core/proposal.h"
#include "core/status.h"

namespace kin::govern {

// Counts `ballots` (each already checked with ValidateBallot) for `d` out of an electorate of `electorate`
// members. Below quorum the totals are still reported, but quorum_reached is false, nothing passes and no option
// wins. Ranked counts use the defaults of docs/voting.md (IRV 0 decimals, STV 5, Droop quota).
Result<Outcome> TallyProposal(const ProposalDetails& d, const std::vector<Ballot>& ballots, int electorate);

}  // namespace kin::govern

#endif  // KIN_GOVERN_PROPOSAL_TALLY_H_
