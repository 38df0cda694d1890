// Needs: members' and intake's requests, the public intake without an account, and its private status link.
#include <algorithm>
#include <charconv>

#include "http/api_support.h"
#include "http/json_codec.h"

namespace kin::http {
namespace {

Result<NeedFilter> NeedFilterOf(const Request& req) {
  NeedFilter filter;
  FieldErrors errors;
  if (auto c = req.Query("category")) filter.category = *c;
  if (auto s = req.Query("status")) {
    filter.status = ParseNeedStatus(*s);
    if (!filter.status) {
      errors.Add("status", "must be one of: open, matched, in_progress, fulfilled, cancelled, expired");
    }
  }
  if (auto u = req.Query("urgency")) {
    filter.urgency = ParseUrgency(*u);
    if (!filter.urgency) errors.Add("urgency", "must be one of: low, normal, high, critical");
  }
  auto number = [](const std::string& text, double& out) {
    auto r = std::from_chars(text.data(), text.data() + text.size(), out);
    return r.ec == std::errc() && r.ptr == text.data() + text.size();
  };
  if (auto near = req.Query("near")) {
    size_t comma = near->find(',');
    LatLon p;
    if (comma == std::string::npos || !number(near->substr(0, comma), p.lat) ||
        !number(near->substr(comma + 1), p.lon)) {
      errors.Add("near", "must be LAT,LON such as 40.4168,-3.7038");
    } else {
      ValidateLatLon(p, "near", errors);
      filter.near = p;
    }
  }
  if (auto km = req.Query("within_km")) {
    if (!number(*km, filter.within_km) || filter.within_km <= 0 || filter.within_km > 500) {
      errors.Add("within_km", "must be a number greater than 0 and at most 500");
    }
    if (!req.Query("near")) errors.Add("within_km", "needs near=LAT,LON as well");
  }
  if (!errors.empty()) return errors.ToStatus();
  return filter;
}

// The hub and its query parameters in a fixed order, so equal requests share a cache entry.
std::string NeedListKey(const std::string& hub, const Request& req) {
  std::vector<std::pair<std::string, std::string>> query = req.query;
  std::sort(query.begin(), query.end());
  std::string key = hub;
  for (const auto& [name, value] : query) {
    key += '\n';
    key += name;
    key += '=';
    key += value;
  }
  return key;
}

Response NeedViewResponse(int status, const NeedView& view) {
  JsonWriter w;
  WriteNeedView(w, view);
  return JsonResponse(status, w);
}

}  // namespace

void RegisterNeedRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/hubs/{hub}/needs", "needs.list", [&deps](Request& req) {
    return WithCaller(deps, req, {"limit", "cursor", "category", "status", "urgency", "near", "within_km"}, false,
                      [&](const Caller& caller) {
                        Result<PageRequest> page = PageOf(req);
                        if (!page.ok()) return ProblemResponse(page.status());
                        Result<NeedFilter> filter = NeedFilterOf(req);
                        if (!filter.ok()) return ProblemResponse(filter.status());
                        const std::string& hub = req.Param("hub");
                        // The list is the same for every member who may see it, so after that check an answer
                        // encoded for anyone serves everyone until the database changes.
                        Status may = deps.app.needs.MayList(caller, hub);
                        if (!may.ok()) return ProblemResponse(may);
                        std::string key = NeedListKey(hub, req);
                        uint64_t version = deps.app.store().DataVersion();
                        if (std::optional<std::string> body = deps.need_lists->Get(key, version)) {
                          return Response::Json(200, std::move(*body));
                        }
                        return Respond(deps.app.needs.List(caller, hub, *filter, *page), [&](const Page<Need>& p) {
                          std::string body = EncodePage(p, [](JsonWriter& w, const Need& n) { WriteNeed(w, n, false); });
                          deps.need_lists->Put(key, version, body);
                          return Response::Json(200, std::move(body));
                        });
                      });
  });

  router.Add("POST", "/api/v1/hubs/{hub}/needs", "needs.create", [&deps](Request& req) {
    return WithCaller(deps, req, {"on_behalf"}, true, [&](const Caller& caller) {
      std::optional<std::string> on_behalf = req.Query("on_behalf");
      if (on_behalf && *on_behalf != "true" && *on_behalf != "false") {
        return ProblemResponse(Status::InvalidField("on_behalf", "must be true or false"));
      }
      Result<NeedDetails> details = DecodeNeedDetails(req.body);
      if (!details.ok()) return ProblemResponse(details.status());
      return Respond(deps.app.needs.Create(caller, req.Param("hub"), *details, on_behalf == "true"),
                     [](const NeedView& v) { return NeedViewResponse(201, v); });
    });
  });

  router.Add("POST", "/api/v1/hubs/{hub}/intake", "intake.create", [&deps](Request& req) {
    Status s = CheckQuery(req, {});
    if (s.ok()) s = RequireJson(req);
    if (!s.ok()) return ProblemResponse(s);
    if (int wait = deps.wait_seconds("intake:" + req.remote_address); wait > 0) {
      return RateLimitedResponse(wait, "too many requests from this connection; wait a little");
    }
    Result<NeedDetails> details = DecodeNeedDetails(req.body);
    if (!details.ok()) return ProblemResponse(details.status());
    return Respond(deps.app.needs.SubmitPublic(req.Param("hub"), *details), [&](const IntakeReceipt& receipt) {
      JsonWriter w;
      w.BeginObject().Key("need");
      WriteNeed(w, receipt.view.need, true);
      w.Field("status_token", receipt.status_token)
          .Field("status_url", deps.public_url + "/s/" + receipt.status_token)
          .EndObject();
      return JsonResponse(201, w);
    });
  });

  router.Add("GET", "/api/v1/needs/{need}", "needs.get", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.needs.Get(caller, NeedId{req.Param("need")}),
                     [](const NeedView& v) { return NeedViewResponse(200, v); });
    });
  });

  router.Add("PATCH", "/api/v1/needs/{need}", "needs.update", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<NeedPatch> patch = DecodeNeedPatch(req.body);
      if (!patch.ok()) return ProblemResponse(patch.status());
      return Respond(deps.app.needs.Update(caller, NeedId{req.Param("need")}, *patch),
                     [](const NeedView& v) { return NeedViewResponse(200, v); });
    });
  });

  router.Add("POST", "/api/v1/needs/{need}/cancel", "needs.cancel", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      Result<std::string> reason = OptionalReason(req);
      if (!reason.ok()) return ProblemResponse(reason.status());
      return Respond(deps.app.needs.Cancel(caller, NeedId{req.Param("need")}, *reason),
                     [](const NeedView& v) { return NeedViewResponse(200, v); });
    });
  });

  router.Add("GET", "/api/v1/needs/{need}/access-log", "needs.access_log", [&deps](Request& req) {
    return WithCaller(deps, req, {"limit", "cursor"}, false, [&](const Caller& caller) {
      Result<PageRequest> page = PageOf(req);
      if (!page.ok()) return ProblemResponse(page.status());
      return Respond(deps.app.needs.AccessLog(caller, NeedId{req.Param("need")}, *page),
                     [](const Page<ContactAccess>& p) { return Response::Json(200, EncodePage(p, WriteContactAccess)); });
    });
  });

  router.Add("GET", "/api/v1/hubs/{hub}/access-log", "hubs.access_log", [&deps](Request& req) {
    return WithCaller(deps, req, {"limit", "cursor"}, false, [&](const Caller& caller) {
      Result<PageRequest> page = PageOf(req);
      if (!page.ok()) return ProblemResponse(page.status());
      return Respond(deps.app.needs.HubAccessLog(caller, req.Param("hub"), *page),
                     [](const Page<ContactAccess>& p) { return Response::Json(200, EncodePage(p, WriteContactAccess)); });
    });
  });

  router.Add("GET", "/api/v1/status/{token}/access-log", "status.access_log", [&deps](Request& req) {
    Status s = CheckQuery(req, {"limit", "cursor"});
    if (!s.ok()) return ProblemResponse(s);
    Result<PageRequest> page = PageOf(req);
    if (!page.ok()) return ProblemResponse(page.status());
    return Respond(deps.app.needs.AccessLogByToken(req.Param("token"), *page),
                   [](const Page<ContactAccess>& p) { return Response::Json(200, EncodePage(p, WriteContactAccess)); });
  });

  router.Add("GET", "/api/v1/status/{token}", "status.get", [&deps](Request& req) {
    Status s = CheckQuery(req, {});
    if (!s.ok()) return ProblemResponse(s);
    return Respond(deps.app.needs.GetByToken(req.Param("token")),
                   [](const NeedView& v) { return NeedViewResponse(200, v); });
  });

  router.Add("PATCH", "/api/v1/status/{token}", "status.update", [&deps](Request& req) {
    Status s = CheckQuery(req, {});
    if (s.ok()) s = RequireJson(req);
    if (!s.ok()) return ProblemResponse(s);
    Result<NeedPatch> patch = DecodeNeedPatch(req.body);
    if (!patch.ok()) return ProblemResponse(patch.status());
    return Respond(deps.app.needs.UpdateByToken(req.Param("token"), *patch),
                   [](const NeedView& v) { return NeedViewResponse(200, v); });
  });

  router.Add("POST", "/api/v1/status/{token}/cancel", "status.cancel", [&deps](Request& req) {
    Status s = CheckQuery(req, {});
    if (!s.ok()) return ProblemResponse(s);
    Result<std::string> reason = OptionalReason(req);
    if (!reason.ok()) return ProblemResponse(reason.status());
    return Respond(deps.app.needs.CancelByToken(req.Param("token"), *reason),
                   [](const NeedView& v) { return NeedViewResponse(200, v); });
  });
}

}  // namespace kin::http
