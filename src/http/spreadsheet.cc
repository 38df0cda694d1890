#include "http/spreadsheet.h"

#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/csv.h"
#include "http/problem.h"

namespace kin::http {

std::string SheetCsv(const Sheet& sheet) {
  std::string out = CsvRow(sheet.header);
  for (const std::vector<SheetCell>& row : sheet.rows) {
    std::vector<std::string> cells;
    cells.reserve(row.size());
    for (const SheetCell& c : row) cells.push_back(c.text);
    out += CsvRow(cells);
  }
  return out;
}

Result<std::string> SheetXlsx(const Sheet& sheet) {
  std::string path = (std::filesystem::temp_directory_path() / "kin-sheet-XXXXXX").string();
  int fd = ::mkstemp(path.data());
  if (fd < 0) return Status::Internal("cannot make a temporary file for the spreadsheet");
  ::close(fd);
  struct Remove {
    std::string path;
    ~Remove() { std::remove(path.c_str()); }
  } remove{path};

  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return Status::Internal("cannot start the spreadsheet");
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_error err = LXW_NO_ERROR;
  for (size_t c = 0; c < sheet.header.size() && err == LXW_NO_ERROR; ++c) {
    err = worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), sheet.header[c].c_str(), bold);
  }
  for (size_t r = 0; r < sheet.rows.size() && err == LXW_NO_ERROR; ++r) {
    const std::vector<SheetCell>& row = sheet.rows[r];
    for (size_t c = 0; c < row.size() && err == LXW_NO_ERROR; ++c) {
      auto rr = static_cast<lxw_row_t>(r + 1);
      auto cc = static_cast<lxw_col_t>(c);
      if (row[c].is_number) {
        err = worksheet_write_number(ws, rr, cc, static_cast<double>(row[c].number), nullptr);
      } else if (!row[c].text.empty()) {
        // write_string stores text as text: a cell starting with = is never a formula in XLSX.
        err = worksheet_write_string(ws, rr, cc, row[c].text.c_str(), nullptr);
      }
    }
  }
  lxw_error closed = workbook_close(wb);
  if (err != LXW_NO_ERROR || closed != LXW_NO_ERROR) {
    return Status::Internal(std::string("writing the spreadsheet failed: ") +
                            lxw_strerror(err != LXW_NO_ERROR ? err : closed));
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return Status::Internal("cannot read the spreadsheet back");
  return bytes;
}

Response SheetResponse(const Sheet& sheet, const std::string& format) {
  Response r;
  if (format == "xlsx") {
    Result<std::string> bytes = SheetXlsx(sheet);
    if (!bytes.ok()) return ProblemResponse(bytes.status());
    r = Response::Text(200, std::move(*bytes),
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  } else if (format == "csv") {
    r = Response::Text(200, SheetCsv(sheet), "text/csv; charset=utf-8");
  } else {
    return ProblemResponse(Status::InvalidField("format", "must be csv or xlsx"));
  }
  r.SetHeader("Content-Disposition", "attachment; filename=\"" + sheet.name + "." + format + "\"");
  return r;
}

}  // namespace kin::http
