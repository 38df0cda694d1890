// A hub's needs as its members see them: the list (approximate place only) with filters, one need's page, and
// working on it: claim it with an offer, answer a pairing, mark it started or delivered, or hand it back with a
// reason. Coordinators pair a need with a member's offer from the same page. Only the helper who took the task
// (and intake and coordinators) see how to reach the person; the app decides and records each look.
#include <algorithm>

#include "web/local_time.h"
#include "web/member_hubs.h"
#include "web/need_escalations.h"
#include "web/need_form.h"
#include "web/offer_form.h"
#include "web/pages.h"

namespace kin::web {
namespace {

constexpr int kPageSize = 30;

std::string StateLabel(Lang lang, NeedStatus s) { return Translate(lang, std::string("state.") + NeedStatusName(s)); }

// ---- The list -------------------------------------------------------------------------------------------------

http::Response BrowseNeeds(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  if (!page.signed_in()) return SignInFirst(page);
  std::optional<HubRoles> h = MyRolesIn(page, req.Param("slug"));
  if (!h) return deps.app.hubs.Get(req.Param("slug")).ok() ? NotAllowed(page) : HubNotFoundPage(page);
  const HubSettings& s = h->hub.settings;
  NeedFilter filter;
  filter.status = NeedStatus::kOpen;
  std::string category = req.Query("category").value_or("");
  std::string urgency = req.Query("urgency").value_or("");
  FormErrors errors;
  if (!category.empty()) {
    if (std::find(s.categories.begin(), s.categories.end(), category) == s.categories.end()) {
      errors.Add("category", page.T("err.category"));
    } else {
      filter.category = category;
    }
  }
  if (!urgency.empty()) {
    if (std::optional<Urgency> u = ParseUrgency(urgency)) {
      filter.urgency = *u;
    } else {
      errors.Add("urgency", page.T("err.category"));
    }
  }
  std::string after = req.Query("after").value_or("");
  if (!IsValidCursor(after)) after.clear();
  Result<Page<Need>> needs = deps.app.needs.List(page.caller(), h->hub.slug, filter, PageRequest{after, kPageSize});
  if (!needs.ok()) return Failure(page, needs.status());
  Timestamp now = deps.app.clock().Now();
  mustache::data list{mustache::data::type::list};
  for (const Need& n : needs->items) {
    mustache::data d;
    d.set("id", n.id.value);
    d.set("category", CategoryLabel(page.lang(), n.details.category));
    d.set("description", n.details.description);
    d.set("urgency", UrgencyLabel(page.lang(), n.details.urgency));
    d.set("urgency_name", UrgencyName(n.details.urgency));
    d.set("quantity", std::to_string(n.details.quantity));
    if (!n.details.place.empty()) d.set("place", n.details.place);
    d.set("waiting", WaitingText(page.lang(), n.created_at, now));
    list.push_back(d);
  }
  mustache::data categories{mustache::data::type::list};
  for (const std::string& c : s.categories) {
    mustache::data d;
    d.set("value", c);
    d.set("label", CategoryLabel(page.lang(), c));
    d.set("selected", mustache::data(c == category));
    categories.push_back(d);
  }
  mustache::data urgencies{mustache::data::type::list};
  for (Urgency u : {Urgency::kCritical, Urgency::kHigh, Urgency::kNormal, Urgency::kLow}) {
    mustache::data d;
    d.set("value", UrgencyName(u));
    d.set("label", UrgencyLabel(page.lang(), u));
    d.set("selected", mustache::data(urgency == UrgencyName(u)));
    urgencies.push_back(d);
  }
  mustache::data d;
  d.set("slug", h->hub.slug);
  d.set("hub_name", s.name);
  d.set("needs", list);
  d.set("has_needs", mustache::data(!needs->items.empty()));
  d.set("categories", categories);
  d.set("urgencies", urgencies);
  if (!needs->next.empty()) {
    d.set("next_href", "/h/" + h->hub.slug + "/needs?category=" + UrlEncode(category) + "&urgency=" +
                           UrlEncode(urgency) + "&after=" + UrlEncode(needs->next));
  }
  page.AddErrors(d, errors, {{"category", {"browse.category", ""}}, {"urgency", {"browse.urgency", ""}}});
  return page.Render(errors.empty() ? 200 : 422, "needs", std::move(d), page.T("browse.title", {{"hub", s.name}}));
}

// ---- One need -------------------------------------------------------------------------------------------------

struct NeedPageInput {
  const Form* form = nullptr;  // refills the form that failed
  FormErrors errors;
  int status = 200;
};

mustache::data OfferChoices(PageContext& page, const std::vector<Offer>& offers, const std::string& selected,
                            const std::map<std::string, std::string>& names) {
  mustache::data list{mustache::data::type::list};
  for (const Offer& o : offers) {
    mustache::data d;
    d.set("id", "offer-" + o.id.value);
    d.set("value", o.id.value);
    std::string label = o.details.description + " (" + CapacityText(page.lang(), o.details.capacity) + ")";
    auto name = names.find(o.member.value);
    if (name != names.end()) label = name->second + ": " + label;
    d.set("label", label);
    d.set("checked", mustache::data(o.id.value == selected || (selected.empty() && offers.size() == 1)));
    list.push_back(d);
  }
  return list;
}

std::string ContactText(Lang lang, const Contact& c) {
  std::string out = Translate(lang, std::string("contact.method.") + ContactMethodName(c.preferred));
  if (!c.phone.empty()) out += " · " + c.phone;
  if (!c.email.empty()) out += " · " + c.email;
  return out;
}

http::Response NeedPage(PageContext& page, const NeedView& view, const HubRoles& h, NeedPageInput in) {
  Lang lang = page.lang();
  const Need& n = view.need;
  const std::string& zone = h.hub.settings.time_zone;
  App& app = page.deps().app;
  const MemberId me = *page.caller().member;
  mustache::data d;
  d.set("id", n.id.value);
  d.set("slug", h.hub.slug);
  d.set("hub_name", h.hub.settings.name);
  // A claim holds the need as "matched" too, but nobody has to confirm it: say it is taken.
  bool claimed = view.active_match && view.active_match->status == MatchStatus::kAccepted;
  d.set("state", claimed ? page.T("state.taken") : StateLabel(lang, n.status));
  d.set("category", CategoryLabel(lang, n.details.category));
  d.set("description", n.details.description);
  d.set("quantity", std::to_string(n.details.quantity));
  d.set("urgency", UrgencyLabel(lang, n.details.urgency));
  if (n.details.window) {
    d.set("window", page.T("status.window", {{"start", FormatLocal(n.details.window->start, zone, lang)},
                                              {"end", FormatLocal(n.details.window->end, zone, lang)}}));
  }
  if (!n.details.place.empty()) d.set("place", n.details.place);
  if (!n.details.accessibility.empty()) d.set("accessibility", n.details.accessibility);
  std::string language_key = "lang.name." + n.details.language;
  if (!n.details.language.empty()) {
    d.set("language", HasMessage(lang, language_key) ? page.T(language_key) : n.details.language);
  }
  if (Result<std::optional<NeedId>> kept = app.intake.DuplicateOf(page.caller(), n.id); kept.ok() && *kept) {
    d.set("duplicate_of", (*kept)->value);
  }
  d.set("asked_at", FormatLocal(n.created_at, zone, lang));
  d.set("waiting", WaitingText(lang, n.created_at, app.clock().Now()));

  // Contact details come only when the app allowed them (and recorded the look).
  if (view.contact_visible) {
    const Contact& c = n.details.contact;
    d.set("contact_visible", mustache::data(true));
    d.set("contact", ContactText(lang, c));
    if (!c.address.empty()) d.set("address", c.address);
    if (!c.phone.empty()) d.set("phone", c.phone);
  }

  const std::optional<Match>& m = view.active_match;
  bool mine = m && m->helper == me;
  if (mine) {
    d.set("my_task", mustache::data(true));
    d.set("match_id", m->id.value);
    d.set("proposed", mustache::data(m->status == MatchStatus::kProposed));
    d.set("can_start", mustache::data(m->status == MatchStatus::kAccepted));
    d.set("can_deliver",
          mustache::data(m->status == MatchStatus::kAccepted || m->status == MatchStatus::kInProgress));
    d.set("can_release",
          mustache::data(m->status == MatchStatus::kAccepted || m->status == MatchStatus::kInProgress));
    if (!m->note.empty()) d.set("match_note", m->note);
  } else if (m && h.coordinator()) {
    d.set("taken", mustache::data(true));
    Result<Page<MemberInHub>> members = app.hubs.Members(page.caller(), h.hub.slug, PageRequest{"", 200});
    if (members.ok()) {
      for (const MemberInHub& mh : members->items) {
        if (mh.member.id == m->helper) d.set("helper_name", mh.member.display_name);
      }
    }
    d.set("match_id", m->id.value);
    d.set("can_release", mustache::data(m->status != MatchStatus::kProposed));
  }

  std::string chosen = in.form ? in.form->Get("offer") : "";
  // Issue 10: where the need went between hubs (need_escalations.h); coordinators only.
  bool escalation_under_way = h.coordinator() && AddNeedEscalations(page, h.hub, n.id, d);
  if (n.status == NeedStatus::kOpen) {
    // Claiming: the member's own active offers in the need's category.
    OfferFilter mine_filter;
    mine_filter.member = me;
    mine_filter.category = n.details.category;
    mine_filter.status = OfferStatus::kActive;
    Result<Page<Offer>> own = app.offers.List(page.caller(), h.hub.slug, mine_filter, PageRequest{"", 50});
    if (own.ok() && !(n.requester && *n.requester == me)) {
      d.set("can_claim", mustache::data(true));
      d.set("has_own_offers", mustache::data(!own->items.empty()));
      d.set("own_offers", OfferChoices(page, own->items, chosen, {}));
    }
    if (h.coordinator()) {
      // Issue 10: offer it to other hubs (pages_escalations.cc), unless that is under way.
      d.set("can_escalate", mustache::data(!escalation_under_way));
      OfferFilter all;
      all.category = n.details.category;
      all.status = OfferStatus::kActive;
      Result<Page<Offer>> offers = app.offers.List(page.caller(), h.hub.slug, all, PageRequest{"", 200});
      std::map<std::string, std::string> names;
      Result<Page<MemberInHub>> members = app.hubs.Members(page.caller(), h.hub.slug, PageRequest{"", 200});
      if (members.ok()) {
        for (const MemberInHub& mh : members->items) names[mh.member.id.value] = mh.member.display_name;
      }
      if (offers.ok()) {
        d.set("can_pair", mustache::data(true));
        d.set("has_pair_offers", mustache::data(!offers->items.empty()));
        d.set("pair_offers", OfferChoices(page, offers->items, chosen, names));
      }
    }
  }
  if (in.form) d.set("v", FormValues(*in.form));
  std::optional<std::string> done = page.request().Query("done");
  if (done) {
    std::string key = "task.done." + *done;
    if (HasMessage(lang, key)) d.set("notice", page.T(key));
  }
  if (std::optional<std::string> escalated = page.request().Query("escalated")) {
    std::string key = "esc.need.done." + *escalated;
    if (HasMessage(lang, key)) d.set("notice", page.T(key));
  }
  page.AddErrors(d, in.errors,
                 {{"offer", {"task.offer", "offer"}}, {"reason", {"task.reason", ""}}, {"note", {"task.note", ""}}});
  std::string title = page.T("task.title", {{"category", CategoryLabel(lang, n.details.category)}});
  return page.Render(in.status, "need", std::move(d), in.errors.empty() ? title : page.T("form.error_prefix") + title);
}

// Loads the need and the caller's roles in its hub, or answers with the page to show instead.
struct Loaded {
  std::optional<NeedView> view;
  std::optional<HubRoles> hub;
  std::optional<http::Response> answer;
};

Loaded Load(PageContext& page, const NeedId& id) {
  Loaded out;
  if (!page.signed_in()) {
    out.answer = SignInFirst(page);
    return out;
  }
  Result<NeedView> view = page.deps().app.needs.Get(page.caller(), id);
  if (!view.ok()) {
    out.answer = Failure(page, view.status());
    return out;
  }
  out.hub = MyRolesIn(page, view->need.hub);
  if (!out.hub) {
    out.answer = NotAllowed(page);
    return out;
  }
  out.view = std::move(*view);
  return out;
}

http::Response ShowNeed(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  Loaded l = Load(page, NeedId{req.Param("need")});
  if (l.answer) return *l.answer;
  return NeedPage(page, *l.view, *l.hub, {});
}

// After a failed post: the need as it is now, with the form refilled and the errors at their inputs.
http::Response Redisplay(PageContext& page, const NeedId& id, const Form& form, const Status& failure,
                         FormErrors errors) {
  // A message already chosen (a stale form, a lost race) says it better than the kind's general one.
  if (errors.empty()) {
    AddStatusErrors(page.lang(), failure, {{"offer", "offer"}, {"reason", "reason"}, {"note", "note"}}, errors);
  }
  Loaded l = Load(page, id);
  if (l.answer) return *l.answer;
  NeedPageInput in;
  in.form = &form;
  in.errors = std::move(errors);
  in.status = failure.kind() == StatusKind::kInvalid ? 422 : failure.kind() == StatusKind::kForbidden ? 403 : 409;
  return NeedPage(page, *l.view, *l.hub, std::move(in));
}

// Claim (a member with their offer) or pair (a coordinator with anyone's offer).
http::Response Take(WebDeps& deps, http::Request& req, bool pair) {
  PageContext page(deps, req);
  if (!page.signed_in()) return SignInFirst(page);
  NeedId id{req.Param("need")};
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return Redisplay(page, id, *form, Status::Forbidden("csrf"), std::move(errors));
  }
  if (form->Get("offer").empty()) {
    errors.Add("offer", page.T(pair ? "task.choose_helper" : "task.choose_offer"));
    return Redisplay(page, id, *form, Status::Invalid("offer"), std::move(errors));
  }
  OfferId offer{form->Get("offer")};
  Result<Match> made = pair ? deps.app.matches.Pair(page.caller(), id, offer, form->Get("note"))
                            : deps.app.matches.Claim(page.caller(), id, offer, form->Get("note"));
  if (!made.ok()) {
    if (made.status().kind() == StatusKind::kConflict) errors.SetForm(page.T("task.conflict"));
    return Redisplay(page, id, *form, made.status(), std::move(errors));
  }
  return page.Redirect("/needs/" + id.value + (pair ? "?done=paired" : "?done=claimed"));
}

http::Response ActOnMatch(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  if (!page.signed_in()) return SignInFirst(page);
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  MatchId match_id{req.Param("match")};
  Result<Match> match = deps.app.matches.Get(page.caller(), match_id);
  if (!match.ok()) return Failure(page, match.status());
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return Redisplay(page, match->need, *form, Status::Forbidden("csrf"), std::move(errors));
  }
  static const std::map<std::string, MatchAction> kActions = {
      {"accept", MatchAction::kAccept},     {"decline", MatchAction::kDecline}, {"start", MatchAction::kStart},
      {"complete", MatchAction::kComplete}, {"release", MatchAction::kRelease},
  };
  auto action = kActions.find(form->Get("do"));
  if (action == kActions.end()) return page.BadForm();
  Result<Match> done = deps.app.matches.Act(page.caller(), match_id, action->second, form->Get("reason"));
  if (!done.ok()) return Redisplay(page, match->need, *form, done.status(), std::move(errors));
  return page.Redirect("/needs/" + match->need.value + "?done=" + action->first);
}

}  // namespace

void RegisterNeedPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/h/{slug}/needs", "web.needs", [&deps](http::Request& req) { return BrowseNeeds(deps, req); });
  router.Add("GET", "/needs/{need}", "web.need", [&deps](http::Request& req) { return ShowNeed(deps, req); });
  router.Add("POST", "/needs/{need}/claim", "web.need.claim",
             [&deps](http::Request& req) { return Take(deps, req, false); });
  router.Add("POST", "/needs/{need}/pair", "web.need.pair",
             [&deps](http::Request& req) { return Take(deps, req, true); });
  router.Add("POST", "/matches/{match}", "web.match.act",
             [&deps](http::Request& req) { return ActOnMatch(deps, req); });
}

}  // namespace kin::web
