// /h/{slug}/suggestions: what the allocation engine proposes. Coordinators see every open suggestion with why,
// confirm one, several or all, and see why each unmet need is unmet; a member sees the suggestions made to them
// and accepts or declines each.
#include <cmath>
#include <map>

#include "web/member_hubs.h"
#include "web/need_form.h"
#include "web/page.h"
#include "web/pages.h"

namespace kin::web {
namespace {

struct HubView {
  std::map<std::string, Need> needs;           // open needs by id, approximate place only
  std::map<std::string, std::string> names;    // display names by member id
  bool coordinator = false;
};

HubView LoadHubView(WebDeps& deps, const Caller& caller, const std::string& slug) {
  HubView v;
  NeedFilter open;
  open.status = NeedStatus::kOpen;
  PageRequest page{"", 200};
  do {
    Result<Page<Need>> needs = deps.app.needs.List(caller, slug, open, page);
    if (!needs.ok()) break;
    for (Need& n : needs->items) v.needs[n.id.value] = std::move(n);
    page.after = needs->next;
  } while (!page.after.empty());
  page = PageRequest{"", 200};
  do {
    Result<Page<MemberInHub>> members = deps.app.hubs.Members(caller, slug, page);
    if (!members.ok()) break;
    for (const MemberInHub& m : members->items) {
      v.names[m.member.id.value] = m.member.display_name;
      if (caller.member && m.member.id == *caller.member) v.coordinator = m.membership.roles.Has(Role::kCoordinator);
    }
    page.after = members->next;
  } while (!page.after.empty());
  return v;
}

std::string Km(int64_t metres) {
  double km = std::round(static_cast<double>(metres) / 100.0) / 10.0;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", km);
  return buf;
}

mustache::data SuggestionItem(PageContext& page, const Suggestion& s, const HubView& v) {
  Lang lang = page.lang();
  mustache::data item;
  item.set("id", s.id.value);
  auto need = v.needs.find(s.need.value);
  if (need != v.needs.end()) {
    item.set("description", need->second.details.description);
    item.set("category", CategoryLabel(lang, need->second.details.category));
    if (!need->second.details.place.empty()) item.set("place", need->second.details.place);
  }
  auto name = v.names.find(s.helper.value);
  item.set("helper", name != v.names.end() ? name->second : s.helper.value);
  item.set("urgency", UrgencyLabel(lang, s.why.urgency));
  std::string why = page.T("suggest.why.distance", {{"km", Km(s.why.distance_m)}});
  if (!s.why.shared_languages.empty()) {
    std::string langs;
    for (const std::string& l : s.why.shared_languages) {
      std::string key = "lang.name." + l;
      langs += (langs.empty() ? "" : ", ") + (HasMessage(lang, key) ? page.T(key) : l);
    }
    why += " · " + page.T("suggest.why.languages", {{"languages", langs}});
  }
  why += " · " + page.T("suggest.why.waited", {{"days", std::to_string(s.why.waited_days)}});
  why += " · " + page.T("suggest.why.load", {{"load", std::to_string(s.why.helper_load_after)},
                                              {"capacity", std::to_string(s.why.helper_capacity)}});
  item.set("why", why);
  return item;
}

http::Response Show(PageContext& page, const std::string& slug, const FormErrors& errors, int status) {
  WebDeps& deps = page.deps();
  Result<SuggestionBoard> board = deps.app.suggestions.Board(page.caller(), slug);
  if (!board.ok()) {
    return board.status().kind() == StatusKind::kNotFound ? HubNotFoundPage(page) : NotAllowed(page);
  }
  HubView v = LoadHubView(deps, page.caller(), slug);
  Result<Hub> hub = deps.app.hubs.Get(slug);
  mustache::data d;
  d.set("slug", slug);
  d.set("hub_name", hub.ok() ? hub->settings.name : slug);
  d.set("coordinator", mustache::data(v.coordinator));
  mustache::data list{mustache::data::type::list};
  for (const Suggestion& s : board->suggestions) list.push_back(SuggestionItem(page, s, v));
  d.set("has_suggestions", mustache::data(!board->suggestions.empty()));
  d.set("suggestions", list);
  mustache::data unmet{mustache::data::type::list};
  for (const UnmetNeed& u : board->unmet) {
    mustache::data item;
    auto need = v.needs.find(u.need.value);
    if (need == v.needs.end()) continue;  // taken since the engine ran
    item.set("description", need->second.details.description);
    item.set("category", CategoryLabel(page.lang(), need->second.details.category));
    item.set("urgency", UrgencyLabel(page.lang(), need->second.details.urgency));
    item.set("cause", page.T(std::string("suggest.cause.") + UnmetCauseName(u.cause)));
    unmet.push_back(item);
  }
  d.set("has_unmet", mustache::data(!unmet.is_empty_list()));
  d.set("unmet", unmet);
  std::optional<std::string> done = page.request().Query("done");
  if (done == "confirmed") {
    d.set("notice", page.T("suggest.done.confirmed", {{"n", page.request().Query("n").value_or("0")}}));
  }
  if (done == "accepted") d.set("notice", page.T("suggest.done.accepted"));
  if (done == "declined") d.set("notice", page.T("suggest.done.declined"));
  page.AddErrors(d, errors, {{"reason", {"suggest.decline_reason", ""}}});
  return page.Render(status, "suggestions", std::move(d), page.T("suggest.title"));
}

http::Response Get(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  const std::string& slug = req.Param("slug");
  if (!page.signed_in()) return page.Redirect("/signin?next=/h/" + UrlEncode(slug) + "/suggestions");
  return Show(page, slug, FormErrors(), 200);
}

http::Response Post(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  const std::string& slug = req.Param("slug");
  if (!page.signed_in()) return page.Redirect("/signin?next=/h/" + UrlEncode(slug) + "/suggestions");
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return Show(page, slug, errors, 403);
  }
  const Caller& caller = page.caller();
  if (!MyRolesIn(page, slug)) return deps.app.hubs.Get(slug).ok() ? NotAllowed(page) : HubNotFoundPage(page);
  const std::string& action = form->Get("do");
  std::string base = "/h/" + UrlEncode(slug) + "/suggestions";
  Status failed = Status::Ok();
  if (form->Has("confirm") || action == "confirm_selected" || action == "confirm_all") {
    std::vector<SuggestionId> ids;
    if (form->Has("confirm")) {
      ids.push_back(SuggestionId{form->Get("confirm")});
    } else if (action == "confirm_selected") {
      for (const auto& [name, value] : form->values()) {
        if (name.rfind("pick_", 0) == 0) ids.push_back(SuggestionId{name.substr(5)});
      }
      if (ids.empty()) {
        errors.SetForm(page.T("suggest.choose_some"));
        return Show(page, slug, errors, 422);
      }
    }
    Result<std::vector<ConfirmOutcome>> outcomes = deps.app.suggestions.ConfirmMany(caller, slug, ids);
    if (outcomes.ok()) {
      int n = 0;
      for (const ConfirmOutcome& o : *outcomes) n += o.status.ok();
      return page.Redirect(base + "?done=confirmed&n=" + std::to_string(n));
    }
    failed = outcomes.status();
  } else if (action == "accept") {
    Result<Suggestion> s = deps.app.suggestions.Accept(caller, SuggestionId{form->Get("id")});
    if (s.ok()) return page.Redirect(base + "?done=accepted");
    failed = s.status();
  } else if (action == "decline") {
    Result<Suggestion> s =
        deps.app.suggestions.Decline(caller, SuggestionId{form->Get("id")}, form->Get("reason"));
    if (s.ok()) return page.Redirect(base + "?done=declined");
    failed = s.status();
    if (failed.kind() == StatusKind::kInvalid) {
      errors.Add("reason", page.T("suggest.reason_needed"));
      return Show(page, slug, errors, 422);
    }
  } else {
    failed = Status::Invalid("unknown action");
  }
  errors.SetForm(KindMessage(page.lang(), failed.kind()));
  int status = failed.kind() == StatusKind::kForbidden   ? 403
               : failed.kind() == StatusKind::kNotFound  ? 404
               : failed.kind() == StatusKind::kInvalid   ? 422
                                                         : 409;
  return Show(page, slug, errors, status);
}

}  // namespace

void RegisterSuggestionPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/h/{slug}/suggestions", "web.suggestions",
             [&deps](http::Request& req) { return Get(deps, req); });
  router.Add("POST", "/h/{slug}/suggestions", "web.suggestions.answer",
             [&deps](http::Request& req) { return Post(deps, req); });
}

}  // namespace kin::web
