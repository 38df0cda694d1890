// The assembly's defence against capture, in the browser: the waiting period before new members vote, the
// vouches that let them vote sooner (coordinators set both), and the form members use to vouch.
#include "web/field_messages.h"
#include "web/page.h"
#include "web/pages.h"

namespace kin::web {
namespace {

const std::map<std::string, PageContext::FieldLabel>& SettingsLabels() {
  static const std::map<std::string, PageContext::FieldLabel> kLabels = {
      {"waiting_days", {"assembly.settings.waiting_days", ""}},
      {"vouches_needed", {"assembly.settings.vouches_needed", ""}},
      {"member", {"assembly.settings.member", ""}}};
  return kLabels;
}

std::optional<int> FormNumber(const std::string& text) {
  if (text.empty() || text.size() > 4) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return std::stoi(text);
}

http::Response SettingsPage(PageContext& page, const std::string& slug, const Form* form, const FormErrors& errors,
                            int status, const std::string& notice = "") {
  WebDeps& deps = page.deps();
  Result<Hub> hub = deps.app.hubs.Get(slug);
  if (!hub.ok()) return page.Message(404, page.T("hub.not_found"), page.T("hub.not_found_text"), "/", page.T("common.home"));
  Result<AssemblySettings> settings = deps.app.assembly.Settings(page.caller(), slug);
  if (!settings.ok()) {
    return page.Message(settings.status().kind() == StatusKind::kForbidden ? 403 : 503,
                        page.T("assembly.not_found"), page.T("assembly.not_found_text"), "/me", page.T("layout.my_page"));
  }
  Timestamp now = deps.app.clock().Now();
  Timestamp cutoff = WaitingCutoff(*settings, now);
  mustache::data d;
  d.set("slug", slug);
  d.set("hub_name", hub->settings.name);
  d.set("days", std::to_string(settings->waiting_days));
  d.set("vouches", std::to_string(settings->vouches_needed));
  d.set("waits", mustache::data(settings->waiting_days > 0));
  mustache::data v{mustache::data::type::object};
  v.set("waiting_days", form ? form->Get("waiting_days") : std::to_string(settings->waiting_days));
  v.set("vouches_needed", form ? form->Get("vouches_needed") : std::to_string(settings->vouches_needed));
  d.set("v", v);
  // Coordinators change the rule; members past the waiting period vouch for those still within it.
  bool coordinator = false;
  bool past_wait = false;
  mustache::data newcomers{mustache::data::type::list};
  PageRequest request;
  request.limit = 200;
  Result<Page<MemberInHub>> members = deps.app.hubs.Members(page.caller(), slug, request);
  if (members.ok()) {
    for (const MemberInHub& m : members->items) {
      if (m.member.id == *page.caller().member) {
        coordinator = m.membership.roles.Has(Role::kCoordinator);
        past_wait = m.membership.joined_at <= cutoff;
      } else if (m.membership.joined_at > cutoff) {
        mustache::data item;
        item.set("id", m.member.id.value);
        item.set("name", m.member.display_name + " (@" + m.member.handle + ")");
        newcomers.push_back(item);
      }
    }
  }
  d.set("coordinator", mustache::data(coordinator));
  d.set("may_vouch", mustache::data(settings->waiting_days > 0 && past_wait));
  d.set("newcomers", newcomers);
  d.set("has_newcomers", mustache::data(!newcomers.is_empty_list()));
  if (!notice.empty()) d.set("notice", notice);
  page.AddErrors(d, errors, SettingsLabels());
  return page.Render(status, "assembly_settings", std::move(d), page.T("assembly.settings.title"));
}

http::Response ShowSettings(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  const std::string& slug = req.Param("slug");
  if (!page.signed_in()) return page.Redirect("/signin?next=/h/" + slug + "/assembly/settings");
  std::string notice;
  if (req.Query("saved")) notice = page.T("assembly.settings.saved");
  if (req.Query("vouched")) notice = page.T("assembly.settings.vouched");
  return SettingsPage(page, slug, nullptr, FormErrors(), 200, notice);
}

http::Response SubmitSettings(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  const std::string& slug = req.Param("slug");
  if (!page.signed_in()) return page.Redirect("/signin?next=/h/" + slug + "/assembly/settings");
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return SettingsPage(page, slug, &*form, errors, 403);
  }
  std::optional<int> days = FormNumber(form->Get("waiting_days"));
  std::optional<int> vouches = FormNumber(form->Get("vouches_needed"));
  if (!days) errors.Add("waiting_days", page.T("assembly.err.number"));
  if (!vouches) errors.Add("vouches_needed", page.T("assembly.err.number"));
  if (!errors.empty()) return SettingsPage(page, slug, &*form, errors, 422);
  Result<AssemblySettings> saved = deps.app.assembly.PutSettings(page.caller(), slug, {*days, *vouches});
  if (!saved.ok()) {
    for (const FieldError& f : saved.status().fields()) {
      errors.Add(f.field, page.T(f.field == "waiting_days" ? "assembly.settings.err.days" : "assembly.settings.err.vouches"));
    }
    if (errors.empty()) errors.SetForm(KindMessage(page.lang(), saved.status().kind()));
    return SettingsPage(page, slug, &*form, errors, saved.status().kind() == StatusKind::kInvalid ? 422 : 403);
  }
  return page.Redirect("/h/" + slug + "/assembly/settings?saved=1");
}

http::Response SubmitVouch(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  const std::string& slug = req.Param("slug");
  if (!page.signed_in()) return page.Redirect("/signin?next=/h/" + slug + "/assembly/settings");
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return SettingsPage(page, slug, nullptr, errors, 403);
  }
  Status s = deps.app.assembly.Vouch(page.caller(), slug, MemberId{form->Get("member")});
  if (!s.ok()) {
    errors.SetForm(page.T(s.kind() == StatusKind::kConflict    ? "assembly.settings.err.again"
                          : s.kind() == StatusKind::kForbidden ? "assembly.settings.err.too_new"
                                                               : "assembly.settings.err.member"));
    int code = s.kind() == StatusKind::kConflict ? 409 : s.kind() == StatusKind::kForbidden ? 403 : 422;
    return SettingsPage(page, slug, nullptr, errors, code);
  }
  return page.Redirect("/h/" + slug + "/assembly/settings?vouched=1");
}

}  // namespace

void RegisterAssemblySettingsPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/h/{slug}/assembly/settings", "web.assembly.settings",
             [&deps](http::Request& r) { return ShowSettings(deps, r); });
  router.Add("POST", "/h/{slug}/assembly/settings", "web.assembly.settings.submit",
             [&deps](http::Request& r) { return SubmitSettings(deps, r); });
  router.Add("POST", "/h/{slug}/assembly/vouch", "web.assembly.vouch",
             [&deps](http::Request& r) { return SubmitVouch(deps, r); });
}

}  // namespace kin::web
