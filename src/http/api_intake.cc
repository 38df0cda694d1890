// Intake's API: merging a need into another as its duplicate.
#include "http/api_support.h"
#include "http/json_codec.h"
#include "http/json_reader.h"

namespace kin::http {

void RegisterIntakeRoutes(Router& router, ApiDeps& deps) {
  router.Add("POST", "/api/v1/needs/{need}/merge", "needs.merge", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<boost::json::object> body = ParseJsonObject(req.body);
      if (!body.ok()) return ProblemResponse(body.status());
      FieldErrors errors;
      ObjectReader r(*body, "", errors);
      std::optional<std::string> into = r.String("into", /*required=*/true);
      r.RejectUnknown();
      if (into && into->empty()) errors.Add("into", "is required");
      if (!errors.empty()) return ProblemResponse(errors.ToStatus());
      return Respond(deps.app.intake.Merge(caller, NeedId{req.Param("need")}, NeedId{*into}),
                     [](const NeedView& v) {
                       JsonWriter w;
                       WriteNeedView(w, v);
                       return JsonResponse(200, w);
                     });
    });
  });
}

}  // namespace kin::http
