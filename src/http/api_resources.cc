// Shared resources: stock, the library of things, capacity, and their spreadsheets.
#include "http/api_resources.h"

namespace kin::http {

void RegisterResourceRoutes(Router& router, ApiDeps& deps) {
  RegisterStockRoutes(router, deps);
  RegisterLibraryRoutes(router, deps);
  RegisterCapacityRoutes(router, deps);
  RegisterSpreadsheetRoutes(router, deps);
  RegisterLibraryImportRoutes(router, deps);
}

}  // namespace kin::http
