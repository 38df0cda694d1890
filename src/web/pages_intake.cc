// Intake's desk: entering a need for someone who phoned or came in (on their behalf, no account needed), finding
// needs already asked for by words, kind and status, and merging two that are the same request.
#include "core/need_search.h"
#include "web/local_time.h"
#include "web/member_hubs.h"
#include "web/need_form.h"
#include "web/pages.h"

namespace kin::web {
namespace {

constexpr int kResults = 50;

std::optional<HubRoles> AtDesk(PageContext& page, std::optional<http::Response>& answer) {
  return RequireHubAccess(page, page.request().Param("slug"), HubAccess::kIntake, answer);
}

// ---- Entering a need on someone's behalf ------------------------------------------------------------------------

http::Response EntryForm(PageContext& page, const Hub& hub, const Form& form, const FormErrors& errors, int status) {
  const HubSettings& s = hub.settings;
  Lang lang = page.lang();
  mustache::data d;
  d.set("intake", mustache::data(true));
  d.set("action", "/h/" + hub.slug + "/intake/new");
  d.set("slug", hub.slug);
  d.set("hub_name", s.name);
  mustache::data v = FormValues(form);
  if (!form.Has("quantity")) v.set("quantity", "1");
  d.set("v", v);
  d.set("categories", CategoryChoices(lang, s, form.Get("category")));
  d.set("urgencies", UrgencyChoices(lang, form.Has("urgency") ? form.Get("urgency") : "normal"));
  d.set("contact_methods", ContactChoices(lang, form.Get("contact_method")));
  d.set("languages", LanguageChoices(lang, s, form.Get("language").empty() ? s.languages.front() : form.Get("language")));
  d.set("open_location", mustache::data(!form.Get("lat").empty() || !form.Get("lon").empty() ||
                                        errors.For("lat") || errors.For("lon")));
  page.AddErrors(d, errors, NeedLabels());
  std::string title = page.T("intake.new_title");
  return page.Render(status, "ask", std::move(d), errors.empty() ? title : page.T("form.error_prefix") + title);
}

http::Response ShowEntry(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  std::optional<HubRoles> h = AtDesk(page, answer);
  if (!h) return *answer;
  return EntryForm(page, h->hub, Form(), FormErrors(), 200);
}

http::Response SubmitEntry(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  std::optional<HubRoles> h = AtDesk(page, answer);
  if (!h) return *answer;
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return EntryForm(page, h->hub, *form, errors, 403);
  }
  Timestamp now = deps.app.clock().Now();
  NeedDetails details = ReadNeedForm(*form, h->hub.settings, now, page.lang(), errors);
  if (!errors.empty()) {
    AddStatusErrors(page.lang(), ValidateNeedDetails(details, h->hub.settings, now), NeedInputs(), errors);
    return EntryForm(page, h->hub, *form, errors, 422);
  }
  Result<NeedView> made = deps.app.needs.Create(page.caller(), h->hub.slug, details, /*on_behalf=*/true);
  if (!made.ok()) {
    AddStatusErrors(page.lang(), made.status(), NeedInputs(), errors);
    return EntryForm(page, h->hub, *form, errors, made.status().kind() == StatusKind::kInvalid ? 422 : 409);
  }
  // Show it among the hub's needs found by its first words, so a second call about the same need shows up.
  std::string words;
  std::vector<std::string> all = SearchWords(details.description);
  for (size_t i = 0; i < all.size() && i < 3; ++i) words += (i ? " " : "") + all[i];
  return page.Redirect("/h/" + h->hub.slug + "/intake?done=entered&q=" + UrlEncode(words));
}

// ---- Search and merge ---------------------------------------------------------------------------------------------

http::Response Desk(PageContext& page, const HubRoles& h, const FormErrors& errors, int status) {
  const http::Request& req = page.request();
  const HubSettings& s = h.hub.settings;
  Lang lang = page.lang();
  std::string q = req.Query("q").value_or("");
  std::string category = req.Query("category").value_or("");
  std::string state = req.Query("status").value_or("open");
  NeedSearch search;
  search.text = q;
  FormErrors filter_errors = errors;
  if (!category.empty()) {
    if (std::find(s.categories.begin(), s.categories.end(), category) == s.categories.end()) {
      filter_errors.Add("category", page.T("err.category"));
    } else {
      search.category = category;
    }
  }
  if (state != "any") {
    if (std::optional<NeedStatus> st = ParseNeedStatus(state)) {
      search.status = *st;
    } else {
      filter_errors.Add("status", page.T("err.category"));
    }
  }
  Result<std::vector<Need>> found = page.deps().app.intake.Search(page.caller(), h.hub.slug, search, kResults);
  if (!found.ok()) return Failure(page, found.status());
  Timestamp now = page.deps().app.clock().Now();
  mustache::data keep{mustache::data::type::list};
  mustache::data dup{mustache::data::type::list};
  mustache::data results{mustache::data::type::list};
  for (const Need& n : *found) {
    std::string label = CategoryLabel(lang, n.details.category) + ": " + n.details.description;
    mustache::data r;
    r.set("id", n.id.value);
    r.set("label", label);
    r.set("state", Translate(lang, std::string("state.") + NeedStatusName(n.status)));
    r.set("asked_at", FormatLocal(n.created_at, s.time_zone, lang));
    r.set("waiting", WaitingText(lang, n.created_at, now));
    if (!n.details.place.empty()) r.set("place", n.details.place);
    results.push_back(r);
    for (auto [list, prefix] : {std::pair{&keep, "kept"}, std::pair{&dup, "duplicate"}}) {
      mustache::data c;
      c.set("id", std::string(prefix) + "-" + n.id.value);
      c.set("value", n.id.value);
      c.set("label", label + " (" + FormatLocal(n.created_at, s.time_zone, lang) + ")");
      list->push_back(c);
    }
  }
  mustache::data categories{mustache::data::type::list};
  for (const std::string& c : s.categories) {
    mustache::data d;
    d.set("value", c);
    d.set("label", CategoryLabel(lang, c));
    d.set("selected", mustache::data(c == category));
    categories.push_back(d);
  }
  mustache::data states{mustache::data::type::list};
  for (const char* st : {"open", "matched", "in_progress", "fulfilled", "cancelled", "expired", "any"}) {
    mustache::data d;
    d.set("value", st);
    d.set("label", std::string(st) == "any" ? page.T("browse.any") : Translate(lang, std::string("state.") + st));
    d.set("selected", mustache::data(state == st));
    states.push_back(d);
  }
  mustache::data d;
  d.set("slug", h.hub.slug);
  d.set("hub_name", s.name);
  mustache::data v{mustache::data::type::object};
  v.set("q", q);
  v.set("category", category);
  v.set("status", state);
  d.set("v", v);
  d.set("categories", categories);
  d.set("states", states);
  d.set("results", results);
  d.set("has_results", mustache::data(!found->empty()));
  d.set("can_merge", mustache::data(found->size() >= 2));
  d.set("keep", keep);
  d.set("dup", dup);
  std::optional<std::string> done = req.Query("done");
  if (done == "entered") d.set("notice", page.T("intake.entered"));
  page.AddErrors(d, filter_errors,
                 {{"category", {"browse.category", ""}},
                  {"status", {"intake.status", ""}},
                  {"kept", {"intake.keep", "kept"}},
                  {"duplicate", {"intake.duplicate", "duplicate"}}});
  std::string title = page.T("intake.title", {{"hub", s.name}});
  return page.Render(filter_errors.empty() ? status : std::max(status, 422), "intake", std::move(d),
                     filter_errors.empty() ? title : page.T("form.error_prefix") + title);
}

http::Response ShowDesk(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  std::optional<HubRoles> h = AtDesk(page, answer);
  if (!h) return *answer;
  return Desk(page, *h, FormErrors(), 200);
}

http::Response Merge(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  std::optional<HubRoles> h = AtDesk(page, answer);
  if (!h) return *answer;
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  // The search the merge came from stays on screen when something is wrong.
  for (const char* name : {"q", "category", "status"}) {
    if (form->Has(name)) req.query.emplace_back(name, form->Get(name));
  }
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return Desk(page, *h, errors, 403);
  }
  const std::string& kept = form->Get("kept");
  const std::string& duplicate = form->Get("duplicate");
  if (kept.empty()) errors.Add("kept", page.T("intake.choose_keep"));
  if (duplicate.empty()) errors.Add("duplicate", page.T("intake.choose_duplicate"));
  if (!kept.empty() && kept == duplicate) errors.Add("duplicate", page.T("intake.same"));
  if (!errors.empty()) return Desk(page, *h, errors, 422);
  Result<NeedView> merged = deps.app.intake.Merge(page.caller(), NeedId{duplicate}, NeedId{kept});
  if (!merged.ok()) {
    if (merged.status().kind() == StatusKind::kConflict) {
      errors.Add("duplicate", page.T("intake.cannot_close"));
    } else {
      AddStatusErrors(page.lang(), merged.status(), {{"into", "kept"}}, errors);
    }
    return Desk(page, *h, errors, merged.status().kind() == StatusKind::kInvalid ? 422 : 409);
  }
  return page.Redirect("/needs/" + duplicate + "?done=merged");
}

}  // namespace

void RegisterIntakePages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/h/{slug}/intake", "web.intake", [&deps](http::Request& req) { return ShowDesk(deps, req); });
  router.Add("GET", "/h/{slug}/intake/new", "web.intake.new",
             [&deps](http::Request& req) { return ShowEntry(deps, req); });
  router.Add("POST", "/h/{slug}/intake/new", "web.intake.create",
             [&deps](http::Request& req) { return SubmitEntry(deps, req); });
  router.Add("POST", "/h/{slug}/intake/merge", "web.intake.merge",
             [&deps](http::Request& req) { return Merge(deps, req); });
}

}  // namespace kin::web
