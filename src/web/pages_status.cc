// The private status link of a need asked for without an account: the confirmation right after asking (with
// the link as a QR code), and the status page to see, change or cancel the need.
#include "web/local_time.h"
#include "web/need_form.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/qr_svg.h"

namespace kin::web {
namespace {

http::Response BadLink(PageContext& page) {
  return page.Message(404, page.T("status.not_found"), page.T("status.not_found_text"), "/", page.T("common.home"));
}

std::string StatusText(Lang lang, NeedStatus s) { return Translate(lang, std::string("need.status.") + NeedStatusName(s)); }

http::Response Received(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  const std::string& token = req.Param("token");
  Result<NeedView> view = deps.app.needs.GetByToken(token);
  if (!view.ok()) return BadLink(page);
  std::string url = page.PublicUrl("/s/" + token);
  mustache::data d;
  d.set("token", token);
  d.set("status_url", url);
  d.set("qr_svg", QrSvg(url, page.T("received.qr_label")));
  return page.Render(200, "received", std::move(d), page.T("received.title"));
}

// The status page; `form` and `errors` refill the change form after a failed post.
http::Response StatusPage(PageContext& page, const std::string& token, const NeedView& view, const Form* form,
                          const FormErrors& errors, int status) {
  Lang lang = page.lang();
  const Need& need = view.need;
  Result<Hub> found = page.deps().app.hubs.GetById(need.hub);
  std::optional<Hub> hub = found.ok() ? std::optional<Hub>(std::move(*found)) : std::nullopt;
  std::string zone = hub ? hub->settings.time_zone : "UTC";
  mustache::data d;
  d.set("token", token);
  d.set("status_url", page.PublicUrl("/s/" + token));
  d.set("status_text", StatusText(lang, need.status));
  d.set("hub_name", hub ? hub->settings.name : "");
  d.set("slug", hub ? hub->slug : "");
  d.set("category", CategoryLabel(lang, need.details.category));
  d.set("description", need.details.description);
  d.set("quantity", std::to_string(need.details.quantity));
  d.set("urgency", UrgencyLabel(lang, need.details.urgency));
  if (need.details.window) {
    d.set("window", page.T("status.window", {{"start", FormatLocal(need.details.window->start, zone, lang)},
                                              {"end", FormatLocal(need.details.window->end, zone, lang)}}));
  }
  if (!need.details.place.empty()) d.set("place", need.details.place);
  const Contact& c = need.details.contact;
  std::string contact = ContactMethodLabel(lang, c.preferred);
  if (!c.phone.empty()) contact += " · " + c.phone;
  if (!c.email.empty()) contact += " · " + c.email;
  d.set("contact", contact);
  d.set("created_at", FormatLocal(need.created_at, zone, lang));
  d.set("updated_at", FormatLocal(need.updated_at, zone, lang));
  d.set("open", mustache::data(!IsClosed(need.status)));
  if (form) {
    d.set("v", FormValues(*form));
    d.set("contact_methods", ContactChoices(lang, form->Get("contact_method")));
  } else {
    mustache::data v{mustache::data::type::object};
    v.set("description", need.details.description);
    v.set("phone", c.phone);
    v.set("email", c.email);
    d.set("v", v);
    d.set("contact_methods", ContactChoices(lang, ContactMethodName(c.preferred)));
  }
  std::optional<std::string> done = page.request().Query("done");
  if (done == "updated") d.set("notice", page.T("status.updated"));
  if (done == "cancelled") d.set("notice", page.T("status.cancelled"));
  page.AddErrors(d, errors, NeedLabels());
  return page.Render(status, "status", std::move(d), page.T("status.title"));
}

http::Response ShowStatus(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  Result<NeedView> view = deps.app.needs.GetByToken(req.Param("token"));
  if (!view.ok()) return BadLink(page);
  return StatusPage(page, req.Param("token"), *view, nullptr, FormErrors(), 200);
}

http::Response ChangeStatus(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  const std::string& token = req.Param("token");
  Result<NeedView> view = deps.app.needs.GetByToken(token);
  if (!view.ok()) return BadLink(page);
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return StatusPage(page, token, *view, &*form, errors, 403);
  }
  const std::string& action = form->Get("do");
  Result<NeedView> changed = Status::Invalid("unknown action");
  if (action == "cancel") {
    changed = deps.app.needs.CancelByToken(token, form->Get("reason"));
  } else if (action == "update") {
    NeedPatch patch;
    patch.description = form->Get("description");
    patch.contact = ReadContact(*form, view->need.details.contact);
    changed = deps.app.needs.UpdateByToken(token, patch);
  }
  if (!changed.ok()) {
    AddStatusErrors(page.lang(), changed.status(), NeedInputs(), errors);
    // The need may have changed meanwhile (a helper finished it): show it as it is now.
    Result<NeedView> now = deps.app.needs.GetByToken(token);
    int status = changed.status().kind() == StatusKind::kInvalid ? 422 : 409;
    return StatusPage(page, token, now.ok() ? *now : *view, &*form, errors, status);
  }
  return page.Redirect("/s/" + token + (action == "cancel" ? "?done=cancelled" : "?done=updated"));
}

}  // namespace

void RegisterStatusPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/s/{token}", "web.status", [&deps](http::Request& req) { return ShowStatus(deps, req); });
  router.Add("POST", "/s/{token}", "web.status.change", [&deps](http::Request& req) { return ChangeStatus(deps, req); });
  router.Add("GET", "/s/{token}/received", "web.status.received",
             [&deps](http::Request& req) { return Received(deps, req); });
}

}  // namespace kin::web
