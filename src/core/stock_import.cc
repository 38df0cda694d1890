#include "core/stock_import.h"

#include <charconv>

#include "core/csv.h"
#include "core/validation.h"

namespace kin {

const std::vector<std::string> kStockImportFields = {"name",  "category",    "unit",  "quantity",
                                                     "place", "best_before", "low_at"};

namespace {

constexpr size_t kMaxRows = 10000;

bool Required(const std::string& field) {
  return field == "name" || field == "category" || field == "unit" || field == "quantity";
}

std::string Trimmed(const std::string& s) {
  size_t a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(" \t");
  return s.substr(a, b - a + 1);
}

std::optional<int64_t> WholeNumber(const std::string& s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

Result<ParsedStockCsv> ParseStockCsv(std::string_view text,
                                     const std::map<std::string, std::string>& mapping) {
  FieldErrors bad_mapping;
  for (const auto& [field, header] : mapping) {
    bool known = false;
    for (const std::string& f : kStockImportFields) known = known || f == field;
    if (!known) bad_mapping.Add("columns." + field, "is not a stock field");
    if (header.empty()) bad_mapping.Add("columns." + field, "names no column");
  }
  if (!bad_mapping.empty()) return bad_mapping.ToStatus();

  CsvReader reader(text);
  std::vector<std::string> cells;
  int line = 0;
  Status syntax;
  if (!reader.Next(&cells, &line, &syntax)) {
    if (!syntax.ok()) return syntax;
    return Status::InvalidField("csv", "the file is empty; the first row must name the columns");
  }
  ParsedStockCsv out;
  std::map<std::string, size_t> column_of;  // field -> index
  std::vector<bool> used(cells.size(), false);
  for (const std::string& field : kStockImportFields) {
    auto m = mapping.find(field);
    std::string header = m == mapping.end() ? field : m->second;
    size_t found = cells.size();
    for (size_t i = 0; i < cells.size(); ++i) {
      if (Trimmed(cells[i]) == header) found = i;
    }
    if (found < cells.size()) {
      column_of[field] = found;
      used[found] = true;
    } else if (Required(field)) {
      out.errors.push_back(
          {1, field, header, "the column \"" + header + "\" is missing from the header row"});
    }
  }
  for (size_t i = 0; i < cells.size(); ++i) {
    if (!used[i] && !Trimmed(cells[i]).empty()) out.ignored_columns.push_back(Trimmed(cells[i]));
  }
  if (!out.errors.empty()) return out;

  while (reader.Next(&cells, &line, &syntax)) {
    if (cells.size() == 1 && Trimmed(cells[0]).empty()) continue;  // blank line
    if (out.rows.size() >= kMaxRows) {
      return Status::InvalidField(
          "csv", "more than " + std::to_string(kMaxRows) + " rows; split the file");
    }
    StockImportRow row;
    row.line = line;
    size_t errors_before = out.errors.size();
    auto error = [&](const std::string& field, const std::string& message) {
      out.errors.push_back(
          {line, field, mapping.count(field) ? mapping.at(field) : field, message});
    };
    auto cell = [&](const std::string& field) -> std::optional<std::string> {
      auto c = column_of.find(field);
      if (c == column_of.end() || c->second >= cells.size()) return std::string();
      const std::string& raw = cells[c->second];
      if (!IsValidUtf8(raw)) {
        error(field, "is not valid UTF-8 text; save the file as \"CSV UTF-8\"");
        return std::nullopt;
      }
      return Trimmed(raw);
    };
    std::optional<std::string> name = cell("name"), category = cell("category"),
                               unit = cell("unit"), quantity = cell("quantity"),
                               place = cell("place"), best_before = cell("best_before"),
                               low_at = cell("low_at");
    if (name) row.details.name = *name;
    if (category) row.details.category = *category;
    if (unit) row.details.unit = *unit;
    if (place) row.details.place = *place;
    if (quantity) {
      std::optional<int64_t> q = WholeNumber(*quantity);
      if (!q || *q < 0 || *q > kMaxStockQuantity) {
        error("quantity", "\"" + *quantity + "\" is not a whole number from 0 to " +
                              std::to_string(kMaxStockQuantity));
      } else {
        row.quantity = *q;
      }
    }
    if (best_before && !best_before->empty()) {
      std::optional<Date> d = ParseIsoDate(*best_before);
      if (!d)
        error("best_before", "\"" + *best_before + "\" is not a date such as 2026-11-30");
      else
        row.details.best_before = *d;
    }
    if (low_at && !low_at->empty()) {
      std::optional<int64_t> l = WholeNumber(*low_at);
      if (!l)
        error("low_at", "\"" + *low_at + "\" is not a whole number");
      else
        row.details.low_at = *l;
    }
    if (out.errors.size() == errors_before) {
      Status s = ValidateStockItemDetails(row.details);
      for (const FieldError& e : s.fields()) error(e.field, e.message);
    }
    if (out.errors.size() == errors_before) out.rows.push_back(std::move(row));
  }
  if (!syntax.ok()) return syntax;
  return out;
}

}  // namespace kin
