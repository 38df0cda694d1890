// Federation (issue 10): escalation of unmet needs between hubs, for the coordinators of each hub. The work is
// in app/escalations.h. No route ever returns the person's contact: records hold only the need as shared.
#include <algorithm>
#include <cmath>

#include "app/escalations.h"
#include "http/api_support.h"
#include "http/json_reader.h"

namespace kin::http {
namespace {

void WriteEscalation(JsonWriter& w, const EscalationView& v) {
  const federation::Escalation& e = v.record;
  const federation::SharedItem& n = e.need;
  w.BeginObject()
      .Field("key", v.stored.key)
      .Field("id", v.stored.id)
      .Field("role", v.stored.role == "home" ? "outgoing" : "incoming")
      .Field("state", v.stored.state)
      .Field("origin", e.origin)
      .Field("upstream", e.upstream)
      .Field("hops", e.hops);
  w.Key("need");
  if (v.stored.need.empty()) w.Null();
  else w.String(v.stored.need);
  w.Key("shared_need").BeginObject().Field("category", n.category).Field("quantity", n.quantity)
      .Field("unit", n.unit).Field("urgency", n.urgency).Field("language", n.language);
  w.Key("area");
  if (n.area) {
    w.BeginObject().Field("lat", n.area->center.lat).Field("lon", n.area->center.lon)
        .Field("radius_m", static_cast<int64_t>(std::lround(n.area->radius_m))).EndObject();
  } else {
    w.Null();
  }
  w.EndObject();
  std::vector<std::string> declined(e.declined.begin(), e.declined.end());
  w.Key("offered_to").Strings(e.downstream).Key("declined_by").Strings(declined);
  w.Key("taker");
  if (e.taker.empty()) w.Null();
  else w.String(e.taker);
  w.Key("opened_at").Time(e.opened_at).Key("updated_at").Time(v.stored.updated_at).EndObject();
}

Response EscalationResponse(int status, const EscalationView& v) {
  JsonWriter w;
  WriteEscalation(w, v);
  return JsonResponse(status, w);
}

Response SettingsResponse(const EscalationSettings& s) {
  JsonWriter w;
  w.BeginObject()
      .Field("delay_hours", static_cast<double>(s.delay.count()) / 3600.0)
      .Field("hop_limit", s.hop_limit)
      .EndObject();
  return JsonResponse(200, w);
}

}  // namespace

void RegisterEscalationRoutes(Router& router, ApiDeps& deps) {
  router.Add("POST", "/api/v1/needs/{need}/escalate", "needs.escalate", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.escalations.Escalate(caller, NeedId{req.Param("need")}),
                     [](const EscalationView& v) { return EscalationResponse(201, v); });
    });
  });

  router.Add("GET", "/api/v1/hubs/{hub}/escalations", "escalations.list", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.escalations.List(caller, req.Param("hub")), [](const std::vector<EscalationView>& list) {
        JsonWriter w;
        w.BeginObject().Key("items").BeginArray();
        for (const EscalationView& v : list) WriteEscalation(w, v);
        w.EndArray().EndObject();
        return JsonResponse(200, w);
      });
    });
  });

  router.Add("GET", "/api/v1/hubs/{hub}/escalations/{escalation}", "escalations.get", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.escalations.Get(caller, req.Param("hub"), req.Param("escalation")),
                     [](const EscalationView& v) { return EscalationResponse(200, v); });
    });
  });

  using Action = Result<EscalationView> (Escalations::*)(const Caller&, const std::string&, const std::string&);
  const std::pair<const char*, Action> actions[] = {
      {"accept", &Escalations::Accept},
      {"decline", &Escalations::Decline},
      {"forward", &Escalations::Forward},
      {"confirm", &Escalations::ConfirmHandover},
      {"decline-handover", &Escalations::DeclineHandover},
  };
  for (const auto& [name, action] : actions) {
    std::string path = std::string("/api/v1/hubs/{hub}/escalations/{escalation}/") + name;
    std::string route_name = std::string("escalations.") + name;
    std::replace(route_name.begin(), route_name.end(), '-', '_');  // the OpenAPI operationId is derived from it
    router.Add("POST", path, route_name, [&deps, action](Request& req) {
      return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
        return Respond((deps.app.escalations.*action)(caller, req.Param("hub"), req.Param("escalation")),
                       [](const EscalationView& v) { return EscalationResponse(200, v); });
      });
    });
  }

  router.Add("GET", "/api/v1/hubs/{hub}/escalation-settings", "escalations.settings", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.escalations.Settings(caller, req.Param("hub")), SettingsResponse);
    });
  });

  router.Add("PUT", "/api/v1/hubs/{hub}/escalation-settings", "escalations.set_settings", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<boost::json::object> body = ParseJsonObject(req.body);
      if (!body.ok()) return ProblemResponse(body.status());
      FieldErrors errors;
      ObjectReader r(*body, "", errors);
      std::optional<double> delay = r.Number("delay_hours", true);
      std::optional<int64_t> hops = r.Int("hop_limit", true);
      r.RejectUnknown();
      if (!errors.empty()) return ProblemResponse(errors.ToStatus());
      int hop_limit = *hops < 0 || *hops > 100 ? 0 : static_cast<int>(*hops);
      return Respond(deps.app.escalations.SetSettings(caller, req.Param("hub"), *delay, hop_limit), SettingsResponse);
    });
  });
}

}  // namespace kin::http
