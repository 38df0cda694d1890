// /h/{slug}/escalations: a coordinator's view of escalation (issue 10): needs other hubs offered to this one (to
// accept, decline or send on), this hub's needs offered elsewhere (their state, who took them, and the hand-over
// to confirm or decline), and the hub's delay and hop limit. Every action is a plain form post (CSRF-checked)
// that redirects back; the need page carries the "offer to other hubs" button, posted to /needs/{need}/escalate.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "web/field_messages.h"
#include "web/local_time.h"
#include "web/member_hubs.h"
#include "web/need_escalations.h"
#include "web/need_form.h"
#include "web/page.h"
#include "web/pages.h"

namespace kin::web {
namespace {

namespace fed = kin::federation;

constexpr const char* kActions[] = {"accept", "decline", "forward", "confirm", "decline-handover"};

std::optional<HubRoles> Coordinator(PageContext& page, std::optional<http::Response>& answer) {
  if (!page.signed_in()) {
    answer = SignInFirst(page);
    return std::nullopt;
  }
  const std::string& slug = page.request().Param("slug");
  std::optional<HubRoles> h = MyRolesIn(page, slug);
  if (!h || !h->coordinator()) {
    answer = page.deps().app.hubs.Get(slug).ok() ? NotAllowed(page) : HubNotFoundPage(page);
    return std::nullopt;
  }
  return h;
}

// "@slug@host" for a kin hub's actor URL ("http(s)://host/federation/hubs/slug"), which people read more easily;
// any other actor URL as it is.
std::string ActorLabel(const std::string& url) {
  size_t scheme = url.find("://");
  size_t path = scheme == std::string::npos ? std::string::npos : url.find('/', scheme + 3);
  const std::string marker = "/federation/hubs/";
  if (path == std::string::npos || url.compare(path, marker.size(), marker) != 0) return url;
  std::string slug = url.substr(path + marker.size());
  if (slug.empty() || slug.find('/') != std::string::npos) return url;
  return "@" + slug + "@" + url.substr(scheme + 3, path - scheme - 3);
}

std::string HoursText(const EscalationSettings& s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", static_cast<double>(s.delay.count()) / 3600.0);
  return buf;
}

mustache::data Item(PageContext& page, const Hub& hub, const EscalationView& v) {
  const fed::Escalation& e = v.record;
  mustache::data item;
  item.set("slug", hub.slug);
  item.set("key", v.stored.key);
  item.set("state", page.T("esc.state." + v.stored.state));
  item.set("origin", ActorLabel(e.origin));
  item.set("category", CategoryLabel(page.lang(), e.need.category));
  char quantity[32];
  std::snprintf(quantity, sizeof quantity, "%g", e.need.quantity);
  item.set("quantity", quantity);
  if (!e.need.urgency.empty()) item.set("urgency", page.T("urgency." + e.need.urgency));
  if (e.need.area) {
    char area[64];
    std::snprintf(area, sizeof area, "%.3f, %.3f", e.need.area->center.lat, e.need.area->center.lon);
    item.set("area", area);
  }
  item.set("asked", std::to_string(e.downstream.size()));
  item.set("declined", std::to_string(e.declined.size()));
  if (!e.taker.empty()) item.set("taker", ActorLabel(e.taker));
  if (!v.stored.need.empty()) item.set("need", v.stored.need);
  item.set("since", FormatLocal(v.stored.updated_at, hub.settings.time_zone, page.lang()));
  bool deciding = e.state == fed::EscalationState::kReceived || e.state == fed::EscalationState::kForwarded;
  item.set("can_decide", mustache::data(deciding));
  item.set("can_forward", mustache::data(e.state == fed::EscalationState::kReceived));
  item.set("awaiting", mustache::data(e.state == fed::EscalationState::kAwaitingConfirm));
  return item;
}

http::Response EscalationsPage(PageContext& page, const HubRoles& h, int status, const std::string& error,
                               const std::string& notice, const std::string& delay, const std::string& hops) {
  Result<std::vector<EscalationView>> list = page.deps().app.escalations.List(page.caller(), h.hub.slug);
  if (!list.ok()) return Failure(page, list.status());
  Result<EscalationSettings> settings = page.deps().app.escalations.Settings(page.caller(), h.hub.slug);
  if (!settings.ok()) return Failure(page, settings.status());
  mustache::data incoming{mustache::data::type::list}, outgoing{mustache::data::type::list};
  bool any_in = false, any_out = false;
  for (const EscalationView& v : *list) {
    bool home = v.stored.role == "home";
    (home ? outgoing : incoming).push_back(Item(page, h.hub, v));
    (home ? any_out : any_in) = true;
  }
  mustache::data d;
  d.set("slug", h.hub.slug);
  d.set("has_incoming", mustache::data(any_in));
  d.set("incoming", incoming);
  d.set("has_outgoing", mustache::data(any_out));
  d.set("outgoing", outgoing);
  d.set("delay_hours", delay.empty() ? HoursText(*settings) : delay);
  d.set("hop_limit", hops.empty() ? std::to_string(settings->hop_limit) : hops);
  if (!notice.empty()) d.set("notice", notice);
  if (!error.empty()) {
    d.set("has_errors", mustache::data(true));
    d.set("form_error", error);
  }
  std::string title = page.T("esc.title", {{"hub", h.hub.settings.name}});
  return page.Render(status, "escalations", std::move(d), error.empty() ? title : page.T("form.error_prefix") + title);
}

int StatusOf(const Status& s) {
  switch (s.kind()) {
    case StatusKind::kInvalid: return 422;
    case StatusKind::kNotFound: return 404;
    case StatusKind::kConflict: return 409;
    case StatusKind::kForbidden: return 403;
    default: return 503;
  }
}

// The app's refusal in the reader's words.
std::string Refusal(PageContext& page, const Status& s) {
  if (s.kind() == StatusKind::kNotFound) return page.T("esc.err.nobody");
  if (s.kind() == StatusKind::kConflict) return page.T("esc.err.moved_on");
  if (s.kind() == StatusKind::kInvalid) return page.T("esc.err.invalid");
  return KindMessage(page.lang(), s.kind());
}

http::Response Show(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  std::optional<HubRoles> h = Coordinator(page, answer);
  if (!h) return *answer;
  std::string notice;
  if (std::optional<std::string> done = req.Query("done")) {
    for (const char* a : kActions) {
      if (*done == a) notice = page.T(std::string("esc.done.") + a);
    }
    if (*done == "settings") notice = page.T("esc.done.settings");
  }
  return EscalationsPage(page, *h, 200, "", notice, "", "");
}

http::Response Act(WebDeps& deps, http::Request& req, const std::string& action) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  std::optional<HubRoles> h = Coordinator(page, answer);
  if (!h) return *answer;
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  if (!page.CsrfOk(*form)) return EscalationsPage(page, *h, 403, page.T("err.csrf"), "", "", "");
  Escalations& esc = page.deps().app.escalations;
  const std::string& key = req.Param("key");
  const std::string& slug = h->hub.slug;
  Result<EscalationView> r = action == "accept"    ? esc.Accept(page.caller(), slug, key)
                             : action == "decline" ? esc.Decline(page.caller(), slug, key)
                             : action == "forward" ? esc.Forward(page.caller(), slug, key)
                             : action == "confirm" ? esc.ConfirmHandover(page.caller(), slug, key)
                                                   : esc.DeclineHandover(page.caller(), slug, key);
  // The need page's buttons bring the coordinator back to the need.
  if (r.ok() && form->Get("return") == "need" && r->stored.role == "home" && !r->stored.need.empty()) {
    return page.Redirect("/needs/" + r->stored.need + "?escalated=" + action);
  }
  if (r.ok()) return page.Redirect("/h/" + slug + "/escalations?done=" + action);
  return EscalationsPage(page, *h, StatusOf(r.status()), Refusal(page, r.status()), "", "", "");
}

http::Response SaveSettings(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  std::optional<HubRoles> h = Coordinator(page, answer);
  if (!h) return *answer;
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  std::string delay = form->Get("delay_hours"), hops = form->Get("hop_limit");
  if (!page.CsrfOk(*form)) return EscalationsPage(page, *h, 403, page.T("err.csrf"), "", delay, hops);
  char* end = nullptr;
  double hours = std::strtod(delay.c_str(), &end);
  bool hours_ok = !delay.empty() && end && *end == '\0' && std::isfinite(hours);
  long limit = std::strtol(hops.c_str(), &end, 10);
  bool hops_ok = !hops.empty() && end && *end == '\0';
  if (!hours_ok || !hops_ok) {
    return EscalationsPage(page, *h, 422, page.T(hours_ok ? "esc.err.hop_limit" : "esc.err.delay"), "", delay, hops);
  }
  Result<EscalationSettings> s = page.deps().app.escalations.SetSettings(
      page.caller(), h->hub.slug, hours, static_cast<int>(std::clamp<long>(limit, -1, 100)));
  if (s.ok()) return page.Redirect("/h/" + h->hub.slug + "/escalations?done=settings");
  bool delay_bad = !s.status().fields().empty() && s.status().fields()[0].field == "delay_hours";
  std::string message = s.status().kind() == StatusKind::kInvalid
                            ? page.T(delay_bad ? "esc.err.delay" : "esc.err.hop_limit")
                            : KindMessage(page.lang(), s.status().kind());
  return EscalationsPage(page, *h, StatusOf(s.status()), message, "", delay, hops);
}

// The need page's "offer to other hubs" button.
http::Response EscalateNeed(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  if (!page.signed_in()) return SignInFirst(page);
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  const std::string& need = req.Param("need");
  if (!page.CsrfOk(*form)) return page.Redirect("/needs/" + need + "?escalated=csrf");
  Result<EscalationView> r = page.deps().app.escalations.Escalate(page.caller(), NeedId{need});
  if (r.ok()) return page.Redirect("/needs/" + need + "?escalated=1");
  switch (r.status().kind()) {
    case StatusKind::kNotFound:
      if (r.status().message() == "no such need") return Failure(page, r.status());
      return page.Redirect("/needs/" + need + "?escalated=nobody");
    case StatusKind::kForbidden:
    case StatusKind::kUnauthenticated: return Failure(page, r.status());
    case StatusKind::kInvalid: return page.Redirect("/needs/" + need + "?escalated=place");
    case StatusKind::kConflict: return page.Redirect("/needs/" + need + "?escalated=already");
    default: return Failure(page, r.status());
  }
}

}  // namespace

bool AddNeedEscalations(PageContext& page, const Hub& hub, const NeedId& need, mustache::data& d) {
  Result<std::vector<EscalationView>> list = page.deps().app.escalations.OfNeed(page.caller(), need);
  if (!list.ok() || list->empty()) return false;  // not a coordinator here, or never escalated
  bool active = false;
  mustache::data items{mustache::data::type::list};
  for (const EscalationView& v : *list) {
    const fed::Escalation& e = v.record;
    bool home = e.role == fed::EscalationRole::kHome;
    mustache::data item = Item(page, hub, v);
    item.set("home", mustache::data(home));
    if (home) {
      std::string names;
      for (const std::string& hub_actor : e.downstream) names += (names.empty() ? "" : ", ") + ActorLabel(hub_actor);
      if (!names.empty()) item.set("asked_names", names);
    } else {
      item.set("came_from", ActorLabel(e.origin));
    }
    // Who took it matters only while it waits for confirmation or once it went there.
    bool taken = e.state == fed::EscalationState::kAwaitingConfirm || e.state == fed::EscalationState::kHandedOver;
    if (!home || !taken) item.set("taker", mustache::data(false));
    active = active || (home && (e.state == fed::EscalationState::kOffered ||
                                 e.state == fed::EscalationState::kAwaitingConfirm));
    items.push_back(item);
  }
  d.set("has_escalations", mustache::data(true));
  d.set("escalations", items);
  return active;
}

void RegisterEscalationPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/h/{slug}/escalations", "web.escalations", [&deps](http::Request& req) { return Show(deps, req); });
  router.Add("POST", "/h/{slug}/escalations/settings", "web.escalations.settings",
             [&deps](http::Request& req) { return SaveSettings(deps, req); });
  for (const char* action : kActions) {
    std::string a = action;
    router.Add("POST", "/h/{slug}/escalations/{key}/" + a, "web.escalations." + a,
               [&deps, a](http::Request& req) { return Act(deps, req, a); });
  }
  router.Add("POST", "/needs/{need}/escalate", "web.need.escalate",
             [&deps](http::Request& req) { return EscalateNeed(deps, req); });
}

}  // namespace kin::web
