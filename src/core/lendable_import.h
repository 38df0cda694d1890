// Reading the things of a library from a spreadsheet saved as CSV, with a column mapping (the same shape as the
// stock import): pure parsing and checking, so a dry run can list every row it cannot take.
#ifndef KIN_CORE_LENDABLE_IMPORT_H_
#define KIN_CORE_LENDABLE_IMPORT_H_

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv_import.h"
#include "core/library.h"

namespace kin {

// The fields a library CSV can fill. name and category are required columns; the others keep their defaults
// (longest loan 7 days, no buffer, any member may borrow) when the column is absent or the cell empty.
extern const std::vector<std::string> kLendableImportFields;

struct LendableImportRow {
  int line = 0;
  LendableDetails details;
};

struct ParsedLendableCsv {
  std::vector<LendableImportRow> rows;
  std::vector<RowError> errors;
  std::vector<std::string> ignored_columns;
  std::set<std::string> columns;  // the fields the file has a column for: only these change an existing thing
};

// As ParseStockCsv: a bad mapping, an empty file or a syntax error fails as a whole; every bad cell (not UTF-8, a
// count that is not a whole number, an unknown borrowers rule, a thing rule) and every name listed twice is an
// error naming its line, field and column.
Result<ParsedLendableCsv> ParseLendableCsv(std::string_view text, const std::map<std::string, std::string>& mapping);

}  // namespace kin

#endif  // KIN_CORE_LENDABLE_IMPORT_H_
