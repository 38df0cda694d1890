// One thing of the library: its calendar for the coming weeks (windows and the buffer kept free after each,
// never who holds them), reserving, the waiting list, the loans the caller may see with check-out, check-in and
// cancel, and for keepers maintenance and editing. Every form re-renders with what was typed and the message at
// its input.
#include <variant>

#include "store/store.h"
#include "web/hub_viewer.h"
#include "web/library_view.h"
#include "web/local_time.h"
#include "web/pages.h"

namespace kin::web {
namespace {

constexpr auto kCalendarAhead = std::chrono::days(56);  // "the coming weeks"

// Which form a failed post came from, what it held, and what went wrong.
struct Posted {
  std::string form;  // "reserve", "edit", "status", "waitlist" or "loan"
  std::string loan;  // the loan a loan form acted on
  Form typed;
  FormErrors errors;
};

std::string ThingPath(const HubViewer& v, const LendableId& id) { return "/h/" + v.hub.slug + "/library/" + id.value; }

std::variant<HubViewer, http::Response> ViewerOf(PageContext& page, const std::string& slug, const std::string& thing) {
  return HubViewerOf(page, slug, "/h/" + slug + "/library/" + thing, "library");
}

mustache::data CalendarList(const PageContext& page, const HubViewer& v, const Lendable& t,
                            const std::vector<CalendarEntry>& calendar, Timestamp now) {
  const std::string& zone = v.hub.settings.time_zone;
  Seconds buffer(static_cast<long long>(t.details.buffer_hours) * 3600);
  mustache::data list{mustache::data::type::list};
  for (const CalendarEntry& e : calendar) {
    if (e.window.end + buffer <= now || e.window.start > now + kCalendarAhead) continue;
    mustache::data row;
    row.set("from", FormatLocal(e.window.start, zone, page.lang()));
    row.set("to", FormatLocal(e.window.end, zone, page.lang()));
    row.set("status", page.T(std::string("library.loan.") + LoanStatusName(e.status)));
    if (buffer.count() > 0) row.set("free_after", FormatLocal(e.window.end + buffer, zone, page.lang()));
    list.push_back(row);
  }
  return list;
}

// The names fellow members go by, for keepers handing things over; empty when they cannot be read.
std::map<std::string, std::string> MemberNames(PageContext& page, const HubViewer& v) {
  std::map<std::string, std::string> names;
  Result<Page<MemberInHub>> members = page.deps().app.hubs.Members(page.caller(), v.hub.slug, PageRequest{"", 200});
  if (!members.ok()) return names;
  for (const MemberInHub& m : members->items)
    names[m.member.id.value] = m.member.display_name.empty() ? m.member.handle : m.member.display_name;
  return names;
}

mustache::data LoanList(PageContext& page, const HubViewer& v, const Lendable& t, const Posted& posted, Timestamp now) {
  LoanFilter filter;
  filter.item = t.id;
  if (!v.keeper()) filter.borrower = page.caller().member;
  Result<Page<Loan>> loans =
      page.deps().app.resources.library.ListLoans(page.caller(), v.hub.slug, filter, PageRequest{"", 100});
  mustache::data list{mustache::data::type::list};
  if (!loans.ok()) return list;
  std::map<std::string, std::string> names;
  if (v.keeper()) names = MemberNames(page, v);
  const std::string& zone = v.hub.settings.time_zone;
  for (const Loan& l : loans->items) {
    bool failed = posted.form == "loan" && posted.loan == l.id.value;
    if (!HoldsWindow(l.status) && !failed) continue;
    bool mine = page.caller().member && *page.caller().member == l.borrower;
    mustache::data row;
    row.set("id", l.id.value);
    row.set("slug", v.hub.slug);
    row.set("thing", t.id.value);
    row.set("from", FormatLocal(l.window.start, zone, page.lang()));
    row.set("to", FormatLocal(l.window.end, zone, page.lang()));
    row.set("status", page.T(std::string("library.loan.") + LoanStatusName(l.status)));
    row.set("who", mine ? page.T("library.loan.yours")
                        : (names.count(l.borrower.value) ? names[l.borrower.value] : page.T("library.loan.member")));
    row.set("overdue", mustache::data(IsOverdue(l, now)));
    row.set("may_checkout", mustache::data(v.keeper() && l.status == LoanStatus::kReserved));
    row.set("may_checkin", mustache::data(v.keeper() && (l.status == LoanStatus::kOut || failed)));
    row.set("may_cancel", mustache::data(l.status == LoanStatus::kReserved && (v.keeper() || mine)));
    if (!l.out_condition.empty()) row.set("out_condition", l.out_condition);
    if (failed) {
      if (const std::string* m = posted.errors.For("condition-" + l.id.value)) row.set("error", *m);
      row.set("condition", posted.typed.Get("condition"));
    }
    list.push_back(row);
  }
  return list;
}

http::Response ThingPage(PageContext& page, const HubViewer& v, const LendableId& id, const Posted& posted,
                         int status) {
  Library& library = page.deps().app.resources.library;
  Result<Lendable> thing = library.GetThing(page.caller(), id);
  if (!thing.ok() || thing->hub != v.hub.id)
    return page.Message(404, page.T("library.not_found"), page.T("library.not_found_text"),
                        "/h/" + v.hub.slug + "/library", page.T("library.back"));
  Result<std::vector<CalendarEntry>> calendar = library.Calendar(page.caller(), id);
  std::vector<CalendarEntry> entries = calendar.ok() ? *calendar : std::vector<CalendarEntry>{};
  Timestamp now = page.deps().app.clock().Now();
  mustache::data d = ThingCard(page, v, *thing, entries, now);
  d.set("hub_name", v.hub.settings.name);
  d.set("thing_fields", ThingFieldsPartial());
  mustache::data cal = CalendarList(page, v, *thing, entries, now);
  d.set("has_calendar", mustache::data(!cal.is_empty_list()));
  d.set("calendar", cal);
  bool may_borrow = thing->details.borrowers == BorrowRule::kMembers || v.keeper();
  d.set("may_reserve", mustache::data(may_borrow && thing->status == LendableStatus::kAvailable));
  d.set("may_wait", mustache::data(may_borrow && thing->status != LendableStatus::kRetired));
  d.set("intake_only", mustache::data(!may_borrow));
  mustache::data loans = LoanList(page, v, *thing, posted, now);
  d.set("has_loans", mustache::data(!loans.is_empty_list()));
  d.set("loans", loans);
  d.set("keeper", mustache::data(v.keeper()));
  mustache::data r;
  r.set("start", posted.form == "reserve" ? posted.typed.Get("start") : "");
  r.set("end", posted.form == "reserve" ? posted.typed.Get("end") : "");
  d.set("r", r);
  if (v.keeper()) {
    Result<std::vector<WaitlistEntry>> waiting = library.Waitlist(page.caller(), id);
    if (waiting.ok()) d.set("waiting", std::to_string(waiting->size()));
    d.set("v", posted.form == "edit" ? ThingValues(posted.typed) : ThingValues(thing->details));
    mustache::data statuses{mustache::data::type::list};
    for (LendableStatus s : {LendableStatus::kAvailable, LendableStatus::kMaintenance, LendableStatus::kRetired}) {
      mustache::data o;
      o.set("value", LendableStatusName(s));
      o.set("label", page.T(std::string("library.status.") + LendableStatusName(s)));
      o.set("selected", mustache::data(posted.form == "status" ? posted.typed.Get("status") == LendableStatusName(s)
                                                               : thing->status == s));
      statuses.push_back(o);
    }
    d.set("statuses", statuses);
    d.set("note", posted.form == "status" ? posted.typed.Get("note") : "");
  }
  std::optional<std::string> done = page.request().Query("done");
  static const char* kDone[] = {"added", "edit", "status", "reserve", "join", "leave", "checkout", "checkin", "cancel"};
  for (const char* k : kDone)
    if (done == k) d.set("notice", page.T(std::string("library.done.") + k));
  std::map<std::string, PageContext::FieldLabel> labels = ThingLabels();
  for (const auto& [input, message] : posted.errors.fields()) {
    if (input.rfind("condition-", 0) == 0) labels[input] = {"library.return_condition", ""};
  }
  page.AddErrors(d, posted.errors, labels);
  return page.Render(status, "thing", std::move(d), thing->details.name);
}

http::Response ShowThing(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  auto v = ViewerOf(page, req.Param("slug"), req.Param("thing"));
  if (auto* r = std::get_if<http::Response>(&v)) return std::move(*r);
  return ThingPage(page, std::get<HubViewer>(v), LendableId{req.Param("thing")}, Posted{}, 200);
}

int HttpStatusOf(const Status& s) {
  switch (s.kind()) {
    case StatusKind::kConflict:
      return 409;
    case StatusKind::kForbidden:
      return 403;
    case StatusKind::kNotFound:
      return 404;
    default:
      return 422;
  }
}

// The reservation window as typed in the hub's zone; messages at start and end when unreadable.
std::optional<TimeWindow> ReadWindow(PageContext& page, const HubViewer& v, const Form& form, FormErrors& errors) {
  std::optional<Timestamp> start = ParseLocal(form.Get("start"), v.hub.settings.time_zone);
  std::optional<Timestamp> end = ParseLocal(form.Get("end"), v.hub.settings.time_zone);
  if (!start) errors.Add("start", page.T("library.err.when"));
  if (!end) errors.Add("end", page.T("library.err.when"));
  if (!start || !end) return std::nullopt;
  return TimeWindow{*start, *end};
}

// The message for a refused reservation, at the input it concerns.
void ReserveErrors(PageContext& page, const Lendable& thing, const Status& s, FormErrors& errors) {
  if (s.kind() == StatusKind::kConflict) {
    if (thing.status != LendableStatus::kAvailable) return errors.SetForm(page.T("library.err.unavailable"));
    return errors.Add("start",
                      page.T(thing.details.buffer_hours > 0 ? "library.err.overlap_buffer" : "library.err.overlap",
                             {{"n", std::to_string(thing.details.buffer_hours)}}));
  }
  if (s.kind() == StatusKind::kForbidden) return errors.SetForm(page.T("library.err.intake_only"));
  for (const FieldError& f : s.fields()) {
    if (f.message == "must be after start")
      errors.Add(f.field, page.T("library.err.end_order"));
    else if (f.message.rfind("this thing is lent for at most", 0) == 0)
      errors.Add(f.field, page.T("library.err.too_long", {{"n", std::to_string(thing.details.max_loan_days)}}));
    else
      errors.Add(f.field, TranslateFieldMessage(page.lang(), f.message));
  }
  if (s.fields().empty()) errors.SetForm(KindMessage(page.lang(), s.kind()));
}

http::Response ChangeThing(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  auto v = ViewerOf(page, req.Param("slug"), req.Param("thing"));
  if (auto* r = std::get_if<http::Response>(&v)) return std::move(*r);
  const HubViewer& viewer = std::get<HubViewer>(v);
  LendableId id{req.Param("thing")};
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  Posted posted{form->Get("do"), "", *form, {}};
  if (!page.CsrfOk(*form)) {
    posted.errors.SetForm(page.T("err.csrf"));
    return ThingPage(page, viewer, id, posted, 403);
  }
  Library& library = deps.app.resources.library;
  Result<Lendable> thing = library.GetThing(page.caller(), id);
  if (!thing.ok() || thing->hub != viewer.hub.id) return ThingPage(page, viewer, id, posted, 404);
  const std::string& action = posted.form;
  Status s = Status::InvalidField("do", "is not an action of this page");
  if (action == "reserve") {
    std::optional<TimeWindow> window = ReadWindow(page, viewer, *form, posted.errors);
    if (!window) return ThingPage(page, viewer, id, posted, 422);
    Result<Loan> loan = library.Reserve(page.caller(), id, *window);
    s = loan.status();
    if (!s.ok()) {
      ReserveErrors(page, *thing, s, posted.errors);
      return ThingPage(page, viewer, id, posted, HttpStatusOf(s));
    }
  } else if (action == "join" || action == "leave") {
    s = action == "join" ? library.JoinWaitlist(page.caller(), id) : library.LeaveWaitlist(page.caller(), id);
    if (!s.ok()) {
      posted.errors.SetForm(s.kind() == StatusKind::kConflict    ? page.T("library.err.already_waiting")
                            : s.kind() == StatusKind::kNotFound  ? page.T("library.err.not_waiting")
                            : s.kind() == StatusKind::kForbidden ? page.T("library.err.intake_only")
                                                                 : KindMessage(page.lang(), s.kind()));
      return ThingPage(page, viewer, id, posted, s.kind() == StatusKind::kNotFound ? 409 : HttpStatusOf(s));
    }
  } else if (action == "edit") {
    LendableDetails details = ReadThingForm(*form, page.lang(), posted.errors);
    if (!posted.errors.empty()) {
      AddStatusErrors(page.lang(), ValidateLendableDetails(details), ThingInputs(), posted.errors);
      return ThingPage(page, viewer, id, posted, 422);
    }
    LendablePatch patch{details.name,          details.category,     details.description, details.condition,
                        details.max_loan_days, details.buffer_hours, details.borrowers};
    s = library.UpdateThing(page.caller(), id, patch).status();
    if (!s.ok()) {
      AddStatusErrors(page.lang(), s, ThingInputs(), posted.errors);
      return ThingPage(page, viewer, id, posted, HttpStatusOf(s));
    }
  } else if (action == "status") {
    std::optional<LendableStatus> to = ParseLendableStatus(form->Get("status"));
    if (!to) {
      posted.errors.Add("status", page.T("err.required"));
      return ThingPage(page, viewer, id, posted, 422);
    }
    s = library.SetThingStatus(page.caller(), id, *to, form->Get("note")).status();
    if (!s.ok()) {
      AddStatusErrors(page.lang(), s, {{"note", "note"}}, posted.errors);
      return ThingPage(page, viewer, id, posted, HttpStatusOf(s));
    }
  } else {
    posted.errors.SetForm(page.T("err.check"));
    return ThingPage(page, viewer, id, posted, 422);
  }
  return page.Redirect(ThingPath(viewer, id) + "?done=" + action);
}

http::Response ChangeLoan(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  auto v = ViewerOf(page, req.Param("slug"), req.Param("thing"));
  if (auto* r = std::get_if<http::Response>(&v)) return std::move(*r);
  const HubViewer& viewer = std::get<HubViewer>(v);
  LendableId thing{req.Param("thing")};
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  Posted posted{"loan", req.Param("loan"), *form, {}};
  const std::string input = "condition-" + posted.loan;
  if (!page.CsrfOk(*form)) {
    posted.errors.SetForm(page.T("err.csrf"));
    return ThingPage(page, viewer, thing, posted, 403);
  }
  Library& library = deps.app.resources.library;
  LoanId id{posted.loan};
  Result<Loan> loan = library.GetLoan(page.caller(), id);
  if (!loan.ok() || loan->item != thing) return ThingPage(page, viewer, thing, Posted{}, 404);
  const std::string action = form->Get("do");
  Status s = Status::Ok();
  if (action == "checkout")
    s = library.CheckOut(page.caller(), id, form->Get("condition")).status();
  else if (action == "checkin")
    s = library.CheckIn(page.caller(), id, form->Get("condition")).status();
  else if (action == "cancel")
    s = library.Cancel(page.caller(), id).status();
  else
    s = Status::Invalid("unknown action");
  if (s.ok()) return page.Redirect(ThingPath(viewer, thing) + "?done=" + action);
  if (s.kind() == StatusKind::kConflict) {
    posted.errors.Add(input, page.T(action == "checkin" ? "library.err.not_out" : "library.err.loan_state"));
  } else if (s.kind() == StatusKind::kInvalid && !s.fields().empty() && s.fields()[0].field == "condition") {
    posted.errors.Add(input, action == "checkin" && form->Get("condition").empty()
                                 ? page.T("library.err.condition")
                                 : TranslateFieldMessage(page.lang(), s.fields()[0].message));
  } else {
    posted.errors.SetForm(KindMessage(page.lang(), s.kind()));
  }
  return ThingPage(page, viewer, thing, posted, HttpStatusOf(s));
}

}  // namespace

void RegisterLibraryThingPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/h/{slug}/library/{thing}", "web.thing",
             [&deps](http::Request& req) { return ShowThing(deps, req); });
  router.Add("POST", "/h/{slug}/library/{thing}", "web.thing_change",
             [&deps](http::Request& req) { return ChangeThing(deps, req); });
  router.Add("POST", "/h/{slug}/library/{thing}/loans/{loan}", "web.loan_change",
             [&deps](http::Request& req) { return ChangeLoan(deps, req); });
}

}  // namespace kin::web
