#include "http/csv_import_request.h"

namespace kin::http {

Result<ImportRequest> ReadImportRequest(const Request& req, const std::vector<std::string>& fields) {
  std::string type = req.Header("content-type");
  if (type.rfind("text/csv", 0) != 0) {
    return Status::Invalid("send the file as CSV with 'Content-Type: text/csv'",
                           {{"Content-Type", "must be text/csv"}});
  }
  std::optional<std::string> dry = req.Query("dry_run");
  if (dry && *dry != "true" && *dry != "false") return Status::InvalidField("dry_run", "must be true or false");
  ImportRequest out;
  out.dry_run = dry.value_or("false") == "true";
  for (const std::string& field : fields) {
    if (auto header = req.Query(field)) out.mapping[field] = *header;
  }
  return out;
}

Status RowsStatus(const std::vector<RowError>& errors) {
  FieldErrors fields;
  for (const RowError& e : errors) {
    std::string where = e.column.empty() ? "" : " (column \"" + e.column + "\")";
    fields.Add("lines[" + std::to_string(e.line) + "]." + e.field, e.message + where);
  }
  Status s = fields.ToStatus();
  return Status::Invalid(std::to_string(errors.size()) + " row(s) cannot be imported; nothing was saved", s.fields());
}

void WriteImportErrors(JsonWriter& w, const std::vector<RowError>& errors, const std::vector<std::string>& ignored) {
  w.Key("errors").BeginArray();
  for (const RowError& e : errors) {
    w.BeginObject()
        .Field("line", e.line)
        .Field("field", e.field)
        .Field("column", e.column)
        .Field("detail", e.message)
        .EndObject();
  }
  w.EndArray().Key("ignored_columns").Strings(ignored);
}

}  // namespace kin::http
