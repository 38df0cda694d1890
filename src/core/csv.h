// RFC 4180 CSV, shared by every importer and exporter (ballots in src/govern, stock in src/app): a
// record reader that knows the line each record starts on, and the quoting of one cell for writers.
//
// Reading: quoted cells ("Smith, Jo", "say ""hi""") may span lines; CRLF and LF line ends are
// accepted; a UTF-8 byte order mark at the start is skipped. Bytes are passed through as they are:
// callers that need UTF-8 check it per cell, so the error can name the row and column.
#ifndef KIN_CORE_CSV_H_
#define KIN_CORE_CSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace kin {

class CsvReader {
 public:
  explicit CsvReader(std::string_view text);

  // Fills `fields` with the next record and `line` with the line it starts on; false at the end of
  // input or on a syntax error, which is then in `status` as "line N: what is wrong".
  bool Next(std::vector<std::string>* fields, int* line, Status* status);

 private:
  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
};

// One cell as written: quoted when it holds a comma, quote, CR or LF (quotes doubled), and, so a
// spreadsheet never runs it as a formula, prefixed with ' when it starts with =, +, -, @, tab or CR
// (OWASP CSV injection); plain numbers such as -4 stay as they are.
std::string CsvCell(std::string_view value);

// Cells joined with commas and ended with CRLF.
std::string CsvRow(const std::vector<std::string>& cells);

}  // namespace kin

#endif  // KIN_CORE_CSV_H_
