// The shared-resources API (issue 7), one file of routes per kind of resource.
#ifndef KIN_HTTP_API_RESOURCES_H_
#define KIN_HTTP_API_RESOURCES_H_

#include "http/api_support.h"

namespace kin::http {

void RegisterStockRoutes(Router& router, ApiDeps& deps);
void RegisterLibraryRoutes(Router& router, ApiDeps& deps);
void RegisterCapacityRoutes(Router& router, ApiDeps& deps);
void RegisterSpreadsheetRoutes(Router& router, ApiDeps& deps);
void RegisterLibraryImportRoutes(Router& router, ApiDeps& deps);

}  // namespace kin::http

#endif  // KIN_HTTP_API_RESOURCES_H_
