// The web pages people use: a directory of hubs, a hub's home, asking for help without an account and the
// private status link, joining by invitation, resetting a password, signing in and out. Server-rendered HTML
// that works without JavaScript, in English and Spanish.
#ifndef KIN_WEB_WEB_H_
#define KIN_WEB_WEB_H_

#include <functional>
#include <string>

#include "app/app.h"
#include "http/router.h"

namespace kin::web {

struct WebDeps {
  App& app;
  std::string public_url;  // how people reach the server, for the status links and QR codes it hands out
  // The service's rate limits ("intake:<ip>", "login-ip:<ip>"): 0 when allowed, else seconds to wait.
  std::function<int(const std::string&)> rate_limit;
};

// Adds the pages to `router`. `deps` must outlive the router.
void RegisterWebRoutes(http::Router& router, WebDeps& deps);

}  // namespace kin::web

#endif  // KIN_WEB_WEB_H_
