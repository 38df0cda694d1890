#include "core/lendable_import.h"

namespace kin {

const std::vector<std::string> kLendableImportFields = {"name",          "category",     "description", "condition",
                                                        "max_loan_days", "buffer_hours", "borrowers"};

Result<ParsedLendableCsv> ParseLendableCsv(std::string_view text, const std::map<std::string, std::string>& mapping) {
  Result<MappedCsv> csv = MappedCsv::Open(text, {kLendableImportFields, {"name", "category"}, "library"}, mapping);
  if (!csv.ok()) return csv.status();
  ParsedLendableCsv out;
  for (const std::string& f : kLendableImportFields) {
    if (csv->Has(f)) out.columns.insert(f);
  }
  std::map<std::string, int> first_line;  // name -> the line that named it first
  while (csv->Next()) {
    LendableImportRow row;
    row.line = csv->line();
    size_t errors_before = csv->errors().size();
    LendableDetails& d = row.details;
    std::optional<std::string> name = csv->Cell("name"), category = csv->Cell("category"),
                               description = csv->Cell("description"), condition = csv->Cell("condition"),
                               days = csv->Cell("max_loan_days"), buffer = csv->Cell("buffer_hours"),
                               borrowers = csv->Cell("borrowers");
    if (name) d.name = *name;
    if (category) d.category = *category;
    if (description) d.description = *description;
    if (condition) d.condition = *condition;
    auto count = [&](const std::string& field, const std::optional<std::string>& cell, int& into) {
      if (!cell || cell->empty()) return;
      std::optional<int64_t> n = ParseWholeNumber(*cell);
      if (!n || *n < 0 || *n > 100000)
        csv->Error(field, "\"" + *cell + "\" is not a whole number");
      else
        into = static_cast<int>(*n);
    };
    count("max_loan_days", days, d.max_loan_days);
    count("buffer_hours", buffer, d.buffer_hours);
    if (borrowers && !borrowers->empty()) {
      std::optional<BorrowRule> rule = ParseBorrowRule(*borrowers);
      if (!rule)
        csv->Error("borrowers", "\"" + *borrowers + "\" is not \"members\" or \"intake\"");
      else
        d.borrowers = *rule;
    }
    if (csv->errors().size() == errors_before) {
      Status s = ValidateLendableDetails(d);
      for (const FieldError& e : s.fields()) csv->Error(e.field, e.message);
    }
    if (csv->errors().size() == errors_before) {
      auto [it, fresh] = first_line.emplace(d.name, row.line);
      if (!fresh) csv->Error("name", "\"" + d.name + "\" is already on line " + std::to_string(it->second));
    }
    if (csv->errors().size() == errors_before) out.rows.push_back(std::move(row));
  }
  if (!csv->status().ok()) return csv->status();
  out.errors = csv->errors();
  out.ignored_columns = csv->ignored_columns();
  return out;
}

}  // namespace kin
