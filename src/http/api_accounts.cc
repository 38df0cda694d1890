// Sign in and out, API tokens, joining by invitation, password resets, and the caller's own profile.
#include "http/api_support.h"
#include "http/json_codec.h"

namespace kin::http {

void RegisterAccountRoutes(Router& router, ApiDeps& deps) {
  router.Add("POST", "/api/v1/sessions", "sessions.create", [&deps](Request& req) {
    Result<boost::json::object> body = JsonBodyOf(req);
    if (!body.ok()) return ProblemResponse(body.status());
    FieldErrors errors;
    ObjectReader r(*body, "", errors);
    std::optional<std::string> handle = r.String("handle", true);
    std::optional<std::string> password = r.String("password", true);
    std::optional<std::string> code = r.String("code");  // two-step sign-in, when the person turned it on
    r.RejectUnknown();
    if (!errors.empty()) return ProblemResponse(errors.ToStatus());
    int wait = deps.wait_seconds("login-ip:" + req.remote_address);
    if (wait == 0) wait = deps.wait_seconds("login-handle:" + *handle);
    if (wait > 0) return RateLimitedResponse(wait, "too many sign-in attempts; wait a few minutes and try again");
    return Respond(deps.app.accounts.SignIn(*handle, *password, code.value_or("")), [](const SessionGrant& g) {
      JsonWriter w;
      WriteSessionGrant(w, g);
      return JsonResponse(201, w);
    });
  });

  router.Add("DELETE", "/api/v1/sessions/current", "sessions.delete", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      if (caller.anonymous()) return ProblemResponse(Status::Unauthenticated("sign in first"));
      Status s = deps.app.accounts.SignOut(BearerToken(req));
      return s.ok() ? NoContent() : ProblemResponse(s);
    });
  });

  router.Add("POST", "/api/v1/tokens", "tokens.create", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<boost::json::object> body = ParseJsonObject(req.body);
      if (!body.ok()) return ProblemResponse(body.status());
      FieldErrors errors;
      ObjectReader r(*body, "", errors);
      std::optional<std::string> label = r.String("label", true);
      std::optional<int64_t> days = r.Int("days");
      r.RejectUnknown();
      if (!errors.empty()) return ProblemResponse(errors.ToStatus());
      int d = static_cast<int>(std::clamp<int64_t>(days.value_or(365), -1, 100000));
      return Respond(deps.app.accounts.CreateApiToken(caller, *label, d), [](const SessionGrant& g) {
        JsonWriter w;
        WriteSessionGrant(w, g);
        return JsonResponse(201, w);
      });
    });
  });

  router.Add("GET", "/api/v1/me", "me.get", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.accounts.GetProfile(caller), [](const Profile& p) {
        JsonWriter w;
        WriteProfile(w, p);
        return JsonResponse(200, w);
      });
    });
  });

  router.Add("PATCH", "/api/v1/me", "me.update", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<ProfileUpdate> update = DecodeProfileUpdate(req.body);
      if (!update.ok()) return ProblemResponse(update.status());
      return Respond(deps.app.accounts.UpdateProfile(caller, *update), [](const Profile& p) {
        JsonWriter w;
        WriteProfile(w, p);
        return JsonResponse(200, w);
      });
    });
  });

  router.Add("GET", "/api/v1/me/export", "me.export", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.personal_data.Export(caller), [](const PersonalExport& e) {
        JsonWriter w;
        WriteExport(w, e);
        Response r = JsonResponse(200, w);
        r.SetHeader("Content-Disposition", "attachment; filename=\"kin-my-data.json\"");
        return r;
      });
    });
  });

  router.Add("GET", "/api/v1/me/sessions", "me.sessions", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.personal_data.Sessions(caller), [](const std::vector<SessionInfo>& list) {
        JsonWriter w;
        w.BeginObject().Key("items").BeginArray();
        for (const SessionInfo& s : list) WriteSessionInfo(w, s);
        w.EndArray().EndObject();
        return JsonResponse(200, w);
      });
    });
  });

  router.Add("DELETE", "/api/v1/me/sessions/{session}", "me.sessions.revoke", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      Status s = deps.app.personal_data.RevokeSession(caller, req.Param("session"));
      return s.ok() ? NoContent() : ProblemResponse(s);
    });
  });

  router.Add("POST", "/api/v1/me/delete", "me.delete", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<boost::json::object> body = ParseJsonObject(req.body);
      if (!body.ok()) return ProblemResponse(body.status());
      FieldErrors errors;
      ObjectReader r(*body, "", errors);
      std::optional<std::string> password = r.String("password", true);
      r.RejectUnknown();
      if (!errors.empty()) return ProblemResponse(errors.ToStatus());
      Status s = deps.app.personal_data.DeleteAccount(caller, *password);
      return s.ok() ? NoContent() : ProblemResponse(s);
    });
  });

  router.Add("POST", "/api/v1/join", "join", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<boost::json::object> body = ParseJsonObject(req.body);
      if (!body.ok()) return ProblemResponse(body.status());
      FieldErrors errors;
      ObjectReader r(*body, "", errors);
      JoinRequest join;
      join.invite_token = r.String("invite", true).value_or("");
      bool new_account = caller.anonymous();
      join.handle = r.String("handle", new_account).value_or("");
      join.display_name = r.String("display_name", new_account).value_or("");
      join.password = r.String("password", new_account).value_or("");
      join.languages = r.Strings("languages").value_or(std::vector<std::string>{});
      r.RejectUnknown();
      if (!errors.empty()) return ProblemResponse(errors.ToStatus());
      return Respond(deps.app.accounts.Join(caller, join), [](const JoinResult& j) {
        JsonWriter w;
        w.BeginObject().Key("membership");
        WriteMembership(w, j.membership);
        w.Key("session");
        if (j.session) {
          WriteSessionGrant(w, *j.session);
        } else {
          w.Null();
        }
        w.EndObject();
        return JsonResponse(201, w);
      });
    });
  });

  router.Add("POST", "/api/v1/password-reset", "password_reset", [&deps](Request& req) {
    Result<boost::json::object> body = JsonBodyOf(req);
    if (!body.ok()) return ProblemResponse(body.status());
    FieldErrors errors;
    ObjectReader r(*body, "", errors);
    std::optional<std::string> token = r.String("token", true);
    std::optional<std::string> password = r.String("password", true);
    r.RejectUnknown();
    if (!errors.empty()) return ProblemResponse(errors.ToStatus());
    if (int wait = deps.wait_seconds("reset-ip:" + req.remote_address); wait > 0) {
      return RateLimitedResponse(wait, "too many attempts; wait a few minutes and try again");
    }
    return Respond(deps.app.accounts.ResetPassword(*token, *password), [](const SessionGrant& g) {
      JsonWriter w;
      WriteSessionGrant(w, g);
      return JsonResponse(200, w);
    });
  });
}

}  // namespace kin::http
