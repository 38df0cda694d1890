// /h/{slug}/federation: a coordinator's view of the hub's federation (issue 10): the hub's address for other
// servers, a form to follow another hub, the follow requests to approve or refuse, the followers, and whom the hub
// follows with the state of each. Every action is a plain form post (CSRF-checked) that redirects back.
#include <cstdio>

#include "web/field_messages.h"
#include "web/local_time.h"
#include "web/member_hubs.h"
#include "web/page.h"
#include "web/pages.h"

namespace kin::web {
namespace {

std::optional<HubRoles> Coordinator(PageContext& page, std::optional<http::Response>& answer) {
  return RequireHubAccess(page, page.request().Param("slug"), HubAccess::kCoordinator, answer);
}

mustache::data Rows(PageContext& page, const std::vector<HubFollow>& follows, const Hub& hub) {
  mustache::data list{mustache::data::type::list};
  for (const HubFollow& f : follows) {
    mustache::data item;
    item.set("slug", hub.slug);
    item.set("actor", f.remote_actor);
    item.set("handle", f.remote_handle);
    item.set("state", page.T(std::string("fed.state.") + FollowStateName(f.state)));
    item.set("since", FormatLocal(f.updated_at, hub.settings.time_zone, page.lang()));
    list.push_back(item);
  }
  return list;
}

http::Response FederationPage(PageContext& page, const HubRoles& h, int status, const FormErrors& errors,
                              const std::string& target, const std::string& notice) {
  Result<FederationView> view = page.deps().app.federation.View(page.caller(), h.hub.slug);
  if (!view.ok()) return Failure(page, view.status());
  mustache::data d;
  d.set("slug", h.hub.slug);
  d.set("hub_name", h.hub.settings.name);
  d.set("handle", "@" + h.hub.slug + "@" + page.deps().app.federation.Host());
  d.set("actor_url", page.deps().app.federation.HubActorUrl(h.hub.slug));
  d.set("target", target);
  if (!notice.empty()) d.set("notice", notice);
  d.set("requests", Rows(page, view->requests, h.hub));
  d.set("has_requests", mustache::data(!view->requests.empty()));
  d.set("followers", Rows(page, view->followers, h.hub));
  d.set("has_followers", mustache::data(!view->followers.empty()));
  d.set("following", Rows(page, view->following, h.hub));
  d.set("has_following", mustache::data(!view->following.empty()));
  page.AddErrors(d, errors, {{"target", {"fed.target", ""}}});
  std::string title = page.T("fed.title", {{"hub", h.hub.settings.name}});
  return page.Render(status, "federation", std::move(d), errors.empty() ? title : page.T("form.error_prefix") + title);
}

http::Response Show(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  std::optional<HubRoles> h = Coordinator(page, answer);
  if (!h) return *answer;
  std::string notice;
  for (const char* done : {"followed", "approved", "rejected", "unfollowed"}) {
    if (req.Query(done)) notice = page.T(std::string("fed.done.") + done);
  }
  return FederationPage(page, *h, 200, FormErrors(), "", notice);
}

// Runs one action from a posted form and redirects back, or re-renders the page with what went wrong.
template <typename Act>
http::Response Post(WebDeps& deps, http::Request& req, const char* done, Act act) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  std::optional<HubRoles> h = Coordinator(page, answer);
  if (!h) return *answer;
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return FederationPage(page, *h, 403, errors, form->Get("target"), "");
  }
  Status s = act(page, h->hub.slug, *form);
  if (s.ok()) return page.Redirect("/h/" + h->hub.slug + "/federation?" + done + "=1");
  int status = s.kind() == StatusKind::kInvalid     ? 422
               : s.kind() == StatusKind::kNotFound  ? 404
               : s.kind() == StatusKind::kConflict  ? 409
               : s.kind() == StatusKind::kForbidden ? 403
                                                    : 503;
  if (s.kind() == StatusKind::kInvalid && !s.fields().empty() && s.fields()[0].field == "target") {
    // The app's reason (which server, what it answered) goes to the log; the page says it in the reader's words.
    std::fprintf(stderr, "kin: following from /h/%s/federation refused: %s\n", h->hub.slug.c_str(),
                 s.fields()[0].message.c_str());
    errors.Add("target", form->Get("target").empty() ? page.T("fed.err.target_empty") : page.T("fed.err.target"));
  } else {
    errors.SetForm(KindMessage(page.lang(), s.kind()));
  }
  return FederationPage(page, *h, status, errors, form->Get("target"), "");
}

}  // namespace

void RegisterFederationPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/h/{slug}/federation", "web.federation", [&deps](http::Request& req) { return Show(deps, req); });
  router.Add("POST", "/h/{slug}/federation/follow", "web.federation.follow", [&deps](http::Request& req) {
    return Post(deps, req, "followed", [](PageContext& page, const std::string& slug, const Form& form) {
      return page.deps().app.federation.FollowRemote(page.caller(), slug, form.Get("target")).status();
    });
  });
  router.Add("POST", "/h/{slug}/federation/approve", "web.federation.approve", [&deps](http::Request& req) {
    return Post(deps, req, "approved", [](PageContext& page, const std::string& slug, const Form& form) {
      return page.deps().app.federation.Approve(page.caller(), slug, form.Get("actor")).status();
    });
  });
  router.Add("POST", "/h/{slug}/federation/reject", "web.federation.reject", [&deps](http::Request& req) {
    return Post(deps, req, "rejected", [](PageContext& page, const std::string& slug, const Form& form) {
      return page.deps().app.federation.Reject(page.caller(), slug, form.Get("actor")).status();
    });
  });
  router.Add("POST", "/h/{slug}/federation/unfollow", "web.federation.unfollow", [&deps](http::Request& req) {
    return Post(deps, req, "unfollowed", [](PageContext& page, const std::string& slug, const Form& form) {
      return page.deps().app.federation.Unfollow(page.caller(), slug, form.Get("actor"));
    });
  });
}

}  // namespace kin::web
