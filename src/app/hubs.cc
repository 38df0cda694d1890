#include "app/hubs.h"

#include "app/access.h"
#include "core/validation.h"
#include "crypto/tokens.h"

namespace kin {

void HubSettingsPatch::ApplyTo(HubSettings& s) const {
  if (name) s.name = *name;
  if (description) s.description = *description;
  if (area_center) s.area_center = *area_center;
  if (area_radius_km) s.area_radius_km = *area_radius_km;
  if (languages) s.languages = *languages;
  if (time_zone) s.time_zone = *time_zone;
  if (categories) s.categories = *categories;
  if (retention_days) s.retention_days = *retention_days;
  if (intake_open) s.intake_open = *intake_open;
  if (share_description) s.share_description = *share_description;
}

namespace {

Status ValidateNewHub(const std::string& slug, const HubSettings& settings) {
  FieldErrors errors;
  ValidateHubSlug(slug, errors);
  Status s = errors.ToStatus();
  if (!s.ok()) return s;
  return ValidateHubSettings(settings);
}

Status InsertHubChecked(WriteTx& tx, const Hub& hub) {
  Status s = tx.InsertHub(hub);
  if (s.kind() == StatusKind::kConflict) {
    return Status::Invalid("that slug is taken", {{"slug", "is taken by another hub; choose another"}});
  }
  return s;
}

Status ValidateInvite(int uses, int days) {
  FieldErrors errors;
  CheckRange("uses", uses, 1, 1000, errors);
  CheckRange("days", days, 1, 90, errors);
  return errors.ToStatus();
}

}  // namespace

Result<InviteGrant> Hubs::NewInvite(WriteTx& tx, const Hub& hub, Role role, int uses, int days, std::string by) {
  InviteGrant grant;
  grant.token = RandomToken();
  kin::Invite& inv = grant.invite;
  inv.id = InviteId{RandomId("inv")};
  inv.token_hash = HashToken(grant.token);
  inv.kind = InviteKind::kJoinHub;
  inv.hub = hub.id;
  inv.role = role;
  inv.created_by = std::move(by);
  inv.created_at = ctx_.clock.Now();
  inv.expires_at = inv.created_at + Seconds(days * 24LL * 3600);
  inv.uses_left = uses;
  Status s = tx.InsertInvite(inv);
  if (s.ok()) s = RecordEvent(tx, hub.id, inv.created_at, inv.created_by, "invite.created", inv.id.value,
                              std::string("role ") + RoleName(role) + ", " + std::to_string(uses) + " uses");
  if (!s.ok()) return s;
  return grant;
}

Result<Hub> Hubs::Create(const Caller& caller, const std::string& slug, const HubSettings& settings) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to start a hub");
  Status v = ValidateNewHub(slug, settings);
  if (!v.ok()) return v;
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Hub>(ctx_.store, [&](WriteTx& tx) -> Result<Hub> {
    Hub hub{HubId{RandomId("hub")}, slug, settings, now};
    Status s = InsertHubChecked(tx, hub);
    if (!s.ok()) return s;
    Membership m{hub.id, *caller.member, Roles::Of({Role::kMember, Role::kCoordinator}), now};
    s = tx.PutMembership(m);
    if (s.ok()) s = RecordEvent(tx, hub.id, now, caller.actor(), "hub.created", hub.id.value, slug);
    if (!s.ok()) return s;
    return hub;
  });
}

Result<HubCreated> Hubs::CreateAsAdmin(const std::string& slug, const HubSettings& settings) {
  Status v = ValidateNewHub(slug, settings);
  if (!v.ok()) return v;
  Timestamp now = ctx_.clock.Now();
  return WriteValue<HubCreated>(ctx_.store, [&](WriteTx& tx) -> Result<HubCreated> {
    Hub hub{HubId{RandomId("hub")}, slug, settings, now};
    Status s = InsertHubChecked(tx, hub);
    if (s.ok()) s = RecordEvent(tx, hub.id, now, "admin", "hub.created", hub.id.value, slug);
    if (!s.ok()) return s;
    Result<InviteGrant> invite = NewInvite(tx, hub, Role::kCoordinator, 1, 7, "admin");
    if (!invite.ok()) return invite.status();
    return HubCreated{hub, std::move(*invite)};
  });
}

Result<Hub> Hubs::Get(const std::string& slug) {
  return ReadValue<Hub>(ctx_.store, [&](ReadTx& tx) { return tx.GetHubBySlug(slug); });
}

Result<Hub> Hubs::GetById(const HubId& id) {
  return ReadValue<Hub>(ctx_.store, [&](ReadTx& tx) { return tx.GetHub(id); });
}

Result<Page<Hub>> Hubs::List(const PageRequest& page) {
  return ReadValue<Page<Hub>>(ctx_.store, [&](ReadTx& tx) -> Result<Page<Hub>> { return tx.ListHubs(page); });
}

Result<Hub> Hubs::UpdateSettings(const Caller& caller, const std::string& slug, const HubSettingsPatch& patch) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Hub>(ctx_.store, [&](WriteTx& tx) -> Result<Hub> {
    Result<HubAccess> access = RequireRoleIn(tx, caller, slug, Role::kCoordinator);
    if (!access.ok()) return access.status();
    patch.ApplyTo(access->hub.settings);
    Status s = ValidateHubSettings(access->hub.settings);
    if (s.ok()) s = tx.UpdateHub(access->hub);
    if (s.ok()) s = RecordEvent(tx, access->hub.id, now, caller.actor(), "hub.settings_changed", access->hub.id.value);
    if (!s.ok()) return s;
    return access->hub;
  });
}

Result<InviteGrant> Hubs::Invite(const Caller& caller, const std::string& slug, Role role, int uses, int days) {
  Status v = ValidateInvite(uses, days);
  if (!v.ok()) return v;
  return WriteValue<InviteGrant>(ctx_.store, [&](WriteTx& tx) -> Result<InviteGrant> {
    Result<HubAccess> access = RequireRoleIn(tx, caller, slug, Role::kCoordinator);
    if (!access.ok()) return access.status();
    return NewInvite(tx, access->hub, role, uses, days, caller.actor());
  });
}

Result<InviteGrant> Hubs::InviteAsAdmin(const std::string& slug, Role role, int uses, int days) {
  Status v = ValidateInvite(uses, days);
  if (!v.ok()) return v;
  return WriteValue<InviteGrant>(ctx_.store, [&](WriteTx& tx) -> Result<InviteGrant> {
    Result<Hub> hub = tx.GetHubBySlug(slug);
    if (!hub.ok()) return hub.status();
    return NewInvite(tx, *hub, role, uses, days, "admin");
  });
}

Result<InviteGrant> Hubs::ResetLinkAsAdmin(const std::string& handle) {
  return WriteValue<InviteGrant>(ctx_.store, [&](WriteTx& tx) -> Result<InviteGrant> {
    Result<Member> member = tx.GetMemberByHandle(handle);
    if (!member.ok()) return Status::NotFound("no member has the handle '" + handle + "'");
    InviteGrant grant;
    grant.token = RandomToken();
    kin::Invite& inv = grant.invite;
    inv.id = InviteId{RandomId("inv")};
    inv.token_hash = HashToken(grant.token);
    inv.kind = InviteKind::kResetPassword;
    inv.member = member->id;
    inv.created_by = "admin";
    inv.created_at = ctx_.clock.Now();
    inv.expires_at = inv.created_at + ctx_.options.invite_ttl;
    inv.uses_left = 1;
    Status s = tx.InsertInvite(inv);
    if (!s.ok()) return s;
    return grant;
  });
}

Result<Page<MemberInHub>> Hubs::Members(const Caller& caller, const std::string& slug, const PageRequest& page) {
  return ReadValue<Page<MemberInHub>>(ctx_.store, [&](ReadTx& tx) -> Result<Page<MemberInHub>> {
    Result<HubAccess> access = RequireMemberOf(tx, caller, slug);
    if (!access.ok()) return access.status();
    Page<MemberInHub> members = tx.ListMembers(access->hub.id, page);
    for (auto& entry : members.items) {  // fellow members see names and roles, never contact details
      entry.member.contact = Contact{};
      entry.member.password_hash.clear();
    }
    return members;
  });
}

Result<Membership> Hubs::SetRoles(const Caller& caller, const std::string& slug, const MemberId& member,
                                  Roles roles) {
  Timestamp now = ctx_.clock.Now();
  roles.Add(Role::kMember);
  return WriteValue<Membership>(ctx_.store, [&](WriteTx& tx) -> Result<Membership> {
    Result<HubAccess> access = RequireRoleIn(tx, caller, slug, Role::kCoordinator);
    if (!access.ok()) return access.status();
    std::optional<Membership> target = tx.GetMembership(access->hub.id, member);
    if (!target) return Status::NotFound("that person is not a member of this hub");
    if (target->roles.Has(Role::kCoordinator) && !roles.Has(Role::kCoordinator)) {
      bool another = false;
      PageRequest page{"", 200};
      do {
        Page<MemberInHub> all = tx.ListMembers(access->hub.id, page);
        for (const auto& e : all.items) {
          if (e.member.id != member && e.membership.roles.Has(Role::kCoordinator)) another = true;
        }
        page.after = all.next;
      } while (!another && !page.after.empty());
      if (!another) return Status::Conflict("a hub needs at least one coordinator; grant the role to someone else first");
    }
    target->roles = roles;
    Status s = tx.PutMembership(*target);
    std::string names;
    for (const auto& n : RoleNames(roles)) names += (names.empty() ? "" : ",") + n;
    if (s.ok()) s = RecordEvent(tx, access->hub.id, now, caller.actor(), "member.roles_changed", member.value, names);
    if (!s.ok()) return s;
    return *target;
  });
}

Result<Page<Event>> Hubs::Events(const Caller& caller, const std::string& slug, const PageRequest& page) {
  return ReadValue<Page<Event>>(ctx_.store, [&](ReadTx& tx) -> Result<Page<Event>> {
    Result<HubAccess> access = RequireMemberOf(tx, caller, slug);
    if (!access.ok()) return access.status();
    return tx.ListEvents(access->hub.id, page);
  });
}

}  // namespace kin
