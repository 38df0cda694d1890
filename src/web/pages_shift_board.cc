// The hub's coming shifts (two weeks, paged by week) and one occurrence's page, where members sign up, leave,
// swap, check in, record hours and mark absent fellows, and coordinators cancel or move the occurrence. The app
// layer applies every rule; a refusal comes back on the same page in the reader's words.
#include <algorithm>

#include "schedule/civil_time.h"
#include "schedule/zone.h"
#include "web/need_form.h"
#include "web/pages.h"
#include "web/shift_swaps.h"
#include "web/shift_web.h"

namespace kin::web {
namespace {

constexpr std::chrono::days kBoardDays{14};
constexpr std::chrono::days kWeek{7};

bool SignupsOpen(Timestamp now, Timestamp start, const ShiftPolicy& policy) {
  return now < start && (policy.opens_before.count() == 0 || now >= start - policy.opens_before);
}

int Confirmed(const OccurrenceView& o, const std::string& role) {
  return static_cast<int>(std::count_if(o.signups.begin(), o.signups.end(), [&](const Signup& s) {
    return s.role == role && s.status == SignupStatus::kConfirmed;
  }));
}

// The caller's active place on an occurrence, with its waiting-list position (0 when confirmed).
const Signup* MinePlace(const PageContext& page, const OccurrenceView& o, int* position) {
  if (!page.caller().member) return nullptr;
  for (const Signup& s : o.signups) {
    if (s.member == *page.caller().member && s.active()) {
      if (position) {
        *position = 0;
        if (s.status == SignupStatus::kWaiting) {
          for (const Signup& w : o.signups) {
            if (w.status == SignupStatus::kWaiting && w.role == s.role) ++*position;
            if (&w == &s) break;
          }
        }
      }
      return &s;
    }
  }
  return nullptr;
}

// "Sign-ups open" / "opens Mon 23 Nov, 18:00" / "started", for the board and the occurrence page.
std::string OpeningText(Lang lang, Timestamp now, Timestamp start, const ShiftPolicy& policy,
                        const std::string& zone) {
  if (now >= start) return Translate(lang, "shifts.started");
  if (SignupsOpen(now, start, policy)) return Translate(lang, "shifts.open");
  return Translate(lang, "shifts.opens_at", {{"at", InstantWhen(lang, start - policy.opens_before, zone)}});
}

mustache::data SlotSummary(Lang lang, const ShiftSlot& slot, const OccurrenceView& o) {
  mustache::data d;
  const int confirmed = Confirmed(o, slot.role);
  const long waiting = std::count_if(o.signups.begin(), o.signups.end(), [&](const Signup& s) {
    return s.role == slot.role && s.status == SignupStatus::kWaiting;
  });
  d.set("role", slot.role);
  if (!slot.qualification.empty()) d.set("qualification", slot.qualification);
  d.set("filled", Translate(lang, "shifts.filled", {{"n", std::to_string(confirmed)},
                                                    {"min", std::to_string(slot.min_people)},
                                                    {"max", std::to_string(slot.max_people)}}));
  d.set("short", mustache::data(confirmed < slot.min_people));
  d.set("full", mustache::data(confirmed >= slot.max_people));
  if (waiting > 0) d.set("waiting", Translate(lang, "shifts.waiting_count", {{"n", std::to_string(waiting)}}));
  return d;
}

std::string MyPlaceText(Lang lang, const Signup& s, int position) {
  if (s.status == SignupStatus::kWaiting) {
    return Translate(lang, "shifts.mine_waiting", {{"role", s.role}, {"n", std::to_string(position)}});
  }
  return Translate(lang, "shifts.mine_confirmed", {{"role", s.role}});
}

// ---- The board -------------------------------------------------------------------------------------------------

http::Response Board(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  std::optional<HubRoles> h = ShiftViewer(page, req.Param("slug"), false, answer);
  if (!h) return *answer;
  Result<schedule::Zone> zone = schedule::Zone::Find("time_zone", h->hub.settings.time_zone);
  if (!zone.ok()) return Failure(page, zone.status());
  const Timestamp now = deps.app.clock().Now();
  const LocalSeconds today = std::chrono::floor<std::chrono::days>(zone->ToLocal(now));
  LocalSeconds from = today;
  if (std::optional<std::string> q = req.Query("from")) {
    if (std::optional<LocalSeconds> asked = ParseDateInput(*q); asked && *asked > today) from = *asked;
  }
  const LocalSeconds to = from + kBoardDays;
  Result<ShiftBoard> board =
      deps.app.shifts.Board(page.caller(), h->hub.slug, zone->ToUtc(from).utc, zone->ToUtc(to).utc);
  if (!board.ok()) return Failure(page, board.status(), "/h/" + h->hub.slug);
  const std::string& tz = h->hub.settings.time_zone;
  mustache::data list{mustache::data::type::list};
  for (const BoardOccurrence& bo : board->occurrences) {
    const Shift& shift = board->shifts[bo.shift];
    const OccurrenceView& o = bo.occurrence;
    mustache::data d;
    d.set("href", OccurrencePath(shift.id, o.occurrence));
    d.set("name", shift.details.name);
    d.set("place", shift.details.place);
    d.set("when", ShiftWhen(page.lang(), o.local_start, shift.details.duration));
    d.set("moved", mustache::data(o.moved));
    d.set("opening", OpeningText(page.lang(), now, o.start, board->policy, tz));
    mustache::data slots{mustache::data::type::list};
    for (const ShiftSlot& slot : shift.details.slots) slots.push_back(SlotSummary(page.lang(), slot, o));
    d.set("slots", slots);
    int position = 0;
    if (const Signup* mine = MinePlace(page, o, &position)) d.set("mine", MyPlaceText(page.lang(), *mine, position));
    if (h->coordinator()) d.set("edit_href", "/shifts/" + shift.id.value + "/edit");
    list.push_back(d);
  }
  mustache::data d;
  d.set("slug", h->hub.slug);
  d.set("hub_name", h->hub.settings.name);
  d.set("time_zone", tz);
  d.set("occurrences", list);
  d.set("has_occurrences", mustache::data(!board->occurrences.empty()));
  d.set("range", Translate(page.lang(), "shifts.range",
                           {{"from", LocalDay(page.lang(), from)}, {"to", LocalDay(page.lang(), to - std::chrono::days(1))}}));
  d.set("later_href", "/h/" + h->hub.slug + "/shifts?from=" + DateInputValue(from + kWeek));
  if (from > today) {
    LocalSeconds earlier = std::max(today, from - kWeek);
    d.set("earlier_href", "/h/" + h->hub.slug + "/shifts" +
                              (earlier == today ? std::string() : "?from=" + DateInputValue(earlier)));
  }
  d.set("coordinator", mustache::data(h->coordinator()));
  d.set("feed_url", page.PublicUrl("/api/v1/hubs/" + h->hub.slug + "/shifts.ics"));
  std::optional<std::string> done = req.Query("done");
  if (done == "created" || done == "saved" || done == "cancelled") d.set("notice", page.T("shifts.done." + *done));
  return page.Render(200, "shifts", std::move(d), page.T("shifts.title", {{"hub", h->hub.settings.name}}));
}

// ---- One occurrence ------------------------------------------------------------------------------------------

struct Target {
  ShiftId shift;
  LocalSeconds occurrence;
};

std::optional<Target> TargetOf(const http::Request& req) {
  Result<LocalSeconds> occurrence = schedule::ParseLocalTime("occurrence", req.Param("occurrence"));
  if (!occurrence.ok()) return std::nullopt;
  return Target{ShiftId{req.Param("id")}, *occurrence};
}

// The second step of offering a swap, after the member to swap with was chosen ("swap_choose") or when the
// exchange offered was refused ("swap_exchange"): that member's places the proposer may take in exchange, or
// nullopt when the form is not at that step (or the member cannot be offered the place: its error is shown).
// `name` is that member's display name.
std::optional<mustache::data> ExchangeStep(PageContext& page, const Signup& mine, const Form& form,
                                           const std::string& name) {
  const std::string& action = form.Get("do");
  if ((action != "swap_choose" && action != "swap_exchange") || form.Get("to").empty()) return std::nullopt;
  const MemberId to{form.Get("to")};
  Result<std::vector<MyPlace>> theirs = page.deps().app.shifts.ExchangeChoices(page.caller(), mine.id, to);
  if (!theirs.ok()) return std::nullopt;
  const Lang lang = page.lang();
  mustache::data step;
  step.set("to", to.value);
  step.set("legend", Translate(lang, "shifts.swap_which", {{"name", name}}));
  step.set("hint", Translate(lang, "shifts.swap_which_hint", {{"name", name}}));
  step.set("none", Translate(lang, "shifts.swap_none", {{"name", name}}));
  step.set("plain", Translate(lang, "shifts.swap_plain", {{"name", name}}));
  mustache::data choices{mustache::data::type::list};
  for (size_t i = 0; i < theirs->size(); ++i) {
    const MyPlace& p = (*theirs)[i];
    mustache::data c;
    c.set("choice_id", "exchange-" + std::to_string(i + 1));
    c.set("value", p.signup.id.value);
    c.set("label", SwapPlaceText(lang, p));
    c.set("checked", mustache::data(form.Get("exchange") == p.signup.id.value));
    choices.push_back(c);
  }
  step.set("has_choices", mustache::data(!theirs->empty()));
  step.set("choices", choices);
  return step;
}

http::Response OccurrencePage(PageContext& page, const OccurrenceDetail& o, const Form& form,
                              const FormErrors& errors, int status) {
  WebDeps& deps = page.deps();
  const Lang lang = page.lang();
  const Timestamp now = deps.app.clock().Now();
  const std::string& tz = o.hub.settings.time_zone;
  const Shift& shift = o.shift;
  const OccurrenceView& occ = o.occurrence;
  const std::string path = OccurrencePath(shift.id, occ.occurrence);
  std::optional<HubRoles> roles = MyRolesIn(page, o.hub.id);
  const bool coordinator = roles && roles->coordinator();
  int position = 0;
  const Signup* mine = MinePlace(page, occ, &position);
  const bool started = now >= occ.start;
  const bool mine_confirmed = mine && mine->status == SignupStatus::kConfirmed;
  auto name_of = [&](const MemberId& id) {
    auto it = o.names.find(id.value);
    return it == o.names.end() || it->second.empty() ? Translate(lang, "shifts.former_member") : it->second;
  };

  mustache::data slots{mustache::data::type::list};
  for (const ShiftSlot& slot : shift.details.slots) {
    mustache::data s = SlotSummary(lang, slot, occ);
    mustache::data people{mustache::data::type::list};
    mustache::data waiting{mustache::data::type::list};
    for (const Signup& p : occ.signups) {
      if (p.role != slot.role) continue;
      mustache::data person;
      person.set("name", name_of(p.member));
      person.set("you", mustache::data(mine && p.id == mine->id));
      if (p.status == SignupStatus::kWaiting) {
        waiting.push_back(person);
        continue;
      }
      if (p.checked_in_at) person.set("checked_in", mustache::data(true));
      if (p.minutes_done) {
        person.set("hours", Translate(lang, "shifts.hours_done", {{"n", std::to_string(*p.minutes_done)}}));
      }
      if (p.no_show_by) person.set("absent", mustache::data(true));
      // Fellows on the shift who checked in may mark someone absent once it has started (the app checks again).
      if (mine_confirmed && mine->checked_in_at && started && p.id != mine->id && !p.checked_in_at &&
          !p.no_show_by) {
        person.set("noshow_signup", p.id.value);
      }
      people.push_back(person);
    }
    s.set("people", people);
    s.set("has_people", mustache::data(!people.is_empty_list()));
    s.set("waiting_list", waiting);
    s.set("has_waiting_list", mustache::data(!waiting.is_empty_list()));
    if (!mine && !started) {
      const bool full = Confirmed(occ, slot.role) >= slot.max_people;
      s.set("can_sign_up", mustache::data(true));
      s.set("wait", full ? "1" : "0");
      s.set("button", Translate(lang, full ? "shifts.join_waiting" : "shifts.sign_up"));
      s.set("qualified_id", "qualified-" + slot.role);
    }
    slots.push_back(s);
  }

  mustache::data d;
  d.set("path", path);
  d.set("slug", o.hub.slug);
  d.set("hub_name", o.hub.settings.name);
  d.set("name", shift.details.name);
  d.set("place", shift.details.place);
  if (!shift.details.description.empty()) d.set("description", shift.details.description);
  d.set("when", ShiftWhen(lang, occ.local_start, shift.details.duration));
  d.set("moved", mustache::data(occ.moved));
  d.set("time_zone", tz);
  d.set("opening", OpeningText(lang, now, occ.start, o.policy, tz));
  d.set("slots", slots);
  if (mine) {
    mustache::data m;
    m.set("id", mine->id.value);
    m.set("text", MyPlaceText(lang, *mine, position));
    m.set("can_withdraw", mustache::data(!started));
    if (mine_confirmed && !started) {
      m.set("withdraw_until",
            Translate(lang, "shifts.withdraw_until", {{"at", InstantWhen(lang, occ.start - o.policy.withdraw_cutoff, tz)}}));
    }
    m.set("can_check_in", mustache::data(mine_confirmed && !mine->checked_in_at && now < occ.end));
    if (mine->checked_in_at) m.set("checked_in", InstantWhen(lang, *mine->checked_in_at, tz));
    // Shown from check-in on, so a refusal (too early) lands at the field.
    m.set("can_record_hours", mustache::data(mine_confirmed && mine->checked_in_at && !mine->no_show_by));
    if (mine->minutes_done) m.set("hours", Translate(lang, "shifts.hours_done", {{"n", std::to_string(*mine->minutes_done)}}));
    const bool swapping = std::any_of(o.swaps.begin(), o.swaps.end(),
                                      [&](const MyPlaceSwap& s) { return s.swap.signup == mine->id; });
    if (mine_confirmed && !started && !swapping) {
      Result<Page<MemberInHub>> members = deps.app.hubs.Members(page.caller(), o.hub.slug, PageRequest{"", 200});
      mustache::data choices{mustache::data::type::list};
      std::string to_name;
      if (members.ok()) {
        for (const MemberInHub& member : members->items) {
          if (member.member.id == mine->member) continue;
          mustache::data c;
          c.set("value", member.member.id.value);
          c.set("label", member.member.display_name);
          c.set("selected", mustache::data(form.Get("to") == member.member.id.value));
          if (form.Get("to") == member.member.id.value) to_name = member.member.display_name;
          choices.push_back(c);
        }
      }
      m.set("can_swap", mustache::data(!choices.is_empty_list()));
      m.set("swap_choices", choices);
      std::optional<mustache::data> step;
      if (!to_name.empty()) step = ExchangeStep(page, *mine, form, to_name);
      if (step) m.set("exchange_step", *step);
    }
    d.set("mine", m);
  }
  mustache::data swaps{mustache::data::type::list};
  for (const MyPlaceSwap& s : o.swaps) {
    swaps.push_back(SwapCard(lang, s, name_of(s.incoming ? s.swap.from : s.swap.to)));
  }
  d.set("swap_cards", SwapCardsPartial());
  d.set("swap_action", path);
  d.set("swaps", swaps);
  d.set("has_swaps", mustache::data(!swaps.is_empty_list()));
  if (coordinator) {
    d.set("coordinator", mustache::data(true));
    d.set("edit_href", "/shifts/" + shift.id.value + "/edit");
  }
  mustache::data v = FormValues(form);
  if (!form.Has("minutes")) {
    const bool recorded = mine && mine->minutes_done;
    v.set("minutes", std::to_string(recorded ? *mine->minutes_done : shift.details.duration.count()));
  }
  if (!form.Has("start")) v.set("start", LocalInputValue(occ.local_start));
  d.set("v", v);
  std::optional<std::string> done = page.request().Query("done");
  if (done && HasMessage(lang, "shifts.done." + *done)) {
    if (*done == "signup" && mine && mine->status == SignupStatus::kWaiting) {
      d.set("notice", Translate(lang, "shifts.done.waiting", {{"n", std::to_string(position)}}));
    } else {
      d.set("notice", page.T("shifts.done." + *done));
    }
  }
  page.AddErrors(d, errors, {{"minutes", {"shifts.minutes", ""}}, {"to", {"shifts.swap_to", ""}},
                             {"exchange", {"shifts.swap_in_exchange", ""}}, {"start", {"shifts.move_to", ""}}});
  std::string title = shift.details.name + " · " + ShiftWhen(lang, occ.local_start, shift.details.duration);
  return page.Render(status, "shift_occurrence", std::move(d), errors.empty() ? title : page.T("form.error_prefix") + title);
}

http::Response ShowOccurrence(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  if (!page.signed_in()) return SignInFirst(page);
  std::optional<Target> target = TargetOf(req);
  if (!target) return Failure(page, Status::NotFound("no such occurrence"), "/me/shifts");
  Result<OccurrenceDetail> o = deps.app.shifts.OccurrenceOf(page.caller(), target->shift, target->occurrence);
  if (!o.ok()) return Failure(page, o.status(), "/me/shifts");
  return OccurrencePage(page, *o, Form(), FormErrors(), 200);
}

int StatusFor(const Status& s) {
  switch (s.kind()) {
    case StatusKind::kInvalid: return 422;
    case StatusKind::kForbidden: return 403;
    case StatusKind::kConflict: return 409;
    default: return 503;
  }
}

// Runs the action the form names; Ok, or the app's refusal.
// `done` names the notice of a success when it is not the action's own (an exchange accepted).
Status Act(PageContext& page, const Target& target, const Form& form, FormErrors& errors, std::string* done) {
  Shifts& shifts = page.deps().app.shifts;
  const Caller& caller = page.caller();
  const std::string& action = form.Get("do");
  SignupId place{form.Get("signup")};
  if (action == "signup") {
    const std::string& role = form.Get("role");
    return shifts.SignUp(caller, target.shift, target.occurrence, role, form.Get("qualified") == "on",
                         form.Get("wait") == "1").status();
  }
  if (action == "withdraw") return shifts.Withdraw(caller, place).status();
  if (action == "checkin") return shifts.CheckIn(caller, place).status();
  if (action == "noshow") return shifts.MarkNoShow(caller, place).status();
  if (action == "hours") {
    std::optional<int> minutes = WholeNumberInput(form.Get("minutes"));
    if (!minutes) {
      errors.Add("minutes", page.T("shifts.err.minutes"));
      return Status::InvalidField("minutes", "must be a whole number");
    }
    Status s = shifts.RecordHours(caller, place, *minutes).status();
    if (s.kind() == StatusKind::kInvalid) errors.Add("minutes", page.T("shifts.err.minutes"));
    return s;
  }
  if (action == "swap") {
    if (form.Get("to").empty()) {
      errors.Add("to", page.T("shifts.err.to"));
      return Status::InvalidField("to", "is required");
    }
    Status s = shifts.ProposeSwap(caller, place, MemberId{form.Get("to")}, std::nullopt).status();
    if (s.kind() == StatusKind::kInvalid) errors.Add("to", page.T("shifts.err.to"));
    return s;
  }
  if (action == "swap_choose" || action == "swap_exchange") {
    if (form.Get("to").empty()) {
      errors.Add("to", page.T("shifts.err.to"));
      return Status::InvalidField("to", "is required");
    }
    const MemberId to{form.Get("to")};
    Status s;
    if (action == "swap_choose") {
      s = shifts.ExchangeChoices(caller, place, to).status();
    } else if (form.Get("exchange").empty()) {
      errors.Add("exchange", page.T("shifts.err.exchange"));
      return Status::InvalidField("exchange", "is required");
    } else {
      s = shifts.ProposeSwap(caller, place, to, SignupId{form.Get("exchange")}).status();
    }
    if (s.kind() == StatusKind::kInvalid && !s.fields().empty() && s.fields()[0].field == "exchange") {
      errors.Add("exchange", page.T("shifts.err.exchange_gone"));
    } else if (s.kind() == StatusKind::kInvalid) {
      errors.Add("to", page.T("shifts.err.to"));
    }
    return s;
  }
  if (action == "accept") {
    Result<Swap> accepted = shifts.AcceptSwap(caller, SwapId{form.Get("swap")});
    if (accepted.ok() && accepted->exchange) *done = "accept_exchange";
    return accepted.status();
  }
  if (action == "decline") return shifts.DeclineSwap(caller, SwapId{form.Get("swap")}).status();
  if (action == "cancel" || action == "move") {
    OccurrenceChange change;
    change.cancelled = action == "cancel";
    if (!change.cancelled) {
      std::optional<LocalSeconds> start = ParseLocalInput(form.Get("start"));
      if (!start) {
        errors.Add("start", page.T("shifts.err.time"));
        return Status::InvalidField("start", "must be a date and time");
      }
      change.start = *start;
    }
    Status s = shifts.ChangeOccurrence(caller, target.shift, target.occurrence, change).status();
    if (s.kind() == StatusKind::kInvalid) {
      errors.Add("start", s.fields().empty() || s.fields()[0].message.find("does not exist") == std::string::npos
                              ? page.T("shifts.err.time")
                              : page.T("shifts.err.gap"));
    }
    return s;
  }
  return Status::InvalidField("do", "unknown action");
}

http::Response PostOccurrence(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  if (!page.signed_in()) return SignInFirst(page);
  std::optional<Target> target = TargetOf(req);
  if (!target) return Failure(page, Status::NotFound("no such occurrence"), "/me/shifts");
  Result<OccurrenceDetail> o = deps.app.shifts.OccurrenceOf(page.caller(), target->shift, target->occurrence);
  if (!o.ok()) return Failure(page, o.status(), "/me/shifts");
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return OccurrencePage(page, *o, *form, errors, 403);
  }
  std::string done = form->Get("do");
  Status s = Act(page, *target, *form, errors, &done);
  const std::string& action = form->Get("do");
  // Choosing whose place to take in exchange changes nothing yet: the same page, at its second step.
  if (s.ok() && action == "swap_choose") return OccurrencePage(page, *o, *form, errors, 200);
  if (s.ok()) {
    if (action == "cancel") return page.Redirect("/h/" + o->hub.slug + "/shifts?done=cancelled");
    if (action == "move") {
      return page.Redirect(OccurrencePath(target->shift, target->occurrence) + "?done=moved");
    }
    return page.Redirect(OccurrencePath(target->shift, target->occurrence) + "?done=" + done);
  }
  if (s.kind() == StatusKind::kNotFound) return Failure(page, s, OccurrencePath(target->shift, target->occurrence));
  if (errors.fields().empty()) {
    errors.SetForm(ShiftRefusal(page.lang(), s, o->occurrence.start, o->hub.settings.time_zone, o->policy));
  }
  return OccurrencePage(page, *o, *form, errors, StatusFor(s));
}

}  // namespace

void RegisterShiftBoardPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/h/{slug}/shifts", "web.shifts", [&deps](http::Request& req) { return Board(deps, req); });
  router.Add("GET", "/shifts/{id}/o/{occurrence}", "web.shift_occurrence",
             [&deps](http::Request& req) { return ShowOccurrence(deps, req); });
  router.Add("POST", "/shifts/{id}/o/{occurrence}", "web.shift_occurrence.act",
             [&deps](http::Request& req) { return PostOccurrence(deps, req); });
}

}  // namespace kin::web
