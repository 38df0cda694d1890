#include "app/matches.h"

#include "app/access.h"
#include "core/validation.h"
#include "crypto/tokens.h"

namespace kin {
namespace {

// Active matches already resting on an offer; a new one may not take it past its stated capacity.
int ActiveMatchesOn(ReadTx& tx, const Offer& offer) {
  int count = 0;
  for (MatchStatus status : {MatchStatus::kProposed, MatchStatus::kAccepted, MatchStatus::kInProgress}) {
    MatchFilter filter;
    filter.helper = offer.member;
    filter.status = status;
    PageRequest page{"", 200};
    do {
      Page<Match> matches = tx.ListMatches(offer.hub, filter, page);
      for (const Match& m : matches.items) count += m.offer == offer.id;
      page.after = matches.next;
    } while (!page.after.empty());
  }
  return count;
}

const char* EventType(MatchStatus to) {
  switch (to) {
    case MatchStatus::kAccepted: return "match.accepted";
    case MatchStatus::kDeclined: return "match.declined";
    case MatchStatus::kInProgress: return "match.started";
    case MatchStatus::kCompleted: return "match.completed";
    case MatchStatus::kReleased: return "match.released";
    default: return "match.changed";
  }
}

MatchStatus TargetOf(MatchAction action) {
  switch (action) {
    case MatchAction::kAccept: return MatchStatus::kAccepted;
    case MatchAction::kDecline: return MatchStatus::kDeclined;
    case MatchAction::kStart: return MatchStatus::kInProgress;
    case MatchAction::kComplete: return MatchStatus::kCompleted;
    case MatchAction::kRelease: return MatchStatus::kReleased;
  }
  return MatchStatus::kReleased;
}

}  // namespace

Result<Match> CreateMatch(const AppContext& ctx, WriteTx& tx, const Caller& caller, const NeedId& need_id,
                          const OfferId& offer_id,
                          const std::string& note, MatchOrigin origin, Timestamp now) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to take on a need");
  FieldErrors errors;
  CheckText("note", note, 1000, /*required=*/false, errors);
  if (!errors.empty()) return errors.ToStatus();
  Result<Need> need = tx.GetNeed(need_id);
  if (!need.ok() || !tx.GetMembership(need->hub, *caller.member)) return Status::NotFound("need not found");
  Result<Membership> m = RequireRole(tx, caller, need->hub,
                                     origin == MatchOrigin::kClaim ? Role::kMember : Role::kCoordinator);
  if (!m.ok()) return m.status();
  Result<Offer> offer = tx.GetOffer(offer_id);
  if (!offer.ok() || offer->hub != need->hub) {
    return Status::Invalid("no such offer in this hub", {{"offer", "must be an offer in the need's hub"}});
  }
  if (origin == MatchOrigin::kClaim && offer->member != *caller.member) {
    return Status::Invalid("you can only claim with your own offer", {{"offer", "must be one of your offers"}});
  }
  if (offer->status != OfferStatus::kActive) {
    return Status::Conflict("the offer is paused; resume it first");
  }
  if (offer->details.category != need->details.category) {
    return Status::Invalid("the offer does not fit the need",
                           {{"offer", "is for " + offer->details.category + ", the need is for " +
                                          need->details.category}});
  }
  if (need->status != NeedStatus::kOpen) {
    return Status::Conflict(std::string("the need is already ") + NeedStatusName(need->status) +
                            "; someone else took it first");
  }
  if (ActiveMatchesOn(tx, *offer) >= offer->details.capacity.amount) {
    return Status::Conflict("the offer's stated capacity (" + std::to_string(offer->details.capacity.amount) +
                            " " + offer->details.capacity.unit + ") is already in use");
  }
  Match match;
  match.id = MatchId{RandomId("match")};
  match.hub = need->hub;
  match.need = need->id;
  match.offer = offer->id;
  match.helper = offer->member;
  match.proposed_by = *caller.member;
  match.origin = origin;
  match.status = origin == MatchOrigin::kClaim ? MatchStatus::kAccepted : MatchStatus::kProposed;
  match.note = note;
  match.created_at = match.updated_at = now;
  Status s = tx.InsertMatch(match);
  if (s.ok()) {
    need->status = NeedStatusAfter(match.status);
    need->updated_at = now;
    s = tx.UpdateNeed(*need);
    if (s.ok()) s = SharedItemChanged(ctx, tx, "need", need->id.value, now);
  }
  if (s.ok()) s = RecordEvent(tx, need->hub, now, caller.actor(),
                              origin == MatchOrigin::kClaim ? "match.claimed" : "match.proposed", match.id.value,
                              "need " + need->id.value);
  if (!s.ok()) return s;
  return match;
}

Result<Match> Matches::Create(const Caller& caller, const NeedId& need_id, const OfferId& offer_id,
                              const std::string& note, MatchOrigin origin) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Match>(ctx_.store, [&](WriteTx& tx) -> Result<Match> {
    return CreateMatch(ctx_, tx, caller, need_id, offer_id, note, origin, now);
  });
}

Result<Match> Matches::Claim(const Caller& caller, const NeedId& need, const OfferId& offer,
                             const std::string& note) {
  return Create(caller, need, offer, note, MatchOrigin::kClaim);
}

Result<Match> Matches::Pair(const Caller& caller, const NeedId& need, const OfferId& offer,
                            const std::string& note) {
  return Create(caller, need, offer, note, MatchOrigin::kCoordinator);
}

Result<Match> Matches::Act(const Caller& caller, const MatchId& id, MatchAction action, const std::string& reason) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in first");
  bool needs_reason = action == MatchAction::kDecline || action == MatchAction::kRelease;
  Status v = ValidateReason(reason, needs_reason);
  if (!v.ok()) return v;
  Timestamp now = ctx_.clock.Now();
  MatchStatus to = TargetOf(action);
  return WriteValue<Match>(ctx_.store, [&](WriteTx& tx) -> Result<Match> {
    Result<Match> match = tx.GetMatch(id);
    if (!match.ok() || !tx.GetMembership(match->hub, *caller.member)) return Status::NotFound("match not found");
    bool is_helper = match->helper == *caller.member;
    if (action == MatchAction::kAccept || action == MatchAction::kDecline) {
      if (!is_helper) return Status::Forbidden("only the helper can accept or decline a proposed match");
    } else if (!is_helper) {
      Result<Membership> m = RequireRole(tx, caller, match->hub, Role::kCoordinator);
      if (!m.ok()) return Status::Forbidden("only the helper or a coordinator can do this");
    }
    Status s = CheckMatchTransition(match->status, to);
    if (!s.ok()) return s;
    Result<Need> need = tx.GetNeed(match->need);
    if (!need.ok()) return need.status();
    NeedStatus need_to = NeedStatusAfter(to);
    if (need->status != need_to) {
      s = CheckNeedTransition(need->status, need_to);
      if (!s.ok()) return s;
      need->status = need_to;
      need->updated_at = now;
      s = tx.UpdateNeed(*need);
      if (s.ok()) s = SharedItemChanged(ctx_, tx, "need", need->id.value, now);
      if (!s.ok()) return s;
    }
    match->status = to;
    if (needs_reason) match->reason = reason;
    match->updated_at = now;
    s = tx.UpdateMatch(*match);
    if (s.ok()) s = RecordEvent(tx, match->hub, now, caller.actor(), EventType(to), match->id.value, reason);
    if (!s.ok()) return s;
    return *match;
  });
}

Result<Match> Matches::Get(const Caller& caller, const MatchId& id) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in first");
  return ReadValue<Match>(ctx_.store, [&](ReadTx& tx) -> Result<Match> {
    Result<Match> match = tx.GetMatch(id);
    if (!match.ok() || !tx.GetMembership(match->hub, *caller.member)) return Status::NotFound("match not found");
    return match;
  });
}

Result<Page<Match>> Matches::List(const Caller& caller, const std::string& hub_slug, const MatchFilter& filter,
                                  const PageRequest& page) {
  return ReadValue<Page<Match>>(ctx_.store, [&](ReadTx& tx) -> Result<Page<Match>> {
    Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
    if (!access.ok()) return access.status();
    return tx.ListMatches(access->hub.id, filter, page);
  });
}

}  // namespace kin
