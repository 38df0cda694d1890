// Matches: claiming a need, a coordinator's pairing, and the helper's answers and progress.
#include "http/api_support.h"
#include "http/json_codec.h"

namespace kin::http {
namespace {

Response MatchResponse(int status, const Match& match) {
  JsonWriter w;
  WriteMatch(w, match);
  return JsonResponse(status, w);
}

struct ActionRoute {
  const char* verb;
  MatchAction action;
};

}  // namespace

void RegisterMatchRoutes(Router& router, ApiDeps& deps) {
  for (bool claim : {true, false}) {
    router.Add("POST", claim ? "/api/v1/needs/{need}/claim" : "/api/v1/needs/{need}/pair",
               claim ? "needs.claim" : "needs.pair", [&deps, claim](Request& req) {
                 return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
                   Result<boost::json::object> body = ParseJsonObject(req.body);
                   if (!body.ok()) return ProblemResponse(body.status());
                   FieldErrors errors;
                   ObjectReader r(*body, "", errors);
                   std::optional<std::string> offer = r.String("offer", true);
                   std::string note = r.String("note").value_or("");
                   r.RejectUnknown();
                   if (!errors.empty()) return ProblemResponse(errors.ToStatus());
                   NeedId need{req.Param("need")};
                   Result<Match> match = claim ? deps.app.matches.Claim(caller, need, OfferId{*offer}, note)
                                               : deps.app.matches.Pair(caller, need, OfferId{*offer}, note);
                   return Respond(match, [](const Match& m) { return MatchResponse(201, m); });
                 });
               });
  }

  router.Add("GET", "/api/v1/hubs/{hub}/matches", "matches.list", [&deps](Request& req) {
    return WithCaller(deps, req, {"limit", "cursor", "need", "helper", "status"}, false, [&](const Caller& caller) {
      Result<PageRequest> page = PageOf(req);
      if (!page.ok()) return ProblemResponse(page.status());
      MatchFilter filter;
      if (auto n = req.Query("need")) filter.need = NeedId{*n};
      if (auto h = req.Query("helper")) filter.helper = MemberId{*h};
      if (auto s = req.Query("status")) {
        filter.status = ParseMatchStatus(*s);
        if (!filter.status) {
          return ProblemResponse(Status::InvalidField(
              "status", "must be one of: proposed, accepted, in_progress, completed, declined, released, cancelled"));
        }
      }
      return Respond(deps.app.matches.List(caller, req.Param("hub"), filter, *page),
                     [](const Page<Match>& p) { return Response::Json(200, EncodePage(p, WriteMatch)); });
    });
  });

  router.Add("GET", "/api/v1/matches/{match}", "matches.get", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.matches.Get(caller, MatchId{req.Param("match")}),
                     [](const Match& m) { return MatchResponse(200, m); });
    });
  });

  for (ActionRoute a : {ActionRoute{"accept", MatchAction::kAccept}, ActionRoute{"decline", MatchAction::kDecline},
                        ActionRoute{"start", MatchAction::kStart}, ActionRoute{"complete", MatchAction::kComplete},
                        ActionRoute{"release", MatchAction::kRelease}}) {
    MatchAction action = a.action;
    router.Add("POST", std::string("/api/v1/matches/{match}/") + a.verb, std::string("matches.") + a.verb,
               [&deps, action](Request& req) {
                 return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
                   Result<std::string> reason = OptionalReason(req);
                   if (!reason.ok()) return ProblemResponse(reason.status());
                   return Respond(deps.app.matches.Act(caller, MatchId{req.Param("match")}, action, *reason),
                                  [](const Match& m) { return MatchResponse(200, m); });
                 });
               });
  }
}

}  // namespace kin::http
