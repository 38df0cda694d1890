// Federation (issue 10): the offers and needs hubs we follow share with ours (members of the hub), and the public
// directory of hubs near a point. The work is in app/federated_sharing.h.
#include <cmath>

#include <boost/json/serialize.hpp>

#include "federation/directory_codec.h"
#include "http/api_support.h"
#include "http/problem.h"

namespace kin::http {
namespace {

void WriteReceived(JsonWriter& w, const ReceivedShareView& v) {
  const ReceivedShare& s = v.share;
  w.BeginObject()
      .Field("object_id", s.object_id)
      .Key("hub")
      .BeginObject()
      .Field("actor", s.remote_actor)
      .Field("name", v.hub_name)
      .Field("url", v.hub_url)
      .EndObject()
      .Field("kind", s.kind)
      .Field("category", s.category)
      .Field("quantity", s.quantity)
      .Field("unit", s.unit);
  if (s.available) w.Field("available", *s.available);
  if (!s.period.empty()) w.Field("period", s.period);
  if (!s.urgency.empty()) w.Field("urgency", s.urgency);
  w.Key("area");
  if (s.center) {
    w.BeginObject()
        .Field("lat", s.center->lat)
        .Field("lon", s.center->lon)
        .Field("radius_m", static_cast<int64_t>(std::lround(s.radius_m)))
        .EndObject();
  } else {
    w.Null();
  }
  if (v.distance_m) w.Field("distance_m", static_cast<int64_t>(std::lround(*v.distance_m)));
  w.Field("name", s.name).Field("language", s.language);
  if (!s.summary.empty()) w.Field("summary", s.summary);
  w.Key("published").Time(s.published).Key("updated").Time(s.updated).Key("received_at").Time(s.received_at);
  w.EndObject();
}

}  // namespace

void RegisterFederatedSharingRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/hubs/{hub}/federation/shared", "federation.shared_with_us", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.federated_sharing.Received(caller, req.Param("hub")),
                     [](const std::vector<ReceivedShareView>& items) {
                       JsonWriter w;
                       w.BeginObject().Key("items").BeginArray();
                       for (const ReceivedShareView& v : items) WriteReceived(w, v);
                       w.EndArray().EndObject();
                       return JsonResponse(200, w);
                     });
    });
  });

  // Public, like the intake: anyone looking for mutual aid near them, signed in or not; limited per address.
  router.Add("GET", "/api/v1/directory", "directory.near", [&deps](Request& req) {
    Status s = CheckQuery(req, {"near"});
    if (!s.ok()) return ProblemResponse(s);
    if (int wait = deps.wait_seconds("intake:directory:" + req.remote_address); wait > 0) {
      return RateLimitedResponse(wait, "too many requests from this connection; wait a little");
    }
    std::optional<std::string> near = req.Query("near");
    // A bad point is a bad request (400) rather than a bad document (422): there is no body, only the query.
    if (!near) {
      return ProblemResponse(Status::InvalidField("near", "is required: give LAT,LON, e.g. 40.41,-3.70"), 400,
                             "Bad request");
    }
    Result<DirectoryAnswer> answer = deps.app.federated_sharing.Directory(*near);
    if (!answer.ok()) {
      return answer.status().kind() == StatusKind::kInvalid ? ProblemResponse(answer.status(), 400, "Bad request")
                                                            : ProblemResponse(answer.status());
    }
    return Response::Text(200, boost::json::serialize(federation::DirectoryJson(answer->near, answer->entries)),
                          "application/json");
  });
}

}  // namespace kin::http
