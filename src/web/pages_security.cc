// /me/security: two-step sign-in (turn on with a QR code and a first code, turn off with a current code) and the
// list of one's sign-ins with a button to end each. Signing in with a code is /signin (pages_account.cc).
#include "crypto/tokens.h"
#include "web/local_time.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/qr_svg.h"

namespace kin::web {
namespace {

const std::map<std::string, PageContext::FieldLabel>& CodeLabels() {
  static const std::map<std::string, PageContext::FieldLabel> kLabels = {{"code", {"security.code", ""}}};
  return kLabels;
}

// "ABCD EFGH ..." so the key can be read aloud or typed without losing one's place.
std::string Grouped(const std::string& key) {
  std::string out;
  for (size_t i = 0; i < key.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += key[i];
  }
  return out;
}

// The page, with `setup` when a new secret was just issued (shown this once) and `errors` of a code form.
http::Response SecurityPage(PageContext& page, int status, const std::optional<TotpSetup>& setup,
                            const FormErrors& errors, const std::string& notice = "") {
  WebDeps& deps = page.deps();
  Result<TwoFactorState> state = deps.app.two_factor.GetState(page.caller());
  Result<std::vector<SessionInfo>> sessions = deps.app.personal_data.Sessions(page.caller());
  if (!state.ok() || !sessions.ok()) {
    StatusKind kind = !state.ok() ? state.status().kind() : sessions.status().kind();
    return page.Message(503, page.T("err.kind.unavailable"), KindMessage(page.lang(), kind));
  }
  mustache::data d;
  d.set("tfa_on", mustache::data(state->enabled));
  d.set("tfa_pending", mustache::data(state->pending && !setup));
  d.set("tfa_off", mustache::data(!state->enabled && !state->pending && !setup));
  if (setup) {
    mustache::data s;
    s.set("key", Grouped(setup->secret_base32));
    s.set("qr_svg", QrSvg(setup->otpauth_uri, page.T("security.tfa_qr_label")));
    s.set("uri", setup->otpauth_uri);  // on a phone, the app opens from this link: no second screen needed
    d.set("setup", s);
  }
  Timestamp now = deps.app.clock().Now();
  std::string current = page.session_token().empty() ? "" : HashToken(page.session_token());
  mustache::data list{mustache::data::type::list};
  for (const SessionInfo& info : *sessions) {
    const Session& s = info.session;
    if (!s.ValidAt(now)) continue;
    mustache::data item;
    item.set("id", info.id);
    item.set("what", s.kind == SessionKind::kApiToken ? page.T("security.session_token", {{"label", s.label}})
                                                      : page.T("security.session_web"));
    item.set("when", page.T("security.session_since", {{"time", FormatLocal(s.created_at, "UTC", page.lang())},
                                                       {"end", FormatLocal(s.expires_at, "UTC", page.lang())}}));
    // Sessions() gives only a prefix of each token's hash as its id.
    item.set("current", mustache::data(!current.empty() && current.compare(0, info.id.size(), info.id) == 0));
    list.push_back(item);
  }
  d.set("sessions", list);
  if (!notice.empty()) d.set("notice", notice);
  page.AddErrors(d, errors, CodeLabels());
  return page.Render(status, "security", std::move(d), page.T("security.title"));
}

// Shared by the posts: the signed-in person's form with a valid CSRF token, or the answer to give instead.
std::optional<http::Response> Refuse(PageContext& page, const std::optional<Form>& form) {
  if (!page.signed_in()) return page.Redirect("/signin?next=/me/security");
  if (!form) return page.BadForm();
  if (!page.CsrfOk(*form)) {
    FormErrors errors;
    errors.SetForm(page.T("err.csrf"));
    return SecurityPage(page, 403, std::nullopt, errors);
  }
  return std::nullopt;
}

// The errors of a confirm or disable that failed.
http::Response CodeRefused(PageContext& page, const Status& s) {
  FormErrors errors;
  if (s.kind() == StatusKind::kInvalid) {
    errors.Add("code", page.T("security.code_wrong"));
    return SecurityPage(page, 422, std::nullopt, errors);
  }
  errors.SetForm(KindMessage(page.lang(), s.kind()));
  return SecurityPage(page, s.kind() == StatusKind::kConflict ? 409 : 503, std::nullopt, errors);
}

http::Response Show(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  if (!page.signed_in()) return page.Redirect("/signin?next=/me/security");
  std::string notice;
  if (req.Query("on")) notice = page.T("security.tfa_turned_on");
  if (req.Query("off")) notice = page.T("security.tfa_turned_off");
  if (req.Query("ended")) notice = page.T("security.session_revoked");
  return SecurityPage(page, 200, std::nullopt, FormErrors(), notice);
}

http::Response Begin(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<Form> form = page.ReadForm();
  if (std::optional<http::Response> refused = Refuse(page, form)) return std::move(*refused);
  Result<TotpSetup> setup = deps.app.two_factor.BeginEnrolment(page.caller(), TotpIssuer(deps.public_url));
  if (!setup.ok()) return CodeRefused(page, setup.status());
  return SecurityPage(page, 200, *setup, FormErrors());
}

http::Response Confirm(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<Form> form = page.ReadForm();
  if (std::optional<http::Response> refused = Refuse(page, form)) return std::move(*refused);
  Result<TwoFactorState> state = deps.app.two_factor.Confirm(page.caller(), form->Get("code"));
  if (!state.ok()) return CodeRefused(page, state.status());
  return page.Redirect("/me/security?on=1");
}

http::Response Disable(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<Form> form = page.ReadForm();
  if (std::optional<http::Response> refused = Refuse(page, form)) return std::move(*refused);
  Result<TwoFactorState> state = deps.app.two_factor.Disable(page.caller(), form->Get("code"));
  if (!state.ok()) return CodeRefused(page, state.status());
  return page.Redirect("/me/security?off=1");
}

http::Response EndSession(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<Form> form = page.ReadForm();
  if (std::optional<http::Response> refused = Refuse(page, form)) return std::move(*refused);
  Status s = deps.app.personal_data.RevokeSession(page.caller(), req.Param("session"));
  if (!s.ok()) {
    FormErrors errors;
    errors.SetForm(KindMessage(page.lang(), s.kind()));
    return SecurityPage(page, s.kind() == StatusKind::kNotFound ? 404 : 503, std::nullopt, errors);
  }
  // Ending this browser's own sign-in signs it out.
  Result<Caller> still = deps.app.accounts.Authenticate(page.session_token());
  if (!still.ok()) {
    page.SetSession("");
    return page.Redirect("/signin?signedout=1");
  }
  return page.Redirect("/me/security?ended=1");
}

}  // namespace

void RegisterSecurityPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/me/security", "web.security", [&deps](http::Request& req) { return Show(deps, req); });
  router.Add("POST", "/me/security/two-factor", "web.security.enrol",
             [&deps](http::Request& req) { return Begin(deps, req); });
  router.Add("POST", "/me/security/two-factor/confirm", "web.security.confirm",
             [&deps](http::Request& req) { return Confirm(deps, req); });
  router.Add("POST", "/me/security/two-factor/disable", "web.security.disable",
             [&deps](http::Request& req) { return Disable(deps, req); });
  router.Add("POST", "/me/security/sessions/{session}/end", "web.security.end_session",
             [&deps](http::Request& req) { return EndSession(deps, req); });
}

}  // namespace kin::web
