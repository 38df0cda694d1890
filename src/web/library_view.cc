#include "web/library_view.h"

#include "web/assets.h"
#include "web/local_time.h"

namespace kin::web {
namespace {

std::string Trimmed(const std::string& s) {
  size_t begin = s.find_first_not_of(" \t\n");
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(" \t\n") - begin + 1);
}

}  // namespace

const std::map<std::string, std::string>& ThingInputs() {
  static const std::map<std::string, std::string> kInputs = {
      {"name", "name"},           {"category", "category"},           {"description", "description"},
      {"condition", "condition"}, {"max_loan_days", "max_loan_days"}, {"buffer_hours", "buffer_hours"},
      {"borrowers", "borrowers"},
  };
  return kInputs;
}

const std::map<std::string, PageContext::FieldLabel>& ThingLabels() {
  static const std::map<std::string, PageContext::FieldLabel> kLabels = {
      {"name", {"library.name", ""}},
      {"category", {"library.category", ""}},
      {"description", {"library.description", ""}},
      {"condition", {"library.condition", ""}},
      {"max_loan_days", {"library.max_loan_days", ""}},
      {"buffer_hours", {"library.buffer_hours", ""}},
      {"borrowers", {"library.borrowers", ""}},
      {"start", {"library.start", ""}},
      {"end", {"library.end", ""}},
      {"note", {"library.status_note", ""}},
  };
  return kLabels;
}

mustache::data ThingFieldsPartial() {
  return mustache::partial([] { return std::string(AssetText("templates/thing_fields.mustache")); });
}

std::optional<int> FormInt(const std::string& text) {
  std::string t = Trimmed(text);
  if (t.empty() || t.size() > 9) return std::nullopt;
  int n = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

LendableDetails ReadThingForm(const Form& form, Lang lang, FormErrors& errors) {
  LendableDetails d;
  d.name = Trimmed(form.Get("name"));
  d.category = Trimmed(form.Get("category"));
  d.description = Trimmed(form.Get("description"));
  d.condition = Trimmed(form.Get("condition"));
  for (const char* field : {"max_loan_days", "buffer_hours"}) {
    std::optional<int> n = FormInt(form.Get(field));
    if (!n) {
      errors.Add(field, Translate(lang, "err.whole_number"));
      continue;
    }
    (std::string(field) == "max_loan_days" ? d.max_loan_days : d.buffer_hours) = *n;
  }
  std::optional<BorrowRule> rule = ParseBorrowRule(form.Get("borrowers"));
  if (!rule) errors.Add("borrowers", Translate(lang, "err.required"));
  d.borrowers = rule.value_or(BorrowRule::kMembers);
  return d;
}

mustache::data ThingValues(const LendableDetails& d) {
  mustache::data v;
  v.set("name", d.name);
  v.set("category", d.category);
  v.set("description", d.description);
  v.set("condition", d.condition);
  v.set("max_loan_days", std::to_string(d.max_loan_days));
  v.set("buffer_hours", std::to_string(d.buffer_hours));
  v.set("borrowers_members", mustache::data(d.borrowers == BorrowRule::kMembers));
  v.set("borrowers_intake", mustache::data(d.borrowers == BorrowRule::kIntake));
  return v;
}

mustache::data ThingValues(const Form& form) {
  mustache::data v;
  for (const char* f : {"name", "category", "description", "condition", "max_loan_days", "buffer_hours"})
    v.set(f, form.Get(f));
  v.set("borrowers_members", mustache::data(form.Get("borrowers") != "intake"));
  v.set("borrowers_intake", mustache::data(form.Get("borrowers") == "intake"));
  return v;
}

mustache::data ThingCard(const PageContext& page, const HubViewer& v, const Lendable& t,
                         const std::vector<CalendarEntry>& calendar, Timestamp now) {
  mustache::data d;
  d.set("id", t.id.value);
  d.set("slug", v.hub.slug);
  d.set("name", t.details.name);
  d.set("category", t.details.category);
  if (!t.details.description.empty()) d.set("description", t.details.description);
  if (!t.details.condition.empty()) d.set("condition", t.details.condition);
  d.set("longest", page.T(t.details.max_loan_days == 1 ? "library.longest_one" : "library.longest",
                          {{"n", std::to_string(t.details.max_loan_days)}}));
  if (t.details.buffer_hours > 0)
    d.set("buffer", page.T("library.buffer_text", {{"n", std::to_string(t.details.buffer_hours)}}));
  d.set("who", page.T(t.details.borrowers == BorrowRule::kMembers ? "library.who.members" : "library.who.intake"));
  if (t.status != LendableStatus::kAvailable) {
    d.set("state", page.T(std::string("library.status.") + LendableStatusName(t.status)));
    d.set("unavailable", mustache::data(true));
    return d;
  }
  std::vector<TimeWindow> held;
  for (const CalendarEntry& e : calendar) held.push_back(e.window);
  Timestamp free = NextFree(held, Seconds(static_cast<long long>(t.details.buffer_hours) * 3600), now);
  d.set("state", free <= now ? page.T("library.free_now")
                             : page.T("library.free_from",
                                      {{"when", FormatLocal(free, v.hub.settings.time_zone, page.lang())}}));
  return d;
}

}  // namespace kin::web
