// Federation (issue 10): the documents peers read (WebFinger, actors, collections), the inboxes, and the
// coordinators' API for following other hubs and approving who follows theirs. The work is in app/federation.h.
#include <cstdio>

#include "app/federation_outbox.h"
#include "http/api_support.h"

namespace kin::http {
namespace {

Response Document(const Result<std::string>& doc, const char* content_type) {
  if (!doc.ok()) return ProblemResponse(doc.status());
  Response r = Response::Text(200, *doc, content_type);
  // Documents of public actors: peers may cache them briefly.
  r.SetHeader("Cache-Control", "max-age=60");
  r.SetHeader("Access-Control-Allow-Origin", "*");
  return r;
}

Response ActivityDocument(const Result<std::string>& doc) { return Document(doc, "application/activity+json"); }

int HttpStatusOf(InboxVerdict v) {
  switch (v) {
    case InboxVerdict::kAccepted: return 202;
    case InboxVerdict::kDuplicate: return 200;
    case InboxVerdict::kIgnored: return 202;
    case InboxVerdict::kTooLarge: return 413;
    case InboxVerdict::kUnsupportedMedia: return 415;
    case InboxVerdict::kMalformed: return 400;
    case InboxVerdict::kUnauthenticated: return 401;
    case InboxVerdict::kForbidden: return 403;
    case InboxVerdict::kNotFound: return 404;
  }
  return 400;
}

Response Inbox(ApiDeps& deps, Request& req, const std::string& slug) {
  // Before any signature is checked or key fetched: that work is what a flood would make this server do.
  if (int wait = deps.wait_seconds("inbox:" + req.remote_address); wait > 0) {
    std::fprintf(stderr, "kin: inbox %s answered 429: too many activities from %s\n",
                 slug.empty() ? "(shared)" : slug.c_str(), req.remote_address.c_str());
    return RateLimitedResponse(wait, "too many activities from this address; retry after the wait");
  }
  InboxRequest in;
  in.method = req.method;
  in.target = req.target;
  in.headers.assign(req.headers.begin(), req.headers.end());
  in.body = req.body;
  in.hub_slug = slug;
  InboxOutcome out = deps.app.federation.Receive(in);
  int status = HttpStatusOf(out.verdict);
  if (out.verdict != InboxVerdict::kAccepted) {
    // Every refusal and every ignored activity is logged; the log names no person (actors here are servers' ids).
    std::fprintf(stderr, "kin: inbox %s answered %d: %s\n", slug.empty() ? "(shared)" : slug.c_str(), status,
                 out.detail.c_str());
  }
  if (status >= 400) {
    const char* title = status == 415 ? "Unsupported media type" : status == 400 ? "Bad request" : nullptr;
    Status problem = status == 401   ? Status::Unauthenticated(out.detail)
                     : status == 403 ? Status::Forbidden(out.detail)
                     : status == 404 ? Status::NotFound(out.detail)
                     : status == 413 ? Status::TooLarge(out.detail)
                                     : Status::Invalid(out.detail);
    Response r = ProblemResponse(problem, status, title);
    if (status == 401) r.SetHeader("WWW-Authenticate", "Signature headers=\"(request-target) host date digest\"");
    return r;
  }
  return Response::Text(status, "", "text/plain; charset=utf-8");
}

void WriteFollow(JsonWriter& w, const HubFollow& f) {
  w.BeginObject()
      .Field("actor", f.remote_actor)
      .Field("handle", f.remote_handle)
      .Field("direction", FollowDirectionName(f.direction))
      .Field("state", FollowStateName(f.state))
      .Key("created_at")
      .Time(f.created_at)
      .Key("updated_at")
      .Time(f.updated_at)
      .EndObject();
}

Response FollowList(const std::vector<HubFollow>& list) {
  JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  for (const HubFollow& f : list) WriteFollow(w, f);
  w.EndArray().EndObject();
  return JsonResponse(200, w);
}

Response FollowResponse(int status, const HubFollow& f) {
  JsonWriter w;
  WriteFollow(w, f);
  return JsonResponse(status, w);
}

// A hub's outbox: the collection with its newest page, or `?page=N` (1 is the newest, 20 a page).
Response Outbox(ApiDeps& deps, Request& req) {
  const std::string& slug = req.Param("hub");
  Status s = CheckQuery(req, {"page"});
  std::optional<std::string> page = req.Query("page");
  if (!s.ok()) return ProblemResponse(s, 400, "Bad request");
  if (!page) return ActivityDocument(deps.app.federation.Outbox(slug));
  int number = 0;
  bool digits = !page->empty() && page->size() <= 6;
  for (char c : *page) {
    digits = digits && c >= '0' && c <= '9';
    if (digits) number = number * 10 + (c - '0');
  }
  std::string collection = deps.app.federation.HubActorUrl(slug) + "/outbox";
  Result<OutboxPage> read = ReadOutboxPage(deps.app.store(), slug, collection, digits ? number : 0);
  if (!read.ok() && read.status().kind() == StatusKind::kInvalid) return ProblemResponse(read.status(), 400, "Bad request");
  if (!read.ok()) return ProblemResponse(read.status());
  return ActivityDocument(federation::OrderedCollectionPageJson(read->page));
}

}  // namespace

void RegisterFederationRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/.well-known/webfinger", "federation.webfinger", [&deps](Request& req) {
    Status s = CheckQuery(req, {"resource", "rel"});
    std::optional<std::string> resource = req.Query("resource");
    if (s.ok() && (!resource || resource->empty())) {
      s = Status::InvalidField("resource", "is required: acct:SLUG@HOST");
    }
    if (!s.ok()) return ProblemResponse(s, 400, "Bad request");
    Result<std::string> jrd = deps.app.federation.WebFinger(*resource);
    if (!jrd.ok() && jrd.status().kind() == StatusKind::kInvalid) return ProblemResponse(jrd.status(), 400, "Bad request");
    return Document(jrd, "application/jrd+json");
  });
  router.Add("GET", "/federation/actor", "federation.instance_actor",
             [&deps](Request&) { return ActivityDocument(deps.app.federation.InstanceActor()); });
  router.Add("GET", "/federation/actor/outbox", "federation.instance_outbox",
             [&deps](Request&) { return ActivityDocument(deps.app.federation.Outbox("")); });
  router.Add("GET", "/federation/hubs/{hub}", "federation.actor",
             [&deps](Request& req) { return ActivityDocument(deps.app.federation.HubActor(req.Param("hub"))); });
  router.Add("GET", "/federation/hubs/{hub}/outbox", "federation.outbox",
             [&deps](Request& req) { return Outbox(deps, req); });
  router.Add("GET", "/federation/hubs/{hub}/followers", "federation.followers",
             [&deps](Request& req) { return ActivityDocument(deps.app.federation.Followers(req.Param("hub"))); });
  router.Add("GET", "/federation/hubs/{hub}/following", "federation.following",
             [&deps](Request& req) { return ActivityDocument(deps.app.federation.Following(req.Param("hub"))); });
  // Ids of what a hub publishes are dereferenceable, as ActivityPub asks: its public activities and the
  // Proposals and Notes of what it shares now.
  router.Add("GET", "/federation/hubs/{hub}/activities/{activity}", "federation.activity", [&deps](Request& req) {
    return ActivityDocument(deps.app.federation.PublicActivity(req.Param("hub"), req.Param("activity")));
  });
  router.Add("GET", "/federation/hubs/{hub}/shared/{kind}/{item}", "federation.shared_object", [&deps](Request& req) {
    return ActivityDocument(
        deps.app.sharing.PublicObject(req.Param("hub"), req.Param("kind"), req.Param("item"), false));
  });
  router.Add("GET", "/federation/hubs/{hub}/shared/{kind}/{item}/note", "federation.shared_note",
             [&deps](Request& req) {
               return ActivityDocument(
                   deps.app.sharing.PublicObject(req.Param("hub"), req.Param("kind"), req.Param("item"), true));
             });
  router.Add("POST", "/federation/hubs/{hub}/inbox", "federation.inbox",
             [&deps](Request& req) { return Inbox(deps, req, req.Param("hub")); });
  router.Add("POST", "/federation/inbox", "federation.shared_inbox",
             [&deps](Request& req) { return Inbox(deps, req, ""); });

  // Coordinators: whom the hub follows, its followers and the requests waiting.
  auto list = [&deps](const char* which) {
    std::string part = which;
    return [&deps, part](Request& req) {
      return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
        return Respond(deps.app.federation.View(caller, req.Param("hub")), [&](const FederationView& v) {
          return FollowList(part == "following" ? v.following : part == "followers" ? v.followers : v.requests);
        });
      });
    };
  };
  router.Add("GET", "/api/v1/hubs/{hub}/federation/following", "federation.api.following", list("following"));
  router.Add("GET", "/api/v1/hubs/{hub}/federation/followers", "federation.api.followers", list("followers"));
  router.Add("GET", "/api/v1/hubs/{hub}/federation/requests", "federation.api.requests", list("requests"));

  router.Add("POST", "/api/v1/hubs/{hub}/federation/following", "federation.api.follow", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<std::string> target = OneString(req, "target");
      if (!target.ok()) return ProblemResponse(target.status());
      return Respond(deps.app.federation.FollowRemote(caller, req.Param("hub"), *target),
                     [](const HubFollow& f) { return FollowResponse(201, f); });
    });
  });
  router.Add("POST", "/api/v1/hubs/{hub}/federation/unfollow", "federation.api.unfollow", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<std::string> actor = OneString(req, "actor");
      if (!actor.ok()) return ProblemResponse(actor.status());
      Status s = deps.app.federation.Unfollow(caller, req.Param("hub"), *actor);
      if (!s.ok()) return ProblemResponse(s);
      return NoContent();
    });
  });
  auto answer = [&deps](bool approve) {
    return [&deps, approve](Request& req) {
      return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
        Result<std::string> actor = OneString(req, "actor");
        if (!actor.ok()) return ProblemResponse(actor.status());
        Result<HubFollow> f = approve ? deps.app.federation.Approve(caller, req.Param("hub"), *actor)
                                      : deps.app.federation.Reject(caller, req.Param("hub"), *actor);
        return Respond(f, [](const HubFollow& x) { return FollowResponse(200, x); });
      });
    };
  };
  router.Add("POST", "/api/v1/hubs/{hub}/federation/approve", "federation.api.approve", answer(true));
  router.Add("POST", "/api/v1/hubs/{hub}/federation/reject", "federation.api.reject", answer(false));
}

}  // namespace kin::http
