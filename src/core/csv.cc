#include "core/csv.h"

#include <cctype>

namespace kin {
namespace {

Status LineError(int line, const std::string& message) {
  return Status::Invalid("line " + std::to_string(line) + ": " + message);
}

bool Blank(const std::string& s) {
  for (char c : s) {
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
}

bool CsvReader::Next(std::vector<std::string>* fields, int* line, Status* status) {
  fields->clear();
  if (pos_ >= text_.size()) return false;
  *line = line_;
  std::string field;
  bool quoted_field = false;
  while (true) {
    if (pos_ >= text_.size()) {
      fields->push_back(std::move(field));
      return true;
    }
    char c = text_[pos_++];
    if (c == '"' && Blank(field) && !quoted_field) {
      field.clear();
      quoted_field = true;
      while (true) {
        if (pos_ >= text_.size()) {
          *status = LineError(*line, "a quoted cell has no closing \"");
          return false;
        }
        char q = text_[pos_++];
        if (q == '\n') ++line_;
        if (q != '"') {
          field += q;
        } else if (pos_ < text_.size() && text_[pos_] == '"') {
          field += '"';
          ++pos_;
        } else {
          break;
        }
      }
    } else if (c == ',') {
      fields->push_back(std::move(field));
      field.clear();
      quoted_field = false;
    } else if (c == '\n') {
      ++line_;
      fields->push_back(std::move(field));
      return true;
    } else if (c == '\r') {
      continue;
    } else if (quoted_field) {
      if (!std::isspace(static_cast<unsigned char>(c))) {
        *status = LineError(*line, "unexpected text after a quoted cell's closing \"");
        return false;
      }
    } else {
      field += c;
    }
  }
}

// A plain integer or decimal such as -4 or 2.5: a number to a spreadsheet, never a formula.
bool IsNumber(std::string_view v) {
  size_t i = (!v.empty() && v[0] == '-') ? 1 : 0;
  bool digits = false, dot = false;
  for (; i < v.size(); ++i) {
    if (v[i] >= '0' && v[i] <= '9') {
      digits = true;
    } else if (v[i] == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digits;
}

std::string CsvCell(std::string_view value) {
  std::string v(value);
  if (!v.empty() && !IsNumber(v) &&
      (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r')) {
    v.insert(v.begin(), '\'');
  }
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string CsvRow(const std::vector<std::string>& cells) {
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    out += CsvCell(cells[i]);
  }
  out += "\r\n";
  return out;
}

}  // namespace kin
