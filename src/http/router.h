// Maps (method, path pattern) to handlers. Patterns are literal segments and {name} parameters:
// "/api/v1/hubs/{hub}/needs/{need}". The route table is also what the OpenAPI test and metrics labels use.
#ifndef KIN_HTTP_ROUTER_H_
#define KIN_HTTP_ROUTER_H_

#include <functional>
#include <string>
#include <vector>

#include "http/message.h"

namespace kin::http {

using Handler = std::function<Response(Request&)>;

struct Route {
  std::string method;   // "GET", "POST", "PATCH", "PUT", "DELETE"
  std::string pattern;  // "/api/v1/hubs/{hub}"
  std::string name;     // stable label for metrics, e.g. "hubs.get"
  Handler handler;
};

struct RouteMatch {
  const Route* route = nullptr;  // null when nothing matched
  bool path_matched = false;     // true when the path exists under another method (answer 405)
  std::string allow;             // for 405: the methods the path accepts, comma separated
};

class Router {
 public:
  // Precondition: no two routes share method and pattern.
  void Add(std::string method, std::string pattern, std::string name, Handler handler);

  // Fills request.params on a match.
  RouteMatch Find(Request& request) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace kin::http

#endif  // KIN_HTTP_ROUTER_H_
