// What a hub's coordinators use: the triage board (open needs by urgency and waiting time, stale ones flagged),
// invitations with their link, the hub's settings, and the event log. Pairing happens on a need's page.
#include "core/triage.h"
#include "web/local_time.h"
#include "web/member_hubs.h"
#include "web/need_form.h"
#include "web/pages.h"
#include "web/settings_form.h"

namespace kin::web {
namespace {

constexpr int kBoardLimit = 200;  // open needs one board shows; a hub with more has bigger problems to see
constexpr int kEventsPage = 50;

// The hub, if the caller coordinates it; else the page to answer with.
std::optional<HubRoles> Coordinating(PageContext& page, std::optional<http::Response>& answer) {
  return RequireHubAccess(page, page.request().Param("slug"), HubAccess::kCoordinator, answer);
}

http::Response Triage(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  std::optional<HubRoles> h = Coordinating(page, answer);
  if (!h) return *answer;
  NeedFilter filter;
  filter.status = NeedStatus::kOpen;
  Result<Page<Need>> open = deps.app.needs.List(page.caller(), h->hub.slug, filter, PageRequest{"", kBoardLimit});
  if (!open.ok()) return Failure(page, open.status());
  std::vector<Need> needs = std::move(open->items);
  SortForTriage(needs);
  Timestamp now = deps.app.clock().Now();
  mustache::data list{mustache::data::type::list};
  int stale = 0;
  for (const Need& n : needs) {
    mustache::data d;
    d.set("id", n.id.value);
    d.set("category", CategoryLabel(page.lang(), n.details.category));
    d.set("description", n.details.description);
    d.set("urgency", UrgencyLabel(page.lang(), n.details.urgency));
    d.set("urgency_name", UrgencyName(n.details.urgency));
    d.set("waiting", WaitingText(page.lang(), n.created_at, now));
    d.set("asked_at", FormatLocal(n.created_at, h->hub.settings.time_zone, page.lang()));
    if (!n.details.place.empty()) d.set("place", n.details.place);
    bool is_stale = IsStale(n, now);
    stale += is_stale;
    d.set("stale", mustache::data(is_stale));
    list.push_back(d);
  }
  // Needs waiting on a helper's answer to a pairing, so coordinators can chase them.
  filter.status = NeedStatus::kMatched;
  Result<Page<Need>> held = deps.app.needs.List(page.caller(), h->hub.slug, filter, PageRequest{"", kBoardLimit});
  mustache::data held_list{mustache::data::type::list};
  if (held.ok()) {
    for (const Need& n : held->items) {
      mustache::data d;
      d.set("id", n.id.value);
      d.set("category", CategoryLabel(page.lang(), n.details.category));
      d.set("description", n.details.description);
      d.set("since", WaitingText(page.lang(), n.updated_at, now));
      held_list.push_back(d);
    }
  }
  mustache::data d;
  d.set("slug", h->hub.slug);
  d.set("hub_name", h->hub.settings.name);
  d.set("needs", list);
  d.set("has_needs", mustache::data(!needs.empty()));
  d.set("count", std::to_string(needs.size()));
  d.set("stale_count", std::to_string(stale));
  d.set("held", held_list);
  d.set("has_held", mustache::data(held.ok() && !held->items.empty()));
  return page.Render(200, "triage", std::move(d), page.T("triage.title", {{"hub", h->hub.settings.name}}));
}

// ---- Invitations ----------------------------------------------------------------------------------------------

http::Response InviteForm(PageContext& page, const HubRoles& h, const Form& form, const FormErrors& errors,
                          int status, const std::string& link) {
  mustache::data d;
  d.set("slug", h.hub.slug);
  d.set("hub_name", h.hub.settings.name);
  mustache::data v = FormValues(form);
  if (!form.Has("uses")) v.set("uses", "1");
  if (!form.Has("days")) v.set("days", "7");
  d.set("v", v);
  std::string role = form.Get("role").empty() ? "member" : form.Get("role");
  mustache::data roles{mustache::data::type::list};
  for (Role r : {Role::kMember, Role::kIntake, Role::kCoordinator}) {
    mustache::data item;
    item.set("id", std::string("role-") + RoleName(r));
    item.set("value", RoleName(r));
    item.set("label", page.T(std::string("invite.role.") + RoleName(r)));
    item.set("checked", mustache::data(role == RoleName(r)));
    roles.push_back(item);
  }
  d.set("roles", roles);
  if (!link.empty()) d.set("link", link);
  page.AddErrors(d, errors,
                 {{"role", {"invite.role", "role"}}, {"uses", {"invite.uses", ""}}, {"days", {"invite.days", ""}}});
  std::string title = page.T("invite.title");
  return page.Render(status, "invites", std::move(d), errors.empty() ? title : page.T("form.error_prefix") + title);
}

http::Response ShowInvites(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  std::optional<HubRoles> h = Coordinating(page, answer);
  if (!h) return *answer;
  return InviteForm(page, *h, Form(), FormErrors(), 200, "");
}

std::optional<int> WholeNumber(const std::string& text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  int v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

http::Response CreateInvite(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  std::optional<HubRoles> h = Coordinating(page, answer);
  if (!h) return *answer;
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return InviteForm(page, *h, *form, errors, 403, "");
  }
  std::optional<Role> role = ParseRole(form->Get("role"));
  std::optional<int> uses = WholeNumber(form->Get("uses"));
  std::optional<int> days = WholeNumber(form->Get("days"));
  if (!role) errors.Add("role", page.T("err.category"));
  if (!uses) errors.Add("uses", page.T("err.whole_number"));
  if (!days) errors.Add("days", page.T("err.whole_number"));
  if (!errors.empty()) return InviteForm(page, *h, *form, errors, 422, "");
  Result<InviteGrant> grant = deps.app.hubs.Invite(page.caller(), h->hub.slug, *role, *uses, *days);
  if (!grant.ok()) {
    AddStatusErrors(page.lang(), grant.status(), {{"uses", "uses"}, {"days", "days"}}, errors);
    return InviteForm(page, *h, *form, errors, grant.status().kind() == StatusKind::kInvalid ? 422 : 403, "");
  }
  // Shown once, on this answer: the token is stored only as a hash. No redirect, so a reload does not repeat it
  // silently (the browser asks first).
  return InviteForm(page, *h, Form(), FormErrors(), 201, page.PublicUrl("/join/" + grant->token));
}

// ---- Settings -------------------------------------------------------------------------------------------------

http::Response SettingsPage(PageContext& page, const Hub& hub, mustache::data v, const FormErrors& errors, int status) {
  mustache::data d;
  d.set("slug", hub.slug);
  d.set("hub_name", hub.settings.name);
  d.set("v", v);
  if (page.request().Query("done")) d.set("notice", page.T("settings.saved"));
  page.AddErrors(d, errors, SettingsLabels());
  std::string title = page.T("settings.title");
  return page.Render(status, "settings", std::move(d), errors.empty() ? title : page.T("form.error_prefix") + title);
}

http::Response ShowSettings(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  std::optional<HubRoles> h = Coordinating(page, answer);
  if (!h) return *answer;
  return SettingsPage(page, h->hub, SettingsValues(h->hub.settings), FormErrors(), 200);
}

http::Response SaveSettings(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  std::optional<HubRoles> h = Coordinating(page, answer);
  if (!h) return *answer;
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return SettingsPage(page, h->hub, FormValues(*form), errors, 403);
  }
  HubSettingsPatch patch = ReadSettingsForm(*form, page.lang(), errors);
  if (!errors.empty()) {
    HubSettings check = h->hub.settings;
    patch.ApplyTo(check);
    AddSettingsErrors(page.lang(), ValidateHubSettings(check), check, errors);
    return SettingsPage(page, h->hub, FormValues(*form), errors, 422);
  }
  Result<Hub> saved = deps.app.hubs.UpdateSettings(page.caller(), h->hub.slug, patch);
  if (!saved.ok()) {
    HubSettings check = h->hub.settings;
    patch.ApplyTo(check);
    AddSettingsErrors(page.lang(), saved.status(), check, errors);
    return SettingsPage(page, h->hub, FormValues(*form), errors, saved.status().kind() == StatusKind::kInvalid ? 422 : 409);
  }
  return page.Redirect("/h/" + h->hub.slug + "/settings?done=1");
}

// ---- Event log ------------------------------------------------------------------------------------------------

http::Response Events(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  std::optional<HubRoles> h = Coordinating(page, answer);
  if (!h) return *answer;
  std::string after = req.Query("after").value_or("");
  if (!IsValidCursor(after)) after.clear();
  Result<Page<Event>> events = deps.app.hubs.Events(page.caller(), h->hub.slug, PageRequest{after, kEventsPage});
  if (!events.ok()) return Failure(page, events.status());
  std::map<std::string, std::string> names;
  Result<Page<MemberInHub>> members = deps.app.hubs.Members(page.caller(), h->hub.slug, PageRequest{"", 200});
  if (members.ok()) {
    for (const MemberInHub& m : members->items) names[m.member.id.value] = m.member.display_name;
  }
  mustache::data list{mustache::data::type::list};
  for (const Event& e : events->items) {
    mustache::data d;
    d.set("at", FormatLocal(e.at, h->hub.settings.time_zone, page.lang()));
    auto name = names.find(e.actor);
    std::string actor_key = "events.actor." + e.actor;
    d.set("actor", name != names.end()           ? name->second
                   : HasMessage(page.lang(), actor_key) ? page.T(actor_key)
                                                        : e.actor);
    std::string type_key = "events.type." + e.type;
    d.set("type", HasMessage(page.lang(), type_key) ? page.T(type_key) : e.type);
    if (e.subject.rfind("need_", 0) == 0) d.set("need", e.subject);
    d.set("subject", e.subject);
    if (!e.detail.empty()) d.set("detail", e.detail);
    list.push_back(d);
  }
  mustache::data d;
  d.set("slug", h->hub.slug);
  d.set("hub_name", h->hub.settings.name);
  d.set("events", list);
  d.set("has_events", mustache::data(!events->items.empty()));
  if (!events->next.empty()) d.set("next_href", "/h/" + h->hub.slug + "/events?after=" + UrlEncode(events->next));
  if (!after.empty()) d.set("first_href", "/h/" + h->hub.slug + "/events");
  return page.Render(200, "events", std::move(d), page.T("events.title", {{"hub", h->hub.settings.name}}));
}

}  // namespace

void RegisterCoordinatorPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/h/{slug}/triage", "web.triage", [&deps](http::Request& req) { return Triage(deps, req); });
  router.Add("GET", "/h/{slug}/invites", "web.invites", [&deps](http::Request& req) { return ShowInvites(deps, req); });
  router.Add("POST", "/h/{slug}/invites", "web.invites.create",
             [&deps](http::Request& req) { return CreateInvite(deps, req); });
  router.Add("GET", "/h/{slug}/settings", "web.settings",
             [&deps](http::Request& req) { return ShowSettings(deps, req); });
  router.Add("POST", "/h/{slug}/settings", "web.settings.save",
             [&deps](http::Request& req) { return SaveSettings(deps, req); });
  router.Add("GET", "/h/{slug}/events", "web.events", [&deps](http::Request& req) { return Events(deps, req); });
}

}  // namespace kin::web
