// Councils of hubs (issue 8 over issue 10; docs/assemblies.md, "Councils"). A hub's coordinators convene a
// council and invite hubs, here or on other servers, by handle or actor URL; the invited hub's coordinators
// accept or decline. The host's coordinators put proposals to it (the proposal model and counting of the hub
// assemblies); the electorate, frozen at opening, is the host and its member hubs, each with one ballot cast by
// one of its active delegates and recorded with the delegate's name. Every exchange between hubs is a signed
// activity queued with Federation::Enqueue and received by the "council" extension handler, even between two
// hubs of this server. Members of a hub see the council's proposals, their own delegates' ballots and the
// outcome the host counted (recounted on arrival from the ballots it sends).
//
// Thread-safety: as Federation; construct before serving (the constructor registers the inbox handler).
#ifndef KIN_APP_COUNCILS_H_
#define KIN_APP_COUNCILS_H_

#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/context.h"
#include "app/federation.h"
#include "core/council.h"
#include "core/proposal.h"
#include "federation/council_codec.h"

namespace kin {

// A council as a member of one of its hubs sees it.
struct CouncilView {
  Council council;
  std::vector<CouncilMember> members;  // the host's record of invited hubs; empty on a member hub's row
  bool may_manage = false;             // a coordinator of the local hub
};

// A council proposal as a member of a local hub sees it.
struct CouncilProposalView {
  Proposal proposal;   // the local copy
  std::string url;     // the same everywhere
  Council council;
  std::vector<CouncilVote> votes;  // every hub's ballot once results are visible, else only this hub's own
  bool hub_has_voted = false;      // this hub's ballot is cast
  bool may_vote = false;           // the caller is an active delegate of the hub, voting is open, no ballot yet
  bool may_manage = false;         // a coordinator of the host hub (open, close)
  bool results_visible = false;
};

class Councils {
 public:
  Councils(AppContext& ctx, Federation& federation);

  // Coordinators of the hub convene a council hosted by it.
  Result<CouncilView> Convene(const Caller& caller, const std::string& hub_slug, const std::string& name);
  // The councils the hub hosts, belongs to or was invited to (members of the hub).
  Result<std::vector<Council>> List(const Caller& caller, const std::string& hub_slug);
  Result<CouncilView> Get(const Caller& caller, const CouncilId& id);
  // Host coordinators invite a hub: `target` is "@slug@host" or an actor URL. A hub that declined may be invited
  // again; one invited or a member already is kConflict.
  Result<CouncilMember> Invite(const Caller& caller, const CouncilId& id, const std::string& target);
  // The invited hub's coordinators accept or decline.
  Result<CouncilView> Answer(const Caller& caller, const CouncilId& id, bool accept);

  // A member hub's coordinators leave the council (a Leave activity to the host). Proposals the host opens
  // afterwards leave the hub out; proposals already open keep it in their frozen electorate, so it may still cast
  // its ballot and hears their outcome. kConflict unless the hub is a member.
  Result<CouncilView> Leave(const Caller& caller, const CouncilId& id);
  // Host coordinators remove an invited or member hub, named by its actor URL, and tell it (a Remove activity);
  // as with leaving, open proposals keep it in their electorate. kInvalid (field "hub") for a hub never invited.
  Result<CouncilMember> Remove(const Caller& caller, const CouncilId& id, const std::string& actor);

  // Host coordinators draft a proposal (decisions only; ballots are never anonymous), open it (freezing the
  // electorate and sending it to every member hub) and close it (counting and sending the outcome).
  Result<CouncilProposalView> CreateProposal(const Caller& caller, const CouncilId& id, ProposalDetails details);
  Result<std::vector<CouncilProposalView>> ListProposals(const Caller& caller, const CouncilId& id);
  Result<CouncilProposalView> GetProposal(const Caller& caller, const CouncilId& id, const ProposalId& proposal);
  Result<CouncilProposalView> Open(const Caller& caller, const CouncilId& id, const ProposalId& proposal);
  Result<CouncilProposalView> Close(const Caller& caller, const CouncilId& id, const ProposalId& proposal);
  // An active delegate of the hub casts the hub's one ballot; on a member hub it is sent to the host.
  Result<CouncilProposalView> Vote(const Caller& caller, const CouncilId& id, const ProposalId& proposal,
                                   const Ballot& ballot);

  // For the minute sweeper: closes hosted proposals whose closes_at has come. Returns how many.
  Result<int> CloseDue();
  // For the minute sweeper (and `kin notify sweep`): tells the active delegates of every local hub in a council
  // whose hub has not voted that a proposal closes soon (proposal_notice.h's ClosingSoonAt), once each per
  // proposal and delegate. Returns how many messages were queued.
  Result<int> RemindClosing(int batch = 50);

 private:
  Result<InboxVerdict> Receive(WriteTx& tx, const InboxContext& context);
  // Makes the local hub's signing key, if it has none yet, before a write that queues a message: the key is made
  // in a transaction of its own, never inside another.
  Status PrepareToSend(const Caller& caller, const CouncilId& id);
  // A member hub's coordinators move it to `standing` and tell the host with a `kind` message (answering an
  // invitation, leaving); `check` says whether the council's standing now allows it.
  Result<CouncilView> TellHost(const Caller& caller, const CouncilId& id, Status (*check)(const Council&),
                               CouncilStanding standing, federation::CouncilMessageKind kind, const char* event);

  AppContext& ctx_;
  Federation& federation_;
};

}  // namespace kin

#endif  // KIN_APP_COUNCILS_H_
