// Councils of hubs (issue 8 over issue 10): a council is convened by one hub (its host) and joined by other hubs,
// on this server or others, by their actor URL. Its proposals reuse the proposal model (proposal.h) and counting;
// the electorate is the member hubs, each with one ballot cast by one of its active delegates, recorded with the
// delegate's name (never anonymous: delegates answer to the people who chose them). Plain values and the pure
// rules of membership; the app layer carries them between hubs as ActivityPub activities.
#ifndef KIN_CORE_COUNCIL_H_
#define KIN_CORE_COUNCIL_H_

#include <optional>
#include <string>

#include "core/ballot.h"
#include "core/ids.h"
#include "core/proposal.h"
#include "core/status.h"
#include "core/time.h"

namespace kin {

using CouncilId = Id<struct CouncilTag>;

// A local hub's standing in a council. The host's row is kHost; a hub that was invited is kInvited until its
// coordinators answer (kMember or kDeclined). A member hub whose coordinators left is kLeft; one the host's
// coordinators removed is kRemoved. Either keeps its copies of proposals opened while it was a member, whose
// electorate (frozen at opening) still holds it.
enum class CouncilStanding { kHost, kInvited, kMember, kDeclined, kLeft, kRemoved };
const char* CouncilStandingName(CouncilStanding s);
std::optional<CouncilStanding> ParseCouncilStanding(const std::string& name);

// One local hub's view of one council. A council held between two hubs of this server has two rows (the host's
// and the member's), both with the same url.
struct Council {
  CouncilId id;            // local
  HubId hub;               // the local hub this row belongs to
  std::string url;         // the council's id everywhere: "<host actor>/councils/<id>"
  std::string name;        // 1..200
  std::string host_actor;  // the host hub's actor URL
  std::string host_inbox;  // where members send answers and ballots
  CouncilStanding standing = CouncilStanding::kHost;
  std::string joined_by;   // member: the coordinator who accepted (a local member id); else empty
  Timestamp created_at{};
  Timestamp updated_at{};
};

// The host's record of a hub it invited.
enum class CouncilMemberState { kInvited, kMember, kDeclined, kLeft, kRemoved };
const char* CouncilMemberStateName(CouncilMemberState s);
std::optional<CouncilMemberState> ParseCouncilMemberState(const std::string& name);

struct CouncilMember {
  CouncilId council;  // the host's row
  std::string actor;  // the member hub's actor URL
  std::string inbox;
  std::string name;   // the hub's name as its actor gives it
  CouncilMemberState state = CouncilMemberState::kInvited;
  Timestamp invited_at{};
  std::optional<Timestamp> answered_at;
};

// A hub's ballot on a council proposal, with the delegate who cast it.
struct CouncilVote {
  ProposalId proposal;         // local copy of the council proposal
  std::string hub_actor;       // the hub that voted
  std::string hub_name;
  std::string delegate_name;   // as the delegate's hub gives it
  std::string delegate;        // the local DelegateId when the hub is this row's own hub; else empty
  Ballot ballot;
  Timestamp cast_at{};
};

// The name a coordinator gives a council: 1..200 characters after trimming.
Status ValidateCouncilName(const std::string& name);

// Whether an invited hub may answer now: only while invited.
Status CheckCouncilAnswer(const Council& c);

// Whether a member hub's coordinators may leave now: only a member (the host cannot leave its own council).
Status CheckCouncilLeave(const Council& c);

// Whether the host's coordinators may remove this hub: only one that is invited or a member.
Status CheckCouncilRemove(const CouncilMember& m);

// Whether a hub in this standing may be invited (again): never invited, or declined, left or removed.
bool MayInviteAgain(CouncilMemberState s);

// Council proposals are opened by hand and have no review date of their own; the rest is ValidateProposalDetails.
// Elections and recalls belong to a hub's own assembly. The caller sets anonymous to false first.
Status ValidateCouncilProposal(const ProposalDetails& d, Timestamp now);

}  // namespace kin

#endif  // KIN_CORE_COUNCIL_H_
