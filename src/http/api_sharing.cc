// Federation (issue 10): coordinators share an offer or a need with the servers following their hub, and stop
// sharing it. The work is in app/sharing.h. Sharing an item already shared answers 200 with the same record
// (201 the first time), so a retried request never publishes twice.
#include "http/api_support.h"

namespace kin::http {
namespace {

Response SharedResponse(const SharedRecord& r, bool published) {
  JsonWriter w;
  w.BeginObject()
      .Field("kind", r.kind)
      .Field("id", r.local_id)
      .Field("object_id", r.object_id)
      .Key("published")
      .Bool(published)
      .Key("shared_at")
      .Time(r.shared_at)
      .EndObject();
  return JsonResponse(200, w);
}

}  // namespace

void RegisterSharingRoutes(Router& router, ApiDeps& deps) {
  for (std::string kind : {"offer", "need"}) {
    std::string path = "/api/v1/" + kind + "s/{" + kind + "}/share";
    router.Add("POST", path, kind + "s.share", [&deps, kind](Request& req) {
      return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
        return Respond(deps.app.sharing.Share(caller, kind, req.Param(kind)), [](const ShareResult& r) {
          return SharedResponse(r.record, r.created);
        });
      });
    });
    router.Add("DELETE", path, kind + "s.unshare", [&deps, kind](Request& req) {
      return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
        Status s = deps.app.sharing.Unshare(caller, kind, req.Param(kind));
        if (!s.ok()) return ProblemResponse(s);
        return NoContent();
      });
    });
  }
}

}  // namespace kin::http
