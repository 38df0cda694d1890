// /h/{slug}/sharing (issue 10): a coordinator chooses which of the hub's active offers and open needs go out to
// the hubs that follow it, and stops sharing them. Each item has one plain form (CSRF-checked) that redirects
// back; the work is in app/sharing.h. Only what docs/federation_sharing.md lists ever leaves the server.
#include <set>
#include <utility>

#include "web/field_messages.h"
#include "web/member_hubs.h"
#include "web/need_form.h"
#include "web/offer_form.h"
#include "web/page.h"
#include "web/pages.h"

namespace kin::web {
namespace {

std::optional<HubRoles> Coordinator(PageContext& page, std::optional<http::Response>& answer) {
  if (!page.signed_in()) {
    answer = SignInFirst(page);
    return std::nullopt;
  }
  const std::string& slug = page.request().Param("slug");
  std::optional<HubRoles> h = MyRolesIn(page, slug);
  if (!h || !h->coordinator()) {
    answer = page.deps().app.hubs.Get(slug).ok() ? NotAllowed(page) : HubNotFoundPage(page);
    return std::nullopt;
  }
  return h;
}

mustache::data Row(PageContext& page, const std::string& kind, const std::string& id, std::string label,
                   bool shared) {
  mustache::data d;
  d.set("kind", kind);
  d.set("id", id);
  d.set("label", std::move(label));
  d.set("shared", mustache::data(shared));
  if (kind == "need") d.set("link", "/needs/" + id);
  d.set("share_label", page.T(shared ? "sharing.stop" : "sharing.share"));
  return d;
}

http::Response SharingPage(PageContext& page, const HubRoles& h, int status, const FormErrors& errors,
                           const std::string& notice) {
  App& app = page.deps().app;
  const std::string& slug = h.hub.slug;
  Result<std::vector<SharedRecord>> shared = app.sharing.SharedBy(page.caller(), slug);
  if (!shared.ok()) return Failure(page, shared.status());
  std::set<std::pair<std::string, std::string>> is_shared;
  for (const SharedRecord& r : *shared) is_shared.emplace(r.kind, r.local_id);
  NeedFilter open;
  open.status = NeedStatus::kOpen;
  Result<Page<Need>> needs = app.needs.List(page.caller(), slug, open, PageRequest{"", 200});
  OfferFilter active;
  active.status = OfferStatus::kActive;
  Result<Page<Offer>> offers = app.offers.List(page.caller(), slug, active, PageRequest{"", 200});
  if (!needs.ok()) return Failure(page, needs.status());
  if (!offers.ok()) return Failure(page, offers.status());
  mustache::data need_rows{mustache::data::type::list}, offer_rows{mustache::data::type::list};
  for (const Need& n : needs->items) {
    if (n.redacted_at) continue;  // nothing of it may be shared any more
    std::string label = CategoryLabel(page.lang(), n.details.category) + " · " +
                        UrgencyLabel(page.lang(), n.details.urgency);
    need_rows.push_back(Row(page, "need", n.id.value, std::move(label), is_shared.count({"need", n.id.value}) > 0));
  }
  for (const Offer& o : offers->items) {
    std::string label = CategoryLabel(page.lang(), o.details.category) + " · " +
                        CapacityText(page.lang(), o.details.capacity);
    offer_rows.push_back(Row(page, "offer", o.id.value, std::move(label), is_shared.count({"offer", o.id.value}) > 0));
  }
  mustache::data d;
  d.set("slug", slug);
  d.set("hub_name", h.hub.settings.name);
  if (!notice.empty()) d.set("notice", notice);
  d.set("needs", need_rows);
  d.set("offers", offer_rows);
  d.set("has_needs", mustache::data(!need_rows.is_empty_list()));
  d.set("has_offers", mustache::data(!offer_rows.is_empty_list()));
  page.AddErrors(d, errors, {});
  std::string title = page.T("sharing.title", {{"hub", h.hub.settings.name}});
  return page.Render(status, "sharing", std::move(d), errors.empty() ? title : page.T("form.error_prefix") + title);
}

http::Response Show(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  std::optional<HubRoles> h = Coordinator(page, answer);
  if (!h) return *answer;
  std::string notice;
  for (const char* done : {"shared", "stopped"}) {
    if (req.Query(done)) notice = page.T(std::string("sharing.done.") + done);
  }
  return SharingPage(page, *h, 200, FormErrors(), notice);
}

http::Response Post(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  std::optional<HubRoles> h = Coordinator(page, answer);
  if (!h) return *answer;
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return SharingPage(page, *h, 403, errors, "");
  }
  std::string kind = form->Get("kind"), id = form->Get("id"), action = form->Get("action");
  if ((kind != "offer" && kind != "need") || id.empty() || (action != "share" && action != "stop")) {
    errors.SetForm(page.T("sharing.err.form"));
    return SharingPage(page, *h, 422, errors, "");
  }
  Status s = action == "share" ? deps.app.sharing.Share(page.caller(), kind, id).status()
                               : deps.app.sharing.Unshare(page.caller(), kind, id);
  // Unsharing what is no longer shared (withdrawn meanwhile, a second click) is what was asked: done.
  if (s.ok() || (action == "stop" && s.kind() == StatusKind::kNotFound)) {
    return page.Redirect("/h/" + h->hub.slug + "/sharing?" + (action == "share" ? "shared" : "stopped") + "=1");
  }
  // A paused offer or a need no longer open (changed since the page was shown) cannot go out.
  errors.SetForm(s.kind() == StatusKind::kInvalid ? page.T("sharing.err.not_shareable")
                                                  : KindMessage(page.lang(), s.kind()));
  int status = s.kind() == StatusKind::kInvalid     ? 422
               : s.kind() == StatusKind::kNotFound  ? 404
               : s.kind() == StatusKind::kForbidden ? 403
                                                    : 409;
  return SharingPage(page, *h, status, errors, "");
}

}  // namespace

void RegisterSharingPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/h/{slug}/sharing", "web.sharing", [&deps](http::Request& req) { return Show(deps, req); });
  router.Add("POST", "/h/{slug}/sharing", "web.sharing.post", [&deps](http::Request& req) { return Post(deps, req); });
}

}  // namespace kin::web
