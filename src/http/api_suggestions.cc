// Suggestions: what the allocation engine proposes in a hub, and people's answers to it.
#include "http/api_support.h"
#include "http/json_codec.h"
#include "http/json_reader.h"

namespace kin::http {
namespace {

void WriteSuggestion(JsonWriter& w, const Suggestion& s) {
  w.BeginObject()
      .Field("id", s.id.value)
      .Field("hub_id", s.hub.value)
      .Field("need_id", s.need.value)
      .Field("offer_id", s.offer.value)
      .Field("helper_id", s.helper.value)
      .Field("status", SuggestionStatusName(s.status));
  w.Key("why")
      .BeginObject()
      .Field("distance_m", s.why.distance_m)
      .Field("urgency", UrgencyName(s.why.urgency))
      .Field("waited_days", s.why.waited_days)
      .Field("helper_load_after", s.why.helper_load_after)
      .Field("helper_capacity", s.why.helper_capacity);
  w.Key("shared_languages").Strings(s.why.shared_languages);
  w.EndObject();
  w.Key("match_id");
  if (s.match) {
    w.String(s.match->value);
  } else {
    w.Null();
  }
  w.Field("reason", s.reason).Key("created_at").Time(s.created_at).Key("updated_at").Time(s.updated_at);
  w.EndObject();
}

Response SuggestionResponse(const Suggestion& s) {
  JsonWriter w;
  WriteSuggestion(w, s);
  return JsonResponse(200, w);
}

Response BoardResponse(const SuggestionBoard& board) {
  JsonWriter w;
  w.BeginObject().Key("suggestions").BeginArray();
  for (const Suggestion& s : board.suggestions) WriteSuggestion(w, s);
  w.EndArray().Key("unmet").BeginArray();
  for (const UnmetNeed& u : board.unmet) {
    w.BeginObject()
        .Field("need_id", u.need.value)
        .Field("cause", UnmetCauseName(u.cause))
        .Key("computed_at")
        .Time(u.computed_at)
        .EndObject();
  }
  w.EndArray().EndObject();
  return JsonResponse(200, w);
}

Response RunResponse(const SuggestionRun& run) {
  JsonWriter w;
  w.BeginObject()
      .Field("open_needs", run.open_needs)
      .Field("suggested", run.suggested)
      .Field("added", run.added)
      .Field("withdrawn", run.withdrawn)
      .Field("unmet", run.unmet)
      .EndObject();
  return JsonResponse(200, w);
}

Response OutcomesResponse(const std::vector<ConfirmOutcome>& outcomes) {
  JsonWriter w;
  w.BeginObject().Key("results").BeginArray();
  for (const ConfirmOutcome& o : outcomes) {
    w.BeginObject().Field("id", o.id.value).Field("confirmed", o.status.ok()).Key("match");
    if (o.match) {
      WriteMatch(w, *o.match);
    } else {
      w.Null();
    }
    w.Key("error");
    if (o.status.ok()) {
      w.Null();
    } else {
      w.BeginObject()
          .Field("status", HttpStatusFor(o.status.kind()))
          .Field("detail", o.status.message())
          .EndObject();
    }
    w.EndObject();
  }
  w.EndArray().EndObject();
  return JsonResponse(200, w);
}

}  // namespace

void RegisterSuggestionRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/hubs/{hub}/suggestions", "suggestions.list", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.suggestions.Board(caller, req.Param("hub")), BoardResponse);
    });
  });

  router.Add("POST", "/api/v1/hubs/{hub}/suggestions/refresh", "suggestions.refresh", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.suggestions.Refresh(caller, req.Param("hub")), RunResponse);
    });
  });

  router.Add("POST", "/api/v1/hubs/{hub}/suggestions/confirm", "suggestions.confirm_many", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<boost::json::object> body = JsonBodyOf(req);
      if (!body.ok()) return ProblemResponse(body.status());
      FieldErrors errors;
      ObjectReader r(*body, "", errors);
      std::optional<std::vector<std::string>> ids = r.Strings("suggestions");
      std::optional<bool> all = r.Bool("all");
      r.RejectUnknown();
      if (errors.empty() && ids.has_value() == all.value_or(false)) {
        errors.Add("suggestions", "give either a list of suggestion ids or \"all\": true");
      } else if (errors.empty() && ids && ids->empty()) {
        errors.Add("suggestions", "must list at least one suggestion id");
      }
      if (!errors.empty()) return ProblemResponse(errors.ToStatus());
      std::vector<SuggestionId> list;
      for (const std::string& id : ids.value_or(std::vector<std::string>{})) list.push_back(SuggestionId{id});
      return Respond(deps.app.suggestions.ConfirmMany(caller, req.Param("hub"), list), OutcomesResponse);
    });
  });

  router.Add("GET", "/api/v1/suggestions/{suggestion}", "suggestions.get", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.suggestions.Get(caller, SuggestionId{req.Param("suggestion")}), SuggestionResponse);
    });
  });

  router.Add("POST", "/api/v1/suggestions/{suggestion}/confirm", "suggestions.confirm", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.suggestions.Confirm(caller, SuggestionId{req.Param("suggestion")}),
                     SuggestionResponse);
    });
  });

  router.Add("POST", "/api/v1/suggestions/{suggestion}/accept", "suggestions.accept", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.suggestions.Accept(caller, SuggestionId{req.Param("suggestion")}),
                     SuggestionResponse);
    });
  });

  router.Add("POST", "/api/v1/suggestions/{suggestion}/decline", "suggestions.decline", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      Result<std::string> reason = OptionalReason(req);
      if (!reason.ok()) return ProblemResponse(reason.status());
      return Respond(deps.app.suggestions.Decline(caller, SuggestionId{req.Param("suggestion")}, *reason),
                     SuggestionResponse);
    });
  });
}

}  // namespace kin::http
