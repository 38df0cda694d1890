// Councils: coordinators' operations and delegates' ballots. What other hubs send is in council_inbox.cc.
#include "app/councils.h"

#include <algorithm>

#include "app/access.h"
#include "app/assembly_notify.h"
#include "crypto/tokens.h"
#include "federation/council_codec.h"
#include "govern/proposal_tally.h"

namespace kin {

namespace fed = kin::federation;

namespace {

constexpr int kSweepBatch = 50;

struct Local {
  Council council;
  Hub hub;
  Membership membership;
};

// The council row and the caller's membership of its hub; a stranger cannot tell it from none.
Result<Local> LoadCouncil(ReadTx& tx, const Caller& caller, const CouncilId& id) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to see councils");
  Result<Council> c = tx.GetCouncil(id);
  if (!c.ok()) return Status::NotFound("council not found");
  std::optional<Membership> m = tx.GetMembership(c->hub, *caller.member);
  if (!m) return Status::NotFound("council not found");
  Result<Hub> hub = tx.GetHub(c->hub);
  if (!hub.ok()) return hub.status();
  return Local{std::move(c).value(), std::move(hub).value(), *m};
}

bool IsCoordinator(const Membership& m) { return m.roles.Has(Role::kCoordinator); }

Status RequireHostCoordinator(const Local& l) {
  if (l.council.standing != CouncilStanding::kHost) {
    return Status::Forbidden("only the host hub's coordinators manage the council's proposals");
  }
  if (!IsCoordinator(l.membership)) return Status::Forbidden("this needs the coordinator role in this hub");
  return Status::Ok();
}

Result<Proposal> LoadProposal(ReadTx& tx, const Council& c, const ProposalId& id) {
  std::optional<std::pair<CouncilId, std::string>> link = tx.GetCouncilOfProposal(id);
  if (!link || link->first != c.id) return Status::NotFound("proposal not found in this council");
  return tx.GetProposal(id);
}

// The caller's active delegacy for the hub, if any.
std::optional<Delegate> ActiveDelegate(ReadTx& tx, const HubId& hub, const MemberId& member) {
  for (Delegate& d : tx.ListDelegates(hub)) {
    if (d.member == member && d.status == DelegateStatus::kActive) return d;
  }
  return std::nullopt;
}

CouncilProposalView MakeProposalView(ReadTx& tx, const Caller& caller, const Local& l, const Proposal& p,
                                     const std::string& our_actor, Timestamp now) {
  CouncilProposalView v;
  v.proposal = p;
  std::optional<std::pair<CouncilId, std::string>> link = tx.GetCouncilOfProposal(p.id);
  if (link) v.url = link->second;
  v.council = l.council;
  std::vector<CouncilVote> votes = tx.ListCouncilVotes(p.id);
  v.hub_has_voted = std::any_of(votes.begin(), votes.end(), [&](const CouncilVote& x) { return x.hub_actor == our_actor; });
  v.results_visible = p.status == ProposalStatus::kClosed || p.details.visibility == ResultsVisibility::kAlways ||
                      (p.details.visibility == ResultsVisibility::kAfterVoting && v.hub_has_voted);
  for (CouncilVote& x : votes) {
    if (v.results_visible || x.hub_actor == our_actor) v.votes.push_back(std::move(x));
  }
  // A member hub holds a copy only of proposals opened while it was a member, whose electorate holds it, whatever
  // its standing now (left, removed, invited again).
  bool in_electorate =
      l.council.standing == CouncilStanding::kHost ? tx.InCouncilElectorate(p.id, our_actor) : true;
  v.may_vote = !v.hub_has_voted && in_electorate && CheckVotingOpen(p, now).ok() &&
               ActiveDelegate(tx, l.hub.id, *caller.member).has_value();
  v.may_manage = l.council.standing == CouncilStanding::kHost && IsCoordinator(l.membership);
  return v;
}

// A message about the council of `l` from `from` to `to`, with a fresh activity id of the local hub.
fed::CouncilMessage NewMessage(const Federation& federation, const Local& l, fed::CouncilMessageKind kind,
                               const std::string& from, const std::string& to) {
  fed::CouncilMessage m;
  m.kind = kind;
  m.id = federation.NewHubActivityId(l.hub.slug);
  m.actor = from;
  m.to = to;
  m.council = l.council.url;
  return m;
}

// Queues `m` to `inbox`, signed by the local hub, in the transaction of the change it reports.
Status Send(WriteTx& tx, const Local& l, const fed::CouncilMessage& m, const std::string& inbox, Timestamp now) {
  return Federation::Enqueue(tx, l.hub.id.value, m.id, fed::CouncilMessageJson(m), inbox, now);
}

fed::CouncilMessage ProposalMessage(const Council& c, const Proposal& p, const std::string& url) {
  fed::CouncilMessage m;
  m.actor = c.host_actor;
  m.council = c.url;
  m.proposal = url;
  m.details = p.details;
  m.electorate = p.electorate_size;
  m.opened_at = p.opened_at;
  return m;
}

}  // namespace

Councils::Councils(AppContext& ctx, Federation& federation) : ctx_(ctx), federation_(federation) {
  federation_.RegisterExtensionHandler(
      "council", [this](WriteTx& tx, const InboxContext& context) { return Receive(tx, context); });
}

Result<CouncilView> Councils::Convene(const Caller& caller, const std::string& hub_slug, const std::string& name) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<CouncilView>(ctx_.store, [&](WriteTx& tx) -> Result<CouncilView> {
    Result<HubAccess> access = RequireRoleIn(tx, caller, hub_slug, Role::kCoordinator);
    if (!access.ok()) return access.status();
    Status valid = ValidateCouncilName(name);
    if (!valid.ok()) return valid;
    Council c;
    c.id = CouncilId{RandomId("cncl")};
    c.hub = access->hub.id;
    c.host_actor = federation_.HubActorUrl(access->hub.slug);
    c.host_inbox = c.host_actor + "/inbox";
    c.url = c.host_actor + "/councils/" + c.id.value;
    c.name = name;
    c.standing = CouncilStanding::kHost;
    c.created_at = c.updated_at = now;
    Status s = tx.InsertCouncil(c);
    if (s.ok()) s = RecordEvent(tx, access->hub.id, now, caller.actor(), "council.convened", c.id.value, name);
    if (!s.ok()) return s;
    return CouncilView{c, {}, true};
  });
}

Result<std::vector<Council>> Councils::List(const Caller& caller, const std::string& hub_slug) {
  return ReadValue<std::vector<Council>>(ctx_.store, [&](ReadTx& tx) -> Result<std::vector<Council>> {
    Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
    if (!access.ok()) return access.status();
    return tx.ListCouncils(access->hub.id);
  });
}

Result<CouncilView> Councils::Get(const Caller& caller, const CouncilId& id) {
  return ReadValue<CouncilView>(ctx_.store, [&](ReadTx& tx) -> Result<CouncilView> {
    Result<Local> l = LoadCouncil(tx, caller, id);
    if (!l.ok()) return l.status();
    CouncilView v{l->council, {}, IsCoordinator(l->membership)};
    if (l->council.standing == CouncilStanding::kHost) v.members = tx.ListCouncilMembers(id);
    return v;
  });
}

Status Councils::PrepareToSend(const Caller& caller, const CouncilId& id) {
  Result<Local> l = ReadValue<Local>(ctx_.store, [&](ReadTx& tx) { return LoadCouncil(tx, caller, id); });
  if (!l.ok()) return l.status();
  return federation_.KeyOf(l->hub.id.value).status();
}

Result<CouncilMember> Councils::Invite(const Caller& caller, const CouncilId& id, const std::string& target) {
  // Checked before reaching out to another server: only host coordinators make this server fetch anything.
  Result<Local> before = ReadValue<Local>(ctx_.store, [&](ReadTx& tx) { return LoadCouncil(tx, caller, id); });
  if (!before.ok()) return before.status();
  if (before->council.standing != CouncilStanding::kHost) {
    return Status::Forbidden("only the host hub's coordinators invite hubs to the council");
  }
  if (!IsCoordinator(before->membership)) return Status::Forbidden("this needs the coordinator role in this hub");
  Result<RemoteActor> actor = federation_.LookUpActor(target);
  if (!actor.ok()) return actor.status();
  if (actor->id == before->council.host_actor) return Status::InvalidField("target", "is the host hub itself");
  if (actor->type != "Group") return Status::InvalidField("target", "is not a hub (its actor is a " + actor->type + ")");
  Result<FederationKey> key = federation_.KeyOf(before->hub.id.value);  // made before the write, not inside it
  if (!key.ok()) return key.status();
  Timestamp now = ctx_.clock.Now();
  return WriteValue<CouncilMember>(ctx_.store, [&](WriteTx& tx) -> Result<CouncilMember> {
    Result<Local> l = LoadCouncil(tx, caller, id);
    if (!l.ok()) return l.status();
    Status s = RequireHostCoordinator(*l);
    if (!s.ok()) return s;
    std::optional<CouncilMember> existing = tx.GetCouncilMember(id, actor->id);
    if (existing && !MayInviteAgain(existing->state)) {
      return Status::Conflict(existing->state == CouncilMemberState::kMember ? "the hub is already a member"
                                                                             : "the hub is already invited");
    }
    CouncilMember member{id, actor->id, actor->inbox, actor->name.empty() ? actor->preferred_username : actor->name,
                         CouncilMemberState::kInvited, now, std::nullopt};
    fed::CouncilMessage m =
        NewMessage(federation_, *l, fed::CouncilMessageKind::kInvite, l->council.host_actor, actor->id);
    m.council_name = l->council.name;
    s = tx.PutCouncilMember(member);
    if (s.ok()) s = Send(tx, *l, m, actor->inbox, now);
    if (s.ok()) s = RecordEvent(tx, l->hub.id, now, caller.actor(), "council.invited", id.value, actor->id);
    if (!s.ok()) return s;
    return member;
  });
}

Result<CouncilView> Councils::Answer(const Caller& caller, const CouncilId& id, bool accept) {
  return TellHost(caller, id, CheckCouncilAnswer, accept ? CouncilStanding::kMember : CouncilStanding::kDeclined,
                  accept ? fed::CouncilMessageKind::kAccept : fed::CouncilMessageKind::kReject,
                  accept ? "council.joined" : "council.declined");
}

Result<CouncilView> Councils::Leave(const Caller& caller, const CouncilId& id) {
  return TellHost(caller, id, CheckCouncilLeave, CouncilStanding::kLeft, fed::CouncilMessageKind::kLeave,
                  "council.left");
}

Result<CouncilView> Councils::TellHost(const Caller& caller, const CouncilId& id, Status (*check)(const Council&),
                                       CouncilStanding standing, fed::CouncilMessageKind kind, const char* event) {
  Status prepared = PrepareToSend(caller, id);
  if (!prepared.ok()) return prepared;
  Timestamp now = ctx_.clock.Now();
  return WriteValue<CouncilView>(ctx_.store, [&](WriteTx& tx) -> Result<CouncilView> {
    Result<Local> l = LoadCouncil(tx, caller, id);
    if (!l.ok()) return l.status();
    if (!IsCoordinator(l->membership)) return Status::Forbidden("this needs the coordinator role in this hub");
    Status s = check(l->council);
    if (!s.ok()) return s;
    Council& c = l->council;
    c.standing = standing;
    if (standing == CouncilStanding::kMember) c.joined_by = caller.member->value;
    c.updated_at = now;
    fed::CouncilMessage m = NewMessage(federation_, *l, kind, federation_.HubActorUrl(l->hub.slug), c.host_actor);
    s = tx.UpdateCouncil(c);
    if (s.ok()) s = Send(tx, *l, m, c.host_inbox, now);
    if (s.ok()) s = RecordEvent(tx, l->hub.id, now, caller.actor(), event, id.value, c.url);
    if (!s.ok()) return s;
    return CouncilView{c, {}, true};
  });
}

Result<CouncilMember> Councils::Remove(const Caller& caller, const CouncilId& id, const std::string& actor) {
  Status prepared = PrepareToSend(caller, id);
  if (!prepared.ok()) return prepared;
  Timestamp now = ctx_.clock.Now();
  return WriteValue<CouncilMember>(ctx_.store, [&](WriteTx& tx) -> Result<CouncilMember> {
    Result<Local> l = LoadCouncil(tx, caller, id);
    if (!l.ok()) return l.status();
    if (l->council.standing != CouncilStanding::kHost) {
      return Status::Forbidden("only the host hub's coordinators remove hubs from the council");
    }
    Status s = RequireHostCoordinator(*l);
    if (!s.ok()) return s;
    std::optional<CouncilMember> member = tx.GetCouncilMember(id, actor);
    if (!member) return Status::InvalidField("hub", "is not a hub invited to the council (give its actor URL)");
    s = CheckCouncilRemove(*member);
    if (!s.ok()) return s;
    member->state = CouncilMemberState::kRemoved;
    member->answered_at = now;
    fed::CouncilMessage m =
        NewMessage(federation_, *l, fed::CouncilMessageKind::kRemove, l->council.host_actor, member->actor);
    s = tx.PutCouncilMember(*member);
    if (s.ok()) s = Send(tx, *l, m, member->inbox, now);
    if (s.ok()) s = RecordEvent(tx, l->hub.id, now, caller.actor(), "council.member_removed", id.value, member->actor);
    if (!s.ok()) return s;
    return *member;
  });
}

Result<CouncilProposalView> Councils::CreateProposal(const Caller& caller, const CouncilId& id,
                                                     ProposalDetails details) {
  Timestamp now = ctx_.clock.Now();
  details.anonymous = false;  // delegates answer to the hubs that chose them
  return WriteValue<CouncilProposalView>(ctx_.store, [&](WriteTx& tx) -> Result<CouncilProposalView> {
    Result<Local> l = LoadCouncil(tx, caller, id);
    if (!l.ok()) return l.status();
    Status s = RequireHostCoordinator(*l);
    if (s.ok()) s = ValidateCouncilProposal(details, now);
    if (!s.ok()) return s;
    Proposal p;
    p.id = ProposalId{RandomId("prop")};
    p.hub = l->hub.id;
    p.author = *caller.member;
    p.details = details;
    p.created_at = p.updated_at = now;
    std::string url = l->council.url + "/proposals/" + p.id.value;
    s = tx.InsertProposal(p);
    if (s.ok()) s = tx.LinkCouncilProposal(p.id, id, url);
    if (s.ok()) s = RecordEvent(tx, l->hub.id, now, caller.actor(), "council_proposal.created", p.id.value, details.title);
    if (!s.ok()) return s;
    return MakeProposalView(tx, caller, *l, p, federation_.HubActorUrl(l->hub.slug), now);
  });
}

Result<std::vector<CouncilProposalView>> Councils::ListProposals(const Caller& caller, const CouncilId& id) {
  Timestamp now = ctx_.clock.Now();
  using Views = std::vector<CouncilProposalView>;
  return ReadValue<Views>(ctx_.store, [&](ReadTx& tx) -> Result<Views> {
    Result<Local> l = LoadCouncil(tx, caller, id);
    if (!l.ok()) return l.status();
    Views out;
    for (const ProposalId& pid : tx.ListCouncilProposals(id)) {
      Result<Proposal> p = tx.GetProposal(pid);
      if (!p.ok()) return p.status();
      // Drafts are the host coordinators' working copies.
      if (p->status == ProposalStatus::kDraft && !IsCoordinator(l->membership)) continue;
      out.push_back(MakeProposalView(tx, caller, *l, *p, federation_.HubActorUrl(l->hub.slug), now));
    }
    return out;
  });
}

Result<CouncilProposalView> Councils::GetProposal(const Caller& caller, const CouncilId& id,
                                                  const ProposalId& proposal) {
  Timestamp now = ctx_.clock.Now();
  return ReadValue<CouncilProposalView>(ctx_.store, [&](ReadTx& tx) -> Result<CouncilProposalView> {
    Result<Local> l = LoadCouncil(tx, caller, id);
    if (!l.ok()) return l.status();
    Result<Proposal> p = LoadProposal(tx, l->council, proposal);
    if (!p.ok()) return p.status();
    if (p->status == ProposalStatus::kDraft && !IsCoordinator(l->membership)) {
      return Status::NotFound("proposal not found in this council");
    }
    return MakeProposalView(tx, caller, *l, *p, federation_.HubActorUrl(l->hub.slug), now);
  });
}

Result<CouncilProposalView> Councils::Open(const Caller& caller, const CouncilId& id, const ProposalId& proposal) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<CouncilProposalView>(ctx_.store, [&](WriteTx& tx) -> Result<CouncilProposalView> {
    Result<Local> l = LoadCouncil(tx, caller, id);
    if (!l.ok()) return l.status();
    Status s = RequireHostCoordinator(*l);
    if (!s.ok()) return s;
    Result<Proposal> p = LoadProposal(tx, l->council, proposal);
    if (!p.ok()) return p.status();
    s = CheckProposalTransition(*p, ProposalStatus::kOpen, now);
    if (!s.ok()) return s;
    std::vector<CouncilMember> members;
    for (CouncilMember& m : tx.ListCouncilMembers(id)) {
      if (m.state == CouncilMemberState::kMember) members.push_back(std::move(m));
    }
    if (members.empty()) return Status::Conflict("no invited hub has joined the council yet");
    // The electorate: the host and every member hub, as they stand now.
    std::string host = l->council.host_actor;
    s = tx.AddToCouncilElectorate(p->id, host);
    for (size_t i = 0; s.ok() && i < members.size(); ++i) s = tx.AddToCouncilElectorate(p->id, members[i].actor);
    if (!s.ok()) return s;
    p->status = ProposalStatus::kOpen;
    p->electorate_size = static_cast<int>(members.size()) + 1;
    p->opened_at = now;
    p->updated_at = now;
    s = tx.UpdateProposal(*p);
    if (!s.ok()) return s;
    std::optional<std::pair<CouncilId, std::string>> link = tx.GetCouncilOfProposal(p->id);
    fed::CouncilMessage m = ProposalMessage(l->council, *p, link->second);
    m.kind = fed::CouncilMessageKind::kProposal;
    for (const CouncilMember& member : members) {
      m.id = federation_.NewHubActivityId(l->hub.slug);  // one id per hub: two hubs may share a server's inbox log
      m.to = member.actor;
      s = Federation::Enqueue(tx, l->hub.id.value, m.id, fed::CouncilMessageJson(m), member.inbox, now);
      if (!s.ok()) return s;
    }
    s = QueueCouncilProposalOpened(tx, *p, l->council.name, now);
    if (!s.ok()) return s;
    s = RecordEvent(tx, l->hub.id, now, caller.actor(), "council_proposal.opened", p->id.value,
                    std::to_string(p->electorate_size) + " hubs may vote");
    if (!s.ok()) return s;
    return MakeProposalView(tx, caller, *l, *p, host, now);
  });
}

namespace {

// Counts a hosted proposal and queues its outcome, with every hub's ballot, to each member hub.
Status CloseHosted(WriteTx& tx, Federation& federation, const Council& council, const Hub& hub, Proposal& p,
                   Timestamp now, const std::string& actor) {
  Status s = CheckProposalTransition(p, ProposalStatus::kClosed, now);
  if (!s.ok()) return s;
  std::vector<CouncilVote> votes = tx.ListCouncilVotes(p.id);
  std::vector<Ballot> ballots;
  for (const CouncilVote& v : votes) ballots.push_back(v.ballot);
  Result<Outcome> outcome = govern::TallyProposal(p.details, ballots, p.electorate_size);
  if (!outcome.ok()) return outcome.status();
  p.status = ProposalStatus::kClosed;
  p.closed_at = now;
  p.updated_at = now;
  p.outcome = std::move(outcome).value();
  s = tx.UpdateProposal(p);
  if (!s.ok()) return s;
  std::optional<std::pair<CouncilId, std::string>> link = tx.GetCouncilOfProposal(p.id);
  fed::CouncilMessage m = ProposalMessage(council, p, link ? link->second : "");
  m.kind = fed::CouncilMessageKind::kResult;
  m.closed_at = now;
  for (const CouncilVote& v : votes) m.ballots.push_back({v.hub_actor, v.hub_name, v.delegate_name, v.ballot});
  // To every hub of the electorate frozen at opening, including one that has left or was removed since: it
  // holds a copy and may have voted. A hub that joined later never received the proposal.
  for (const CouncilMember& member : tx.ListCouncilMembers(council.id)) {
    if (!tx.InCouncilElectorate(p.id, member.actor)) continue;
    m.id = federation.NewHubActivityId(hub.slug);
    m.to = member.actor;
    s = Federation::Enqueue(tx, hub.id.value, m.id, fed::CouncilMessageJson(m), member.inbox, now);
    if (!s.ok()) return s;
  }
  s = QueueCouncilProposalClosed(tx, p, council.name, now);
  if (!s.ok()) return s;
  const char* detail = !p.outcome->quorum_reached ? "did not reach quorum"
                       : p.outcome->passes        ? "passed"
                                                  : "did not pass";
  return RecordEvent(tx, hub.id, now, actor, "council_proposal.closed", p.id.value, detail);
}

}  // namespace

Result<CouncilProposalView> Councils::Close(const Caller& caller, const CouncilId& id, const ProposalId& proposal) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<CouncilProposalView>(ctx_.store, [&](WriteTx& tx) -> Result<CouncilProposalView> {
    Result<Local> l = LoadCouncil(tx, caller, id);
    if (!l.ok()) return l.status();
    Status s = RequireHostCoordinator(*l);
    if (!s.ok()) return s;
    Result<Proposal> p = LoadProposal(tx, l->council, proposal);
    if (!p.ok()) return p.status();
    s = CloseHosted(tx, federation_, l->council, l->hub, *p, now, caller.actor());
    if (!s.ok()) return s;
    return MakeProposalView(tx, caller, *l, *p, l->council.host_actor, now);
  });
}

Result<CouncilProposalView> Councils::Vote(const Caller& caller, const CouncilId& id, const ProposalId& proposal,
                                           const Ballot& ballot) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<CouncilProposalView>(ctx_.store, [&](WriteTx& tx) -> Result<CouncilProposalView> {
    Result<Local> l = LoadCouncil(tx, caller, id);
    if (!l.ok()) return l.status();
    const Council& c = l->council;
    // A member hub's copy exists only if the proposal opened while it was a member (LoadProposal finds none
    // otherwise); leaving, removal or a new invitation since do not take its place in that electorate.
    Result<Proposal> p = LoadProposal(tx, c, proposal);
    if (!p.ok()) return p.status();
    std::optional<Delegate> delegate = ActiveDelegate(tx, l->hub.id, *caller.member);
    if (!delegate) return Status::Forbidden("only an active delegate of this hub casts its ballot in a council");
    Status s = CheckVotingOpen(*p, now);
    if (!s.ok()) return s;
    std::string our_actor = federation_.HubActorUrl(l->hub.slug);
    if (c.standing == CouncilStanding::kHost && !tx.InCouncilElectorate(p->id, our_actor)) {
      return Status::Forbidden("this hub is not in the proposal's electorate");
    }
    s = ValidateBallot(p->details, ballot);
    if (!s.ok()) return s;
    Result<Member> who = tx.GetMember(*caller.member);
    if (!who.ok()) return who.status();
    CouncilVote v{p->id, our_actor, l->hub.settings.name, who->display_name, delegate->id.value, ballot, now};
    s = tx.InsertCouncilVote(v);
    if (!s.ok()) return s;  // kConflict: another delegate of the hub has voted
    p->ballots_cast += 1;
    p->updated_at = now;
    s = tx.UpdateProposal(*p);
    if (!s.ok()) return s;
    if (c.standing != CouncilStanding::kHost) {
      std::optional<std::pair<CouncilId, std::string>> link = tx.GetCouncilOfProposal(p->id);
      fed::CouncilMessage m = NewMessage(federation_, *l, fed::CouncilMessageKind::kBallot, our_actor, c.host_actor);
      m.proposal = link->second;
      m.hub_name = v.hub_name;
      m.delegate_name = v.delegate_name;
      m.ballot = ballot;
      s = Send(tx, *l, m, c.host_inbox, now);
    }
    // Unlike a member's secret ballot, a delegate's vote is an act of office: it goes in the hub's log.
    if (s.ok()) s = RecordEvent(tx, l->hub.id, now, caller.actor(), "council_proposal.voted", p->id.value, delegate->id.value);
    if (!s.ok()) return s;
    return MakeProposalView(tx, caller, *l, *p, our_actor, now);
  });
}

Result<int> Councils::CloseDue() {
  Timestamp now = ctx_.clock.Now();
  Result<std::vector<ProposalId>> ids = ReadValue<std::vector<ProposalId>>(
      ctx_.store, [&](ReadTx& tx) -> Result<std::vector<ProposalId>> { return tx.ListCouncilProposalsDue(now, kSweepBatch); });
  if (!ids.ok()) return ids.status();
  int closed = 0;
  Status first_failure;
  for (const ProposalId& id : *ids) {
    Status s = ctx_.store.Write([&](WriteTx& tx) -> Status {
      Result<Proposal> p = tx.GetProposal(id);
      if (!p.ok()) return p.status();
      std::optional<std::pair<CouncilId, std::string>> link = tx.GetCouncilOfProposal(id);
      if (!link) return Status::Internal("council proposal without its council");
      Result<Council> c = tx.GetCouncil(link->first);
      if (!c.ok()) return c.status();
      Result<Hub> hub = tx.GetHub(c->hub);
      if (!hub.ok()) return hub.status();
      return CloseHosted(tx, federation_, *c, *hub, *p, now, "system");
    });
    if (s.ok()) {
      ++closed;
    } else if (s.kind() != StatusKind::kConflict && first_failure.ok()) {
      first_failure = Status::Internal("council proposal " + id.value + ": " + s.ToString());
    }
  }
  if (!first_failure.ok()) return first_failure;
  return closed;
}

}  // namespace kin
