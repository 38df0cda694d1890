// What the CSV import routes (stock, library things) share: reading the request (the file as a text/csv body, the
// column mapping and ?dry_run as query parameters) and answering with every row error.
#ifndef KIN_HTTP_CSV_IMPORT_REQUEST_H_
#define KIN_HTTP_CSV_IMPORT_REQUEST_H_

#include <map>
#include <string>
#include <vector>

#include "core/csv_import.h"
#include "http/json_writer.h"
#include "http/message.h"

namespace kin::http {

struct ImportRequest {
  bool dry_run = false;
  std::map<std::string, std::string> mapping;  // field -> column header, from ?<field>=<header>
};

// Invalid when the body is not text/csv or dry_run is not true or false.
Result<ImportRequest> ReadImportRequest(const Request& req, const std::vector<std::string>& fields);

// A refused import: every row error as a problem field "lines[N].field", saying nothing was saved.
Status RowsStatus(const std::vector<RowError>& errors);

// "errors": [{line, field, column, detail}] and "ignored_columns": [...], inside the plan's object.
void WriteImportErrors(JsonWriter& w, const std::vector<RowError>& errors, const std::vector<std::string>& ignored);

}  // namespace kin::http

#endif  // KIN_HTTP_CSV_IMPORT_REQUEST_H_
