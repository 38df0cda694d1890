#include "web/import_report.h"

#include "web/field_messages.h"

namespace kin::web {
namespace {

std::string Line(Lang lang, int line) { return Translate(lang, "import.line", {{"line", std::to_string(line)}}); }

// The first "quoted" part of a message: the cell as the file had it.
std::string Quoted(const std::string& m) {
  size_t a = m.find('"');
  size_t b = a == std::string::npos ? a : m.find('"', a + 1);
  return b == std::string::npos ? "" : m.substr(a + 1, b - a - 1);
}

}  // namespace

ImportReport ReportOf(Lang lang, const StockImportPlan& plan) {
  ImportReport r;
  for (const auto& c : plan.creates) {
    r.adds.push_back(
        Line(lang, c.line) + " " +
        Translate(lang, "import.stock_new",
                  {{"name", c.details.name}, {"amount", std::to_string(c.quantity) + " " + c.details.unit}}));
  }
  for (const auto& a : plan.adds) {
    r.changes.push_back(
        Line(lang, a.line) + " " +
        Translate(lang, "import.stock_add",
                  {{"name", a.name}, {"quantity", std::to_string(a.quantity)}, {"before", std::to_string(a.before)}}));
  }
  r.errors = plan.errors;
  r.ignored_columns = plan.ignored_columns;
  return r;
}

ImportReport ReportOf(Lang lang, const LendableImportPlan& plan) {
  ImportReport r;
  for (const auto& c : plan.creates) {
    r.adds.push_back(Line(lang, c.line) + " " +
                     Translate(lang, "import.thing_new", {{"name", c.details.name}, {"category", c.details.category}}));
  }
  for (const auto& u : plan.updates) {
    std::string fields;
    for (const std::string& f : u.changes)
      fields += (fields.empty() ? "" : ", ") + Translate(lang, "import.field." + f);
    r.changes.push_back(Line(lang, u.line) + " " +
                        Translate(lang, "import.thing_change", {{"name", u.name}, {"fields", fields}}));
  }
  r.unchanged = plan.unchanged;
  r.errors = plan.errors;
  r.ignored_columns = plan.ignored_columns;
  return r;
}

std::string ImportErrorText(Lang lang, const RowError& e) {
  const std::string& m = e.message;
  auto has = [&](const char* s) { return m.find(s) != std::string::npos; };
  if (has("is missing from the header row"))
    return Translate(lang, "import.err.missing_column", {{"column", e.column}});
  if (has("is not a whole number")) return Translate(lang, "import.err.whole_number", {{"value", Quoted(m)}});
  if (has("is not a date such as")) return Translate(lang, "import.err.date", {{"value", Quoted(m)}});
  if (has("is not valid UTF-8")) return Translate(lang, "import.err.utf8");
  if (has("is already on line")) return Translate(lang, "import.err.twice", {{"line", m.substr(m.rfind(' ') + 1)}});
  if (has("is not \"members\" or \"intake\"")) return Translate(lang, "import.err.borrowers", {{"value", Quoted(m)}});
  if (has("add up to more than")) return Translate(lang, "import.err.too_many");
  std::string translated = TranslateFieldMessage(lang, m);
  return translated == Translate(lang, "err.check") ? m : translated;
}

}  // namespace kin::web
