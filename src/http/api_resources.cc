// Shared resources: stock and the library of things (capacity to come).
#include "http/api_resources.h"

namespace kin::http {

void RegisterResourceRoutes(Router& router, ApiDeps& deps) {
  RegisterStockRoutes(router, deps);
  RegisterLibraryRoutes(router, deps);
}

}  // namespace kin::http
