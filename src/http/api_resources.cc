// Shared resources: stock (library of things and capacity to come).
#include "http/api_resources.h"

namespace kin::http {

void RegisterResourceRoutes(Router& router, ApiDeps& deps) { RegisterStockRoutes(router, deps); }

}  // namespace kin::http
