// What the member pages share: the hubs the signed-in person belongs to with their roles, and the answers for
// a page that needs a sign-in, a role, or a hub that does not exist.
#ifndef KIN_WEB_MEMBER_HUBS_H_
#define KIN_WEB_MEMBER_HUBS_H_

#include <optional>
#include <string>
#include <vector>

#include "core/hub.h"
#include "core/member.h"
#include "web/page.h"

namespace kin::web {

struct HubRoles {
  Hub hub;
  Roles roles;
  bool coordinator() const { return roles.Has(Role::kCoordinator); }
  // Coordinators hold every power of intake, as in src/app/access.h.
  bool intake() const { return roles.Has(Role::kIntake) || coordinator(); }
};

// The hubs the signed-in caller belongs to, in the order they joined; empty when signed out.
std::vector<HubRoles> MyHubs(PageContext& page);

// The caller's roles in the hub at `slug`; nullopt when the hub does not exist or the caller is not a member.
std::optional<HubRoles> MyRolesIn(PageContext& page, const std::string& slug);
std::optional<HubRoles> MyRolesIn(PageContext& page, const HubId& hub);

// What a page of a hub asks of the caller.
enum class HubAccess { kMember, kIntake, kCoordinator };
// The caller's roles in the hub at `slug` when they have `access` there. Otherwise nullopt, with `answer` set to
// the page to send instead: sign in first, 403 for the hub's members without the role and for outsiders, 404
// for a hub that does not exist.
std::optional<HubRoles> RequireHubAccess(PageContext& page, const std::string& slug, HubAccess access,
                                         std::optional<http::Response>& answer);

// Sends a signed-out person to sign in and come back to this page.
http::Response SignInFirst(PageContext& page);
http::Response HubNotFoundPage(PageContext& page);
// 403 for a member without the role, or a person not in the hub.
http::Response NotAllowed(PageContext& page);
// A failure of the app layer as a page: its kind's message with a link back.
http::Response Failure(PageContext& page, const Status& status, const std::string& back = "/me");

// "waiting 3 days" / "waiting 5 hours", from `since` to `now`.
std::string WaitingText(Lang lang, Timestamp since, Timestamp now);

}  // namespace kin::web

#endif  // KIN_WEB_MEMBER_HUBS_H_
