#include "app/needs.h"

#include "app/access.h"
#include "crypto/tokens.h"

namespace kin {

void NeedPatch::ApplyTo(NeedDetails& d) const {
  if (category) d.category = *category;
  if (description) d.description = *description;
  if (quantity) d.quantity = *quantity;
  if (urgency) d.urgency = *urgency;
  if (window) d.window = *window;
  if (place) d.place = *place;
  if (location) d.location = *location;
  if (language) d.language = *language;
  if (accessibility) d.accessibility = *accessibility;
  if (contact) d.contact = *contact;
}

namespace {

Status RequireOpenIntake(const Hub& hub) {
  if (!hub.settings.intake_open) {
    return Status::Conflict("this hub is not taking requests through the form right now; "
                            "please contact the hub directly");
  }
  return Status::Ok();
}

// The need as `caller` may see it, reading the membership and active match in the same transaction.
NeedView ViewFor(ReadTx& tx, const Caller& caller, Need need) {
  NeedView view;
  view.active_match = tx.GetActiveMatchForNeed(need.id);
  std::optional<Membership> m;
  if (!caller.anonymous()) m = tx.GetMembership(need.hub, *caller.member);
  view.contact_visible = MaySeeContact(m ? &*m : nullptr, caller, need, view.active_match);
  view.need = std::move(need);
  if (!view.contact_visible) RedactContact(view.need);
  return view;
}

// Why a caller who may see contact details sees them, for the access log; empty for the person's own need.
std::string ContactReason(const Membership* m, const Caller& caller, const Need& need,
                          const std::optional<Match>& active) {
  if (need.requester && caller.member && *need.requester == *caller.member) return "";
  if (active && caller.member && active->helper == *caller.member) return "helper of " + active->id.value;
  if (m && m->roles.Has(Role::kCoordinator)) return "coordinator";
  return "intake";
}

// Members of the need's hub may see it; others get "not found" so they learn nothing about it.
Result<Need> GetVisibleNeed(ReadTx& tx, const Caller& caller, const NeedId& id) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to see needs");
  Result<Need> need = tx.GetNeed(id);
  if (!need.ok() || !tx.GetMembership(need->hub, *caller.member)) return Status::NotFound("need not found");
  return need;
}

// Intake and coordinators changing someone's need are shown its contact details in the answer.
std::string ChangeReason(const Caller& caller, const Need& need) {
  if (need.requester && caller.member && *need.requester == *caller.member) return "";
  return "changed the need as intake or coordinator";
}

Status RequireMayChange(ReadTx& tx, const Caller& caller, const Need& need) {
  if (need.requester && caller.member && *need.requester == *caller.member) return Status::Ok();
  Result<Membership> m = RequireRole(tx, caller, need.hub, Role::kIntake);
  if (!m.ok()) return Status::Forbidden("only the person who asked, intake or coordinators may change this need");
  return Status::Ok();
}

}  // namespace

Result<NeedView> Needs::Insert(const std::string& hub_slug, const NeedDetails& details, NeedSource source,
                               const Caller& caller, const std::string& token_hash) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<NeedView>(ctx_.store, [&](WriteTx& tx) -> Result<NeedView> {
    Result<Hub> hub = tx.GetHubBySlug(hub_slug);
    if (!hub.ok()) return hub.status();
    if (source == NeedSource::kPublic) {
      Status open = RequireOpenIntake(*hub);
      if (!open.ok()) return open;
    } else {
      Result<Membership> m = RequireRole(tx, caller, hub->id, source == NeedSource::kIntake ? Role::kIntake
                                                                                            : Role::kMember);
      if (!m.ok()) return m.status();
    }
    Status s = ValidateNeedDetails(details, hub->settings, now);
    if (!s.ok()) return s;
    Need need;
    need.id = NeedId{RandomId("need")};
    need.hub = hub->id;
    need.details = details;
    if (need.details.language.empty()) need.details.language = hub->settings.languages.front();
    if (details.location) need.approx_location = Approximate(*details.location);
    need.source = source;
    if (source == NeedSource::kMember) need.requester = caller.member;
    need.status_token_hash = token_hash;
    need.created_at = need.updated_at = now;
    s = tx.InsertNeed(need);
    if (s.ok()) s = RecordEvent(tx, hub->id, now, caller.actor(), "need.created", need.id.value,
                                need.details.category);
    if (!s.ok()) return s;
    NeedView view;
    view.need = std::move(need);
    view.contact_visible = true;  // the person who entered it
    return view;
  });
}

Result<NeedView> Needs::Create(const Caller& caller, const std::string& hub_slug, const NeedDetails& details,
                               bool on_behalf) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in, or use the public form to ask without an account");
  return Insert(hub_slug, details, on_behalf ? NeedSource::kIntake : NeedSource::kMember, caller, "");
}

Result<IntakeReceipt> Needs::SubmitPublic(const std::string& hub_slug, const NeedDetails& details) {
  std::string token = RandomToken();
  Result<NeedView> view = Insert(hub_slug, details, NeedSource::kPublic, Caller{}, HashToken(token));
  if (!view.ok()) return view.status();
  return IntakeReceipt{std::move(*view), std::move(token)};
}

Result<NeedView> Needs::Get(const Caller& caller, const NeedId& id) {
  Result<NeedView> view = ReadValue<NeedView>(ctx_.store, [&](ReadTx& tx) -> Result<NeedView> {
    Result<Need> need = GetVisibleNeed(tx, caller, id);
    if (!need.ok()) return need.status();
    return ViewFor(tx, caller, std::move(*need));
  });
  if (!view.ok() || !view->contact_visible) return view;
  // The read is shown only once it is on record: if the log cannot be written, the details are not shown.
  Status logged = ctx_.store.Write([&](WriteTx& tx) {
    std::optional<Membership> m = tx.GetMembership(view->need.hub, *caller.member);
    return RecordContactRead(tx, caller, view->need,
                             ContactReason(m ? &*m : nullptr, caller, view->need, view->active_match));
  });
  if (!logged.ok()) return logged;
  return view;
}

Status Needs::RecordContactRead(WriteTx& tx, const Caller& caller, const Need& need, const std::string& reason) {
  if (reason.empty() || caller.anonymous() || (need.details.contact.empty() && !need.details.location)) {
    return Status::Ok();
  }
  return tx.AppendContactAccess({0, need.hub, need.id, *caller.member, reason, ctx_.clock.Now()});
}

Status Needs::MayList(const Caller& caller, const std::string& hub_slug) {
  return ctx_.store.Read([&](ReadTx& tx) -> Status {
    Result<Hub> hub = tx.GetHubBySlug(hub_slug);
    if (!hub.ok()) return hub.status();
    return RequireMember(tx, caller, hub->id).status();
  });
}

Result<Page<Need>> Needs::List(const Caller& caller, const std::string& hub_slug, const NeedFilter& filter,
                               const PageRequest& page) {
  return ReadValue<Page<Need>>(ctx_.store, [&](ReadTx& tx) -> Result<Page<Need>> {
    Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
    if (!access.ok()) return access.status();
    Page<Need> needs = tx.ListNeeds(access->hub.id, filter, page);
    for (Need& n : needs.items) RedactContact(n);
    return needs;
  });
}

Result<NeedView> Needs::ApplyUpdate(WriteTx& tx, Need need, const NeedPatch& patch, const std::string& actor) {
  if (IsClosed(need.status)) {
    return Status::Conflict(std::string("a need that is ") + NeedStatusName(need.status) + " cannot be changed");
  }
  Result<Hub> hub = tx.GetHub(need.hub);
  if (!hub.ok()) return hub.status();
  Timestamp now = ctx_.clock.Now();
  NeedDetails details = need.details;
  patch.ApplyTo(details);
  // A window that was already there may lie in the past; only a new one must end in the future.
  Status s = ValidateNeedDetails(details, hub->settings, patch.window ? now : Timestamp::min());
  if (!s.ok()) return s;
  need.details = std::move(details);
  need.approx_location = need.details.location ? std::optional(Approximate(*need.details.location)) : std::nullopt;
  need.updated_at = now;
  s = tx.UpdateNeed(need);
  if (s.ok()) s = SharedItemChanged(ctx_, tx, "need", need.id.value, now);
  if (s.ok()) s = RecordEvent(tx, need.hub, now, actor, "need.updated", need.id.value);
  if (!s.ok()) return s;
  NeedView view;
  view.active_match = tx.GetActiveMatchForNeed(need.id);
  view.need = std::move(need);
  view.contact_visible = true;
  return view;
}

Result<NeedView> Needs::ApplyCancel(WriteTx& tx, Need need, const std::string& reason, const std::string& actor) {
  Status s = ValidateReason(reason, /*required=*/false);
  if (!s.ok()) return s;
  s = CheckNeedTransition(need.status, NeedStatus::kCancelled);
  if (!s.ok()) return s;
  Timestamp now = ctx_.clock.Now();
  if (std::optional<Match> active = tx.GetActiveMatchForNeed(need.id)) {
    active->status = MatchStatus::kCancelled;
    active->reason = "the need was cancelled";
    active->updated_at = now;
    s = tx.UpdateMatch(*active);
    if (s.ok()) s = RecordEvent(tx, need.hub, now, actor, "match.cancelled", active->id.value);
    if (!s.ok()) return s;
  }
  need.status = NeedStatus::kCancelled;
  need.updated_at = now;
  s = tx.UpdateNeed(need);
  if (s.ok()) s = SharedItemChanged(ctx_, tx, "need", need.id.value, now);
  if (s.ok()) s = RecordEvent(tx, need.hub, now, actor, "need.cancelled", need.id.value, reason);
  if (!s.ok()) return s;
  NeedView view;
  view.need = std::move(need);
  view.contact_visible = true;
  return view;
}

Result<NeedView> Needs::Update(const Caller& caller, const NeedId& id, const NeedPatch& patch) {
  return WriteValue<NeedView>(ctx_.store, [&](WriteTx& tx) -> Result<NeedView> {
    Result<Need> need = GetVisibleNeed(tx, caller, id);
    if (!need.ok()) return need.status();
    Status s = RequireMayChange(tx, caller, *need);
    if (!s.ok()) return s;
    Result<NeedView> view = ApplyUpdate(tx, std::move(*need), patch, caller.actor());
    if (view.ok()) s = RecordContactRead(tx, caller, view->need, ChangeReason(caller, view->need));
    if (!s.ok()) return s;
    return view;
  });
}

Result<NeedView> Needs::Cancel(const Caller& caller, const NeedId& id, const std::string& reason) {
  return WriteValue<NeedView>(ctx_.store, [&](WriteTx& tx) -> Result<NeedView> {
    Result<Need> need = GetVisibleNeed(tx, caller, id);
    if (!need.ok()) return need.status();
    Status s = RequireMayChange(tx, caller, *need);
    if (!s.ok()) return s;
    Result<NeedView> view = ApplyCancel(tx, std::move(*need), reason, caller.actor());
    if (view.ok()) s = RecordContactRead(tx, caller, view->need, ChangeReason(caller, view->need));
    if (!s.ok()) return s;
    return view;
  });
}

namespace {

Result<Need> NeedForToken(ReadTx& tx, const std::string& token) {
  if (token.empty() || token.size() > 200) return Status::NotFound("this status link is not valid");
  Result<Need> need = tx.GetNeedByStatusTokenHash(HashToken(token));
  if (!need.ok()) return Status::NotFound("this status link is not valid");
  return need;
}

}  // namespace

Result<NeedView> Needs::GetByToken(const std::string& token) {
  return ReadValue<NeedView>(ctx_.store, [&](ReadTx& tx) -> Result<NeedView> {
    Result<Need> need = NeedForToken(tx, token);
    if (!need.ok()) return need.status();
    NeedView view;
    view.need = std::move(*need);
    view.contact_visible = true;  // it is the person's own
    return view;
  });
}

Result<NeedView> Needs::UpdateByToken(const std::string& token, const NeedPatch& patch) {
  return WriteValue<NeedView>(ctx_.store, [&](WriteTx& tx) -> Result<NeedView> {
    Result<Need> need = NeedForToken(tx, token);
    if (!need.ok()) return need.status();
    Result<NeedView> view = ApplyUpdate(tx, std::move(*need), patch, "public");
    if (view.ok()) view->active_match.reset();  // the helper's identity is not for the public link
    return view;
  });
}

Result<NeedView> Needs::CancelByToken(const std::string& token, const std::string& reason) {
  return WriteValue<NeedView>(ctx_.store, [&](WriteTx& tx) -> Result<NeedView> {
    Result<Need> need = NeedForToken(tx, token);
    if (!need.ok()) return need.status();
    return ApplyCancel(tx, std::move(*need), reason, "public");
  });
}

Result<int> Needs::ExpireDue() {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<int>(ctx_.store, [&](WriteTx& tx) -> Result<int> {
    int expired = 0;
    PageRequest page{"", 200};
    Page<Hub> hubs;
    do {
      hubs = tx.ListHubs(page);
      for (const Hub& hub : hubs.items) {
        NeedFilter open;
        open.status = NeedStatus::kOpen;
        PageRequest needs_page{"", 200};
        Page<Need> needs;
        do {
          needs = tx.ListNeeds(hub.id, open, needs_page);
          for (const Need& listed : needs.items) {
            if (!ShouldExpire(listed, now)) continue;
            Result<Need> need = tx.GetNeed(listed.id);  // lists leave contact details out; keep them
            if (!need.ok()) return need.status();
            need->status = NeedStatus::kExpired;
            need->updated_at = now;
            Status s = tx.UpdateNeed(*need);
            if (s.ok()) s = SharedItemChanged(ctx_, tx, "need", need->id.value, now);
            if (s.ok()) s = RecordEvent(tx, hub.id, now, "system", "need.expired", need->id.value);
            if (!s.ok()) return s;
            ++expired;
          }
          needs_page.after = needs.next;
        } while (!needs_page.after.empty());
      }
      page.after = hubs.next;
    } while (!page.after.empty());
    return expired;
  });
}

}  // namespace kin

namespace kin {

Result<Page<ContactAccess>> Needs::AccessLog(const Caller& caller, const NeedId& id, const PageRequest& page) {
  return ReadValue<Page<ContactAccess>>(ctx_.store, [&](ReadTx& tx) -> Result<Page<ContactAccess>> {
    Result<Need> need = GetVisibleNeed(tx, caller, id);
    if (!need.ok()) return need.status();
    bool own = need->requester && *need->requester == *caller.member;
    if (!own && !RequireRole(tx, caller, need->hub, Role::kCoordinator).ok()) {
      return Status::Forbidden("only the person who asked and coordinators may see who read these details");
    }
    return tx.ListContactAccess(need->hub, need->id, page);
  });
}

Result<Page<ContactAccess>> Needs::AccessLogByToken(const std::string& token, const PageRequest& page) {
  return ReadValue<Page<ContactAccess>>(ctx_.store, [&](ReadTx& tx) -> Result<Page<ContactAccess>> {
    Result<Need> need = NeedForToken(tx, token);
    if (!need.ok()) return need.status();
    return tx.ListContactAccess(need->hub, need->id, page);
  });
}

Result<Page<ContactAccess>> Needs::HubAccessLog(const Caller& caller, const std::string& hub_slug,
                                                const PageRequest& page) {
  return ReadValue<Page<ContactAccess>>(ctx_.store, [&](ReadTx& tx) -> Result<Page<ContactAccess>> {
    Result<HubAccess> access = RequireRoleIn(tx, caller, hub_slug, Role::kCoordinator);
    if (!access.ok()) return access.status();
    return tx.ListContactAccess(access->hub.id, std::nullopt, page);
  });
}

Result<int> Needs::RedactDue() {
  constexpr int kBatch = 200;  // per hub and write, so the shared writer is never held long
  Timestamp now = ctx_.clock.Now();
  std::vector<Hub> hubs;
  PageRequest page{"", 200};
  do {
    Page<Hub> batch;
    Status s = ctx_.store.Read([&](ReadTx& tx) {
      batch = tx.ListHubs(page);
      return Status::Ok();
    });
    if (!s.ok()) return s;
    hubs.insert(hubs.end(), batch.items.begin(), batch.items.end());
    page.after = batch.next;
  } while (!page.after.empty());

  int redacted = 0;
  for (const Hub& hub : hubs) {
    Timestamp cutoff = now - Seconds(static_cast<long long>(hub.settings.retention_days) * 24 * 3600);
    for (;;) {
      Result<int> done = WriteValue<int>(ctx_.store, [&](WriteTx& tx) -> Result<int> {
        std::vector<NeedId> ids = tx.ListNeedsToRedact(hub.id, cutoff, kBatch);
        for (const NeedId& id : ids) {
          Result<Need> need = tx.GetNeed(id);
          if (!need.ok()) return need.status();
          RedactPersonalData(*need, now);
          Status s = tx.UpdateNeed(*need);
          if (s.ok()) s = SharedItemChanged(ctx_, tx, "need", id.value, now);
          if (s.ok()) s = tx.DeleteSuggestionsForNeed(id);  // a decline's reason may speak of the person
          // Notes and reasons on its matches were written about the person too.
          MatchFilter filter;
          filter.need = id;
          PageRequest matches_page{"", 200};
          while (s.ok()) {
            Page<Match> matches = tx.ListMatches(hub.id, filter, matches_page);
            for (Match& m : matches.items) {
              m.note.clear();
              m.reason.clear();
              if (s.ok()) s = tx.UpdateMatch(m);
              if (s.ok()) s = tx.ClearEventDetails(hub.id, m.id.value);
            }
            matches_page.after = matches.next;
            if (matches_page.after.empty()) break;
          }
          if (s.ok()) s = tx.ClearEventDetails(hub.id, id.value);
          if (s.ok()) s = RecordEvent(tx, hub.id, now, "system", "need.redacted", id.value);
          if (!s.ok()) return s;
        }
        return static_cast<int>(ids.size());
      });
      if (!done.ok()) return done.status();
      redacted += *done;
      if (*done < kBatch) break;
    }
  }
  if (redacted > 0) {
    // Old versions of the redacted rows still sit in the write-ahead log until it is checkpointed. If readers
    // hold it now, the next run (or SQLite's own checkpoint) finishes the job.
    Status s = ctx_.store.Checkpoint();
    if (!s.ok() && s.kind() != StatusKind::kUnavailable) return s;
  }
  return redacted;
}

}  // namespace kin
