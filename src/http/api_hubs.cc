// Hubs, their settings, invitations, members and roles, and the event log.
#include "http/api_support.h"
#include "http/json_codec.h"

namespace kin::http {

void RegisterHubRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/hubs", "hubs.list", [&deps](Request& req) {
    Status s = CheckQuery(req, {"limit", "cursor"});
    if (!s.ok()) return ProblemResponse(s);
    Result<PageRequest> page = PageOf(req);
    if (!page.ok()) return ProblemResponse(page.status());
    return Respond(deps.app.hubs.List(*page),
                   [](const Page<Hub>& hubs) { return Response::Json(200, EncodePage(hubs, WriteHub)); });
  });

  router.Add("POST", "/api/v1/hubs", "hubs.create", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<HubCreateRequest> create = DecodeHubCreate(req.body);
      if (!create.ok()) return ProblemResponse(create.status());
      return Respond(deps.app.hubs.Create(caller, create->slug, create->settings), [](const Hub& hub) {
        JsonWriter w;
        WriteHub(w, hub);
        return JsonResponse(201, w);
      });
    });
  });

  router.Add("GET", "/api/v1/hubs/{hub}", "hubs.get", [&deps](Request& req) {
    Status s = CheckQuery(req, {});
    if (!s.ok()) return ProblemResponse(s);
    return Respond(deps.app.hubs.Get(req.Param("hub")), [](const Hub& hub) {
      JsonWriter w;
      WriteHub(w, hub);
      return JsonResponse(200, w);
    });
  });

  router.Add("PATCH", "/api/v1/hubs/{hub}/settings", "hubs.settings", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<HubSettingsPatch> patch = DecodeHubSettingsPatch(req.body);
      if (!patch.ok()) return ProblemResponse(patch.status());
      return Respond(deps.app.hubs.UpdateSettings(caller, req.Param("hub"), *patch), [](const Hub& hub) {
        JsonWriter w;
        WriteHub(w, hub);
        return JsonResponse(200, w);
      });
    });
  });

  router.Add("POST", "/api/v1/hubs/{hub}/invites", "invites.create", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<boost::json::object> body = ParseJsonObject(req.body);
      if (!body.ok()) return ProblemResponse(body.status());
      FieldErrors errors;
      ObjectReader r(*body, "", errors);
      std::optional<Role> role = Role::kMember;
      if (std::optional<std::string> name = r.String("role")) {
        role = ParseRole(*name);
        if (!role) errors.Add("role", "must be one of: member, intake, coordinator");
      }
      int uses = static_cast<int>(std::clamp<int64_t>(r.Int("uses").value_or(1), -1, 100000));
      int days = static_cast<int>(std::clamp<int64_t>(r.Int("days").value_or(7), -1, 100000));
      r.RejectUnknown();
      if (!errors.empty()) return ProblemResponse(errors.ToStatus());
      return Respond(deps.app.hubs.Invite(caller, req.Param("hub"), *role, uses, days),
                     [&](const InviteGrant& g) {
                       JsonWriter w;
                       w.BeginObject()
                           .Field("token", g.token)
                           .Field("url", deps.public_url + "/join/" + g.token)
                           .Field("role", RoleName(g.invite.role))
                           .Field("uses", g.invite.uses_left)
                           .EndObject();
                       return JsonResponse(201, w);
                     });
    });
  });

  router.Add("GET", "/api/v1/hubs/{hub}/members", "members.list", [&deps](Request& req) {
    return WithCaller(deps, req, {"limit", "cursor"}, false, [&](const Caller& caller) {
      Result<PageRequest> page = PageOf(req);
      if (!page.ok()) return ProblemResponse(page.status());
      return Respond(deps.app.hubs.Members(caller, req.Param("hub"), *page), [](const Page<MemberInHub>& p) {
        return Response::Json(200, EncodePage(p, WriteMemberInHub));
      });
    });
  });

  router.Add("PUT", "/api/v1/hubs/{hub}/members/{member}/roles", "members.roles", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<boost::json::object> body = ParseJsonObject(req.body);
      if (!body.ok()) return ProblemResponse(body.status());
      FieldErrors errors;
      ObjectReader r(*body, "", errors);
      Roles roles;
      if (std::optional<std::vector<std::string>> names = r.Strings("roles", true)) {
        for (const std::string& name : *names) {
          std::optional<Role> role = ParseRole(name);
          if (!role) {
            errors.Add("roles", "may hold only: member, intake, coordinator");
            break;
          }
          roles.Add(*role);
        }
      }
      r.RejectUnknown();
      if (!errors.empty()) return ProblemResponse(errors.ToStatus());
      return Respond(deps.app.hubs.SetRoles(caller, req.Param("hub"), MemberId{req.Param("member")}, roles),
                     [](const Membership& m) {
                       JsonWriter w;
                       WriteMembership(w, m);
                       return JsonResponse(200, w);
                     });
    });
  });

  router.Add("GET", "/api/v1/hubs/{hub}/events", "events.list", [&deps](Request& req) {
    return WithCaller(deps, req, {"limit", "cursor"}, false, [&](const Caller& caller) {
      Result<PageRequest> page = PageOf(req);
      if (!page.ok()) return ProblemResponse(page.status());
      return Respond(deps.app.hubs.Events(caller, req.Param("hub"), *page),
                     [](const Page<Event>& p) { return Response::Json(200, EncodePage(p, WriteEvent)); });
    });
  });
}

}  // namespace kin::http
