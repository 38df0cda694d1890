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

Status StoreReceivedProposal(WriteTx& tx, const Council& c, const fed::CouncilMessage& m, Timestamp now) {
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
  if (s.ok()) s = QueueCouncilProposalOpened(tx, p, c.name, now);
  if (s.ok()) s = RecordEvent(tx, c.hub, now, c.host_actor, "council_proposal.received", p.id.value, m.details.title);
  return s;
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
      if (m.proposal.rfind(m.council + "/proposals/", 0) != 0) {
        return Refuse(InboxVerdict::kForbidden, m, "the proposal is not the council's");
      }
      if (tx.GetCouncilProposalByUrl(c->id, m.proposal)) return Refuse(InboxVerdict::kIgnored, m, "known already");
      ProposalDetails d = m.details;
      // The host validated it when drafting; a proposal this hub could not count is refused whole.
      Status valid = ValidateProposalDetails(d, d.closes_at - Seconds(1));
      if (!valid.ok()) return Refuse(InboxVerdict::kMalformed, m, valid.ToString());
      Status s = StoreReceivedProposal(tx, *c, m, now);
      if (!s.ok()) return s;
      return InboxVerdict::kAccepted;
    }

    case fed::CouncilMessageKind::kBallot: {
      const std::optional<Council>& c = to->council;
      if (!c || c->standing != CouncilStanding::kHost) return Refuse(InboxVerdict::kNotFound, m, "no council hosted here");
      // A hub that left or was removed after a proposal opened stays in its frozen electorate (checked below).
      std::optional<CouncilMember> member = tx.GetCouncilMember(c->id, sender);
      if (!member || member->state == CouncilMemberState::kInvited || member->state == CouncilMemberState::kDeclined) {
        return Refuse(InboxVerdict::kForbidden, m, "the hub is not a member of the council");
      }
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
      if (!c || !KeepsFrozenElectorate(c->standing) || c->host_actor != sender) {
        return Refuse(InboxVerdict::kForbidden, m, "the hub is not a member of the sender's council");
      }
      std::optional<ProposalId> pid = tx.GetCouncilProposalByUrl(c->id, m.proposal);
      if (!pid) return Refuse(InboxVerdict::kNotFound, m, "the proposal never reached this hub");
      Result<Proposal> p = tx.GetProposal(*pid);
      if (!p.ok()) return p.status();
      if (p->status == ProposalStatus::kClosed) return Refuse(InboxVerdict::kIgnored, m, "closed already");
      // The outcome is recounted here from the ballots the host sends: each hub can audit the count.
      std::vector<Ballot> ballots;
      std::vector<CouncilVote> votes;
      std::string our_delegate;
      std::string our_actor = federation_.HubActorUrl(to->hub.slug);
      for (const CouncilVote& mine : tx.ListCouncilVotes(p->id)) {
        if (mine.hub_actor == our_actor) our_delegate = mine.delegate;
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
        ballots.push_back(e.ballot);
        votes.push_back({p->id, e.hub, e.hub_name, e.delegate_name, e.hub == our_actor ? our_delegate : "",
                         e.ballot, *m.closed_at});
      }
      Result<Outcome> outcome = govern::TallyProposal(p->details, ballots, m.electorate);
      if (!outcome.ok()) return Refuse(InboxVerdict::kMalformed, m, outcome.status().ToString());
      p->status = ProposalStatus::kClosed;
      p->electorate_size = m.electorate;
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
