#include "app/access.h"

#include "app/two_factor.h"

namespace kin {

Result<Membership> RequireMember(ReadTx& tx, const Caller& caller, const HubId& hub) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to see this hub's members' work");
  std::optional<Membership> m = tx.GetMembership(hub, *caller.member);
  if (!m) return Status::Forbidden("you are not a member of this hub");
  return *m;
}

Result<Membership> RequireRole(ReadTx& tx, const Caller& caller, const HubId& hub, Role role) {
  Result<Membership> m = RequireMember(tx, caller, hub);
  if (!m.ok()) return m;
  bool has = m->roles.Has(role) || (role == Role::kIntake && m->roles.Has(Role::kCoordinator));
  if (!has) return Status::Forbidden(std::string("this needs the ") + RoleName(role) + " role in this hub");
  // Two-step sign-in (safety): a hub may require it before anyone acts as its coordinator.
  if (role == Role::kCoordinator && tx.GetHubSecurity(hub).require_coordinator_two_factor &&
      !HasTwoFactor(tx, *caller.member)) {
    return Status::Forbidden("this hub requires coordinators to use two-step sign-in; turn it on at /me/security");
  }
  return m;
}

Result<HubAccess> RequireMemberOf(ReadTx& tx, const Caller& caller, const std::string& hub_slug) {
  Result<Hub> hub = tx.GetHubBySlug(hub_slug);
  if (!hub.ok()) return hub.status();
  Result<Membership> m = RequireMember(tx, caller, hub->id);
  if (!m.ok()) return m.status();
  return HubAccess{std::move(*hub), std::move(*m)};
}

Result<HubAccess> RequireRoleIn(ReadTx& tx, const Caller& caller, const std::string& hub_slug, Role role) {
  Result<Hub> hub = tx.GetHubBySlug(hub_slug);
  if (!hub.ok()) return hub.status();
  Result<Membership> m = RequireRole(tx, caller, hub->id, role);
  if (!m.ok()) return m.status();
  return HubAccess{std::move(*hub), std::move(*m)};
}

bool MaySeeContact(const Membership* membership, const Caller& caller, const Need& need,
                   const std::optional<Match>& active_match) {
  if (caller.anonymous()) return false;
  if (membership &&
      (membership->roles.Has(Role::kIntake) || membership->roles.Has(Role::kCoordinator))) {
    return true;
  }
  if (need.requester && *need.requester == *caller.member) return true;
  return active_match && active_match->helper == *caller.member &&
         (active_match->status == MatchStatus::kAccepted || active_match->status == MatchStatus::kInProgress);
}

void RedactContact(Need& need) {
  need.details.contact = Contact{};
  need.details.location.reset();
}

}  // namespace kin
