// What every CSV importer shares (stock, library things): a header row naming columns, a mapping from kin's
// fields to those headers, and per-row errors naming the line, field and column, so a dry run can list every row
// it cannot take before anything is saved.
#ifndef KIN_CORE_CSV_IMPORT_H_
#define KIN_CORE_CSV_IMPORT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.h"
#include "core/status.h"

namespace kin {

struct RowError {
  int line = 0;
  std::string field;    // the kin field ("quantity"), or "" for the row as a whole
  std::string column;   // the CSV column it came from
  std::string message;  // what is wrong
};

// The most data rows one file may hold.
constexpr size_t kMaxImportRows = 10000;

// What an importer reads: its fields, those whose column must be there, and what one row is called in messages.
struct ImportShape {
  const std::vector<std::string>& fields;
  std::vector<std::string> required;
  std::string kind;  // "stock", "library": "is not a <kind> field"
};

// A CSV read through a column mapping. Usage:
//   Result<MappedCsv> csv = MappedCsv::Open(text, shape, mapping);
//   while (csv->Next()) { std::optional<std::string> name = csv->Cell("name"); ... csv->Error(...); }
//   if (!csv->status().ok()) return csv->status();
class MappedCsv {
 public:
  // `mapping` says which header holds each field (field -> header); a field not in it is looked for under its own
  // name. Fails as a whole for a field not in the shape or mapped to nothing ("columns.<field>"), an empty file or
  // a syntax error in the header; a required column missing from the header is an error on line 1 (errors()).
  static Result<MappedCsv> Open(std::string_view text, const ImportShape& shape,
                                const std::map<std::string, std::string>& mapping);

  // Moves to the next data row, skipping blank lines; false at the end, or on a syntax error or too many rows
  // (then in status()). Returns false at once when the header had errors.
  bool Next();
  int line() const { return line_; }
  const Status& status() const { return status_; }

  // Whether the header has the column of `field`.
  bool Has(const std::string& field) const { return column_of_.count(field) > 0; }
  // The trimmed cell of `field` in the current row ("" when the column is absent or the row short); nullopt, with
  // an error recorded, when it is not valid UTF-8.
  std::optional<std::string> Cell(const std::string& field);
  // Records an error for the current row.
  void Error(const std::string& field, const std::string& message);

  const std::vector<RowError>& errors() const { return errors_; }
  std::vector<RowError>& mutable_errors() { return errors_; }
  const std::vector<std::string>& ignored_columns() const { return ignored_; }

 private:
  MappedCsv(std::string_view text, std::map<std::string, std::string> mapping)
      : reader_(text), mapping_(std::move(mapping)) {}

  CsvReader reader_;
  std::map<std::string, std::string> mapping_;
  std::map<std::string, size_t> column_of_;  // field -> index
  std::vector<std::string> cells_;
  std::vector<RowError> errors_;
  std::vector<std::string> ignored_;
  Status status_;
  int line_ = 0;
  size_t rows_ = 0;
  bool header_ok_ = true;
};

// A whole number as written in a cell ("12", "-3"); nullopt for anything else.
std::optional<int64_t> ParseWholeNumber(const std::string& s);

}  // namespace kin

#endif  // KIN_CORE_CSV_IMPORT_H_
