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
void RegisterShiftPages(http::Router& router, WebDeps& deps);    // /h/{slug}/care-hours.svg

}  // namespace kin::web

#endif  // KIN_WEB_PAGES_H_
