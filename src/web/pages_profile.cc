// The member's own account: display name, languages and notification choices; downloading everything kin holds
// about them as a JSON file; deleting the account after confirming the password. Sign-ins and two-factor
// settings live at /me/security (another page group).
#include <algorithm>

#include "http/json_codec.h"
#include "web/member_hubs.h"
#include "web/pages.h"

namespace kin::web {
namespace {

// The languages a member can say they speak: those kin has names for.
constexpr const char* kSpoken[] = {"en", "es", "fr", "pt"};
constexpr const char* kNotify[] = {"fitting_needs", "pairings", "own_needs"};

bool NotifyOn(const NotifyChoices& c, std::string_view which) {
  return which == "fitting_needs" ? c.fitting_needs : which == "pairings" ? c.pairings : c.own_needs;
}

http::Response ProfilePage(PageContext& page, const Member& member, const NotifyChoices& notify, const Form* form,
                           const FormErrors& errors, int status) {
  mustache::data d;
  mustache::data v{mustache::data::type::object};
  v.set("display_name", form ? form->Get("display_name") : member.display_name);
  d.set("v", v);
  d.set("handle", member.handle);
  mustache::data langs{mustache::data::type::list};
  for (const char* code : kSpoken) {
    bool on = form ? form->Has(std::string("lang_") + code)
                   : std::find(member.languages.begin(), member.languages.end(), code) != member.languages.end();
    mustache::data l;
    l.set("code", code);
    l.set("label", page.T(std::string("lang.name.") + code));
    l.set("checked", mustache::data(on));
    langs.push_back(l);
  }
  d.set("languages", langs);
  mustache::data choices{mustache::data::type::list};
  for (const char* which : kNotify) {
    mustache::data c;
    c.set("name", which);
    c.set("label", page.T(std::string("profile.notify.") + which));
    c.set("checked", mustache::data(form ? form->Has(which) : NotifyOn(notify, which)));
    choices.push_back(c);
  }
  d.set("notify", choices);
  if (page.request().Query("done")) d.set("notice", page.T("profile.saved"));
  page.AddErrors(d, errors, {{"display_name", {"profile.display_name", ""}}, {"languages", {"profile.languages", "languages"}}});
  std::string title = page.T("profile.title");
  return page.Render(status, "profile", std::move(d), errors.empty() ? title : page.T("form.error_prefix") + title);
}

http::Response ShowProfile(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  if (!page.signed_in()) return SignInFirst(page);
  Result<Profile> profile = deps.app.accounts.GetProfile(page.caller());
  if (!profile.ok()) return Failure(page, profile.status());
  Result<NotifyChoices> notify = deps.app.preferences.Notifications(page.caller());
  if (!notify.ok()) return Failure(page, notify.status());
  return ProfilePage(page, profile->member, *notify, nullptr, FormErrors(), 200);
}

http::Response SaveProfile(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  if (!page.signed_in()) return SignInFirst(page);
  Result<Profile> profile = deps.app.accounts.GetProfile(page.caller());
  if (!profile.ok()) return Failure(page, profile.status());
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return ProfilePage(page, profile->member, {}, &*form, errors, 403);
  }
  ProfileUpdate update;
  update.display_name = form->Get("display_name");
  update.languages = std::vector<std::string>{};
  for (const char* code : kSpoken) {
    if (form->Has(std::string("lang_") + code)) update.languages->push_back(code);
  }
  // Languages set through the API that this form has no box for stay as they are.
  for (const std::string& code : profile->member.languages) {
    if (std::find(std::begin(kSpoken), std::end(kSpoken), code) == std::end(kSpoken)) update.languages->push_back(code);
  }
  NotifyChoices notify;
  notify.fitting_needs = form->Has("fitting_needs");
  notify.pairings = form->Has("pairings");
  notify.own_needs = form->Has("own_needs");
  // Both checked before either is saved, so a refused form saves nothing.
  FieldErrors check;
  ValidateDisplayName(*update.display_name, check);
  AddStatusErrors(page.lang(), check.ToStatus(), {{"display_name", "display_name"}}, errors);
  if (!errors.empty()) return ProfilePage(page, profile->member, notify, &*form, errors, 422);
  Result<Profile> saved = deps.app.accounts.UpdateProfile(page.caller(), update);
  Status s = saved.ok() ? deps.app.preferences.SetNotifications(page.caller(), notify) : saved.status();
  if (!s.ok()) {
    AddStatusErrors(page.lang(), s, {{"display_name", "display_name"}}, errors);
    return ProfilePage(page, profile->member, notify, &*form, errors, s.kind() == StatusKind::kInvalid ? 422 : 503);
  }
  return page.Redirect("/me/profile?done=1");
}

// ---- My data: download and delete ---------------------------------------------------------------------------

http::Response DataPage(PageContext& page, const FormErrors& errors, int status) {
  mustache::data d;
  page.AddErrors(d, errors, {{"password", {"account.password", ""}}});
  std::string title = page.T("data.title");
  return page.Render(status, "my_data", std::move(d), errors.empty() ? title : page.T("form.error_prefix") + title);
}

http::Response ShowData(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  if (!page.signed_in()) return SignInFirst(page);
  return DataPage(page, FormErrors(), 200);
}

http::Response Download(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  if (!page.signed_in()) return SignInFirst(page);
  Result<PersonalExport> data = deps.app.personal_data.Export(page.caller());
  if (!data.ok()) return Failure(page, data.status());
  http::JsonWriter w;
  http::WriteExport(w, *data);
  http::Response r = http::Response::Json(200, w.Take());
  r.SetHeader("Content-Disposition", "attachment; filename=\"kin-my-data.json\"");
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

http::Response Delete(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  if (!page.signed_in()) return SignInFirst(page);
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return DataPage(page, errors, 403);
  }
  if (form->Get("password").empty()) {
    errors.Add("password", page.T("err.required"));
    return DataPage(page, errors, 422);
  }
  if (int wait = deps.rate_limit("login-ip:" + req.remote_address); wait > 0) {
    errors.SetForm(page.T("err.rate_limited", {{"minutes", std::to_string((wait + 59) / 60)}}));
    return DataPage(page, errors, 429);
  }
  Status s = deps.app.personal_data.DeleteAccount(page.caller(), form->Get("password"));
  if (!s.ok()) {
    if (s.kind() == StatusKind::kInvalid) {
      errors.Add("password", page.T("data.wrong_password"));
    } else {
      errors.SetForm(KindMessage(page.lang(), s.kind()));
    }
    return DataPage(page, errors, s.kind() == StatusKind::kInvalid ? 422 : 503);
  }
  page.SetSession("");
  return page.Message(200, page.T("data.deleted_title"), page.T("data.deleted_text"), "/", page.T("common.home"));
}

}  // namespace

void RegisterProfilePages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/me/profile", "web.profile", [&deps](http::Request& req) { return ShowProfile(deps, req); });
  router.Add("POST", "/me/profile", "web.profile.save", [&deps](http::Request& req) { return SaveProfile(deps, req); });
  router.Add("GET", "/me/data", "web.data", [&deps](http::Request& req) { return ShowData(deps, req); });
  router.Add("GET", "/me/data.json", "web.data.download", [&deps](http::Request& req) { return Download(deps, req); });
  router.Add("POST", "/me/delete", "web.data.delete", [&deps](http::Request& req) { return Delete(deps, req); });
}

}  // namespace kin::web
