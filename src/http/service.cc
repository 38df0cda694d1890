#include "http/service.h"

#include <chrono>
#include <cstdio>
#include <exception>

#include "http/api_support.h"
#include "http/metrics.h"
#include "http/problem.h"
#include "http/rate_limiter.h"

namespace kin::http {

struct HttpService::State {
  State(App& app, const ServiceOptions& options)
      : app(app),
        login({options.login_burst, options.login_per_minute / 60.0}),
        intake({options.intake_burst, options.intake_per_minute / 60.0}),
        inbox({options.inbox_burst, options.inbox_per_minute / 60.0}),
        deps{app,
             [this](const std::string& key) {
               auto now = std::chrono::steady_clock::now();
               RateLimiter& limiter = key.rfind("intake:", 0) == 0  ? intake
                                      : key.rfind("inbox:", 0) == 0 ? inbox
                                                                    : login;
               if (limiter.Allow(key, now)) return 0;
               return static_cast<int>(limiter.RetryAfter(key, now).count());
             },
             options.public_url} {}

  App& app;
  RateLimiter login;
  RateLimiter intake;
  RateLimiter inbox;
  ApiDeps deps;
  Router router;
  Metrics metrics;
};

namespace {

// Strict defaults for every response; a page that needs more (its own stylesheet) sets its own policy.
void AddProtectiveHeaders(Response& r) {
  r.SetHeader("X-Content-Type-Options", "nosniff");
  r.SetHeader("X-Frame-Options", "DENY");
  r.SetHeader("Referrer-Policy", "no-referrer");
  if (!r.HasHeader("Content-Security-Policy")) {
    r.SetHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  }
  if (!r.HasHeader("Cache-Control")) r.SetHeader("Cache-Control", "no-store");
}

}  // namespace

HttpService::HttpService(App& app, ServiceOptions options) : state_(std::make_unique<State>(app, options)) {
  Router& router = state_->router;
  State* state = state_.get();
  router.Add("GET", "/healthz", "healthz", [state](Request&) {
    // Healthy means the database answers, not just that the process is up.
    Status s = state->app.store().Read([](ReadTx&) { return Status::Ok(); });
    if (!s.ok()) return ProblemResponse(Status::Unavailable("the database is not answering"));
    return Response::Text(200, "ok\n");
  });
  router.Add("GET", "/metrics", "metrics", [state](Request&) {
    StoreStats db = state->app.store().Stats();
    std::vector<ExtraMetric> extra = {
        {"kin_db_seconds_total", "Time spent in the database, reads and writes", MetricType::kCounter,
         db.db_seconds_total},
        {"kin_db_commits_total", "Durable transactions committed", MetricType::kCounter,
         static_cast<double>(db.commits)},
        {"kin_db_writes_total", "Write operations applied (several may share a commit)", MetricType::kCounter,
         static_cast<double>(db.writes)},
        {"kin_db_schema_version", "Schema version of the database", MetricType::kGauge,
         static_cast<double>(state->app.store().SchemaVersion())},
    };
    return Response::Text(200, state->metrics.RenderPrometheus(extra), "text/plain; version=0.0.4; charset=utf-8");
  });
  router.Add("GET", "/api/v1/openapi.json", "openapi", [](Request&) {
    return Response::Json(200, OpenApiDocument());
  });
  RegisterAccountRoutes(router, state_->deps);
  RegisterHubRoutes(router, state_->deps);
  RegisterNeedRoutes(router, state_->deps);
  RegisterOfferRoutes(router, state_->deps);
  RegisterMatchRoutes(router, state_->deps);
  RegisterSuggestionRoutes(router, state_->deps);
  RegisterAssemblyRoutes(router, state_->deps);
  RegisterResourceRoutes(router, state_->deps);
  RegisterIntakeRoutes(router, state_->deps);
  RegisterSecurityRoutes(router, state_->deps);
  RegisterShiftRoutes(router, state_->deps);
  RegisterFederationRoutes(router, state_->deps);
  RegisterSharingRoutes(router, state_->deps);
  RegisterEscalationRoutes(router, state_->deps);
  RegisterFederatedSharingRoutes(router, state_->deps);
  RegisterCouncilRoutes(router, state_->deps);
}

HttpService::~HttpService() = default;

const Router& HttpService::router() const { return state_->router; }

Router& HttpService::router() { return state_->router; }

RateLimit HttpService::rate_limit() const { return state_->deps.wait_seconds; }

Response HttpService::Handle(Request& request) {
  Response response;
  try {
    RouteMatch match = state_->router.Find(request);
    // People reach pages by typing, old links or reloading a form's address: they get a page in their language.
    bool is_page = state_->router.page_error() && request.path.rfind("/api/", 0) != 0 && request.path != "/api";
    if (request.refused_status != 0) {  // the transport kept the body out: say why, run nothing
      request.route = "refused";
      response = is_page ? state_->router.page_error()(request, request.refused_status)
                         : ProblemResponse(Status::TooLarge(request.refused_reason), request.refused_status, nullptr);
    } else if (match.route) {
      request.route = match.route->name;
      response = match.route->handler(request);
    } else if (match.path_matched) {
      if (is_page) {
        request.route = "page_method_not_allowed";
        response = state_->router.page_error()(request, 405);
      } else {
        response = ProblemResponse(Status::Invalid("this path does not take " + request.method + "; it takes " +
                                                   match.allow),
                                   405, "Method not allowed");
      }
      response.SetHeader("Allow", match.allow);
    } else if (is_page) {
      request.route = "page_not_found";
      response = state_->router.page_error()(request, 404);
    } else {
      response = ProblemResponse(Status::NotFound("no such endpoint: see /api/v1/openapi.json"));
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kin: request %s %s failed: %s\n", request.method.c_str(), request.path.c_str(), e.what());
    response = ProblemResponse(Status::Internal(e.what()));
  }
  AddProtectiveHeaders(response);
  return response;
}

void HttpService::Observe(const Request& request, const Response& response, double seconds) {
  // Label by route pattern, never by raw path: paths carry ids and private status tokens.
  state_->metrics.ObserveRequest(request.route.empty() ? "unmatched" : request.route, request.method,
                                 response.status, seconds);
}

}  // namespace kin::http
