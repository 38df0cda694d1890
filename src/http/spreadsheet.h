// Tables as spreadsheets: CSV (RFC 4180, UTF-8) and XLSX (libxlsxwriter). Exports build a Sheet
// from app results and hand it here; numbers stay numbers in XLSX so sums work, and text is never
// run as a formula.
#ifndef KIN_HTTP_SPREADSHEET_H_
#define KIN_HTTP_SPREADSHEET_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "http/message.h"

namespace kin::http {

struct SheetCell {
  std::string text;
  bool is_number = false;
  int64_t number = 0;

  static SheetCell Text(std::string s) { return {std::move(s), false, 0}; }
  static SheetCell Int(int64_t n) { return {std::to_string(n), true, n}; }
};

struct Sheet {
  std::string name;  // the worksheet's and the download's name: "stock"
  std::vector<std::string> header;
  std::vector<std::vector<SheetCell>> rows;
};

std::string SheetCsv(const Sheet& sheet);
// The .xlsx file's bytes. libxlsxwriter 1.1.4 writes only to a file: one is made in the temp
// directory and removed before returning.
Result<std::string> SheetXlsx(const Sheet& sheet);

// ?format=csv (default) or xlsx; a download named <sheet.name>.<format>.
Response SheetResponse(const Sheet& sheet, const std::string& format);

}  // namespace kin::http

#endif  // KIN_HTTP_SPREADSHEET_H_
