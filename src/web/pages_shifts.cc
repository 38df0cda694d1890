// Shift pages: the route groups (board and occurrences, coordinators' forms, my shifts) and the care-hours
// ledger, as a page with a period picker and an accessible table, and as the SVG chart kin draws. Names only for
// the hub's members; never a ranking.
#include <cstdio>
#include <variant>

#include "schedule/zone.h"
#include "web/care_hours_svg.h"
#include "web/pages.h"
#include "web/shift_web.h"

namespace kin::web {
namespace {

struct Period {
  std::optional<Timestamp> from, to;
  std::string from_text, to_text;  // as typed, for the form
};

// ?from=YYYY-MM-DD&to=YYYY-MM-DD (both days included) in the hub's zone; errors at the inputs.
Period ReadPeriod(const http::Request& req, const std::string& zone_name, Lang lang, FormErrors& errors) {
  Period p;
  p.from_text = req.Query("from").value_or("");
  p.to_text = req.Query("to").value_or("");
  Result<schedule::Zone> zone = schedule::Zone::Find("zone", zone_name);
  if (!zone.ok()) return p;
  if (!p.from_text.empty()) {
    if (std::optional<LocalSeconds> d = ParseDateInput(p.from_text)) {
      p.from = zone->ToUtc(*d).utc;
    } else {
      errors.Add("from", Translate(lang, "care.err.date"));
    }
  }
  if (!p.to_text.empty()) {
    if (std::optional<LocalSeconds> d = ParseDateInput(p.to_text)) {
      p.to = zone->ToUtc(*d + std::chrono::days(1)).utc;
    } else {
      errors.Add("to", Translate(lang, "care.err.date"));
    }
  }
  return p;
}

std::string HoursOf(int minutes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", minutes / 60.0);
  return buf;
}

std::string PeriodTitle(PageContext& page, const CareHours& ledger, const std::string& zone, bool custom) {
  if (!custom) return page.T("care.title", {{"hub", ledger.hub_name}});
  Result<schedule::Zone> z = schedule::Zone::Find("zone", zone);
  if (!z.ok()) return page.T("care.title", {{"hub", ledger.hub_name}});
  return page.T("care.title_period", {{"hub", ledger.hub_name},
                                      {"from", LocalDay(page.lang(), z->ToLocal(ledger.from))},
                                      {"to", LocalDay(page.lang(), z->ToLocal(ledger.to - Seconds(1)))}});
}

http::Response CareHoursChart(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  Result<Hub> hub = deps.app.hubs.Get(req.Param("slug"));
  if (!hub.ok()) return HubNotFoundPage(page);
  FormErrors errors;
  Period period = ReadPeriod(req, hub->settings.time_zone, page.lang(), errors);
  Result<CareHours> ledger = deps.app.shifts.CareHoursOf(page.caller(), hub->slug, period.from, period.to);
  if (!ledger.ok() && ledger.status().kind() == StatusKind::kInvalid) {
    ledger = deps.app.shifts.CareHoursOf(page.caller(), hub->slug, std::nullopt, std::nullopt);
    period = Period{};
  }
  if (!ledger.ok()) return Failure(page, ledger.status(), "/h/" + hub->slug);
  ChartWords words{PeriodTitle(page, *ledger, hub->settings.time_zone, period.from || period.to),
                   page.T("care.nobody"), page.T("care.hours_unit")};
  http::Response r = http::Response::Text(200, CareHoursSvg(*ledger, words), "image/svg+xml; charset=utf-8");
  r.SetHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

http::Response CareHoursPage(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  Result<Hub> hub = deps.app.hubs.Get(req.Param("slug"));
  if (!hub.ok()) return HubNotFoundPage(page);
  FormErrors errors;
  Period period = ReadPeriod(req, hub->settings.time_zone, page.lang(), errors);
  int status = 200;
  Result<CareHours> ledger = Status::Invalid("not read");
  if (errors.empty()) ledger = deps.app.shifts.CareHoursOf(page.caller(), hub->slug, period.from, period.to);
  if (errors.empty() && !ledger.ok() && ledger.status().kind() == StatusKind::kInvalid) {
    errors.Add("to", page.T("care.err.period"));
  }
  if (!errors.empty()) {
    status = 422;
    ledger = deps.app.shifts.CareHoursOf(page.caller(), hub->slug, std::nullopt, std::nullopt);
  }
  if (!ledger.ok()) return Failure(page, ledger.status(), "/h/" + hub->slug);
  const bool custom = status == 200 && (period.from || period.to);
  mustache::data roles{mustache::data::type::list};
  for (const std::string& role : ledger->roles) {
    mustache::data r;
    r.set("role", role);
    auto it = ledger->minutes_by_role.find(role);
    r.set("hours", HoursOf(it == ledger->minutes_by_role.end() ? 0 : it->second));
    roles.push_back(r);
  }
  mustache::data rows{mustache::data::type::list};
  for (const CareHoursRow& row : ledger->rows) {
    mustache::data r;
    r.set("name", row.name.empty() ? page.T("shifts.former_member") : row.name);
    mustache::data cells{mustache::data::type::list};
    for (const std::string& role : ledger->roles) {
      auto it = row.minutes_by_role.find(role);
      mustache::data c;
      c.set("hours", HoursOf(it == row.minutes_by_role.end() ? 0 : it->second));
      cells.push_back(c);
    }
    r.set("cells", cells);
    r.set("total", HoursOf(row.total_minutes));
    rows.push_back(r);
  }
  std::string query;
  if (custom) query = "?from=" + period.from_text + "&to=" + period.to_text;
  mustache::data d;
  d.set("slug", hub->slug);
  d.set("hub_name", hub->settings.name);
  d.set("heading", PeriodTitle(page, *ledger, hub->settings.time_zone, custom));
  d.set("chart_src", "/h/" + hub->slug + "/care-hours.svg" + query);
  d.set("names_shown", mustache::data(ledger->names_shown));
  d.set("roles", roles);
  d.set("rows", rows);
  d.set("has_hours", mustache::data(ledger->total_minutes > 0));
  d.set("total", HoursOf(ledger->total_minutes));
  d.set("people", std::to_string(ledger->people));
  mustache::data v;
  v.set("from", period.from_text);
  v.set("to", period.to_text);
  d.set("v", v);
  page.AddErrors(d, errors, {{"from", {"care.from", ""}}, {"to", {"care.to", ""}}});
  std::string title = page.T("care.page_title", {{"hub", hub->settings.name}});
  return page.Render(status, "care_hours", std::move(d), errors.empty() ? title : page.T("form.error_prefix") + title);
}

}  // namespace

void RegisterShiftPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/h/{slug}/care-hours.svg", "web.care_hours_chart",
             [&deps](http::Request& req) { return CareHoursChart(deps, req); });
  router.Add("GET", "/h/{slug}/care-hours", "web.care_hours",
             [&deps](http::Request& req) { return CareHoursPage(deps, req); });
  RegisterShiftBoardPages(router, deps);
  RegisterShiftEditPages(router, deps);
  RegisterMyShiftPages(router, deps);
}

}  // namespace kin::web
