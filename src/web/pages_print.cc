// Paper for when the network is down: a coordinator prints a card per task that a helper holds (to hand out or
// pin up), and a volunteer prints their day sheet. Both carry how to reach each person, so each card is a read
// of contact details and is recorded like any other (Needs::Get).
#include "web/local_time.h"
#include "web/member_hubs.h"
#include "web/need_form.h"
#include "web/pages.h"

namespace kin::web {
namespace {

constexpr int kMaxCards = 200;

std::string Printed(PageContext& page, const std::string& zone) {
  return page.T("print.printed", {{"at", FormatLocal(page.deps().app.clock().Now(), zone, page.lang())}});
}

// One card: the need as its helper sees it, with contact details when the app allows them.
std::optional<mustache::data> Card(PageContext& page, const Match& m, const std::string& zone,
                                   const std::map<std::string, std::string>& names) {
  Result<NeedView> view = page.deps().app.needs.Get(page.caller(), m.need);
  if (!view.ok()) return std::nullopt;
  Lang lang = page.lang();
  const Need& n = view->need;
  mustache::data d;
  d.set("id", n.id.value);
  d.set("category", CategoryLabel(lang, n.details.category));
  d.set("description", n.details.description);
  d.set("quantity", std::to_string(n.details.quantity));
  d.set("urgency", UrgencyLabel(lang, n.details.urgency));
  d.set("state", Translate(lang, m.status == MatchStatus::kInProgress ? "state.in_progress" : "state.taken"));
  if (n.details.window) {
    d.set("window", page.T("status.window", {{"start", FormatLocal(n.details.window->start, zone, lang)},
                                              {"end", FormatLocal(n.details.window->end, zone, lang)}}));
  }
  if (!n.details.place.empty()) d.set("place", n.details.place);
  if (!n.details.accessibility.empty()) d.set("accessibility", n.details.accessibility);
  auto helper = names.find(m.helper.value);
  if (helper != names.end()) d.set("helper", helper->second);
  if (view->contact_visible) {
    const Contact& c = n.details.contact;
    std::string contact = ContactMethodLabel(lang, c.preferred);
    if (!c.phone.empty()) contact += " · " + c.phone;
    if (!c.email.empty()) contact += " · " + c.email;
    d.set("contact", contact);
    if (!c.address.empty()) d.set("address", c.address);
  }
  return d;
}

// Accepted and started tasks of a hub, optionally of one helper.
std::vector<Match> HeldTasks(PageContext& page, const std::string& slug, std::optional<MemberId> helper) {
  std::vector<Match> out;
  for (MatchStatus s : {MatchStatus::kAccepted, MatchStatus::kInProgress}) {
    MatchFilter f;
    f.status = s;
    f.helper = helper;
    Result<Page<Match>> got = page.deps().app.matches.List(page.caller(), slug, f, PageRequest{"", kMaxCards});
    if (got.ok()) out.insert(out.end(), got->items.begin(), got->items.end());
  }
  return out;
}

http::Response HubCards(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  if (!page.signed_in()) return SignInFirst(page);
  const std::string& slug = req.Param("slug");
  std::optional<HubRoles> h = MyRolesIn(page, slug);
  if (!h || !h->coordinator()) return deps.app.hubs.Get(slug).ok() ? NotAllowed(page) : HubNotFoundPage(page);
  std::map<std::string, std::string> names;
  Result<Page<MemberInHub>> members = deps.app.hubs.Members(page.caller(), slug, PageRequest{"", 200});
  if (members.ok()) {
    for (const MemberInHub& m : members->items) names[m.member.id.value] = m.member.display_name;
  }
  mustache::data cards{mustache::data::type::list};
  for (const Match& m : HeldTasks(page, slug, std::nullopt)) {
    if (std::optional<mustache::data> c = Card(page, m, h->hub.settings.time_zone, names)) cards.push_back(*c);
  }
  mustache::data d;
  d.set("heading", page.T("print.cards_heading", {{"hub", h->hub.settings.name}}));
  d.set("printed", Printed(page, h->hub.settings.time_zone));
  d.set("back", "/h/" + slug + "/triage");
  d.set("cards", cards);
  d.set("has_cards", mustache::data(!cards.is_empty_list()));
  return page.Render(200, "print_tasks", std::move(d), page.T("print.cards_title"));
}

http::Response DaySheet(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  if (!page.signed_in()) return SignInFirst(page);
  mustache::data cards{mustache::data::type::list};
  std::string zone = "UTC";
  for (const HubRoles& h : MyHubs(page)) {
    zone = h.hub.settings.time_zone;
    for (const Match& m : HeldTasks(page, h.hub.slug, page.caller().member)) {
      std::optional<mustache::data> c = Card(page, m, h.hub.settings.time_zone, {});
      if (!c) continue;
      c->set("hub", h.hub.settings.name);
      cards.push_back(*c);
    }
  }
  Result<Profile> profile = deps.app.accounts.GetProfile(page.caller());
  mustache::data d;
  d.set("heading", page.T("print.day_heading", {{"name", profile.ok() ? profile->member.display_name : ""}}));
  d.set("printed", Printed(page, zone));
  d.set("back", "/me");
  d.set("cards", cards);
  d.set("has_cards", mustache::data(!cards.is_empty_list()));
  return page.Render(200, "print_tasks", std::move(d), page.T("print.day_title"));
}

}  // namespace

void RegisterPrintPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/h/{slug}/print/tasks", "web.print.tasks",
             [&deps](http::Request& req) { return HubCards(deps, req); });
  router.Add("GET", "/me/day-sheet", "web.print.day", [&deps](http::Request& req) { return DaySheet(deps, req); });
}

}  // namespace kin::web
