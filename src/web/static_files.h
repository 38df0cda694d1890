// The stylesheet, served from the binary with a long cache lifetime: pages link it with its content hash in the
// query (?v=...), so a new build changes the link and no one is left with a stale copy.
#ifndef KIN_WEB_STATIC_FILES_H_
#define KIN_WEB_STATIC_FILES_H_

#include <string>

#include "http/router.h"

namespace kin::web {

// A short hash of kin.css, for its link.
const std::string& StylesheetVersion();

void RegisterStaticRoutes(http::Router& router);

}  // namespace kin::web

#endif  // KIN_WEB_STATIC_FILES_H_
