// "My shifts": the caller's coming places (with their place on a waiting list), swaps offered to or by them,
// when to be reminded, their private calendar link (made again to revoke the old one) and their hubs' public
// calendars.
#include <cmath>
#include <cstdio>

#include "web/need_form.h"
#include "web/pages.h"
#include "web/settings_form.h"
#include "web/shift_swaps.h"
#include "web/shift_web.h"

namespace kin::web {
namespace {

constexpr size_t kMaxReminders = 5;

std::string HoursText(Minutes m) {
  char buf[32];
  if (m.count() % 60 == 0) {
    std::snprintf(buf, sizeof buf, "%ld", static_cast<long>(m.count() / 60));
  } else {
    std::snprintf(buf, sizeof buf, "%.2f", m.count() / 60.0);
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    return s;
  }
  return buf;
}

// "24, 2, 0.5" (hours before the start) -> minutes; an item that is not a number is reported by its position.
std::optional<std::vector<Minutes>> ReadOffsets(const std::string& text, Lang lang, FormErrors& errors) {
  std::vector<Minutes> out;
  size_t n = 0;
  for (const std::string& item : SplitList(text)) {
    ++n;
    std::string s = item;
    for (char& c : s) c = c == ',' ? '.' : c;
    char* end = nullptr;
    double hours = std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(hours) || hours < 0) {
      errors.Add("offsets", Translate(lang, "myshifts.err.offset", {{"n", std::to_string(n)}, {"value", item}}));
      return std::nullopt;
    }
    out.push_back(Minutes(std::lround(hours * 60)));
  }
  if (out.size() > kMaxReminders) {
    errors.Add("offsets", Translate(lang, "myshifts.err.too_many"));
    return std::nullopt;
  }
  return out;
}

http::Response MyShiftsPage(PageContext& page, const FormErrors& errors, int status, const std::string& offsets_typed,
                            const std::string& new_link) {
  WebDeps& deps = page.deps();
  const Lang lang = page.lang();
  Result<MyPlaces> mine = deps.app.shifts.Places(page.caller());
  if (!mine.ok()) return Failure(page, mine.status());
  mustache::data places{mustache::data::type::list};
  for (const MyPlace& p : mine->places) {
    mustache::data d;
    d.set("href", OccurrencePath(p.signup.shift, p.signup.occurrence));
    d.set("name", p.shift_name);
    d.set("place", p.place);
    d.set("when", ShiftWhen(lang, p.signup.local_start,
                            std::chrono::duration_cast<Minutes>(p.signup.end - p.signup.start)));
    d.set("state", p.waiting_position > 0
                       ? Translate(lang, "shifts.mine_waiting", {{"role", p.signup.role},
                                                                 {"n", std::to_string(p.waiting_position)}})
                       : Translate(lang, "shifts.mine_confirmed", {{"role", p.signup.role}}));
    places.push_back(d);
  }
  mustache::data swaps{mustache::data::type::list};
  for (const MyPlaceSwap& s : mine->swaps) {
    swaps.push_back(SwapCard(lang, s, s.other_name.empty() ? Translate(lang, "shifts.former_member") : s.other_name));
  }
  std::string offsets = offsets_typed;
  if (offsets.empty() && status == 200) {
    Result<std::vector<Minutes>> current = deps.app.notifications.ReminderOffsets(page.caller());
    if (current.ok()) {
      for (Minutes m : *current) offsets += (offsets.empty() ? "" : ", ") + HoursText(m);
    }
  }
  mustache::data feeds{mustache::data::type::list};
  for (const HubRoles& h : MyHubs(page)) {
    mustache::data f;
    f.set("hub_name", h.hub.settings.name);
    f.set("slug", h.hub.slug);
    f.set("url", page.PublicUrl("/api/v1/hubs/" + h.hub.slug + "/shifts.ics"));
    feeds.push_back(f);
  }
  mustache::data d;
  d.set("places", places);
  d.set("has_places", mustache::data(!places.is_empty_list()));
  d.set("swaps", swaps);
  d.set("has_swaps", mustache::data(!swaps.is_empty_list()));
  d.set("swap_cards", SwapCardsPartial());
  d.set("swap_action", "/me/shifts");
  d.set("feeds", feeds);
  mustache::data v;
  v.set("offsets", offsets);
  d.set("v", v);
  if (!new_link.empty()) d.set("new_link", new_link);
  std::optional<std::string> done = page.request().Query("done");
  if (done && HasMessage(lang, "myshifts.done." + *done)) d.set("notice", page.T("myshifts.done." + *done));
  page.AddErrors(d, errors, {{"offsets", {"myshifts.offsets", ""}}});
  std::string title = page.T("myshifts.title");
  return page.Render(status, "my_shifts", std::move(d), errors.empty() ? title : page.T("form.error_prefix") + title);
}

http::Response ShowMyShifts(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  if (!page.signed_in()) return SignInFirst(page);
  return MyShiftsPage(page, FormErrors(), 200, "", "");
}

http::Response PostMyShifts(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  if (!page.signed_in()) return SignInFirst(page);
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return MyShiftsPage(page, errors, 403, form->Get("offsets"), "");
  }
  const std::string& action = form->Get("do");
  if (action == "reminders") {
    std::optional<std::vector<Minutes>> offsets = ReadOffsets(form->Get("offsets"), page.lang(), errors);
    if (!offsets) return MyShiftsPage(page, errors, 422, form->Get("offsets"), "");
    Result<std::vector<Minutes>> saved = deps.app.notifications.SetReminderOffsets(page.caller(), *offsets);
    if (!saved.ok()) {
      errors.Add("offsets", page.T("myshifts.err.range"));
      return MyShiftsPage(page, errors, 422, form->Get("offsets"), "");
    }
    return page.Redirect("/me/shifts?done=reminders");
  }
  if (action == "new_link") {
    Result<std::string> token = deps.app.shifts.NewCalendarToken(page.caller());
    if (!token.ok()) return Failure(page, token.status(), "/me/shifts");
    // Shown once, on this answer: only its hash is kept.
    return MyShiftsPage(page, errors, 201, "", page.PublicUrl("/api/v1/calendars/" + *token));
  }
  if (action == "revoke_link") {
    Status s = deps.app.shifts.RevokeCalendarToken(page.caller());
    if (!s.ok()) return Failure(page, s, "/me/shifts");
    return page.Redirect("/me/shifts?done=revoked");
  }
  if (action == "accept" || action == "decline") {
    SwapId swap{form->Get("swap")};
    Result<Swap> r = action == "accept" ? deps.app.shifts.AcceptSwap(page.caller(), swap)
                                        : deps.app.shifts.DeclineSwap(page.caller(), swap);
    if (r.ok()) return page.Redirect("/me/shifts?done=" + action + (r->exchange ? "_exchange" : ""));
    if (r.status().kind() == StatusKind::kNotFound) return Failure(page, r.status(), "/me/shifts");
    errors.SetForm(ShiftRefusal(page.lang(), r.status(), Timestamp{}, "", ShiftPolicy{}));
    return MyShiftsPage(page, errors, r.status().kind() == StatusKind::kForbidden ? 403 : 409, "", "");
  }
  errors.SetForm(page.T("err.kind.invalid"));
  return MyShiftsPage(page, errors, 422, "", "");
}

}  // namespace

void RegisterMyShiftPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/me/shifts", "web.my_shifts", [&deps](http::Request& req) { return ShowMyShifts(deps, req); });
  router.Add("POST", "/me/shifts", "web.my_shifts.change", [&deps](http::Request& req) { return PostMyShifts(deps, req); });
}

}  // namespace kin::web
