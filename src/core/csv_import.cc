#include "core/csv_import.h"

#include <algorithm>
#include <charconv>

#include "core/validation.h"

namespace kin {
namespace {

std::string Trimmed(const std::string& s) {
  size_t a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(" \t");
  return s.substr(a, b - a + 1);
}

}  // namespace

std::optional<int64_t> ParseWholeNumber(const std::string& s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

Result<MappedCsv> MappedCsv::Open(std::string_view text, const ImportShape& shape,
                                  const std::map<std::string, std::string>& mapping) {
  FieldErrors bad_mapping;
  for (const auto& [field, header] : mapping) {
    if (std::find(shape.fields.begin(), shape.fields.end(), field) == shape.fields.end())
      bad_mapping.Add("columns." + field, "is not a " + shape.kind + " field");
    if (header.empty()) bad_mapping.Add("columns." + field, "names no column");
  }
  if (!bad_mapping.empty()) return bad_mapping.ToStatus();

  MappedCsv csv(text, mapping);
  std::vector<std::string> header;
  int line = 0;
  Status syntax;
  if (!csv.reader_.Next(&header, &line, &syntax)) {
    if (!syntax.ok()) return syntax;
    return Status::InvalidField("csv", "the file is empty; the first row must name the columns");
  }
  std::vector<bool> used(header.size(), false);
  for (const std::string& field : shape.fields) {
    auto m = mapping.find(field);
    std::string name = m == mapping.end() ? field : m->second;
    size_t found = header.size();
    for (size_t i = 0; i < header.size(); ++i) {
      if (Trimmed(header[i]) == name) found = i;
    }
    if (found < header.size()) {
      csv.column_of_[field] = found;
      used[found] = true;
    } else if (std::find(shape.required.begin(), shape.required.end(), field) != shape.required.end()) {
      csv.errors_.push_back({1, field, name, "the column \"" + name + "\" is missing from the header row"});
    }
  }
  for (size_t i = 0; i < header.size(); ++i) {
    if (!used[i] && !Trimmed(header[i]).empty()) csv.ignored_.push_back(Trimmed(header[i]));
  }
  csv.header_ok_ = csv.errors_.empty();
  return csv;
}

bool MappedCsv::Next() {
  if (!header_ok_ || !status_.ok()) return false;
  while (reader_.Next(&cells_, &line_, &status_)) {
    if (cells_.size() == 1 && Trimmed(cells_[0]).empty()) continue;  // blank line
    if (++rows_ > kMaxImportRows) {
      status_ = Status::InvalidField("csv", "more than " + std::to_string(kMaxImportRows) + " rows; split the file");
      return false;
    }
    return true;
  }
  return false;
}

std::optional<std::string> MappedCsv::Cell(const std::string& field) {
  auto c = column_of_.find(field);
  if (c == column_of_.end() || c->second >= cells_.size()) return std::string();
  const std::string& raw = cells_[c->second];
  if (!IsValidUtf8(raw)) {
    Error(field, "is not valid UTF-8 text; save the file as \"CSV UTF-8\"");
    return std::nullopt;
  }
  return Trimmed(raw);
}

void MappedCsv::Error(const std::string& field, const std::string& message) {
  auto m = mapping_.find(field);
  errors_.push_back({line_, field, m == mapping_.end() ? field : m->second, message});
}

}  // namespace kin
