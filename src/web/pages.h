// The route groups, one file each; RegisterWebRoutes (web.cc) adds them all.
#ifndef KIN_WEB_PAGES_H_
#define KIN_WEB_PAGES_H_

#include "http/router.h"
#include "web/web.h"

namespace kin::web {

void RegisterHubPages(http::Router& router, WebDeps& deps);      // /, /h/{slug}
void RegisterAskPages(http::Router& router, WebDeps& deps);      // /h/{slug}/ask
void RegisterStatusPages(http::Router& router, WebDeps& deps);   // /s/{token}, /s/{token}/received
void RegisterAccountPages(http::Router& router, WebDeps& deps);  // /signin, /signout, /me
void RegisterInvitePages(http::Router& router, WebDeps& deps);   // /join/{token}, /reset/{token}
void RegisterSuggestionPages(http::Router& router, WebDeps& deps);  // /h/{slug}/suggestions

// Members, coordinators and intake at work.
void RegisterMemberPages(http::Router& router, WebDeps& deps);       // /h/{slug}/offers/new, /offers/{id}/status
void RegisterNeedPages(http::Router& router, WebDeps& deps);         // /h/{slug}/needs, /needs/{id}, /matches/{id}
void RegisterCoordinatorPages(http::Router& router, WebDeps& deps);  // /h/{slug}/triage, invites, settings, events
void RegisterIntakePages(http::Router& router, WebDeps& deps);       // /h/{slug}/intake, intake/new, intake/merge
void RegisterProfilePages(http::Router& router, WebDeps& deps);      // /me/profile, /me/data, /me/delete
void RegisterPrintPages(http::Router& router, WebDeps& deps);        // /h/{slug}/print/tasks, /me/day-sheet
// The translated HTML answer for a path no page has (outside /api/, which keeps problem+json).
// The page for a path nothing answers (404) or a method its routes do not take (405).
http::Response PageError(WebDeps& deps, http::Request& req, int status);
// The member's dashboard at /me (pages_me.cc); the account pages route /me to it.
http::Response MeDashboard(WebDeps& deps, http::Request& req);
void RegisterSecurityPages(http::Router& router, WebDeps& deps); // /me/security
void RegisterAssemblyPages(http::Router& router, WebDeps& deps);  // /h/{slug}/assembly, /p/{id}
void RegisterAssemblyPages(http::Router& router, WebDeps& deps);  // /h/{slug}/assembly, /h/{slug}/delegates, /p/{id}
void RegisterAssemblySettingsPages(http::Router& router, WebDeps& deps);  // /h/{slug}/assembly/settings, .../vouch
void RegisterResourcePages(http::Router& router, WebDeps& deps);  // /h/{slug}/stock
void RegisterShiftPages(http::Router& router, WebDeps& deps);    // shifts, my shifts, care hours (shift_web.h)
void RegisterFederationPages(http::Router& router, WebDeps& deps);  // /h/{slug}/federation (issue 10)
void RegisterEscalationPages(http::Router& router, WebDeps& deps);  // /h/{slug}/escalations (issue 10)
void RegisterFederatedSharingPages(http::Router& router, WebDeps& deps);  // /h/{slug}/nearby, /directory
void RegisterSharingPages(http::Router& router, WebDeps& deps);  // /h/{slug}/sharing (issue 10)
void RegisterCouncilPages(http::Router& router, WebDeps& deps);     // /h/{slug}/councils, /councils/{id}
void RegisterLibraryPages(http::Router& router, WebDeps& deps);       // /h/{slug}/library
void RegisterLibraryThingPages(http::Router& router, WebDeps& deps);  // /h/{slug}/library/{thing}
void RegisterCapacityPages(http::Router& router, WebDeps& deps);      // /h/{slug}/capacity
void RegisterImportPages(http::Router& router, WebDeps& deps);        // /h/{slug}/import/{kind}

}  // namespace kin::web

#endif  // KIN_WEB_PAGES_H_
