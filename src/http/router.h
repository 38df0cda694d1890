// Maps (method, path pattern) to handlers. Patterns are literal segments and {name} parameters:
// "/api/v1/hubs/{hub}/needs/{need}". The route table is also what the OpenAPI test and metrics
// labels use.
//
// Matching rules:
//  - A path matches a pattern with the same number of segments whose literal segments are equal; a
//  {name}
//    segment matches any non-empty segment. Matching is strict: "/needs/" does not match "/needs".
//  - When several patterns of the request's method match, the one with a literal segment at the
//  first place
//    where they differ wins: "/needs/mine" beats "/needs/{need}" for GET /needs/mine.
//  - Segments are split on the raw (percent-encoded) path of Request::target and then decoded one
//  by one, so an
//    encoded slash ("%2F") stays inside its parameter instead of creating a segment. When target is
//    empty (a Request built by hand in a test), Request::path is split instead.
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
  std::string allow;  // for 405: the methods the path accepts, sorted, ", " separated ("GET, POST")
};

// Thread-safety: Add() all routes before serving; Find() is const and may then run on many threads
// at once. RouteMatch::route points into the table and stays valid until the next Add().
class Router {
 public:
  // Precondition: no two routes share method and pattern; pattern starts with '/'.
  void Add(std::string method, std::string pattern, std::string name, Handler handler);

  // Fills request.params (decoded) on a match.
  RouteMatch Find(Request& request) const;

  const std::vector<Route>& routes() const { return routes_; }

  // What answers, outside /api/, a path that no route matches (404) or a method its routes don't take (405):
  // the web's HTML pages, since people reach these by typing, old links or reloading a form's address. Empty:
  // the service's problem+json. Set before serving, like Add().
  using PageErrorHandler = std::function<Response(Request&, int status)>;
  void SetPageErrorHandler(PageErrorHandler handler) { page_error_ = std::move(handler); }
  const PageErrorHandler& page_error() const { return page_error_; }

 private:
  struct Segment {
    std::string text;  // the literal, or the parameter name
    bool param;
  };

  std::vector<Route> routes_;
  std::vector<std::vector<Segment>> segments_;  // parallel to routes_
  PageErrorHandler page_error_;
};

}  // namespace kin::http

#endif  // KIN_HTTP_ROUTER_H_
