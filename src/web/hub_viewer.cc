#include "web/hub_viewer.h"

#include "web/form.h"

namespace kin::web {

std::variant<HubViewer, http::Response> HubViewerOf(PageContext& page, const std::string& slug, const std::string& next,
                                                    const std::string& area) {
  Result<Hub> hub = page.deps().app.hubs.Get(slug);
  if (!hub.ok())
    return page.Message(404, page.T("hub.not_found"), page.T("hub.not_found_text"), "/", page.T("common.home"));
  if (!page.signed_in()) return page.Redirect("/signin?next=" + UrlEncode(next));
  Result<Profile> me = page.deps().app.accounts.GetProfile(page.caller());
  if (me.ok()) {
    for (const Membership& m : me->memberships) {
      if (m.hub == hub->id) return HubViewer{std::move(*hub), m.roles};
    }
  }
  return page.Message(403, page.T(area + ".not_member"), page.T(area + ".not_member_text"), "/h/" + slug,
                      page.T("stock.back_to_hub"));
}

}  // namespace kin::web
