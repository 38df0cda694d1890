// The member's own page: needs that fit their offers, the tasks they took (with what to do next), their offers
// (pause, resume), and posting a new offer.
#include <algorithm>
#include <set>

#include "web/local_time.h"
#include "web/member_hubs.h"
#include "web/need_form.h"
#include "web/offer_form.h"
#include "web/pages.h"

namespace kin::web {
namespace {

constexpr int kFitsPerHub = 10;  // a dashboard, not the full list: the hub's needs page has the rest

// The next thing the helper should do with a task, by its match status.
std::string NextAction(Lang lang, MatchStatus s) {
  switch (s) {
    case MatchStatus::kProposed: return Translate(lang, "task.next.answer");
    case MatchStatus::kAccepted: return Translate(lang, "task.next.start");
    case MatchStatus::kInProgress: return Translate(lang, "task.next.deliver");
    default: return "";
  }
}

mustache::data NeedSummary(PageContext& page, const Need& n, const std::string& zone, Timestamp now) {
  mustache::data d;
  d.set("id", n.id.value);
  d.set("category", CategoryLabel(page.lang(), n.details.category));
  d.set("description", n.details.description);
  d.set("urgency", UrgencyLabel(page.lang(), n.details.urgency));
  d.set("urgency_name", UrgencyName(n.details.urgency));
  d.set("quantity", std::to_string(n.details.quantity));
  if (!n.details.place.empty()) d.set("place", n.details.place);
  d.set("waiting", WaitingText(page.lang(), n.created_at, now));
  d.set("asked_at", FormatLocal(n.created_at, zone, page.lang()));
  return d;
}

// Open needs in the categories of the member's active offers, nearest first where both have a place.
mustache::data FittingNeeds(PageContext& page, const HubRoles& h, const std::vector<Offer>& offers, Timestamp now) {
  std::vector<std::pair<double, Need>> found;
  std::set<std::string> seen;
  for (const Offer& o : offers) {
    if (o.status != OfferStatus::kActive) continue;
    NeedFilter filter;
    filter.category = o.details.category;
    filter.status = NeedStatus::kOpen;
    // Distance is checked here rather than with the store's `near`, which would drop needs that gave no place:
    // those may well be close, so they are shown without a distance.
    Result<Page<Need>> needs = page.deps().app.needs.List(page.caller(), h.hub.slug, filter, PageRequest{"", 200});
    if (!needs.ok()) continue;
    for (Need& n : needs->items) {
      if (n.requester && page.caller().member && *n.requester == *page.caller().member) continue;  // one's own
      double km = -1;
      if (o.details.area_center && n.approx_location) {
        km = DistanceMeters(*o.details.area_center, *n.approx_location) / 1000.0;
        if (km > o.details.area_radius_km) continue;
      }
      if (!seen.insert(n.id.value).second) continue;
      found.emplace_back(km, std::move(n));
    }
  }
  // Most urgent first, then the longest waiting: the only priorities kin knows.
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    if (a.second.details.urgency != b.second.details.urgency) return a.second.details.urgency > b.second.details.urgency;
    return a.second.created_at < b.second.created_at;
  });
  mustache::data list{mustache::data::type::list};
  int shown = 0;
  for (const auto& [km, n] : found) {
    if (shown++ == kFitsPerHub) break;
    mustache::data d = NeedSummary(page, n, h.hub.settings.time_zone, now);
    if (km >= 0) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.1f", km);
      d.set("distance", page.T("fit.distance", {{"km", buf}}));
    }
    list.push_back(d);
  }
  return list;
}

// The member's active tasks in the hub, with the need each is for.
mustache::data MyTasks(PageContext& page, const HubRoles& h, Timestamp now) {
  mustache::data list{mustache::data::type::list};
  MatchFilter filter;
  filter.helper = page.caller().member;
  Result<Page<Match>> matches = page.deps().app.matches.List(page.caller(), h.hub.slug, filter, PageRequest{"", 200});
  if (!matches.ok()) return list;
  std::map<std::string, Need> needs;
  for (NeedStatus s : {NeedStatus::kMatched, NeedStatus::kInProgress}) {
    NeedFilter nf;
    nf.status = s;
    Result<Page<Need>> page_of = page.deps().app.needs.List(page.caller(), h.hub.slug, nf, PageRequest{"", 200});
    if (!page_of.ok()) continue;
    for (Need& n : page_of->items) needs.emplace(n.id.value, std::move(n));
  }
  for (const Match& m : matches->items) {
    if (!IsActive(m.status)) continue;
    auto need = needs.find(m.need.value);
    if (need == needs.end()) continue;
    mustache::data d = NeedSummary(page, need->second, h.hub.settings.time_zone, now);
    d.set("next", NextAction(page.lang(), m.status));
    d.set("proposed", mustache::data(m.status == MatchStatus::kProposed));
    list.push_back(d);
  }
  return list;
}

mustache::data OfferItem(PageContext& page, const Offer& o) {
  mustache::data d;
  d.set("id", o.id.value);
  d.set("category", CategoryLabel(page.lang(), o.details.category));
  d.set("description", o.details.description);
  d.set("capacity", CapacityText(page.lang(), o.details.capacity));
  if (!o.details.availability.empty()) d.set("availability", o.details.availability);
  d.set("active", mustache::data(o.status == OfferStatus::kActive));
  return d;
}

http::Response Dashboard(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  if (!page.signed_in()) return page.Redirect("/signin?next=/me");
  Result<Profile> profile = deps.app.accounts.GetProfile(page.caller());
  if (!profile.ok()) return Failure(page, profile.status());
  Timestamp now = deps.app.clock().Now();
  mustache::data hubs{mustache::data::type::list};
  std::vector<HubRoles> mine = MyHubs(page);
  for (const HubRoles& h : mine) {
    std::string roles;
    for (const std::string& r : RoleNames(h.roles)) roles += (roles.empty() ? "" : ", ") + page.T("role." + r);
    OfferFilter of;
    of.member = page.caller().member;
    Result<Page<Offer>> offers = deps.app.offers.List(page.caller(), h.hub.slug, of, PageRequest{"", 200});
    std::vector<Offer> my_offers = offers.ok() ? offers->items : std::vector<Offer>{};
    mustache::data offer_list{mustache::data::type::list};
    for (const Offer& o : my_offers) offer_list.push_back(OfferItem(page, o));
    mustache::data fits = FittingNeeds(page, h, my_offers, now);
    mustache::data tasks = MyTasks(page, h, now);

    mustache::data item;
    item.set("slug", h.hub.slug);
    item.set("name", h.hub.settings.name);
    item.set("roles", roles);
    item.set("coordinator", mustache::data(h.coordinator()));
    item.set("intake", mustache::data(h.intake()));
    item.set("has_offers", mustache::data(!my_offers.empty()));
    item.set("has_fits", mustache::data(!fits.is_empty_list()));
    item.set("has_tasks", mustache::data(!tasks.is_empty_list()));
    item.set("offers", offer_list);
    item.set("fits", fits);
    item.set("tasks", tasks);
    hubs.push_back(item);
  }
  mustache::data d;
  d.set("display_name", profile->member.display_name);
  d.set("handle", profile->member.handle);
  d.set("hubs", hubs);
  d.set("has_hubs", mustache::data(!mine.empty()));
  std::optional<std::string> done = req.Query("done");
  if (req.Query("joined")) d.set("notice", page.T("me.joined"));
  if (req.Query("reset")) d.set("notice", page.T("me.password_set"));
  if (done == "offer") d.set("notice", page.T("me.offer_posted"));
  if (done == "paused") d.set("notice", page.T("me.offer_paused"));
  if (done == "active") d.set("notice", page.T("me.offer_resumed"));
  return page.Render(200, "me", std::move(d), page.T("me.title"));
}

http::Response OfferForm(PageContext& page, const Hub& hub, const Form& form, const FormErrors& errors, int status) {
  mustache::data d;
  d.set("slug", hub.slug);
  d.set("hub_name", hub.settings.name);
  mustache::data v = FormValues(form);
  if (!form.Has("amount")) v.set("amount", "1");
  if (!form.Has("radius_km")) v.set("radius_km", "3");
  d.set("v", v);
  d.set("categories", CategoryChoices(page.lang(), hub.settings, form.Get("category")));
  d.set("periods", PeriodChoices(page.lang(), form.Get("period")));
  d.set("open_location", mustache::data(!form.Get("lat").empty() || !form.Get("lon").empty() ||
                                        errors.For("lat") || errors.For("lon")));
  page.AddErrors(d, errors, OfferLabels());
  std::string title = page.T("offer.title");
  return page.Render(status, "offer_new", std::move(d), errors.empty() ? title : page.T("form.error_prefix") + title);
}

http::Response ShowOfferForm(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  if (!page.signed_in()) return SignInFirst(page);
  std::optional<HubRoles> h = MyRolesIn(page, req.Param("slug"));
  if (!h) return deps.app.hubs.Get(req.Param("slug")).ok() ? NotAllowed(page) : HubNotFoundPage(page);
  return OfferForm(page, h->hub, Form(), FormErrors(), 200);
}

http::Response SubmitOffer(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  if (!page.signed_in()) return SignInFirst(page);
  std::optional<HubRoles> h = MyRolesIn(page, req.Param("slug"));
  if (!h) return deps.app.hubs.Get(req.Param("slug")).ok() ? NotAllowed(page) : HubNotFoundPage(page);
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return OfferForm(page, h->hub, *form, errors, 403);
  }
  OfferDetails details = ReadOfferForm(*form, page.lang(), errors);
  if (!errors.empty()) {
    AddStatusErrors(page.lang(), ValidateOfferDetails(details, h->hub.settings), OfferInputs(), errors);
    return OfferForm(page, h->hub, *form, errors, 422);
  }
  Result<Offer> offer = deps.app.offers.Create(page.caller(), h->hub.slug, details);
  if (!offer.ok()) {
    AddStatusErrors(page.lang(), offer.status(), OfferInputs(), errors);
    return OfferForm(page, h->hub, *form, errors, offer.status().kind() == StatusKind::kInvalid ? 422 : 409);
  }
  return page.Redirect("/me?done=offer");
}

http::Response SetOfferStatus(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  if (!page.signed_in()) return SignInFirst(page);
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  if (!page.CsrfOk(*form)) {
    return page.Message(403, page.T("form.errors_title"), page.T("err.csrf"), "/me", page.T("common.my_page"));
  }
  std::optional<OfferStatus> to = ParseOfferStatus(form->Get("status"));
  if (!to) return page.BadForm();
  Result<Offer> changed = deps.app.offers.SetStatus(page.caller(), OfferId{req.Param("offer")}, *to);
  // Pausing a paused offer (a second click) is a conflict in the app; here it already is as asked.
  if (!changed.ok() && changed.status().kind() != StatusKind::kConflict) return Failure(page, changed.status());
  return page.Redirect(std::string("/me?done=") + OfferStatusName(*to));
}

}  // namespace

http::Response MeDashboard(WebDeps& deps, http::Request& req) { return Dashboard(deps, req); }

void RegisterMemberPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/h/{slug}/offers/new", "web.offer.new",
             [&deps](http::Request& req) { return ShowOfferForm(deps, req); });
  router.Add("POST", "/h/{slug}/offers/new", "web.offer.create",
             [&deps](http::Request& req) { return SubmitOffer(deps, req); });
  router.Add("POST", "/offers/{offer}/status", "web.offer.status",
             [&deps](http::Request& req) { return SetOfferStatus(deps, req); });
}

}  // namespace kin::web
