// The directory of hubs and each hub's home: what it does, how to ask, how to join.
#include "store/store.h"
#include "web/need_form.h"
#include "web/page.h"
#include "web/pages.h"

namespace kin::web {
namespace {

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

http::Response Directory(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  PageRequest request;
  request.limit = 50;
  if (std::optional<std::string> after = req.Query("after"); after && IsValidCursor(*after)) request.after = *after;
  Result<Page<Hub>> listed = deps.app.hubs.List(request);
  if (!listed.ok()) {
    return page.Message(503, page.T("err.kind.unavailable"), KindMessage(page.lang(), listed.status().kind()));
  }
  const Page<Hub>& hubs = *listed;
  mustache::data list{mustache::data::type::list};
  for (const Hub& h : hubs.items) {
    mustache::data item;
    item.set("slug", h.slug);
    item.set("name", h.settings.name);
    if (!h.settings.description.empty()) item.set("description", h.settings.description);
    list.push_back(item);
  }
  mustache::data d;
  d.set("hubs", list);
  d.set("has_hubs", mustache::data(!hubs.items.empty()));
  if (!hubs.next.empty()) d.set("next", hubs.next);
  return page.Render(200, "home", std::move(d), page.T("home.title"));
}

http::Response HubHome(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  Result<Hub> hub = deps.app.hubs.Get(req.Param("slug"));
  if (!hub.ok()) return page.Message(404, page.T("hub.not_found"), page.T("hub.not_found_text"), "/", page.T("common.home"));
  // Federation (issue 10): an ActivityPub client given the hub's page (someone pasted its link into a Mastodon
  // search) is sent to the hub's actor document.
  const std::string& accept = req.Header("accept");
  if (accept.find("application/activity+json") != std::string::npos ||
      accept.find("application/ld+json") != std::string::npos) {
    return page.Redirect(deps.app.federation.HubActorUrl(hub->slug));
  }
  const HubSettings& s = hub->settings;
  std::vector<std::string> categories, languages;
  for (const std::string& c : s.categories) categories.push_back(CategoryLabel(page.lang(), c));
  for (const std::string& l : s.languages) {
    std::string key = "lang.name." + l;
    languages.push_back(HasMessage(page.lang(), key) ? page.T(key) : l);
  }
  mustache::data d;
  d.set("hub_name", s.name);
  d.set("slug", hub->slug);
  if (!s.description.empty()) d.set("description", s.description);
  d.set("intake_open", mustache::data(s.intake_open));
  d.set("categories", Joined(categories));
  d.set("languages", Joined(languages));
  d.set("time_zone", s.time_zone);
  return page.Render(200, "hub", std::move(d), s.name);
}

}  // namespace

void RegisterHubPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/", "web.home", [&deps](http::Request& req) { return Directory(deps, req); });
  router.Add("GET", "/h/{slug}", "web.hub", [&deps](http::Request& req) { return HubHome(deps, req); });
}

http::Response PageError(WebDeps& deps, http::Request& req, int status) {
  PageContext page(deps, req);
  if (status == 413) {  // a form (an import's file) over the server's body limit: back to the form
    return page.Message(413, page.T("toolarge.title"), page.T("toolarge.text"), req.path, page.T("toolarge.back"));
  }
  if (status == 405) {
    return page.Message(405, page.T("notallowed.method_title"), page.T("notallowed.method_text"), "/",
                        page.T("common.home"));
  }
  return page.Message(404, page.T("notfound.page_title"), page.T("notfound.page_text"), "/", page.T("common.home"));
}

}  // namespace kin::web
