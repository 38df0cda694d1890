// Reading stock from a spreadsheet saved as CSV, with a column mapping: pure parsing and checking,
// so that a dry run can list every row it cannot take before anything is saved.
#ifndef KIN_CORE_STOCK_IMPORT_H_
#define KIN_CORE_STOCK_IMPORT_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv_import.h"
#include "core/status.h"
#include "core/stock.h"

namespace kin {

// The fields a stock CSV can fill. name, category, unit and quantity are required columns.
extern const std::vector<std::string> kStockImportFields;

struct StockImportRow {
  int line = 0;  // the CSV line the row starts on (the header is line 1)
  StockItemDetails details;
  int64_t quantity = 0;  // on the shelf now: created with it, or donated to the existing item
};

struct ParsedStockCsv {
  std::vector<StockImportRow> rows;
  std::vector<RowError> errors;
  std::vector<std::string> ignored_columns;  // header cells no field maps to
};

// `mapping` says which header holds each field (field -> header); a field not in it is looked for
// under its own name. Unknown fields in the mapping are invalid ("columns.<field>"). A required
// column missing from the header is an error on line 1; every bad cell (not UTF-8, not a whole
// number, not a date, breaking an item rule) is an error naming its line, field and column. Only a
// malformed file (unclosed quote, no header) fails as a whole.
Result<ParsedStockCsv> ParseStockCsv(std::string_view text,
                                     const std::map<std::string, std::string>& mapping);

}  // namespace kin

#endif  // KIN_CORE_STOCK_IMPORT_H_
