#include "app/assembly.h"

#include "app/access.h"
#include "app/assembly_notify.h"
#include "crypto/tokens.h"
#include "govern/proposal_tally.h"

namespace kin {

void ProposalPatch::ApplyTo(ProposalDetails& d) const {
  if (kind) d.kind = *kind;
  if (candidates) d.candidates = *candidates;
  if (mandate) d.mandate = *mandate;
  if (recall_delegate) d.recall_delegate = *recall_delegate;
  if (title) d.title = *title;
  if (text) d.text = *text;
  if (method) d.method = *method;
  if (options) d.options = *options;
  if (seats) d.seats = *seats;
  if (majority) d.majority = *majority;
  if (max_score) d.max_score = *max_score;
  if (dots) d.dots = *dots;
  if (electorate) d.electorate = *electorate;
  if (electorate_role) d.electorate_role = *electorate_role;
  if (opens_at) d.opens_at = *opens_at;
  if (closes_at) d.closes_at = *closes_at;
  if (quorum) d.quorum = *quorum;
  if (visibility) d.visibility = *visibility;
  if (anonymous) d.anonymous = *anonymous;
  if (review_at) d.review_at = *review_at;
}

namespace {

constexpr int kSweepBatch = 50;

struct Loaded {
  Proposal proposal;
  Membership membership;
};

// The proposal and the caller's membership in its hub; a stranger cannot tell it from none.
Result<Loaded> LoadVisible(ReadTx& tx, const Caller& caller, const ProposalId& id) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to see the assembly");
  Result<Proposal> p = tx.GetProposal(id);
  if (!p.ok()) return Status::NotFound("proposal not found");
  // A council's proposals are reached through the council (app/councils.h), which keeps their electorate.
  if (tx.GetCouncilOfProposal(id)) return Status::NotFound("proposal not found");
  std::optional<Membership> m = tx.GetMembership(p->hub, *caller.member);
  if (!m) return Status::NotFound("proposal not found");
  return Loaded{std::move(p).value(), *m};
}

bool IsCoordinator(const Membership& m) { return m.roles.Has(Role::kCoordinator); }

ProposalView MakeView(ReadTx& tx, const Caller& caller, const Proposal& p, const Membership& m, Timestamp now) {
  ProposalView v;
  v.proposal = p;
  v.has_voted = p.status != ProposalStatus::kDraft && tx.HasVoted(p.id, *caller.member);
  v.may_vote = !v.has_voted && CheckVotingOpen(p, now).ok() && tx.InElectorate(p.id, *caller.member);
  v.may_manage = IsCoordinator(m) || (p.status == ProposalStatus::kDraft && p.author == *caller.member);
  v.results_visible = CheckResultsVisible(p, v.has_voted).ok();
  return v;
}

Status OpenIn(WriteTx& tx, Proposal& p, Timestamp now, const std::string& actor) {
  Status s = CheckProposalTransition(p, ProposalStatus::kOpen, now);
  if (!s.ok()) return s;
  Role role = p.details.electorate == ElectorateKind::kRole ? p.details.electorate_role : Role::kMember;
  // Members past the waiting period (or vouched for) at the moment of opening, and nobody who joins later: the
  // electorate is frozen.
  AssemblySettings settings = tx.GetAssemblySettings(p.hub);
  Result<int> size = tx.FreezeElectorate(p.id, p.hub, role, WaitingCutoff(settings, now), settings.vouches_needed);
  if (!size.ok()) return size.status();
  if (*size == 0) {
    return Status::Conflict("nobody may vote yet: no member is past the waiting period of " +
                            std::to_string(settings.waiting_days) + " days or vouched for");
  }
  p.status = ProposalStatus::kOpen;
  p.electorate_size = *size;
  p.opened_at = now;
  p.updated_at = now;
  s = tx.UpdateProposal(p);
  if (s.ok()) s = QueueProposalOpened(tx, p, now);
  if (!s.ok()) return s;
  return RecordEvent(tx, p.hub, now, actor, "proposal.opened", p.id.value,
                     std::to_string(*size) + " members may vote");
}

// Elections make delegates of their winners; a recall that passes ends its delegate's term.
Status ApplyOutcome(WriteTx& tx, const Proposal& p, Timestamp now, const std::string& actor) {
  const Outcome& o = *p.outcome;
  if (!o.quorum_reached || !o.passes) return Status::Ok();
  if (p.details.kind == ProposalKind::kElection) {
    for (int winner : o.winners) {
      if (winner < 0 || winner >= static_cast<int>(p.details.candidates.size())) continue;
      Delegate d;
      d.id = DelegateId{RandomId("dlg")};
      d.hub = p.hub;
      d.member = p.details.candidates[winner];
      d.mandate = p.details.mandate;
      d.elected_by = p.id;
      d.elected_at = now;
      Status s = tx.InsertDelegate(d);
      if (s.ok()) s = RecordEvent(tx, p.hub, now, actor, "delegate.elected", d.id.value, d.member.value);
      if (!s.ok()) return s;
    }
  } else if (p.details.kind == ProposalKind::kRecall) {
    Result<Delegate> d = tx.GetDelegate(DelegateId{p.details.recall_delegate});
    if (!d.ok() || d->status != DelegateStatus::kActive) return Status::Ok();  // already recalled meanwhile
    d->status = DelegateStatus::kRecalled;
    d->recalled_by = p.id;
    d->ended_at = now;
    Status s = tx.UpdateDelegate(*d);
    if (s.ok()) s = RecordEvent(tx, p.hub, now, actor, "delegate.recalled", d->id.value, d->member.value);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

// Elections list their candidates by name (the options); recalls must name an active delegate of this hub.
Status PrepareKind(ReadTx& tx, const HubId& hub, ProposalDetails& d) {
  if (d.kind == ProposalKind::kElection) {
    d.options.clear();
    for (size_t i = 0; i < d.candidates.size(); ++i) {
      Result<Member> m = tx.GetMember(d.candidates[i]);
      if (!m.ok() || !tx.GetMembership(hub, d.candidates[i])) {
        return Status::InvalidField("candidates[" + std::to_string(i) + "]", "is not a member of this hub");
      }
      d.options.push_back(m->display_name + " (@" + m->handle + ")");
    }
  } else if (d.kind == ProposalKind::kRecall) {
    Result<Delegate> del = tx.GetDelegate(DelegateId{d.recall_delegate});
    if (!del.ok() || del->hub != hub) return Status::InvalidField("recall_delegate", "is not a delegate of this hub");
    if (del->status != DelegateStatus::kActive) {
      return Status::InvalidField("recall_delegate", "has already been recalled");
    }
  }
  return Status::Ok();
}

Status CloseIn(WriteTx& tx, Proposal& p, Timestamp now, const std::string& actor) {
  Status s = CheckProposalTransition(p, ProposalStatus::kClosed, now);
  if (!s.ok()) return s;
  Result<Outcome> outcome = govern::TallyProposal(p.details, tx.ListBallots(p.id), p.electorate_size);
  if (!outcome.ok()) return outcome.status();
  p.status = ProposalStatus::kClosed;
  p.closed_at = now;
  p.updated_at = now;
  p.outcome = std::move(outcome).value();
  s = tx.UpdateProposal(p);
  if (!s.ok()) return s;
  s = ApplyOutcome(tx, p, now, actor);
  if (s.ok()) s = QueueProposalClosed(tx, p, now);
  if (!s.ok()) return s;
  const char* detail = !p.outcome->quorum_reached ? "did not reach quorum"
                       : p.outcome->passes        ? "passed"
                                                  : "did not pass";
  return RecordEvent(tx, p.hub, now, actor, "proposal.closed", p.id.value, detail);
}

}  // namespace

Result<ProposalView> Assembly::Create(const Caller& caller, const std::string& hub_slug,
                                      const ProposalDetails& details) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to make a proposal");
  Timestamp now = ctx_.clock.Now();
  return WriteValue<ProposalView>(ctx_.store, [&](WriteTx& tx) -> Result<ProposalView> {
    Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
    if (!access.ok()) return access.status();
    ProposalDetails prepared = details;
    Status s = PrepareKind(tx, access->hub.id, prepared);
    if (s.ok()) s = ValidateProposalDetails(prepared, now);
    if (!s.ok()) return s;
    Proposal p;
    p.id = ProposalId{RandomId("prop")};
    p.hub = access->hub.id;
    p.author = *caller.member;
    p.details = std::move(prepared);
    p.created_at = p.updated_at = now;
    s = tx.InsertProposal(p);
    if (s.ok()) s = RecordEvent(tx, access->hub.id, now, caller.actor(), "proposal.created", p.id.value, details.title);
    if (!s.ok()) return s;
    return MakeView(tx, caller, p, access->membership, now);
  });
}

Result<ProposalView> Assembly::Get(const Caller& caller, const ProposalId& id) {
  Timestamp now = ctx_.clock.Now();
  return ReadValue<ProposalView>(ctx_.store, [&](ReadTx& tx) -> Result<ProposalView> {
    Result<Loaded> l = LoadVisible(tx, caller, id);
    if (!l.ok()) return l.status();
    return MakeView(tx, caller, l->proposal, l->membership, now);
  });
}

Result<Page<ProposalView>> Assembly::List(const Caller& caller, const std::string& hub_slug,
                                          std::optional<ProposalStatus> status, const PageRequest& page) {
  Timestamp now = ctx_.clock.Now();
  return ReadValue<Page<ProposalView>>(ctx_.store, [&](ReadTx& tx) -> Result<Page<ProposalView>> {
    Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
    if (!access.ok()) return access.status();
    Page<Proposal> proposals = tx.ListProposals(access->hub.id, status, page);
    Page<ProposalView> out;
    out.next = proposals.next;
    for (const Proposal& p : proposals.items) out.items.push_back(MakeView(tx, caller, p, access->membership, now));
    return out;
  });
}

Result<ProposalView> Assembly::Update(const Caller& caller, const ProposalId& id, const ProposalPatch& patch) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<ProposalView>(ctx_.store, [&](WriteTx& tx) -> Result<ProposalView> {
    Result<Loaded> l = LoadVisible(tx, caller, id);
    if (!l.ok()) return l.status();
    Proposal& p = l->proposal;
    if (p.author != *caller.member && !IsCoordinator(l->membership)) {
      return Status::Forbidden("only the author or a coordinator may change a proposal");
    }
    ProposalDetails details = p.details;
    patch.ApplyTo(details);
    Status s = CheckProposalEdit(p, details);
    if (s.ok()) s = PrepareKind(tx, p.hub, details);
    if (s.ok()) s = ValidateProposalDetails(details, now);
    if (!s.ok()) return s;
    p.details = std::move(details);
    p.updated_at = now;
    s = tx.UpdateProposal(p);
    if (s.ok()) s = RecordEvent(tx, p.hub, now, caller.actor(), "proposal.updated", p.id.value);
    if (!s.ok()) return s;
    return MakeView(tx, caller, p, l->membership, now);
  });
}

Result<ProposalView> Assembly::Open(const Caller& caller, const ProposalId& id) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<ProposalView>(ctx_.store, [&](WriteTx& tx) -> Result<ProposalView> {
    Result<Loaded> l = LoadVisible(tx, caller, id);
    if (!l.ok()) return l.status();
    bool starter_of_recall = l->proposal.details.kind == ProposalKind::kRecall && l->proposal.author == *caller.member;
    if (!IsCoordinator(l->membership) && !starter_of_recall) {
      return Status::Forbidden("this needs the coordinator role in this hub");
    }
    Status s = OpenIn(tx, l->proposal, now, caller.actor());
    if (!s.ok()) return s;
    return MakeView(tx, caller, l->proposal, l->membership, now);
  });
}

// The write-ahead log holds each ballot's page in the order ballots were committed until it is checkpointed;
// emptying it once an anonymous vote closes leaves only the main file, where ballots sit in random-id order.
// Readers holding the log make this kUnavailable; SQLite's own checkpoints finish the job later.
namespace {
void ForgetBallotOrder(Store& store, const Proposal& p) {
  if (p.details.anonymous) store.Checkpoint();
}
}  // namespace

Result<ProposalView> Assembly::Close(const Caller& caller, const ProposalId& id) {
  Timestamp now = ctx_.clock.Now();
  Result<ProposalView> closed = WriteValue<ProposalView>(ctx_.store, [&](WriteTx& tx) -> Result<ProposalView> {
    Result<Loaded> l = LoadVisible(tx, caller, id);
    if (!l.ok()) return l.status();
    if (!IsCoordinator(l->membership)) return Status::Forbidden("this needs the coordinator role in this hub");
    Status s = CloseIn(tx, l->proposal, now, caller.actor());
    if (!s.ok()) return s;
    return MakeView(tx, caller, l->proposal, l->membership, now);
  });
  if (closed.ok()) ForgetBallotOrder(ctx_.store, closed->proposal);
  return closed;
}

Result<ProposalView> Assembly::Vote(const Caller& caller, const ProposalId& id, const Ballot& ballot) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<ProposalView>(ctx_.store, [&](WriteTx& tx) -> Result<ProposalView> {
    Result<Loaded> l = LoadVisible(tx, caller, id);
    if (!l.ok()) return l.status();
    Proposal& p = l->proposal;
    Status s = CheckVotingOpen(p, now);
    if (!s.ok()) return s;
    if (!tx.InElectorate(p.id, *caller.member)) {
      return Status::Forbidden("you are not in this proposal's electorate (it was fixed when voting opened)");
    }
    s = ValidateBallot(p.details, ballot);
    if (!s.ok()) return s;
    s = tx.RecordParticipation(p.id, *caller.member);
    if (!s.ok()) return s;
    BallotId ballot_id{RandomId("ballot")};
    s = tx.InsertBallot(p.id, ballot_id, ballot);
    if (s.ok() && !p.details.anonymous) s = tx.RecordVote(p.id, *caller.member, ballot_id);
    if (!s.ok()) return s;
    // No event per ballot: an event's time and actor would sit beside the ballot's arrival.
    p.ballots_cast += 1;
    s = tx.UpdateProposal(p);
    if (!s.ok()) return s;
    return MakeView(tx, caller, p, l->membership, now);
  });
}

Result<Outcome> Assembly::Results(const Caller& caller, const ProposalId& id) {
  return ReadValue<Outcome>(ctx_.store, [&](ReadTx& tx) -> Result<Outcome> {
    Result<Loaded> l = LoadVisible(tx, caller, id);
    if (!l.ok()) return l.status();
    const Proposal& p = l->proposal;
    Status s = CheckResultsVisible(p, tx.HasVoted(p.id, *caller.member));
    if (!s.ok()) return s;
    if (p.outcome) return *p.outcome;
    return govern::TallyProposal(p.details, tx.ListBallots(p.id), p.electorate_size);
  });
}

Result<std::vector<RecordedVote>> Assembly::Votes(const Caller& caller, const ProposalId& id) {
  return ReadValue<std::vector<RecordedVote>>(ctx_.store, [&](ReadTx& tx) -> Result<std::vector<RecordedVote>> {
    Result<Loaded> l = LoadVisible(tx, caller, id);
    if (!l.ok()) return l.status();
    const Proposal& p = l->proposal;
    if (p.details.anonymous) return Status::Conflict("the proposal is anonymous: nobody can see who voted how");
    Status s = CheckResultsVisible(p, tx.HasVoted(p.id, *caller.member));
    if (!s.ok()) return s;
    std::vector<RecordedVote> out;
    for (auto& [member, ballot] : tx.ListRecordedVotes(p.id)) {
      Result<Member> who = tx.GetMember(member);
      out.push_back({member, who.ok() ? who->display_name : std::string(), std::move(ballot)});
    }
    return out;
  });
}

Result<AssemblySettings> Assembly::Settings(const Caller& caller, const std::string& hub_slug) {
  return ReadValue<AssemblySettings>(ctx_.store, [&](ReadTx& tx) -> Result<AssemblySettings> {
    Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
    if (!access.ok()) return access.status();
    return tx.GetAssemblySettings(access->hub.id);
  });
}

Result<AssemblySettings> Assembly::PutSettings(const Caller& caller, const std::string& hub_slug,
                                               const AssemblySettings& settings) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<AssemblySettings>(ctx_.store, [&](WriteTx& tx) -> Result<AssemblySettings> {
    Result<HubAccess> access = RequireRoleIn(tx, caller, hub_slug, Role::kCoordinator);
    if (!access.ok()) return access.status();
    Status s = ValidateAssemblySettings(settings);
    if (s.ok()) s = tx.PutAssemblySettings(access->hub.id, settings);
    if (s.ok()) {
      s = RecordEvent(tx, access->hub.id, now, caller.actor(), "assembly.settings_changed", access->hub.id.value,
                      "waiting " + std::to_string(settings.waiting_days) + " days, " +
                          std::to_string(settings.vouches_needed) + " vouches");
    }
    if (!s.ok()) return s;
    return settings;
  });
}

Status Assembly::Vouch(const Caller& caller, const std::string& hub_slug, const MemberId& member) {
  Timestamp now = ctx_.clock.Now();
  return ctx_.store.Write([&](WriteTx& tx) -> Status {
    Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
    if (!access.ok()) return access.status();
    if (!tx.GetMembership(access->hub.id, member)) return Status::NotFound("no such member in this hub");
    AssemblySettings settings = tx.GetAssemblySettings(access->hub.id);
    Status s = CheckVouch(settings, *caller.member, access->membership.joined_at, member, now);
    if (s.ok()) s = tx.InsertVouch({access->hub.id, member, *caller.member, now});
    if (s.ok()) s = RecordEvent(tx, access->hub.id, now, caller.actor(), "member.vouched", member.value);
    return s;
  });
}

Result<std::vector<DelegateView>> Assembly::Delegates(const Caller& caller, const std::string& hub_slug) {
  return ReadValue<std::vector<DelegateView>>(ctx_.store, [&](ReadTx& tx) -> Result<std::vector<DelegateView>> {
    Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
    if (!access.ok()) return access.status();
    std::vector<DelegateView> out;
    for (Delegate& d : tx.ListDelegates(access->hub.id)) {
      Result<Member> who = tx.GetMember(d.member);
      out.push_back({std::move(d), who.ok() ? who->display_name : std::string()});
    }
    return out;
  });
}

Result<std::vector<DelegateVote>> Assembly::DelegateVotes(const Caller& caller, const DelegateId& id) {
  return ReadValue<std::vector<DelegateVote>>(ctx_.store, [&](ReadTx& tx) -> Result<std::vector<DelegateVote>> {
    if (caller.anonymous()) return Status::Unauthenticated("sign in to see delegates");
    Result<Delegate> d = tx.GetDelegate(id);
    if (!d.ok() || !tx.GetMembership(d->hub, *caller.member)) return Status::NotFound("delegate not found");
    std::vector<DelegateVote> out;
    for (auto& [proposal_id, ballot] : tx.ListRecordedVotesOf(d->member)) {
      Result<Proposal> p = tx.GetProposal(proposal_id);
      if (!p.ok() || p->details.anonymous) continue;
      // Only what everyone may already see: a running tally stays hidden where the proposal hides it.
      if (p->status != ProposalStatus::kClosed && p->details.visibility != ResultsVisibility::kAlways) continue;
      // Votes cast while they held the mandate.
      if (p->opened_at && *p->opened_at < d->elected_at) continue;
      if (d->ended_at && p->opened_at && *p->opened_at > *d->ended_at) continue;
      out.push_back({proposal_id, p->details.title, p->details.options, std::move(ballot), "", ""});
    }
    // The hub's ballots in councils, cast by this delegate: shown once the result is public, as above.
    for (CouncilVote& v : tx.ListCouncilVotesOfDelegate(id)) {
      Result<Proposal> p = tx.GetProposal(v.proposal);
      if (!p.ok()) continue;
      if (p->status != ProposalStatus::kClosed && p->details.visibility != ResultsVisibility::kAlways) continue;
      std::optional<std::pair<CouncilId, std::string>> link = tx.GetCouncilOfProposal(v.proposal);
      Result<Council> council = link ? tx.GetCouncil(link->first) : Result<Council>(Status::NotFound(""));
      DelegateVote dv{v.proposal, p->details.title, p->details.options, std::move(v.ballot), "", ""};
      if (council.ok()) {
        dv.council = council->name;
        dv.council_id = council->id.value;
      }
      out.push_back(std::move(dv));
    }
    return out;
  });
}

// Each due proposal changes in its own transaction, so one that cannot be counted (and is reported) does not hold
// back the others.
Result<int> Assembly::SweepDue(ProposalStatus due) {
  Timestamp now = ctx_.clock.Now();
  Result<std::vector<ProposalId>> ids = ReadValue<std::vector<ProposalId>>(
      ctx_.store, [&](ReadTx& tx) -> Result<std::vector<ProposalId>> { return tx.ListProposalsDue(due, now, kSweepBatch); });
  if (!ids.ok()) return ids.status();
  int changed = 0;
  bool anonymous_closed = false;
  Status first_failure;
  for (const ProposalId& id : *ids) {
    Status s = ctx_.store.Write([&](WriteTx& tx) -> Status {
      Result<Proposal> p = tx.GetProposal(id);
      if (!p.ok()) return p.status();
      anonymous_closed |= due == ProposalStatus::kOpen && p->details.anonymous;
      if (due == ProposalStatus::kDraft) {
        // A draft whose closing time has passed, or whose electorate would be empty, stays a draft for people
        // to see and fix.
        if (!CheckProposalTransition(*p, ProposalStatus::kOpen, now).ok()) return Status::Conflict("not openable");
        return OpenIn(tx, *p, now, "system");
      }
      return CloseIn(tx, *p, now, "system");
    });
    if (s.ok()) {
      ++changed;
    } else if (s.kind() != StatusKind::kConflict && first_failure.ok()) {
      first_failure = Status::Internal("proposal " + id.value + ": " + s.ToString());
    }
  }
  if (anonymous_closed) ctx_.store.Checkpoint();  // see ForgetBallotOrder
  if (!first_failure.ok()) return first_failure;
  return changed;
}

Result<int> Assembly::OpenDue() { return SweepDue(ProposalStatus::kDraft); }

Result<int> Assembly::CloseDue() { return SweepDue(ProposalStatus::kOpen); }

}  // namespace kin
