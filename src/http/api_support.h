// What every API handler shares: who is calling, paging, body checks, and turning results into responses.
#ifndef KIN_HTTP_API_SUPPORT_H_
#define KIN_HTTP_API_SUPPORT_H_

#include <functional>
#include <memory>
#include <initializer_list>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "app/app.h"
#include "http/json_writer.h"
#include "http/list_cache.h"
#include "http/message.h"
#include "http/problem.h"
#include "http/router.h"
#include "store/store.h"

namespace kin::http {

struct ApiDeps {
  App& app;
  // Rate limits, keyed by what is limited ("login-ip:<ip>", "intake:<ip>"): 0 when the attempt may proceed,
  // else the seconds to wait.
  std::function<int(const std::string& key)> wait_seconds;
  // Where the server is reached, for links it hands out ("http://127.0.0.1:8080").
  std::string public_url;
  // Encoded need lists, reused until the database changes.
  std::shared_ptr<ListCache> need_lists = std::make_shared<ListCache>();
};

// The caller named by `Authorization: Bearer <token>`; anonymous when the header is absent. A header with a bad
// token fails (401), so a client with a stale token learns it instead of silently acting as nobody.
Result<Caller> CallerOf(ApiDeps& deps, const Request& request);

// The raw bearer token, or empty.
std::string BearerToken(const Request& request);

// Checks that query parameters are among `allowed`; names the first unknown one.
Status CheckQuery(const Request& request, std::initializer_list<std::string_view> allowed);

// ?limit=1..200 (default 50) and ?cursor=...
Result<PageRequest> PageOf(const Request& request);

// Requires `Content-Type: application/json` on requests with a body; an invalid-input problem naming
// Content-Type otherwise.
Status RequireJson(const Request& request);

// The JSON object body of an endpoint that takes no query parameters: checks both and the content type.
Result<boost::json::object> JsonBodyOf(const Request& request);

// The body {"<name>": "..."} of an action that takes one required string, and nothing else.
Result<std::string> OneString(const Request& request, const char* name);

// The optional body {"reason": "..."} of cancel, decline and release; an empty body means no reason.
Result<std::string> OptionalReason(const Request& request);

Response JsonResponse(int status, JsonWriter& w);
Response NoContent();

// Unwraps a Result: on error the problem response, else `ok(value)`.
template <typename T, typename OnOk>
Response Respond(const Result<T>& result, OnOk ok) {
  if (!result.ok()) return ProblemResponse(result.status());
  return ok(result.value());
}

void RegisterAccountRoutes(Router& router, ApiDeps& deps);
void RegisterHubRoutes(Router& router, ApiDeps& deps);
void RegisterNeedRoutes(Router& router, ApiDeps& deps);
void RegisterOfferRoutes(Router& router, ApiDeps& deps);
void RegisterMatchRoutes(Router& router, ApiDeps& deps);
void RegisterSuggestionRoutes(Router& router, ApiDeps& deps);
void RegisterAssemblyRoutes(Router& router, ApiDeps& deps);
void RegisterResourceRoutes(Router& router, ApiDeps& deps);  // issue 7: api_resources.cc
void RegisterIntakeRoutes(Router& router, ApiDeps& deps);
void RegisterSecurityRoutes(Router& router, ApiDeps& deps);
void RegisterShiftRoutes(Router& router, ApiDeps& deps);  // api_shifts.cc
void RegisterFederationRoutes(Router& router, ApiDeps& deps);  // issue 10: api_federation.cc
void RegisterSharingRoutes(Router& router, ApiDeps& deps);     // issue 10: api_sharing.cc
void RegisterEscalationRoutes(Router& router, ApiDeps& deps);  // issue 10: api_escalations.cc
void RegisterFederatedSharingRoutes(Router& router, ApiDeps& deps);  // issue 10: api_federated_sharing.cc
void RegisterCouncilRoutes(Router& router, ApiDeps& deps);     // issue 8 over 10: api_councils.cc

}  // namespace kin::http


namespace kin::http {

// Resolves the caller and checks that the request has no query parameters beyond `allowed`, then runs
// fn(caller). For endpoints with a JSON body, `json_body` also requires the JSON content type.
template <typename Fn>
Response WithCaller(ApiDeps& deps, const Request& request, std::initializer_list<std::string_view> allowed,
                    bool json_body, Fn fn) {
  Status s = CheckQuery(request, allowed);
  if (s.ok() && json_body) s = RequireJson(request);
  if (!s.ok()) return ProblemResponse(s);
  Result<Caller> caller = CallerOf(deps, request);
  if (!caller.ok()) return ProblemResponse(caller.status());
  return fn(*caller);
}

}  // namespace kin::http

#endif  // KIN_HTTP_API_SUPPORT_H_
