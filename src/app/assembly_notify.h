// Internal to src/app: the assembly's messages to members (issue 8), queued in the transaction that opens or
// closes a proposal, whether the sweeper or a coordinator does it. See docs/assemblies.md "Notifications".
#ifndef KIN_APP_ASSEMBLY_NOTIFY_H_
#define KIN_APP_ASSEMBLY_NOTIFY_H_

#include "core/proposal.h"
#include "store/store.h"

namespace kin {

// "Voting is open" to every member of the frozen electorate; call once the electorate is frozen.
Status QueueProposalOpened(WriteTx& tx, const Proposal& p, Timestamp now);

// "Closes soon" to every member of the electorate who has not voted, once ClosingSoonAt has come and voting is
// still open; nothing before. Adds how many were queued to *queued.
Status QueueProposalClosingSoon(WriteTx& tx, const Proposal& p, Timestamp now, int* queued);

// The outcome to every member of the hub (not only the electorate: the decision binds them all); call once the
// outcome is stored.
Status QueueProposalClosed(WriteTx& tx, const Proposal& p, Timestamp now);

// Councils: "a council vote is open" to the hub's active delegates, and the outcome to every member of the hub,
// when the proposal reaches or closes on this hub (`council` is the council's name). Once each per member.
Status QueueCouncilProposalOpened(WriteTx& tx, const Proposal& p, const std::string& council, Timestamp now);
// "A council vote closes soon" to the hub's active delegates while `hub_has_voted` is false, once ClosingSoonAt
// has come and voting is still open; nothing otherwise. Adds how many were queued to *queued.
Status QueueCouncilProposalClosingSoon(WriteTx& tx, const Proposal& p, const std::string& council, bool hub_has_voted,
                                       Timestamp now, int* queued);
Status QueueCouncilProposalClosed(WriteTx& tx, const Proposal& p, const std::string& council, Timestamp now);

}  // namespace kin

#endif  // KIN_APP_ASSEMBLY_NOTIFY_H_
