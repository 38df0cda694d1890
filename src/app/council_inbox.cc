// Councils: what other hubs send (docs/assemblies.md, "Councils"). Runs inside the inbox's write transaction and
// changes nothing unless it accepts; every refusal is logged by the inbox with the activity's id.
#include <cstdio>
#include <set>

#include "app/assembly_notify.h"
#include "app/councils.h"
#include "crypto/tokens.h"
#include "federation/council_codec.h"
#include "govern/proposal_tally.h"

namespace kin {

namespace fed = kin::federation;

namespace {

// Any server can invite a hub: unanswered invitations are capped so that none can fill its store or its list.
constexpr int64_t kPendingInvitationsPerHost = 20;
constexpr int64_t kPendingInvitationsPerHub = 200;

InboxVerdict Refuse(InboxVerdict v, const fed::CouncilMessage& m, const std::string& why) {
  std::fprintf(stderr, "kin: council: refused %s from %s: %s\n", m.id.c_str(), m.actor.c_str(), why.c_str());
  return v;
}

// The council row of the local hub `to` names.
struct Addressed {
  Hub hub;
  std::optional<Council> council;
};

std::optional<Addressed> AddressedHub(ReadTx& tx, Federation& federation, const fed::CouncilMessage& m) {
  std::string slug = federation.SlugOfOurUrl(m.to);
  if (slug.empty() || m.to != federation.HubActorUrl(slug)) return std::nullopt;
  Result<Hub> hub = tx.GetHubBySlug(slug);
  if (!hub.ok()) return std::nullopt;
  return Addressed{*hub, tx.GetCouncilByUrl(hub->id, m.council)};
}

// Stores this hub's copy of a council proposal. Delegates hear that voting is open only while it is: a proposal
// can arrive late (its delivery retried for hours), even after its result.
Result<ProposalId> StoreReceivedProposal(WriteTx& tx, const Council& c, const fed::CouncilMessage& m, Timestamp now) {
  Proposal p;
  p.id = ProposalId{RandomId("prop")};
  p.hub = c.hub;
  // The proposal's author is the host hub (named by the council); the local copy needs a member of this hub, and
  // the coordinator who brought the hub into the council answers for its being here.
  p.author = MemberId{c.joined_by};
  p.details = m.details;
  p.status = ProposalStatus::kOpen;
  p.electorate_size = m.electorate;
  p.opened_at = m.opened_at ? m.opened_at : now;
  p.created_at = p.updated_at = now;
  Status s = tx.InsertProposal(p);
  if (s.ok()) s = tx.LinkCouncilProposal(p.id, c.id, m.proposal);
  if (s.ok() && now < p.details.closes_at) s = QueueCouncilProposalOpened(tx, p, c.name, now);
  if (s.ok()) s = RecordEvent(tx, c.hub, now, c.host_actor, "council_proposal.received", p.id.value, m.details.title);
  if (!s.ok()) return s;
  return p.id;
}

// Whether `m` names a proposal of its council, with details this hub can count.
Status CheckReceivedProposal(const fed::CouncilMessage& m) {
  if (m.proposal.rfind(m.council + "/proposals/", 0) != 0) return Status::Forbidden("the proposal is not the council's");
  // The host validated it when drafting; a proposal this hub could not count is refused whole.
  return ValidateProposalDetails(m.details, m.details.closes_at - Seconds(1));
}

}  // namespace

Result<InboxVerdict> Councils::Receive(WriteTx& tx, const InboxContext& context) {
  Result<fed::CouncilMessage> read = fed::ReadCouncilMessage(context.body);
  if (!read.ok()) {
    std::fprintf(stderr, "kin: council: unreadable %s: %s\n", context.activity.id.c_str(), read.status().ToString().c_str());
    return InboxVerdict::kMalformed;
  }
  const fed::CouncilMessage& m = *read;
  const std::string& sender = context.sender.id;
  if (m.actor != sender) return Refuse(InboxVerdict::kForbidden, m, "the actor is not the signer");
  std::optional<Addressed> to = AddressedHub(tx, federation_, m);
  if (!to) return Refuse(InboxVerdict::kNotFound, m, "addressed to no hub here");
  Timestamp now = context.now;
  std::string sender_name = context.sender.name.empty() ? context.sender.preferred_username : context.sender.name;

  switch (m.kind) {
    case fed::CouncilMessageKind::kInvite: {
      // A server speaks only for its own hubs' councils.
      if (m.council.rfind(sender + "/councils/", 0) != 0) {
        return Refuse(InboxVerdict::kForbidden, m, "the council is not the inviting hub's");
      }
      if (ValidateCouncilName(m.council_name).ok() == false) return Refuse(InboxVerdict::kMalformed, m, "bad name");
      if (to->council) {
        // Invited again after declining: the coordinators may answer anew. Otherwise nothing changes.
        CouncilStanding was = to->council->standing;
        if (was != CouncilStanding::kDeclined && was != CouncilStanding::kLeft && was != CouncilStanding::kRemoved) {
          return Refuse(InboxVerdict::kIgnored, m, "already invited");
        }
        Council c = *to->council;
        c.standing = CouncilStanding::kInvited;
        c.name = m.council_name;
        c.host_inbox = context.sender.inbox;
        c.updated_at = now;
        Status s = tx.UpdateCouncil(c);
        if (!s.ok()) return s;
      } else {
        if (tx.CountPendingCouncilInvitations(to->hub.id, sender) >= kPendingInvitationsPerHost ||
            tx.CountPendingCouncilInvitations(to->hub.id, "") >= kPendingInvitationsPerHub) {
          return Refuse(InboxVerdict::kIgnored, m, "too many invitations wait for an answer");
        }
        Council c;
        c.id = CouncilId{RandomId("cncl")};
        c.hub = to->hub.id;
        c.url = m.council;
        c.name = m.council_name;
        c.host_actor = sender;
        c.host_inbox = context.sender.inbox;
        c.standing = CouncilStanding::kInvited;
        c.created_at = c.updated_at = now;
        Status s = tx.InsertCouncil(c);
        if (!s.ok()) return s;
      }
      Status s = RecordEvent(tx, to->hub.id, now, sender, "council.invitation_received", m.council, m.council_name);
      if (!s.ok()) return s;
      return InboxVerdict::kAccepted;
    }

    case fed::CouncilMessageKind::kAccept:
    case fed::CouncilMessageKind::kReject: {
      if (!to->council || to->council->standing != CouncilStanding::kHost) {
        return Refuse(InboxVerdict::kNotFound, m, "no council hosted here");
      }
      std::optional<CouncilMember> member = tx.GetCouncilMember(to->council->id, sender);
      if (!member) return Refuse(InboxVerdict::kForbidden, m, "the hub was not invited");
      if (member->state != CouncilMemberState::kInvited) return Refuse(InboxVerdict::kIgnored, m, "already answered");
      bool accept = m.kind == fed::CouncilMessageKind::kAccept;
      member->state = accept ? CouncilMemberState::kMember : CouncilMemberState::kDeclined;
      member->answered_at = now;
      if (!sender_name.empty()) member->name = sender_name;
      Status s = tx.PutCouncilMember(*member);
      if (s.ok()) {
        s = RecordEvent(tx, to->hub.id, now, sender, accept ? "council.member_joined" : "council.member_declined",
                        to->council->id.value, sender);
      }
      if (!s.ok()) return s;
      return InboxVerdict::kAccepted;
    }

    case fed::CouncilMessageKind::kProposal: {
      const std::optional<Council>& c = to->council;
      if (!c || c->standing != CouncilStanding::kMember || c->host_actor != sender) {
        return Refuse(InboxVerdict::kForbidden, m, "the hub is not a member of the sender's council");
      }
      Status valid = CheckReceivedProposal(m);
      if (!valid.ok()) {
        return Refuse(valid.kind() == StatusKind::kForbidden ? InboxVerdict::kForbidden : InboxVerdict::kMalformed, m,
                      valid.ToString());
      }
      // Known already: it came with its result, which overtook it.
      if (tx.GetCouncilProposalByUrl(c->id, m.proposal)) return Refuse(InboxVerdict::kIgnored, m, "known already");
      Result<ProposalId> stored = StoreReceivedProposal(tx, *c, m, now);
      if (!stored.ok()) return stored.status();
      return InboxVerdict::kAccepted;
    }

    case fed::CouncilMessageKind::kBallot: {
      const std::optional<Council>& c = to->council;
      if (!c || c->standing != CouncilStanding::kHost) return Refuse(InboxVerdict::kNotFound, m, "no council hosted here");
      // The frozen electorate decides (checked below), not the hub's standing now: a hub that left, was removed or
      // was invited again since the proposal opened keeps its place in it.
      std::optional<CouncilMember> member = tx.GetCouncilMember(c->id, sender);
      if (!member) return Refuse(InboxVerdict::kForbidden, m, "the hub was never invited to the council");
      std::optional<ProposalId> pid = tx.GetCouncilProposalByUrl(c->id, m.proposal);
      if (!pid) return Refuse(InboxVerdict::kNotFound, m, "no such proposal in the council");
      Result<Proposal> p = tx.GetProposal(*pid);
      if (!p.ok()) return p.status();
      if (!tx.InCouncilElectorate(p->id, sender)) {
        return Refuse(InboxVerdict::kForbidden, m, "the hub is not in the proposal's electorate");
      }
      Status open = CheckVotingOpen(*p, now);
      if (!open.ok()) return Refuse(InboxVerdict::kForbidden, m, open.message());
      for (const CouncilVote& v : tx.ListCouncilVotes(p->id)) {
        if (v.hub_actor == sender) return Refuse(InboxVerdict::kForbidden, m, "the hub has already voted");
      }
      Status valid = ValidateBallot(p->details, m.ballot);
      if (!valid.ok()) return Refuse(InboxVerdict::kMalformed, m, valid.ToString());
      if (m.delegate_name.empty() || m.delegate_name.size() > 200) {
        return Refuse(InboxVerdict::kMalformed, m, "the ballot names no delegate");
      }
      CouncilVote v{p->id, sender, member->name, m.delegate_name, "", m.ballot, now};
      Status s = tx.InsertCouncilVote(v);
      if (!s.ok()) return s;
      p->ballots_cast += 1;
      p->updated_at = now;
      s = tx.UpdateProposal(*p);
      if (s.ok()) s = RecordEvent(tx, c->hub, now, sender, "council_proposal.ballot_received", p->id.value, sender);
      if (!s.ok()) return s;
      return InboxVerdict::kAccepted;
    }

    case fed::CouncilMessageKind::kResult: {
      const std::optional<Council>& c = to->council;
      // Whatever the hub's standing now: it holds a copy only of proposals whose electorate holds it.
      if (!c || c->standing == CouncilStanding::kHost || c->host_actor != sender) {
        return Refuse(InboxVerdict::kForbidden, m, "the hub is not a member of the sender's council");
      }
      std::optional<ProposalId> pid = tx.GetCouncilProposalByUrl(c->id, m.proposal);
      if (!pid) {
        // The result overtook its proposal (the host sends results only to hubs of the frozen electorate, and
        // deliveries are retried out of order): the result carries the proposal, so the copy is made from it.
        // Only for a hub that joined the council at some point; the copy then closes below.
        if (c->joined_by.empty()) return Refuse(InboxVerdict::kNotFound, m, "the proposal never reached this hub");
        Status valid = CheckReceivedProposal(m);
        if (!valid.ok()) {
          return Refuse(valid.kind() == StatusKind::kForbidden ? InboxVerdict::kForbidden : InboxVerdict::kMalformed,
                        m, valid.ToString());
        }
        Result<ProposalId> stored = StoreReceivedProposal(tx, *c, m, now);
        if (!stored.ok()) return stored.status();
        pid = *stored;
      }
      Result<Proposal> p = tx.GetProposal(*pid);
      if (!p.ok()) return p.status();
      if (p->status == ProposalStatus::kClosed) return Refuse(InboxVerdict::kIgnored, m, "closed already");
      // The outcome is recounted here from the ballots the host sends: each hub can audit the count.
      std::vector<Ballot> ballots;
      std::vector<CouncilVote> votes;
      std::optional<CouncilVote> ours;  // the ballot this hub's delegate cast, stored when it was sent
      std::string our_actor = federation_.HubActorUrl(to->hub.slug);
      for (CouncilVote& v : tx.ListCouncilVotes(p->id)) {
        if (v.hub_actor == our_actor) ours = std::move(v);
      }
      // The electorate was fixed when the proposal opened: a host that changes it moves the quorum.
      if (m.electorate != p->electorate_size) {
        return Refuse(InboxVerdict::kMalformed, m,
                      "the electorate is " + std::to_string(m.electorate) + " hubs, the proposal opened with " +
                          std::to_string(p->electorate_size));
      }
      // One ballot per hub, no more than the electorate: a result that breaks either is refused whole rather
      // than failing on the ballots' key halfway through (which the sender would retry for ever).
      if (static_cast<int>(m.ballots.size()) > m.electorate) {
        return Refuse(InboxVerdict::kMalformed, m, "more ballots than hubs in the electorate");
      }
      std::set<std::string> hubs;
      for (const fed::CouncilBallotEntry& e : m.ballots) {
        if (!hubs.insert(e.hub).second) return Refuse(InboxVerdict::kMalformed, m, "a hub has two ballots: " + e.hub);
      }
      for (const fed::CouncilBallotEntry& e : m.ballots) {
        Status valid = ValidateBallot(p->details, e.ballot);
        if (!valid.ok()) return Refuse(InboxVerdict::kMalformed, m, "a ballot does not fit: " + valid.ToString());
        // This hub knows its own ballot: the host may leave it out (it never arrived before the close) but not
        // invent or change it, which would show as our delegate's vote.
        if (e.hub == our_actor && (!ours || ours->ballot != e.ballot)) {
          return Refuse(InboxVerdict::kForbidden, m,
                        ours ? "the result changes this hub's ballot" : "the result holds a ballot this hub never cast");
        }
        ballots.push_back(e.ballot);
        votes.push_back({p->id, e.hub, e.hub_name, e.hub == our_actor ? ours->delegate_name : e.delegate_name,
                         e.hub == our_actor ? ours->delegate : "", e.ballot, *m.closed_at});
      }
      Result<Outcome> outcome = govern::TallyProposal(p->details, ballots, p->electorate_size);
      if (!outcome.ok()) return Refuse(InboxVerdict::kMalformed, m, outcome.status().ToString());
      p->status = ProposalStatus::kClosed;
      p->ballots_cast = static_cast<int>(ballots.size());
      p->closed_at = m.closed_at;
      p->updated_at = now;
      p->outcome = std::move(outcome).value();
      Status s = tx.ReplaceCouncilVotes(p->id, votes);
      if (s.ok()) s = tx.UpdateProposal(*p);
      if (s.ok()) s = QueueCouncilProposalClosed(tx, *p, c->name, now);
      const char* detail = !p->outcome->quorum_reached ? "did not reach quorum"
                           : p->outcome->passes        ? "passed"
                                                       : "did not pass";
      if (s.ok()) s = RecordEvent(tx, c->hub, now, sender, "council_proposal.closed", p->id.value, detail);
      if (!s.ok()) return s;
      return InboxVerdict::kAccepted;
    }

    case fed::CouncilMessageKind::kLeave: {
      if (!to->council || to->council->standing != CouncilStanding::kHost) {
        return Refuse(InboxVerdict::kNotFound, m, "no council hosted here");
      }
      std::optional<CouncilMember> member = tx.GetCouncilMember(to->council->id, sender);
      if (!member) return Refuse(InboxVerdict::kForbidden, m, "the hub was not invited");
      if (member->state != CouncilMemberState::kMember) return Refuse(InboxVerdict::kIgnored, m, "not a member");
      member->state = CouncilMemberState::kLeft;
      member->answered_at = now;
      Status s = tx.PutCouncilMember(*member);
      if (s.ok()) s = RecordEvent(tx, to->hub.id, now, sender, "council.member_left", to->council->id.value, sender);
      if (!s.ok()) return s;
      return InboxVerdict::kAccepted;
    }

    case fed::CouncilMessageKind::kRemove: {
      const std::optional<Council>& c = to->council;
      if (!c || c->host_actor != sender) return Refuse(InboxVerdict::kForbidden, m, "not the council's host");
      if (c->standing != CouncilStanding::kMember && c->standing != CouncilStanding::kInvited) {
        return Refuse(InboxVerdict::kIgnored, m, "not in the council");
      }
      Council updated = *c;
      updated.standing = CouncilStanding::kRemoved;
      updated.updated_at = now;
      Status s = tx.UpdateCouncil(updated);
      if (s.ok()) s = RecordEvent(tx, c->hub, now, sender, "council.removed", c->id.value, c->url);
      if (!s.ok()) return s;
      return InboxVerdict::kAccepted;
    }
  }
  return InboxVerdict::kIgnored;
}

}  // namespace kin
