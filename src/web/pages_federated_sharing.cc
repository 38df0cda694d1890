// Federation (issue 10), what people see of other hubs: /h/{slug}/nearby lists to the hub's members the offers
// and needs the hubs it follows share (kind, category, quantity, urgency, approximate area and its distance from
// our hub, which hub, how long ago); /directory is the public "find mutual aid near me" form and its answer.
#include <cmath>
#include <cstdio>

#include "web/member_hubs.h"
#include "web/need_form.h"
#include "web/page.h"
#include "web/pages.h"

namespace kin::web {
namespace {

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", std::round(v * 100) / 100);
  return buf;
}

std::string Km(Lang lang, Meters m) {
  char buf[32];
  std::snprintf(buf, sizeof buf, m < 10000 ? "%.1f" : "%.0f", m / 1000);
  std::string s = buf;
  if (lang == Lang::kEs) {
    if (size_t dot = s.find('.'); dot != std::string::npos) s[dot] = ',';
  }
  return s;
}

std::string Ago(const PageContext& page, Timestamp then, Timestamp now) {
  int64_t minutes = std::chrono::duration_cast<std::chrono::minutes>(now - then).count();
  if (minutes < 60) return page.T("nearby.ago.minutes", {{"n", std::to_string(minutes < 1 ? 1 : minutes)}});
  if (minutes < 48 * 60) return page.T("nearby.ago.hours", {{"n", std::to_string(minutes / 60)}});
  return page.T("nearby.ago.days", {{"n", std::to_string(minutes / (24 * 60))}});
}

std::string Words(const PageContext& page, const std::vector<std::string>& words, const char* prefix) {
  std::string out;
  for (const std::string& w : words) {
    std::string key = prefix + w;
    out += (out.empty() ? "" : ", ") + (HasMessage(page.lang(), key) ? page.T(key) : w);
  }
  return out;
}

mustache::data ItemData(PageContext& page, const ReceivedShareView& v, Timestamp now) {
  const ReceivedShare& s = v.share;
  mustache::data d;
  d.set("kind", page.T(s.kind == "offer" ? "nearby.kind.offer" : "nearby.kind.need"));
  d.set("category", CategoryLabel(page.lang(), s.category));
  // "one" is the unit a need without one is published with: "3", not "3 one".
  std::string amount = Number(s.quantity) + (s.unit.empty() || s.unit == "one" ? "" : " " + s.unit);
  if (!s.period.empty() && HasMessage(page.lang(), "offer.period." + s.period)) {
    amount += " " + page.T("offer.period." + s.period);
  }
  d.set("amount", amount);
  if (s.available) d.set("available", page.T("nearby.available", {{"n", Number(*s.available)}}));
  if (std::optional<Urgency> u = ParseUrgency(s.urgency)) d.set("urgency", UrgencyLabel(page.lang(), *u));
  if (v.distance_m) {
    d.set("area", page.T("nearby.area_distance", {{"km", Km(page.lang(), *v.distance_m)},
                                                  {"radius", Km(page.lang(), s.radius_m)}}));
  } else {
    d.set("area", page.T(s.center ? "nearby.area_unknown_distance" : "nearby.area_none"));
  }
  d.set("hub_name", v.hub_name);
  d.set("hub_url", v.hub_url);
  d.set("ago", Ago(page, s.updated, now));
  if (!s.summary.empty()) d.set("summary", s.summary);
  return d;
}

http::Response Nearby(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  if (!page.signed_in()) return SignInFirst(page);
  const std::string& slug = req.Param("slug");
  std::optional<HubRoles> h = MyRolesIn(page, slug);
  if (!h) return deps.app.hubs.Get(slug).ok() ? NotAllowed(page) : HubNotFoundPage(page);
  Result<std::vector<ReceivedShareView>> items = deps.app.federated_sharing.Received(page.caller(), slug);
  if (!items.ok()) return Failure(page, items.status());
  Timestamp now = deps.app.clock().Now();
  mustache::data offers{mustache::data::type::list}, needs{mustache::data::type::list};
  for (const ReceivedShareView& v : *items) {
    (v.share.kind == "offer" ? offers : needs).push_back(ItemData(page, v, now));
  }
  mustache::data d;
  d.set("slug", slug);
  d.set("hub_name", h->hub.settings.name);
  d.set("coordinator", mustache::data(h->coordinator()));
  d.set("needs", needs);
  d.set("offers", offers);
  d.set("has_needs", mustache::data(!needs.is_empty_list()));
  d.set("has_offers", mustache::data(!offers.is_empty_list()));
  return page.Render(200, "nearby", std::move(d), page.T("nearby.title", {{"hub", h->hub.settings.name}}));
}

http::Response DirectoryPage(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  mustache::data d;
  std::optional<std::string> near = req.Query("near");
  d.set("near", near.value_or(""));
  int status = 200;
  if (near) {
    if (int wait = deps.rate_limit("intake:directory:" + req.remote_address); wait > 0) {
      return page.Message(429, page.T("err.kind.rate_limited"), page.T("directory.slow_down"), "/directory",
                          page.T("directory.heading"));
    }
    Result<DirectoryAnswer> answer = deps.app.federated_sharing.Directory(*near);
    if (!answer.ok()) {
      status = 422;
      d.set("error", page.T("directory.err.near"));
    } else {
      mustache::data list{mustache::data::type::list};
      for (const federation::DirectoryEntry& e : answer->entries) {
        mustache::data item;
        item.set("name", e.hub.name);
        item.set("url", e.hub.url);
        item.set("distance", page.T(e.covers ? "directory.covers" : "directory.distance",
                                    {{"km", Km(page.lang(), e.distance_m)}, {"edge", Km(page.lang(), e.to_edge_m)}}));
        if (!e.hub.categories.empty()) item.set("categories", Words(page, e.hub.categories, "category."));
        if (!e.hub.languages.empty()) item.set("languages", Words(page, e.hub.languages, "lang.name."));
        list.push_back(item);
      }
      d.set("searched", mustache::data(true));
      d.set("has_hubs", mustache::data(!answer->entries.empty()));
      d.set("hubs", list);
    }
  }
  std::string title = page.T("directory.title");
  return page.Render(status, "directory", std::move(d), status == 200 ? title : page.T("form.error_prefix") + title);
}

}  // namespace

void RegisterFederatedSharingPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/h/{slug}/nearby", "web.nearby", [&deps](http::Request& req) { return Nearby(deps, req); });
  router.Add("GET", "/directory", "web.directory", [&deps](http::Request& req) { return DirectoryPage(deps, req); });
}

}  // namespace kin::web
