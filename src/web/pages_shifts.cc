// Shift pages. For now: the care-hours chart, an SVG kin draws, with names only for the hub's members.
#include "web/care_hours_svg.h"
#include "web/page.h"
#include "web/pages.h"

namespace kin::web {
namespace {

http::Response CareHoursChart(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  Result<CareHours> ledger = deps.app.shifts.CareHoursOf(page.caller(), req.Param("slug"), std::nullopt, std::nullopt);
  if (!ledger.ok()) {
    return page.Message(ledger.status().kind() == StatusKind::kNotFound ? 404 : 503, page.T("hub.not_found"),
                        page.T("hub.not_found_text"), "/", page.T("common.home"));
  }
  ChartWords words{page.T("care.title", {{"hub", ledger->hub_name}}), page.T("care.nobody"), page.T("care.hours_unit")};
  http::Response r = http::Response::Text(200, CareHoursSvg(*ledger, words), "image/svg+xml; charset=utf-8");
  r.SetHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

}  // namespace

void RegisterShiftPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/h/{slug}/care-hours.svg", "web.care_hours_chart",
             [&deps](http::Request& req) { return CareHoursChart(deps, req); });
}

}  // namespace kin::web
