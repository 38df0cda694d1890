#include "core/stock_import.h"

namespace kin {

const std::vector<std::string> kStockImportFields = {"name",  "category",    "unit",  "quantity",
                                                     "place", "best_before", "low_at"};

Result<ParsedStockCsv> ParseStockCsv(std::string_view text,
                                     const std::map<std::string, std::string>& mapping) {
  Result<MappedCsv> csv =
      MappedCsv::Open(text, {kStockImportFields, {"name", "category", "unit", "quantity"}, "stock"}, mapping);
  if (!csv.ok()) return csv.status();
  ParsedStockCsv out;
  while (csv->Next()) {
    StockImportRow row;
    row.line = csv->line();
    size_t errors_before = csv->errors().size();
    std::optional<std::string> name = csv->Cell("name"), category = csv->Cell("category"),
                               unit = csv->Cell("unit"), quantity = csv->Cell("quantity"),
                               place = csv->Cell("place"), best_before = csv->Cell("best_before"),
                               low_at = csv->Cell("low_at");
    if (name) row.details.name = *name;
    if (category) row.details.category = *category;
    if (unit) row.details.unit = *unit;
    if (place) row.details.place = *place;
    if (quantity) {
      std::optional<int64_t> q = ParseWholeNumber(*quantity);
      if (!q || *q < 0 || *q > kMaxStockQuantity) {
        csv->Error("quantity", "\"" + *quantity + "\" is not a whole number from 0 to " +
                                   std::to_string(kMaxStockQuantity));
      } else {
        row.quantity = *q;
      }
    }
    if (best_before && !best_before->empty()) {
      std::optional<Date> d = ParseIsoDate(*best_before);
      if (!d)
        csv->Error("best_before", "\"" + *best_before + "\" is not a date such as 2026-11-30");
      else
        row.details.best_before = *d;
    }
    if (low_at && !low_at->empty()) {
      std::optional<int64_t> l = ParseWholeNumber(*low_at);
      if (!l)
        csv->Error("low_at", "\"" + *low_at + "\" is not a whole number");
      else
        row.details.low_at = *l;
    }
    if (csv->errors().size() == errors_before) {
      Status s = ValidateStockItemDetails(row.details);
      for (const FieldError& e : s.fields()) csv->Error(e.field, e.message);
    }
    if (csv->errors().size() == errors_before) out.rows.push_back(std::move(row));
  }
  if (!csv->status().ok()) return csv->status();
  out.errors = csv->errors();
  out.ignored_columns = csv->ignored_columns();
  return out;
}

}  // namespace kin
