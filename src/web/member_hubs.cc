#include "web/member_hubs.h"

#include "web/form.h"

namespace kin::web {

std::vector<HubRoles> MyHubs(PageContext& page) {
  std::vector<HubRoles> out;
  if (!page.signed_in()) return out;
  Result<Profile> profile = page.deps().app.accounts.GetProfile(page.caller());
  if (!profile.ok()) return out;
  for (const Membership& m : profile->memberships) {
    Result<Hub> hub = page.deps().app.hubs.GetById(m.hub);
    if (hub.ok()) out.push_back({std::move(*hub), m.roles});
  }
  return out;
}

std::optional<HubRoles> MyRolesIn(PageContext& page, const std::string& slug) {
  for (HubRoles& h : MyHubs(page)) {
    if (h.hub.slug == slug) return std::move(h);
  }
  return std::nullopt;
}

std::optional<HubRoles> MyRolesIn(PageContext& page, const HubId& hub) {
  for (HubRoles& h : MyHubs(page)) {
    if (h.hub.id == hub) return std::move(h);
  }
  return std::nullopt;
}

http::Response SignInFirst(PageContext& page) {
  const http::Request& req = page.request();
  std::string here = req.target.empty() ? req.path : req.target;
  if (page.request().method != "GET") here = "/me";
  return page.Redirect("/signin?next=" + UrlEncode(here));
}

std::optional<HubRoles> RequireHubAccess(PageContext& page, const std::string& slug, HubAccess access,
                                         std::optional<http::Response>& answer) {
  if (!page.signed_in()) {
    answer = SignInFirst(page);
    return std::nullopt;
  }
  std::optional<HubRoles> h = MyRolesIn(page, slug);
  bool allowed = h && (access == HubAccess::kMember || (access == HubAccess::kIntake && h->intake()) ||
                       h->coordinator());
  if (!allowed) {
    answer = page.deps().app.hubs.Get(slug).ok() ? NotAllowed(page) : HubNotFoundPage(page);
    return std::nullopt;
  }
  return h;
}

http::Response HubNotFoundPage(PageContext& page) {
  return page.Message(404, page.T("hub.not_found"), page.T("hub.not_found_text"), "/", page.T("common.home"));
}

http::Response NotAllowed(PageContext& page) {
  return page.Message(403, page.T("forbidden.title"), page.T("forbidden.text"), "/me", page.T("common.my_page"));
}

http::Response Failure(PageContext& page, const Status& status, const std::string& back) {
  switch (status.kind()) {
    case StatusKind::kForbidden:
    case StatusKind::kUnauthenticated: return NotAllowed(page);
    case StatusKind::kNotFound:
      return page.Message(404, page.T("notfound.title"), KindMessage(page.lang(), status.kind()), back,
                          page.T("common.back"));
    case StatusKind::kConflict:
      return page.Message(409, page.T("conflict.title"), KindMessage(page.lang(), status.kind()), back,
                          page.T("common.back"));
    default:
      return page.Message(503, page.T("err.kind.unavailable"), KindMessage(page.lang(), status.kind()), back,
                          page.T("common.back"));
  }
}

std::string WaitingText(Lang lang, Timestamp since, Timestamp now) {
  long minutes = std::max<long>(0, static_cast<long>((now - since).count() / 60));
  if (minutes < 60) return Translate(lang, "waiting.minutes", {{"n", std::to_string(minutes)}});
  long hours = minutes / 60;
  if (hours < 48) return Translate(lang, "waiting.hours", {{"n", std::to_string(hours)}});
  return Translate(lang, "waiting.days", {{"n", std::to_string(hours / 24)}});
}

}  // namespace kin::web
