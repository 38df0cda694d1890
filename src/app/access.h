// Who may do what in a hub. Each function reads what it needs in the caller's transaction and answers with a
// Status: kUnauthenticated for anonymous callers, kForbidden for members without the role.
#ifndef KIN_APP_ACCESS_H_
#define KIN_APP_ACCESS_H_

#include <string>

#include "app/caller.h"
#include "core/hub.h"
#include "core/match.h"
#include "core/member.h"
#include "core/need.h"
#include "core/status.h"
#include "store/store.h"

namespace kin {

// The caller's membership in `hub`; kUnauthenticated or kForbidden ("you are not a member of this hub").
Result<Membership> RequireMember(ReadTx& tx, const Caller& caller, const HubId& hub);

// Like RequireMember, and the membership must hold `role` (coordinators hold every power of intake).
Result<Membership> RequireRole(ReadTx& tx, const Caller& caller, const HubId& hub, Role role);

// A hub named by its slug, and the caller's membership in it: how most operations on one hub begin.
struct HubAccess {
  Hub hub;
  Membership membership;
};
// kNotFound when no hub has that slug; otherwise as RequireMember and RequireRole.
Result<HubAccess> RequireMemberOf(ReadTx& tx, const Caller& caller, const std::string& hub_slug);
Result<HubAccess> RequireRoleIn(ReadTx& tx, const Caller& caller, const std::string& hub_slug, Role role);

// Intake and coordinators of the need's hub, the member who asked, and the helper of an accepted or started
// match see contact details. Fellow members do not.
bool MaySeeContact(const Membership* membership, const Caller& caller, const Need& need,
                   const std::optional<Match>& active_match);

// Removes contact details and the exact location from a need before it is shown to someone who may not see them.
void RedactContact(Need& need);

}  // namespace kin

#endif  // KIN_APP_ACCESS_H_
