// Asking for help without an account: the form, its validation, and the redirect to the confirmation page.
#include "core/need.h"
#include "web/need_form.h"
#include "web/page.h"
#include "web/pages.h"

namespace kin::web {
namespace {

http::Response HubNotFound(PageContext& page) {
  return page.Message(404, page.T("hub.not_found"), page.T("hub.not_found_text"), "/", page.T("common.home"));
}

http::Response Closed(PageContext& page, const Hub& hub, int status) {
  mustache::data d;
  d.set("hub_name", hub.settings.name);
  d.set("slug", hub.slug);
  return page.Render(status, "closed", std::move(d), hub.settings.name);
}

// The form, filled from `form` (empty on first view) with `errors` at their inputs.
http::Response AskForm(PageContext& page, const Hub& hub, const Form& form, const FormErrors& errors, int status) {
  const HubSettings& s = hub.settings;
  Lang lang = page.lang();
  std::string language = form.Get("language");
  if (language.empty()) {
    bool hub_speaks = std::find(s.languages.begin(), s.languages.end(), LangCode(lang)) != s.languages.end();
    language = hub_speaks ? LangCode(lang) : s.languages.front();
  }
  mustache::data d;
  d.set("slug", hub.slug);
  d.set("hub_name", s.name);
  d.set("v", FormValues(form));
  if (!form.Has("quantity")) {
    mustache::data v = FormValues(form);
    v.set("quantity", "1");
    d.set("v", v);
  }
  d.set("categories", CategoryChoices(lang, s, form.Get("category")));
  d.set("urgencies", UrgencyChoices(lang, form.Has("urgency") ? form.Get("urgency") : "normal"));
  d.set("contact_methods", ContactChoices(lang, form.Get("contact_method")));
  d.set("languages", LanguageChoices(lang, s, language));
  d.set("open_location", mustache::data(!form.Get("lat").empty() || !form.Get("lon").empty() ||
                                        errors.For("lat") || errors.For("lon")));
  page.AddErrors(d, errors, NeedLabels());
  std::string title = page.T("ask.title");
  return page.Render(status, "ask", std::move(d), errors.empty() ? title : page.T("form.error_prefix") + title);
}

http::Response ShowAsk(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  Result<Hub> hub = deps.app.hubs.Get(req.Param("slug"));
  if (!hub.ok()) return HubNotFound(page);
  if (!hub->settings.intake_open) return Closed(page, *hub, 200);
  return AskForm(page, *hub, Form(), FormErrors(), 200);
}

http::Response SubmitAsk(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  Result<Hub> hub = deps.app.hubs.Get(req.Param("slug"));
  if (!hub.ok()) return HubNotFound(page);
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return AskForm(page, *hub, *form, errors, 403);
  }
  if (int wait = deps.rate_limit("intake:" + req.remote_address); wait > 0) {
    errors.SetForm(page.T("err.rate_limited", {{"minutes", std::to_string((wait + 59) / 60)}}));
    http::Response r = AskForm(page, *hub, *form, errors, 429);
    r.SetHeader("Retry-After", std::to_string(wait));
    return r;
  }
  Timestamp now = deps.app.clock().Now();
  NeedDetails details = ReadNeedForm(*form, hub->settings, now, page.lang(), errors);
  if (!errors.empty()) {
    // Show core's findings too, so the person fixes everything in one round.
    AddStatusErrors(page.lang(), ValidateNeedDetails(details, hub->settings, now), NeedInputs(), errors);
    return AskForm(page, *hub, *form, errors, 422);
  }
  Result<IntakeReceipt> receipt = deps.app.needs.SubmitPublic(hub->slug, details);
  if (!receipt.ok()) {
    const Status& s = receipt.status();
    if (s.kind() == StatusKind::kConflict) return Closed(page, *hub, 409);
    if (s.kind() == StatusKind::kNotFound) return HubNotFound(page);
    AddStatusErrors(page.lang(), s, NeedInputs(), errors);
    return AskForm(page, *hub, *form, errors, s.kind() == StatusKind::kInvalid ? 422 : 503);
  }
  return page.Redirect("/s/" + receipt->status_token + "/received");
}

}  // namespace

void RegisterAskPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/h/{slug}/ask", "web.ask", [&deps](http::Request& req) { return ShowAsk(deps, req); });
  router.Add("POST", "/h/{slug}/ask", "web.ask.submit", [&deps](http::Request& req) { return SubmitAsk(deps, req); });
}

}  // namespace kin::web
