// Who is looking at a hub's members-only page (stock, library, capacity, imports): the hub and the caller's
// roles in it, or the answer to give instead.
#ifndef KIN_WEB_HUB_VIEWER_H_
#define KIN_WEB_HUB_VIEWER_H_

#include <string>
#include <variant>

#include "core/hub.h"
#include "core/member.h"
#include "http/message.h"
#include "web/page.h"

namespace kin::web {

struct HubViewer {
  Hub hub;
  Roles roles;

  // Intake and coordinators keep the hub's shared resources (the app layer enforces it; pages only hide
  // forms a caller could not use).
  bool keeper() const { return roles.Has(Role::kIntake) || roles.Has(Role::kCoordinator); }
  bool coordinator() const { return roles.Has(Role::kCoordinator); }
};

// The hub named by `slug` and the caller's roles in it. Otherwise: 404 for an unknown hub, a redirect to sign in
// (coming back to `next`) when signed out, 403 for someone who is not a member, with the texts `area`.not_member
// and `area`.not_member_text.
std::variant<HubViewer, http::Response> HubViewerOf(PageContext& page, const std::string& slug, const std::string& next,
                                                    const std::string& area);

}  // namespace kin::web

#endif  // KIN_WEB_HUB_VIEWER_H_
