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
  RegisterSuggestionPages(router, deps);
  RegisterMemberPages(router, deps);
  RegisterNeedPages(router, deps);
  RegisterCoordinatorPages(router, deps);
  RegisterSecurityPages(router, deps);
  RegisterAssemblyPages(router, deps);
  RegisterIntakePages(router, deps);
  RegisterProfilePages(router, deps);
  RegisterPrintPages(router, deps);
  router.SetPageErrorHandler([&deps](http::Request& req, int status) { return PageError(deps, req, status); });
  RegisterAssemblySettingsPages(router, deps);
  RegisterResourcePages(router, deps);
  RegisterShiftPages(router, deps);
  RegisterFederationPages(router, deps);
  RegisterEscalationPages(router, deps);
  RegisterFederatedSharingPages(router, deps);
  RegisterSharingPages(router, deps);
  RegisterCouncilPages(router, deps);
  RegisterLibraryPages(router, deps);
  RegisterCapacityPages(router, deps);
  RegisterImportPages(router, deps);
}

}  // namespace kin::web
