// What coordinators use to plan shifts: a form to schedule or change a series (with a "preview occurrences"
// button that re-renders it with the next occurrences, the same expansion as `kin schedule preview`), and the
// hub's shift settings (withdrawal cut-off, opening lead time, popular-shift cap).
#include "schedule/civil_time.h"
#include "web/field_messages.h"
#include "web/need_form.h"
#include "web/pages.h"
#include "web/settings_form.h"
#include "web/shift_web.h"

namespace kin::web {
namespace {

constexpr int kMinRows = 3;
constexpr int kMaxRows = 20;
constexpr size_t kPreviewCount = 10;

// The form as read: the details, and for each slot the form row it came from (blank rows are skipped).
struct ShiftFormInput {
  ShiftDetails details;
  std::vector<int> rows;
};

int RowCount(const Form& form) {
  std::optional<int> rows = WholeNumberInput(form.Get("rows"));
  return rows ? std::clamp(*rows, kMinRows, kMaxRows) : kMinRows;
}

ShiftFormInput ReadShiftForm(const Form& form, Lang lang, FormErrors& errors) {
  ShiftFormInput in;
  ShiftDetails& d = in.details;
  d.name = form.Get("name");
  d.place = form.Get("place");
  d.description = form.Get("description");
  d.rrule = form.Get("rrule");
  d.popular = form.Get("popular") == "on";
  if (std::optional<LocalSeconds> start = ParseLocalInput(form.Get("start"))) {
    d.dtstart = *start;
  } else {
    errors.Add("start", Translate(lang, "shifts.err.time"));
  }
  if (std::optional<int> minutes = WholeNumberInput(form.Get("duration"))) {
    d.duration = Minutes(*minutes);
  } else {
    errors.Add("duration", Translate(lang, "err.whole_number"));
  }
  for (const std::string& line : SplitList(form.Get("exdates"))) {
    if (std::optional<LocalSeconds> t = ParseLocalInput(line)) {
      d.exdates.push_back(*t);
    } else {
      errors.Add("exdates", Translate(lang, "shifts.err.exdate_format", {{"value", line}}));
    }
  }
  for (int row = 0; row < RowCount(form); ++row) {
    const std::string n = std::to_string(row);
    ShiftSlot slot;
    slot.role = form.Get("role_" + n);
    slot.qualification = form.Get("qualification_" + n);
    if (slot.role.empty() && slot.qualification.empty()) continue;
    std::optional<int> min = WholeNumberInput(form.Get("min_" + n));
    std::optional<int> max = WholeNumberInput(form.Get("max_" + n));
    if (!min) errors.Add("min_" + n, Translate(lang, "err.whole_number"));
    if (!max) errors.Add("max_" + n, Translate(lang, "err.whole_number"));
    slot.min_people = min.value_or(1);
    slot.max_people = max.value_or(1);
    d.slots.push_back(slot);
    in.rows.push_back(row);
  }
  return in;
}

// Core's and the recurrence's findings at the inputs that hold them, in the reader's words.
void AddShiftErrors(Lang lang, const Status& status, const ShiftFormInput& in, FormErrors& errors) {
  for (const FieldError& f : status.fields()) {
    const std::string& m = f.message;
    if (f.field == "rrule") {
      errors.Add("rrule", Translate(lang, "shifts.err.rrule", {{"detail", m}}));
    } else if (f.field == "dtstart") {
      errors.Add("start", Translate(lang, m.find("does not exist") != std::string::npos ? "shifts.err.gap"
                                                                                          : "shifts.err.time"));
    } else if (f.field.rfind("exdates", 0) == 0) {
      std::string value = m.substr(0, m.find(' '));
      errors.Add("exdates", m.find("not an occurrence") != std::string::npos
                                ? Translate(lang, "shifts.err.exdate", {{"value", value}})
                                : TranslateFieldMessage(lang, m));
    } else if (f.field == "duration_minutes") {
      errors.Add("duration", Translate(lang, "shifts.err.duration"));
    } else if (f.field == "slots") {
      errors.Add("role_0", Translate(lang, "shifts.err.no_slots"));
    } else if (f.field.rfind("slots[", 0) == 0) {
      size_t close = f.field.find(']');
      std::optional<int> i = WholeNumberInput(f.field.substr(6, close - 6));
      std::string part = f.field.substr(close + 2);  // role, qualification, min_people, max_people
      const std::string row = std::to_string(i && *i < static_cast<int>(in.rows.size()) ? in.rows[*i] : 0);
      std::string input = part == "min_people" ? "min_" + row : part == "max_people" ? "max_" + row : part + "_" + row;
      if (m.find("appears in two slots") != std::string::npos) {
        errors.Add(input, Translate(lang, "shifts.err.role_twice"));
      } else if (m.find("max_people") != std::string::npos) {
        errors.Add(input, Translate(lang, "shifts.err.min_max"));
      } else if (part == "role" && m.find("lower-case") != std::string::npos) {
        errors.Add(input, Translate(lang, "shifts.err.role_word"));
      } else {
        errors.Add(input, TranslateFieldMessage(lang, m));
      }
    } else if (f.field.rfind("overrides", 0) == 0) {
      errors.SetForm(Translate(lang, "shifts.err.overrides"));
    } else if (f.field == "name" || f.field == "place" || f.field == "description") {
      errors.Add(f.field, TranslateFieldMessage(lang, m));
    }
  }
}

mustache::data ValuesOf(const ShiftDetails& d) {
  mustache::data v;
  v.set("name", d.name);
  v.set("place", d.place);
  v.set("description", d.description);
  v.set("start", LocalInputValue(d.dtstart));
  v.set("duration", std::to_string(d.duration.count()));
  v.set("rrule", d.rrule);
  std::string ex;
  for (LocalSeconds t : d.exdates) ex += (ex.empty() ? "" : "\n") + LocalInputValue(t);
  v.set("exdates", ex);
  v.set("popular", mustache::data(d.popular));
  for (size_t i = 0; i < d.slots.size(); ++i) {
    const std::string n = std::to_string(i);
    v.set("role_" + n, d.slots[i].role);
    v.set("qualification_" + n, d.slots[i].qualification);
    v.set("min_" + n, std::to_string(d.slots[i].min_people));
    v.set("max_" + n, std::to_string(d.slots[i].max_people));
  }
  v.set("rows", std::to_string(std::clamp<int>(static_cast<int>(d.slots.size()) + 1, kMinRows, kMaxRows)));
  return v;
}

std::map<std::string, PageContext::FieldLabel> ShiftLabels(int rows) {
  std::map<std::string, PageContext::FieldLabel> labels{
      {"name", {"shifts.form.name", ""}},         {"place", {"shifts.form.place", ""}},
      {"description", {"shifts.form.description", ""}}, {"start", {"shifts.form.start", ""}},
      {"duration", {"shifts.form.duration", ""}}, {"rrule", {"shifts.form.rrule", ""}},
      {"exdates", {"shifts.form.exdates", ""}}};
  for (int i = 0; i < rows; ++i) {
    const std::string n = std::to_string(i);
    labels["role_" + n] = {"shifts.form.role", ""};
    labels["qualification_" + n] = {"shifts.form.qualification", ""};
    labels["min_" + n] = {"shifts.form.min", ""};
    labels["max_" + n] = {"shifts.form.max", ""};
  }
  return labels;
}

// The form page. `v` holds the values; `preview` the occurrences to list (local starts) when asked.
http::Response ShiftFormPage(PageContext& page, const HubRoles& h, const std::string& action, bool editing,
                             mustache::data v, const FormErrors& errors, int status,
                             const std::vector<LocalSeconds>* preview, const std::string& shift_name = "") {
  const Lang lang = page.lang();
  int rows = kMinRows;
  if (v.get("rows") && v.get("rows")->is_string()) rows = WholeNumberInput(v.get("rows")->string_value()).value_or(kMinRows);
  rows = std::clamp(rows, kMinRows, kMaxRows);
  mustache::data slot_rows{mustache::data::type::list};
  for (int i = 0; i < rows; ++i) {
    const std::string n = std::to_string(i);
    mustache::data r;
    r.set("n", n);
    r.set("number", std::to_string(i + 1));
    for (const char* part : {"role", "qualification", "min", "max"}) {
      const std::string key = std::string(part) + "_" + n;
      const mustache::data* value = v.get(key);
      r.set(part, value && value->is_string() ? value->string_value() : std::string());
      if (const std::string* e = errors.For(key)) r.set(std::string("e_") + part, *e);
    }
    slot_rows.push_back(r);
  }
  mustache::data d;
  d.set("slug", h.hub.slug);
  d.set("hub_name", h.hub.settings.name);
  d.set("action", action);
  d.set("editing", mustache::data(editing));
  d.set("time_zone", h.hub.settings.time_zone);
  d.set("v", v);
  d.set("slot_rows", slot_rows);
  d.set("rows", std::to_string(rows));
  if (preview) {
    mustache::data list{mustache::data::type::list};
    for (LocalSeconds t : *preview) {
      mustache::data item;
      item.set("when", LocalWhen(lang, t));
      list.push_back(item);
    }
    d.set("preview", list);
    d.set("has_preview", mustache::data(true));
    d.set("preview_empty", mustache::data(preview->empty()));
  }
  page.AddErrors(d, errors, ShiftLabels(rows));
  std::string title = editing ? page.T("shifts.edit_title", {{"name", shift_name}}) : page.T("shifts.new_title");
  return page.Render(status, "shift_form", std::move(d), errors.empty() ? title : page.T("form.error_prefix") + title);
}

mustache::data NewShiftValues(Timestamp now) {
  mustache::data v;
  v.set("duration", "120");
  v.set("rrule", "FREQ=WEEKLY");
  v.set("rows", std::to_string(kMinRows));
  v.set("min_0", "1");
  v.set("max_0", "2");
  // Next week at this hour, on the hour: a start in the future that the coordinator adjusts.
  v.set("start", LocalInputValue(std::chrono::floor<std::chrono::hours>(LocalSeconds((now + std::chrono::days(7)).time_since_epoch()))));
  return v;
}

http::Response ShowNewShift(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  std::optional<HubRoles> h = ShiftViewer(page, req.Param("slug"), true, answer);
  if (!h) return *answer;
  return ShiftFormPage(page, *h, "/h/" + h->hub.slug + "/shifts/new", false, NewShiftValues(deps.app.clock().Now()),
                       FormErrors(), 200, nullptr);
}

// Shared by creating and editing: preview, or save through `save`.
template <typename SaveFn>
http::Response PostShiftForm(PageContext& page, const HubRoles& h, const std::string& action, bool editing,
                             const std::string& shift_name, SaveFn save) {
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  mustache::data v = FormValues(*form);
  v.set("rows", std::to_string(RowCount(*form)));
  v.set("popular", mustache::data(form->Get("popular") == "on"));
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return ShiftFormPage(page, h, action, editing, v, errors, 403, nullptr, shift_name);
  }
  ShiftFormInput in = ReadShiftForm(*form, page.lang(), errors);
  if (!errors.empty()) return ShiftFormPage(page, h, action, editing, v, errors, 422, nullptr, shift_name);
  if (form->Get("do") == "preview") {
    Result<std::vector<LocalSeconds>> preview =
        page.deps().app.shifts.Preview(page.caller(), h.hub.slug, in.details, kPreviewCount);
    if (!preview.ok()) {
      AddShiftErrors(page.lang(), preview.status(), in, errors);
      if (errors.empty()) errors.SetForm(KindMessage(page.lang(), preview.status().kind()));
      return ShiftFormPage(page, h, action, editing, v, errors, 422, nullptr, shift_name);
    }
    return ShiftFormPage(page, h, action, editing, v, errors, 200, &*preview, shift_name);
  }
  Status s = save(in.details);
  if (s.ok()) return page.Redirect("/h/" + h.hub.slug + "/shifts?done=" + (editing ? "saved" : "created"));
  if (s.kind() == StatusKind::kInvalid) {
    AddShiftErrors(page.lang(), s, in, errors);
    if (errors.empty()) errors.SetForm(KindMessage(page.lang(), s.kind()));
  } else {
    errors.SetForm(ShiftRefusal(page.lang(), s, Timestamp{}, h.hub.settings.time_zone, ShiftPolicy{}));
  }
  return ShiftFormPage(page, h, action, editing, v, errors, s.kind() == StatusKind::kInvalid ? 422 : 409, nullptr,
                       shift_name);
}

http::Response CreateShift(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  std::optional<HubRoles> h = ShiftViewer(page, req.Param("slug"), true, answer);
  if (!h) return *answer;
  return PostShiftForm(page, *h, "/h/" + h->hub.slug + "/shifts/new", false, "", [&](const ShiftDetails& d) {
    return deps.app.shifts.Create(page.caller(), h->hub.slug, d).status();
  });
}

// The shift and its hub, when the caller coordinates that hub; else the page to answer with.
std::optional<std::pair<ShiftView, HubRoles>> EditableShift(PageContext& page, std::optional<http::Response>& answer) {
  if (!page.signed_in()) {
    answer = SignInFirst(page);
    return std::nullopt;
  }
  Timestamp now = page.deps().app.clock().Now();
  Result<ShiftView> view = page.deps().app.shifts.Get(page.caller(), ShiftId{page.request().Param("id")}, now,
                                                      now + std::chrono::hours(1));
  if (!view.ok()) {
    answer = Failure(page, view.status());
    return std::nullopt;
  }
  std::optional<HubRoles> h = MyRolesIn(page, view->shift.hub);
  if (!h || !h->coordinator()) {
    answer = NotAllowed(page);
    return std::nullopt;
  }
  return std::make_pair(std::move(*view), std::move(*h));
}

http::Response ShowEditShift(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  auto found = EditableShift(page, answer);
  if (!found) return *answer;
  const Shift& shift = found->first.shift;
  return ShiftFormPage(page, found->second, "/shifts/" + shift.id.value + "/edit", true, ValuesOf(shift.details),
                       FormErrors(), 200, nullptr, shift.details.name);
}

http::Response SaveEditShift(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  auto found = EditableShift(page, answer);
  if (!found) return *answer;
  const Shift& shift = found->first.shift;
  return PostShiftForm(page, found->second, "/shifts/" + shift.id.value + "/edit", true, shift.details.name,
                       [&](const ShiftDetails& d) { return deps.app.shifts.Replace(page.caller(), shift.id, d).status(); });
}

// ---- The hub's shift settings ---------------------------------------------------------------------------------

mustache::data PolicyValues(const ShiftPolicy& p) {
  mustache::data v;
  v.set("cutoff_hours", std::to_string(p.withdraw_cutoff.count() / 60));
  v.set("opens_hours", std::to_string(p.opens_before.count() / 60));
  v.set("popular_cap", std::to_string(p.popular_cap));
  v.set("period_month", mustache::data(p.cap_period == CapPeriod::kMonth));
  return v;
}

http::Response PolicyPage(PageContext& page, const HubRoles& h, mustache::data v, const FormErrors& errors, int status) {
  mustache::data d;
  d.set("slug", h.hub.slug);
  d.set("hub_name", h.hub.settings.name);
  d.set("v", v);
  if (page.request().Query("done")) d.set("notice", page.T("shifts.settings_saved"));
  page.AddErrors(d, errors, {{"cutoff_hours", {"shifts.settings.cutoff", ""}},
                             {"opens_hours", {"shifts.settings.opens", ""}},
                             {"popular_cap", {"shifts.settings.cap", ""}}});
  std::string title = page.T("shifts.settings_title");
  return page.Render(status, "shift_settings", std::move(d), errors.empty() ? title : page.T("form.error_prefix") + title);
}

http::Response ShowPolicy(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  std::optional<HubRoles> h = ShiftViewer(page, req.Param("slug"), true, answer);
  if (!h) return *answer;
  Result<ShiftPolicy> policy = deps.app.shifts.GetPolicy(page.caller(), h->hub.slug);
  if (!policy.ok()) return Failure(page, policy.status());
  return PolicyPage(page, *h, PolicyValues(*policy), FormErrors(), 200);
}

http::Response SavePolicy(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  std::optional<HubRoles> h = ShiftViewer(page, req.Param("slug"), true, answer);
  if (!h) return *answer;
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  mustache::data v = FormValues(*form);
  v.set("period_month", mustache::data(form->Get("cap_period") == "month"));
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return PolicyPage(page, *h, v, errors, 403);
  }
  std::optional<int> cutoff = WholeNumberInput(form->Get("cutoff_hours"));
  std::optional<int> opens = WholeNumberInput(form->Get("opens_hours"));
  std::optional<int> cap = WholeNumberInput(form->Get("popular_cap"));
  if (!cutoff || *cutoff > 336) errors.Add("cutoff_hours", page.T("err.range", {{"min", "0"}, {"max", "336"}}));
  if (!opens || *opens > 8760) errors.Add("opens_hours", page.T("err.range", {{"min", "0"}, {"max", "8760"}}));
  if (!cap || *cap > 100) errors.Add("popular_cap", page.T("err.range", {{"min", "0"}, {"max", "100"}}));
  if (!errors.empty()) return PolicyPage(page, *h, v, errors, 422);
  ShiftPolicy policy;
  policy.withdraw_cutoff = Minutes(*cutoff * 60);
  policy.opens_before = Minutes(*opens * 60);
  policy.popular_cap = *cap;
  policy.cap_period = form->Get("cap_period") == "month" ? CapPeriod::kMonth : CapPeriod::kWeek;
  Result<ShiftPolicy> saved = deps.app.shifts.SetPolicy(page.caller(), h->hub.slug, policy);
  if (!saved.ok()) {
    AddStatusErrors(page.lang(), saved.status(),
                    {{"withdraw_cutoff_minutes", "cutoff_hours"}, {"opens_before_minutes", "opens_hours"},
                     {"popular_cap", "popular_cap"}},
                    errors);
    return PolicyPage(page, *h, v, errors, saved.status().kind() == StatusKind::kInvalid ? 422 : 403);
  }
  return page.Redirect("/h/" + h->hub.slug + "/shifts/settings?done=1");
}

}  // namespace

void RegisterShiftEditPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/h/{slug}/shifts/new", "web.shift_new", [&deps](http::Request& req) { return ShowNewShift(deps, req); });
  router.Add("POST", "/h/{slug}/shifts/new", "web.shift_new.save",
             [&deps](http::Request& req) { return CreateShift(deps, req); });
  router.Add("GET", "/shifts/{id}/edit", "web.shift_edit", [&deps](http::Request& req) { return ShowEditShift(deps, req); });
  router.Add("POST", "/shifts/{id}/edit", "web.shift_edit.save",
             [&deps](http::Request& req) { return SaveEditShift(deps, req); });
  router.Add("GET", "/h/{slug}/shifts/settings", "web.shift_settings",
             [&deps](http::Request& req) { return ShowPolicy(deps, req); });
  router.Add("POST", "/h/{slug}/shifts/settings", "web.shift_settings.save",
             [&deps](http::Request& req) { return SavePolicy(deps, req); });
}

}  // namespace kin::web
