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

// Members of the need's hub may see it; others get "not found" so they learn nothing about it.
Result<Need> GetVisibleNeed(ReadTx& tx, const Caller& caller, const NeedId& id) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to see needs");
  Result<Need> need = tx.GetNeed(id);
  if (!need.ok() || !tx.GetMembership(need->hub, *caller.member)) return Status::NotFound("need not found");
  return need;
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
  return ReadValue<NeedView>(ctx_.store, [&](ReadTx& tx) -> Result<NeedView> {
    Result<Need> need = GetVisibleNeed(tx, caller, id);
    if (!need.ok()) return need.status();
    return ViewFor(tx, caller, std::move(*need));
  });
}

Result<Page<Need>> Needs::List(const Caller& caller, const std::string& hub_slug, const NeedFilter& filter,
                               const PageRequest& page) {
  return ReadValue<Page<Need>>(ctx_.store, [&](ReadTx& tx) -> Result<Page<Need>> {
    Result<Hub> hub = tx.GetHubBySlug(hub_slug);
    if (!hub.ok()) return hub.status();
    Result<Membership> m = RequireMember(tx, caller, hub->id);
    if (!m.ok()) return m.status();
    Page<Need> needs = tx.ListNeeds(hub->id, filter, page);
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
    return ApplyUpdate(tx, std::move(*need), patch, caller.actor());
  });
}

Result<NeedView> Needs::Cancel(const Caller& caller, const NeedId& id, const std::string& reason) {
  return WriteValue<NeedView>(ctx_.store, [&](WriteTx& tx) -> Result<NeedView> {
    Result<Need> need = GetVisibleNeed(tx, caller, id);
    if (!need.ok()) return need.status();
    Status s = RequireMayChange(tx, caller, *need);
    if (!s.ok()) return s;
    return ApplyCancel(tx, std::move(*need), reason, caller.actor());
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
