// One-time links: joining a hub from an invitation (a new account, or the signed-in one) and setting a new
// password from a reset link.
#include "web/page.h"
#include "web/pages.h"

namespace kin::web {
namespace {

const std::map<std::string, std::string>& AccountInputs() {
  static const std::map<std::string, std::string> kInputs = {
      {"handle", "handle"}, {"display_name", "display_name"}, {"password", "password"}};
  return kInputs;
}

const std::map<std::string, PageContext::FieldLabel>& AccountLabels() {
  static const std::map<std::string, PageContext::FieldLabel> kLabels = {
      {"handle", {"account.handle", ""}},
      {"display_name", {"account.display_name", ""}},
      {"password", {"account.new_password", ""}}};
  return kLabels;
}

http::Response JoinForm(PageContext& page, const Form& form, const FormErrors& errors, int status) {
  mustache::data d;
  d.set("token", page.request().Param("token"));
  mustache::data v{mustache::data::type::object};
  v.set("handle", form.Get("handle"));
  v.set("display_name", form.Get("display_name"));
  d.set("v", v);
  page.AddErrors(d, errors, AccountLabels());
  return page.Render(status, "join", std::move(d), page.T("join.title"));
}

http::Response ShowJoin(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  return JoinForm(page, Form(), FormErrors(), 200);
}

http::Response SubmitJoin(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return JoinForm(page, *form, errors, 403);
  }
  // Joining hashes a password: limit it like a sign-in.
  if (int wait = deps.rate_limit("login-ip:" + req.remote_address); wait > 0) {
    errors.SetForm(page.T("err.rate_limited", {{"minutes", std::to_string((wait + 59) / 60)}}));
    return JoinForm(page, *form, errors, 429);
  }
  JoinRequest join;
  join.invite_token = req.Param("token");
  join.handle = form->Get("handle");
  join.display_name = form->Get("display_name");
  join.password = form->Get("password");
  join.languages = {LangCode(page.lang())};
  Result<JoinResult> joined = deps.app.accounts.Join(page.caller(), join);
  if (!joined.ok()) {
    const Status& s = joined.status();
    if (s.kind() == StatusKind::kNotFound) {
      return page.Message(404, page.T("join.invalid"), page.T("join.invalid_text"), "/", page.T("common.home"));
    }
    AddStatusErrors(page.lang(), s, AccountInputs(), errors);
    return JoinForm(page, *form, errors, s.kind() == StatusKind::kInvalid ? 422 : 409);
  }
  if (joined->session) page.SetSession(joined->session->token);
  return page.Redirect("/me?joined=1");
}

http::Response ResetForm(PageContext& page, const FormErrors& errors, int status) {
  mustache::data d;
  d.set("token", page.request().Param("token"));
  page.AddErrors(d, errors, AccountLabels());
  return page.Render(status, "reset", std::move(d), page.T("reset.title"));
}

http::Response ShowReset(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  return ResetForm(page, FormErrors(), 200);
}

http::Response SubmitReset(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return ResetForm(page, errors, 403);
  }
  if (int wait = deps.rate_limit("reset-ip:" + req.remote_address); wait > 0) {
    errors.SetForm(page.T("err.rate_limited", {{"minutes", std::to_string((wait + 59) / 60)}}));
    return ResetForm(page, errors, 429);
  }
  Result<SessionGrant> grant = deps.app.accounts.ResetPassword(req.Param("token"), form->Get("password"));
  if (!grant.ok()) {
    const Status& s = grant.status();
    if (s.kind() == StatusKind::kNotFound) {
      return page.Message(404, page.T("reset.invalid"), page.T("reset.invalid_text"), "/", page.T("common.home"));
    }
    AddStatusErrors(page.lang(), s, AccountInputs(), errors);
    return ResetForm(page, errors, 422);
  }
  page.SetSession(grant->token);
  return page.Redirect("/me?reset=1");
}

}  // namespace

void RegisterInvitePages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/join/{token}", "web.join", [&deps](http::Request& req) { return ShowJoin(deps, req); });
  router.Add("POST", "/join/{token}", "web.join.submit", [&deps](http::Request& req) { return SubmitJoin(deps, req); });
  router.Add("GET", "/reset/{token}", "web.reset", [&deps](http::Request& req) { return ShowReset(deps, req); });
  router.Add("POST", "/reset/{token}", "web.reset.submit",
             [&deps](http::Request& req) { return SubmitReset(deps, req); });
}

}  // namespace kin::web
