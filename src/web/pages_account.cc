// Signing in and out with a cookie session; /me is the dashboard in pages_me.cc.
#include "web/page.h"
#include "web/pages.h"

namespace kin::web {
namespace {

const std::map<std::string, PageContext::FieldLabel>& SignInLabels() {
  static const std::map<std::string, PageContext::FieldLabel> kLabels = {
      {"handle", {"account.handle", ""}}, {"password", {"account.password", ""}}, {"code", {"signin.code", ""}}};
  return kLabels;
}

// Only paths on this server, so a crafted link cannot send someone elsewhere after signing in.
std::string SafeNext(const std::string& next) {
  if (next.size() < 2 || next[0] != '/' || next[1] == '/' || next[1] == '\\') return "/me";
  for (char c : next) {
    if (static_cast<unsigned char>(c) < 0x20) return "/me";
  }
  return next;
}

http::Response SignInForm(PageContext& page, const Form& form, const std::string& next, const FormErrors& errors,
                          int status) {
  mustache::data d;
  mustache::data v{mustache::data::type::object};
  v.set("handle", form.Get("handle"));
  d.set("v", v);
  d.set("next", next);
  if (page.request().Query("signedout")) d.set("notice", page.T("signout.done"));
  page.AddErrors(d, errors, SignInLabels());
  return page.Render(status, "signin", std::move(d), page.T("signin.title"));
}

http::Response ShowSignIn(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::string next = SafeNext(req.Query("next").value_or("/me"));
  if (page.signed_in()) return page.Redirect(next);
  return SignInForm(page, Form(), next, FormErrors(), 200);
}

http::Response SubmitSignIn(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  std::string next = SafeNext(form->Get("next"));
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return SignInForm(page, *form, next, errors, 403);
  }
  const std::string& handle = form->Get("handle");
  if (handle.empty()) errors.Add("handle", page.T("err.required"));
  if (form->Get("password").empty()) errors.Add("password", page.T("err.required"));
  if (!errors.empty()) return SignInForm(page, *form, next, errors, 422);
  int wait = deps.rate_limit("login-ip:" + req.remote_address);
  if (wait == 0) wait = deps.rate_limit("login-handle:" + handle);
  if (wait > 0) {
    errors.SetForm(page.T("err.rate_limited", {{"minutes", std::to_string((wait + 59) / 60)}}));
    http::Response r = SignInForm(page, *form, next, errors, 429);
    r.SetHeader("Retry-After", std::to_string(wait));
    return r;
  }
  // The two-step code, for those who turned it on; a wrong or missing one gets the same answer as a wrong password.
  Result<SessionGrant> grant = deps.app.accounts.SignIn(handle, form->Get("password"), form->Get("code"));
  if (!grant.ok()) {
    errors.SetForm(grant.status().kind() == StatusKind::kUnauthenticated ? page.T("signin.wrong")
                                                                         : KindMessage(page.lang(), grant.status().kind()));
    return SignInForm(page, *form, next, errors, grant.status().kind() == StatusKind::kUnauthenticated ? 401 : 503);
  }
  page.SetSession(grant->token);
  return page.Redirect(next);
}

http::Response ShowSignOut(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  return page.Render(200, "signout", mustache::data(), page.T("signout.title"));
}

http::Response SubmitSignOut(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  if (!page.CsrfOk(*form)) {
    // Show the button again with a fresh token rather than sign out on a forged request.
    return page.Render(403, "signout", mustache::data(), page.T("signout.title"));
  }
  if (page.signed_in()) deps.app.accounts.SignOut(page.session_token());
  page.SetSession("");
  return page.Redirect("/signin?signedout=1");
}

}  // namespace

void RegisterAccountPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/signin", "web.signin", [&deps](http::Request& req) { return ShowSignIn(deps, req); });
  router.Add("POST", "/signin", "web.signin.submit", [&deps](http::Request& req) { return SubmitSignIn(deps, req); });
  router.Add("GET", "/signout", "web.signout", [&deps](http::Request& req) { return ShowSignOut(deps, req); });
  router.Add("POST", "/signout", "web.signout.submit",
             [&deps](http::Request& req) { return SubmitSignOut(deps, req); });
  router.Add("GET", "/me", "web.me", [&deps](http::Request& req) { return MeDashboard(deps, req); });
}

}  // namespace kin::web
