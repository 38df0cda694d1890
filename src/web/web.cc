#include "web/web.h"

#include "web/pages.h"
#include "web/static_files.h"

namespace kin::web {

void RegisterWebRoutes(http::Router& router, WebDeps& deps) {
  RegisterStaticRoutes(router);
  RegisterHubPages(router, deps);
  RegisterAskPages(router, deps);
  RegisterStatusPages(router, deps);
  RegisterAccountPages(router, deps);
  RegisterInvitePages(router, deps);
  RegisterShiftPages(router, deps);
}

}  // namespace kin::web
