// Two-step sign-in (safety): turning a TOTP authenticator on and off for oneself, and a hub's rule that its
// coordinators use one. Signing in with a code is POST /api/v1/sessions (api_accounts.cc).
#include "http/api_support.h"
#include "http/json_reader.h"

namespace kin::http {
namespace {

Response StateResponse(int status, const TwoFactorState& state) {
  JsonWriter w;
  w.BeginObject().Field("enabled", state.enabled).Field("pending", state.pending).EndObject();
  return JsonResponse(status, w);
}

Response HubSecurityResponse(const HubSecurity& s) {
  JsonWriter w;
  w.BeginObject().Field("require_coordinator_two_factor", s.require_coordinator_two_factor).EndObject();
  return JsonResponse(200, w);
}

// The body {"code": "123456"} of confirm and disable.
Result<std::string> CodeOf(const Request& req) {
  Result<boost::json::object> body = ParseJsonObject(req.body);
  if (!body.ok()) return body.status();
  FieldErrors errors;
  ObjectReader r(*body, "", errors);
  std::optional<std::string> code = r.String("code", true);
  r.RejectUnknown();
  if (!errors.empty()) return errors.ToStatus();
  return *code;
}

}  // namespace

void RegisterSecurityRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/me/two-factor", "me.two_factor", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.two_factor.GetState(caller),
                     [](const TwoFactorState& s) { return StateResponse(200, s); });
    });
  });

  router.Add("POST", "/api/v1/me/two-factor", "me.two_factor.enrol", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.two_factor.BeginEnrolment(caller, TotpIssuer(deps.public_url)), [](const TotpSetup& s) {
        JsonWriter w;
        w.BeginObject().Field("secret", s.secret_base32).Field("otpauth_uri", s.otpauth_uri).EndObject();
        return JsonResponse(201, w);
      });
    });
  });

  router.Add("POST", "/api/v1/me/two-factor/confirm", "me.two_factor.confirm", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<std::string> code = CodeOf(req);
      if (!code.ok()) return ProblemResponse(code.status());
      return Respond(deps.app.two_factor.Confirm(caller, *code),
                     [](const TwoFactorState& s) { return StateResponse(200, s); });
    });
  });

  router.Add("POST", "/api/v1/me/two-factor/disable", "me.two_factor.disable", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<std::string> code = CodeOf(req);
      if (!code.ok()) return ProblemResponse(code.status());
      return Respond(deps.app.two_factor.Disable(caller, *code),
                     [](const TwoFactorState& s) { return StateResponse(200, s); });
    });
  });

  router.Add("GET", "/api/v1/hubs/{hub}/security", "hubs.security", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.two_factor.GetHubSecurity(caller, req.Param("hub")), HubSecurityResponse);
    });
  });

  router.Add("PUT", "/api/v1/hubs/{hub}/security", "hubs.security.set", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<boost::json::object> body = ParseJsonObject(req.body);
      if (!body.ok()) return ProblemResponse(body.status());
      FieldErrors errors;
      ObjectReader r(*body, "", errors);
      std::optional<bool> require = r.Bool("require_coordinator_two_factor", true);
      r.RejectUnknown();
      if (!errors.empty()) return ProblemResponse(errors.ToStatus());
      return Respond(deps.app.two_factor.SetHubSecurity(caller, req.Param("hub"), *require), HubSecurityResponse);
    });
  });
}

}  // namespace kin::http
