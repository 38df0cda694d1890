#include "app/suggestions.h"

#include <algorithm>
#include <map>
#include <utility>

#include "app/access.h"
#include "app/all_pages.h"
#include "app/allocation_input.h"
#include "app/matches.h"
#include "crypto/tokens.h"
#include "match/allocate.h"

namespace kin {
namespace {

constexpr int kMaxConfirmAtOnce = 500;

struct HubSnapshot {
  Hub hub;
  std::vector<Need> needs;
  std::vector<Offer> offers;
  std::vector<Match> active;
  std::vector<match::Declined> declined;
};

std::vector<Match> MatchesIn(ReadTx& tx, const HubId& hub, MatchStatus status) {
  MatchFilter filter;
  filter.status = status;
  return AllPages<Match>([&](const PageRequest& p) { return tx.ListMatches(hub, filter, p); });
}

Status ReadSnapshot(ReadTx& tx, const HubId& hub_id, HubSnapshot& snap) {
  Result<Hub> hub = tx.GetHub(hub_id);
  if (!hub.ok()) return hub.status();
  snap.hub = std::move(hub).value();
  NeedFilter open;
  open.status = NeedStatus::kOpen;
  snap.needs = AllPages<Need>([&](const PageRequest& p) { return tx.ListNeeds(hub_id, open, p); });
  OfferFilter active;
  active.status = OfferStatus::kActive;
  snap.offers = AllPages<Offer>([&](const PageRequest& p) { return tx.ListOffers(hub_id, active, p); });
  for (MatchStatus s : {MatchStatus::kProposed, MatchStatus::kAccepted, MatchStatus::kInProgress}) {
    std::vector<Match> m = MatchesIn(tx, hub_id, s);
    snap.active.insert(snap.active.end(), m.begin(), m.end());
  }
  for (const Match& m : MatchesIn(tx, hub_id, MatchStatus::kDeclined)) {
    snap.declined.push_back({m.need, m.offer});
  }
  SuggestionFilter declined;
  declined.status = SuggestionStatus::kDeclined;
  for (const Suggestion& s :
       AllPages<Suggestion>([&](const PageRequest& p) { return tx.ListSuggestions(hub_id, declined, p); })) {
    snap.declined.push_back({s.need, s.offer});
  }
  return Status::Ok();
}

SuggestionWhy WhyOf(const match::Suggestion& s, const match::Need& need, const match::Helper& helper) {
  SuggestionWhy why;
  why.distance_m = static_cast<int64_t>(s.distance_m + 0.5);
  why.shared_languages = s.shared_languages;
  why.urgency = need.urgency;
  why.waited_days = s.waited_days;
  why.helper_load_after = s.helper_load_after;
  why.helper_capacity = helper.capacity;
  return why;
}

// Most urgent first, then longest waiting, then nearest: the order a coordinator should look at
// them.
void SortForPeople(std::vector<Suggestion>& list) {
  std::sort(list.begin(), list.end(), [](const Suggestion& a, const Suggestion& b) {
    if (a.why.urgency != b.why.urgency) return a.why.urgency > b.why.urgency;
    if (a.why.waited_days != b.why.waited_days) return a.why.waited_days > b.why.waited_days;
    if (a.why.distance_m != b.why.distance_m) return a.why.distance_m < b.why.distance_m;
    return a.id.value < b.id.value;
  });
}

// Loads a suggestion the caller may act on: kNotFound unless they belong to its hub.
Result<Suggestion> Visible(ReadTx& tx, const Caller& caller, const SuggestionId& id) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in first");
  Result<Suggestion> s = tx.GetSuggestion(id);
  if (!s.ok() || !tx.GetMembership(s->hub, *caller.member)) return Status::NotFound("suggestion not found");
  return s;
}

// Confirms one open suggestion inside the caller's write.
Result<Suggestion> ConfirmIn(const AppContext& ctx, WriteTx& tx, const Caller& caller, Suggestion s, Timestamp now) {
  Status t = CheckSuggestionTransition(s.status, SuggestionStatus::kConfirmed);
  if (!t.ok()) return t;
  Result<Match> match =
      CreateMatch(ctx, tx, caller, s.need, s.offer, "suggested by the allocation engine", MatchOrigin::kCoordinator, now);
  if (!match.ok()) return match.status();
  s.status = SuggestionStatus::kConfirmed;
  s.match = match->id;
  s.decided_by = *caller.member;
  s.updated_at = now;
  Status u = tx.UpdateSuggestion(s);
  if (u.ok())
    u = RecordEvent(tx, s.hub, now, caller.actor(), "suggestion.confirmed", s.id.value, "need " + s.need.value);
  if (!u.ok()) return u;
  return s;
}

// A failure that concerns only this suggestion (it went stale) rather than the whole request.
bool Skippable(const Status& s) {
  return s.kind() == StatusKind::kConflict || s.kind() == StatusKind::kInvalid || s.kind() == StatusKind::kNotFound;
}

}  // namespace

Result<SuggestionRun> Suggestions::Refresh(const HubId& hub_id) {
  Timestamp now = ctx_.clock.Now();
  HubSnapshot snap;
  Status read = ctx_.store.Read([&](ReadTx& tx) { return ReadSnapshot(tx, hub_id, snap); });
  if (!read.ok()) return read;

  HubAllocationInput in =
      BuildAllocationInput(snap.hub, std::move(snap.needs), std::move(snap.offers), snap.active, snap.declined, now);
  // The engine runs outside any transaction, so a large hub does not hold up writers; what it
  // proposes is checked again against the current state when written.
  Result<match::Allocation> allocation = match::Allocate(in.problem, match::Options{});
  if (!allocation.ok()) return allocation.status();

  std::map<std::pair<std::string, std::string>, SuggestionWhy> proposed;
  for (const match::Suggestion& s : allocation->suggestions) {
    if (s.locked) continue;
    proposed[{in.needs[s.need].id.value, in.offers[s.helper].id.value}] =
        WhyOf(s, in.problem.needs[s.need], in.problem.helpers[s.helper]);
  }
  std::map<std::string, const Offer*> offers;
  for (const Offer& o : in.offers) offers[o.id.value] = &o;

  SuggestionRun run;
  run.open_needs = static_cast<int>(in.needs.size());
  Status write = ctx_.store.Write([&](WriteTx& tx) -> Status {
    run.added = run.withdrawn = run.suggested = run.unmet = 0;
    SuggestionFilter open;
    open.status = SuggestionStatus::kSuggested;
    std::vector<Suggestion> previous =
        AllPages<Suggestion>([&](const PageRequest& p) { return tx.ListSuggestions(hub_id, open, p); });
    std::map<std::pair<std::string, std::string>, SuggestionWhy> todo = proposed;
    for (Suggestion& s : previous) {
      auto it = todo.find({s.need.value, s.offer.value});
      if (it == todo.end()) {
        if (Status d = tx.DeleteSuggestion(s.id); !d.ok()) return d;
        ++run.withdrawn;
        continue;
      }
      if (!(s.why.distance_m == it->second.distance_m && s.why.waited_days == it->second.waited_days &&
            s.why.helper_load_after == it->second.helper_load_after &&
            s.why.helper_capacity == it->second.helper_capacity && s.why.urgency == it->second.urgency &&
            s.why.shared_languages == it->second.shared_languages)) {
        s.why = it->second;
        s.updated_at = now;
        if (Status u = tx.UpdateSuggestion(s); !u.ok()) return u;
      }
      todo.erase(it);
      ++run.suggested;
    }
    for (const auto& [pair, why] : todo) {
      // Still as the engine saw it? A need taken or an offer paused meanwhile gets no suggestion.
      Result<Need> need = tx.GetNeed(NeedId{pair.first});
      Result<Offer> offer = tx.GetOffer(OfferId{pair.second});
      if (!need.ok() || need->status != NeedStatus::kOpen || !offer.ok() || offer->status != OfferStatus::kActive) {
        continue;
      }
      Suggestion s;
      s.id = SuggestionId{RandomId("sugg")};
      s.hub = hub_id;
      s.need = need->id;
      s.offer = offer->id;
      s.helper = offer->member;
      s.why = why;
      s.created_at = s.updated_at = now;
      if (Status i = tx.InsertSuggestion(s); !i.ok()) return i;
      ++run.added;
      ++run.suggested;
    }
    std::vector<UnmetNeed> unmet;
    for (const match::Unmet& u : allocation->unmet) {
      unmet.push_back(UnmetNeed{hub_id, in.needs[u.need].id, UnmetCauseOf(u.reason), now});
    }
    std::sort(unmet.begin(), unmet.end(), [](const UnmetNeed& a, const UnmetNeed& b) { return a.need < b.need; });
    std::vector<UnmetNeed> before = tx.ListUnmetNeeds(hub_id);
    bool same = before.size() == unmet.size();
    for (size_t i = 0; same && i < unmet.size(); ++i) {
      same = before[i].need == unmet[i].need && before[i].cause == unmet[i].cause;
    }
    run.unmet = static_cast<int>(unmet.size());
    if (same) return Status::Ok();  // unchanged: no write, so a quiet hub's database stays quiet
    return tx.ReplaceUnmetNeeds(hub_id, unmet);
  });
  if (!write.ok()) return write;
  return run;
}

Result<SuggestionRun> Suggestions::Refresh(const Caller& caller, const std::string& hub_slug) {
  Result<Hub> hub = ReadValue<Hub>(ctx_.store, [&](ReadTx& tx) -> Result<Hub> {
    Result<HubAccess> access = RequireRoleIn(tx, caller, hub_slug, Role::kCoordinator);
    if (!access.ok()) return access.status();
    return access->hub;
  });
  if (!hub.ok()) return hub.status();
  return Refresh(hub->id);
}

Result<int> Suggestions::RefreshChanged(int64_t& cursor) {
  int64_t last = cursor;
  std::vector<HubId> changed;
  Status s = ctx_.store.Read([&](ReadTx& tx) {
    changed = tx.HubsWithEventsAfter(cursor, last);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  cursor = last;
  // One hub failing (its data trips the engine) must not keep the others from their suggestions.
  Status first_failure = Status::Ok();
  for (const HubId& hub : changed) {
    Result<SuggestionRun> run = Refresh(hub);
    if (!run.ok() && run.status().kind() != StatusKind::kNotFound && first_failure.ok()) {
      first_failure = run.status();
    }
  }
  if (!first_failure.ok()) return first_failure;
  return static_cast<int>(changed.size());
}

Result<int> Suggestions::RefreshAll(int64_t& cursor) {
  std::vector<Hub> hubs;
  int64_t last = cursor;
  Status s = ctx_.store.Read([&](ReadTx& tx) {
    tx.HubsWithEventsAfter(cursor, last);
    hubs = AllPages<Hub>([&](const PageRequest& p) { return tx.ListHubs(p); });
    return Status::Ok();
  });
  if (!s.ok()) return s;
  cursor = last;
  Status first_failure = Status::Ok();
  for (const Hub& hub : hubs) {
    Result<SuggestionRun> run = Refresh(hub.id);
    if (!run.ok() && first_failure.ok()) first_failure = run.status();
  }
  if (!first_failure.ok()) return first_failure;
  return static_cast<int>(hubs.size());
}

Result<SuggestionBoard> Suggestions::Board(const Caller& caller, const std::string& hub_slug) {
  return ReadValue<SuggestionBoard>(ctx_.store, [&](ReadTx& tx) -> Result<SuggestionBoard> {
    Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
    if (!access.ok()) return access.status();
    bool coordinator = access->membership.roles.Has(Role::kCoordinator);
    SuggestionFilter filter;
    filter.status = SuggestionStatus::kSuggested;
    if (!coordinator) filter.helper = *caller.member;
    SuggestionBoard board;
    board.suggestions =
        AllPages<Suggestion>([&](const PageRequest& p) { return tx.ListSuggestions(access->hub.id, filter, p); });
    SortForPeople(board.suggestions);
    if (coordinator) board.unmet = tx.ListUnmetNeeds(access->hub.id);
    return board;
  });
}

Result<Suggestion> Suggestions::Get(const Caller& caller, const SuggestionId& id) {
  return ReadValue<Suggestion>(ctx_.store, [&](ReadTx& tx) -> Result<Suggestion> {
    Result<Suggestion> s = Visible(tx, caller, id);
    if (!s.ok()) return s;
    if (s->helper != *caller.member) {
      Result<Membership> m = RequireRole(tx, caller, s->hub, Role::kCoordinator);
      if (!m.ok()) return Status::NotFound("suggestion not found");
    }
    return s;
  });
}

Result<Suggestion> Suggestions::Confirm(const Caller& caller, const SuggestionId& id) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Suggestion>(ctx_.store, [&](WriteTx& tx) -> Result<Suggestion> {
    Result<Suggestion> s = Visible(tx, caller, id);
    if (!s.ok()) return s;
    Result<Membership> m = RequireRole(tx, caller, s->hub, Role::kCoordinator);
    if (!m.ok()) return m.status();
    return ConfirmIn(ctx_, tx, caller, std::move(s).value(), now);
  });
}

Result<std::vector<ConfirmOutcome>> Suggestions::ConfirmMany(const Caller& caller, const std::string& hub_slug,
                                                             const std::vector<SuggestionId>& ids) {
  if (ids.size() > static_cast<size_t>(kMaxConfirmAtOnce)) {
    return Status::InvalidField("suggestions", "at most 500 at once");
  }
  Timestamp now = ctx_.clock.Now();
  return WriteValue<std::vector<ConfirmOutcome>>(ctx_.store, [&](WriteTx& tx) -> Result<std::vector<ConfirmOutcome>> {
    Result<HubAccess> access = RequireRoleIn(tx, caller, hub_slug, Role::kCoordinator);
    if (!access.ok()) return access.status();
    std::vector<Suggestion> todo;
    if (ids.empty()) {
      SuggestionFilter open;
      open.status = SuggestionStatus::kSuggested;
      todo = AllPages<Suggestion>([&](const PageRequest& p) { return tx.ListSuggestions(access->hub.id, open, p); });
      SortForPeople(todo);  // most urgent first, in case two compete for one offer's last capacity
    } else {
      for (const SuggestionId& id : ids) {
        Result<Suggestion> s = tx.GetSuggestion(id);
        if (!s.ok() || s->hub != access->hub.id) {
          Suggestion missing;
          missing.id = id;
          todo.push_back(missing);  // reported as not found below
        } else {
          todo.push_back(std::move(s).value());
        }
      }
    }
    std::vector<ConfirmOutcome> out;
    for (Suggestion& s : todo) {
      if (s.hub != access->hub.id) {
        out.push_back({s.id, Status::NotFound("suggestion not found in this hub"), std::nullopt});
        continue;
      }
      Result<Suggestion> done = ConfirmIn(ctx_, tx, caller, s, now);
      if (done.ok()) {
        out.push_back({s.id, Status::Ok(), tx.GetMatch(*done->match).value()});
      } else if (Skippable(done.status())) {
        out.push_back({s.id, done.status(), std::nullopt});
      } else {
        return done.status();
      }
    }
    return out;
  });
}

Result<Suggestion> Suggestions::Accept(const Caller& caller, const SuggestionId& id) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Suggestion>(ctx_.store, [&](WriteTx& tx) -> Result<Suggestion> {
    Result<Suggestion> s = Visible(tx, caller, id);
    if (!s.ok()) return s;
    if (s->helper != *caller.member) return Status::Forbidden("only the helper it was suggested to can accept it");
    Status t = CheckSuggestionTransition(s->status, SuggestionStatus::kAccepted);
    if (!t.ok()) return t;
    Result<Match> match =
        CreateMatch(ctx_, tx, caller, s->need, s->offer, "accepted a suggestion", MatchOrigin::kClaim, now);
    if (!match.ok()) return match.status();
    s->status = SuggestionStatus::kAccepted;
    s->match = match->id;
    s->decided_by = *caller.member;
    s->updated_at = now;
    Status u = tx.UpdateSuggestion(*s);
    if (u.ok())
      u = RecordEvent(tx, s->hub, now, caller.actor(), "suggestion.accepted", s->id.value, "need " + s->need.value);
    if (!u.ok()) return u;
    return s;
  });
}

Result<Suggestion> Suggestions::Decline(const Caller& caller, const SuggestionId& id, const std::string& reason) {
  Status v = ValidateReason(reason, /*required=*/true);
  if (!v.ok()) return v;
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Suggestion>(ctx_.store, [&](WriteTx& tx) -> Result<Suggestion> {
    Result<Suggestion> s = Visible(tx, caller, id);
    if (!s.ok()) return s;
    if (s->helper != *caller.member) return Status::Forbidden("only the helper it was suggested to can decline it");
    Status t = CheckSuggestionTransition(s->status, SuggestionStatus::kDeclined);
    if (!t.ok()) return t;
    s->status = SuggestionStatus::kDeclined;
    s->reason = reason;
    s->decided_by = *caller.member;
    s->updated_at = now;
    Status u = tx.UpdateSuggestion(*s);
    // The event wakes the engine for this hub, which then looks for someone else.
    if (u.ok()) u = RecordEvent(tx, s->hub, now, caller.actor(), "suggestion.declined", s->id.value, reason);
    if (!u.ok()) return u;
    return s;
  });
}

}  // namespace kin
