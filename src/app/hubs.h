// Hubs: creating them, their settings, invitations, members and roles, and the event log.
#ifndef KIN_APP_HUBS_H_
#define KIN_APP_HUBS_H_

#include <optional>
#include <string>

#include "app/caller.h"
#include "app/context.h"
#include "core/credential.h"
#include "core/hub.h"

namespace kin {

struct HubSettingsPatch {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<std::optional<LatLon>> area_center;  // set to nullopt inside to clear
  std::optional<double> area_radius_km;
  std::optional<std::vector<std::string>> languages;
  std::optional<std::string> time_zone;
  std::optional<std::vector<std::string>> categories;
  std::optional<int> retention_days;
  std::optional<bool> intake_open;
  std::optional<bool> share_description;

  void ApplyTo(HubSettings& s) const;
};

struct InviteGrant {
  std::string token;  // shown once
  Invite invite;
};

struct HubCreated {
  Hub hub;
  InviteGrant coordinator_invite;  // set up the first coordinator (from the command line)
};

class Hubs {
 public:
  explicit Hubs(AppContext& ctx) : ctx_(ctx) {}

  // A signed-in member starts a hub and becomes its first coordinator.
  Result<Hub> Create(const Caller& caller, const std::string& slug, const HubSettings& settings);
  // The operator starts a hub from the command line; the first coordinator joins through the invite.
  Result<HubCreated> CreateAsAdmin(const std::string& slug, const HubSettings& settings);

  Result<Hub> Get(const std::string& slug);
  Result<Hub> GetById(const HubId& id);
  Result<Page<Hub>> List(const PageRequest& page);
  Result<Hub> UpdateSettings(const Caller& caller, const std::string& slug, const HubSettingsPatch& patch);

  // Coordinators invite; `uses` people may join with `role` within `days`.
  Result<InviteGrant> Invite(const Caller& caller, const std::string& slug, Role role, int uses, int days);
  Result<InviteGrant> InviteAsAdmin(const std::string& slug, Role role, int uses, int days);
  // A one-time link to set the password of the member with `handle` (from the command line).
  Result<InviteGrant> ResetLinkAsAdmin(const std::string& handle);

  Result<Page<MemberInHub>> Members(const Caller& caller, const std::string& slug, const PageRequest& page);
  // Coordinators grant and withdraw intake and coordinator. A hub always keeps at least one coordinator.
  Result<Membership> SetRoles(const Caller& caller, const std::string& slug, const MemberId& member, Roles roles);

  Result<Page<Event>> Events(const Caller& caller, const std::string& slug, const PageRequest& page);

 private:
  Result<InviteGrant> NewInvite(WriteTx& tx, const Hub& hub, Role role, int uses, int days, std::string by);

  AppContext& ctx_;
};

}  // namespace kin

#endif  // KIN_APP_HUBS_H_
