#include "app/assembly_notify.h"

#include "app/assembly.h"
#include "app/message_render.h"
#include "app/notifications.h"
#include "core/proposal_notice.h"

namespace kin {

namespace {

constexpr int kClosingSweepBatch = 50;

// What every message about `p` says: its title and, in the hub's zone, when voting closes.
Result<MessageParams> BaseParams(ReadTx& tx, const Proposal& p) {
  Result<Hub> hub = tx.GetHub(p.hub);
  if (!hub.ok()) return hub.status();
  Result<std::string> closes = HubLocalTime(*hub, p.details.closes_at);
  if (!closes.ok()) return closes.status();
  return MessageParams{{"title", p.details.title}, {"closes", *closes}, {"zone", hub->settings.time_zone},
                       {"proposal", p.id.value}};
}

Status QueueTo(WriteTx& tx, const Proposal& p, const MemberId& member, const std::string& kind,
               const MessageParams& params, Timestamp now, int* queued = nullptr) {
  OutboxMessage m;
  m.hub = p.hub;
  m.member = member;
  m.kind = kind;
  m.params = params;
  m.dedupe_key = kind + ":" + p.id.value + ":" + member.value;  // once per proposal and member
  m.created_at = now;
  bool added = false;
  Status s = Notifications::Queue(tx, std::move(m), &added);
  if (queued && added) ++*queued;
  return s;
}

// Whether the "closes soon" notice of `p` is due now: voting open, ClosingSoonAt come, closes_at not yet.
bool ClosingSoonDue(const Proposal& p, Timestamp now) {
  return p.status == ProposalStatus::kOpen && p.opened_at && now < p.details.closes_at &&
         now >= ClosingSoonAt(*p.opened_at, p.details.closes_at);
}

// BaseParams and the outcome: passed or not, who was chosen, how many of the electorate voted, the quorum.
Result<MessageParams> ClosedParams(ReadTx& tx, const Proposal& p) {
  if (!p.outcome) return Status::Internal("proposal " + p.id.value + " closed without an outcome");
  Result<MessageParams> params = BaseParams(tx, p);
  if (!params.ok()) return params.status();
  const Outcome& o = *p.outcome;
  std::string winners;
  for (int w : o.winners) {
    if (w < 0 || w >= static_cast<int>(p.details.options.size())) continue;
    winners += (winners.empty() ? "" : "; ") + p.details.options[w];
  }
  params->insert(params->end(), {{"result", OutcomeResult(o)},
                                 {"winners", winners},
                                 {"participants", std::to_string(o.participants)},
                                 {"electorate", std::to_string(o.electorate)},
                                 {"quorum", std::to_string(o.quorum_required)}});
  return params;
}

}  // namespace

Status QueueProposalOpened(WriteTx& tx, const Proposal& p, Timestamp now) {
  Result<MessageParams> params = BaseParams(tx, p);
  if (!params.ok()) return params.status();
  for (const MemberId& member : tx.ListElectorate(p.id)) {
    Status s = QueueTo(tx, p, member, "proposal.opened", *params, now);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status QueueProposalClosingSoon(WriteTx& tx, const Proposal& p, Timestamp now, int* queued) {
  if (!ClosingSoonDue(p, now)) return Status::Ok();
  Result<MessageParams> params = BaseParams(tx, p);
  if (!params.ok()) return params.status();
  for (const MemberId& member : tx.ListElectorate(p.id)) {
    if (tx.HasVoted(p.id, member)) continue;  // a reminder to vote is noise to someone who did
    Status s = QueueTo(tx, p, member, "proposal.closing_soon", *params, now, queued);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status QueueProposalClosed(WriteTx& tx, const Proposal& p, Timestamp now) {
  Result<MessageParams> params = ClosedParams(tx, p);
  if (!params.ok()) return params.status();
  PageRequest page{"", 200};
  do {
    Page<MemberInHub> members = tx.ListMembers(p.hub, page);
    for (const MemberInHub& m : members.items) {
      Status s = QueueTo(tx, p, m.member.id, "proposal.closed", *params, now);
      if (!s.ok()) return s;
    }
    page.after = members.next;
  } while (!page.after.empty());
  return Status::Ok();
}

Status QueueCouncilProposalOpened(WriteTx& tx, const Proposal& p, const std::string& council, Timestamp now) {
  Result<MessageParams> params = BaseParams(tx, p);
  if (!params.ok()) return params.status();
  params->push_back({"council", council});
  for (const Delegate& d : tx.ListDelegates(p.hub)) {
    if (d.status != DelegateStatus::kActive) continue;
    Status s = QueueTo(tx, p, d.member, "council_proposal.opened", *params, now);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status QueueCouncilProposalClosingSoon(WriteTx& tx, const Proposal& p, const std::string& council, bool hub_has_voted,
                                       Timestamp now, int* queued) {
  if (hub_has_voted || !ClosingSoonDue(p, now)) return Status::Ok();
  Result<MessageParams> params = BaseParams(tx, p);
  if (!params.ok()) return params.status();
  params->push_back({"council", council});
  for (const Delegate& d : tx.ListDelegates(p.hub)) {
    if (d.status != DelegateStatus::kActive) continue;
    Status s = QueueTo(tx, p, d.member, "council_proposal.closing_soon", *params, now, queued);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status QueueCouncilProposalClosed(WriteTx& tx, const Proposal& p, const std::string& council, Timestamp now) {
  Result<MessageParams> params = ClosedParams(tx, p);
  if (!params.ok()) return params.status();
  params->push_back({"council", council});
  PageRequest page{"", 200};
  do {
    Page<MemberInHub> members = tx.ListMembers(p.hub, page);
    for (const MemberInHub& m : members.items) {
      Status s = QueueTo(tx, p, m.member.id, "council_proposal.closed", *params, now);
      if (!s.ok()) return s;
    }
    page.after = members.next;
  } while (!page.after.empty());
  return Status::Ok();
}

Result<int> Assembly::RemindClosing() {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<int>(ctx_.store, [&](WriteTx& tx) -> Result<int> {
    int queued = 0;
    for (const Proposal& p : tx.ListOpenProposalsClosingBefore(now + kClosingSoonLead, kClosingSweepBatch)) {
      Status s = QueueProposalClosingSoon(tx, p, now, &queued);
      if (!s.ok()) return s;
    }
    return queued;
  });
}

}  // namespace kin
