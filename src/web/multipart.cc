#include "web/multipart.h"

#include <cctype>

namespace kin::web {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The value of `key="..."` (or key=token) in a header such as Content-Disposition; nullopt when absent.
std::optional<std::string> Param(std::string_view header, std::string_view key) {
  std::string lower = Lower(header);
  std::string needle = std::string(key) + "=";
  size_t at = 0;
  while ((at = lower.find(needle, at)) != std::string::npos) {
    bool starts = at == 0 || lower[at - 1] == ';' || lower[at - 1] == ' ';
    at += needle.size();
    if (!starts) continue;
    if (at < header.size() && header[at] == '"') {
      size_t end = header.find('"', at + 1);
      if (end == std::string_view::npos) return std::nullopt;
      return std::string(header.substr(at + 1, end - at - 1));
    }
    size_t end = header.find(';', at);
    return std::string(header.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
  }
  return std::nullopt;
}

}  // namespace

std::optional<MultipartForm> ParseMultipart(std::string_view content_type, std::string_view body) {
  if (Lower(content_type).rfind("multipart/form-data", 0) != 0) return std::nullopt;
  std::optional<std::string> boundary = Param(content_type, "boundary");
  if (!boundary || boundary->empty()) return std::nullopt;
  const std::string delimiter = "--" + *boundary;
  size_t at = body.find(delimiter);
  if (at == std::string_view::npos) return std::nullopt;
  MultipartForm form;
  for (;;) {
    at += delimiter.size();
    if (body.substr(at, 2) == "--") return form;  // the closing delimiter
    if (body.substr(at, 2) != "\r\n") return std::nullopt;
    at += 2;
    size_t headers_end = body.find("\r\n\r\n", at);
    if (headers_end == std::string_view::npos) return std::nullopt;
    std::string_view headers = body.substr(at, headers_end - at);
    size_t content = headers_end + 4;
    size_t next = body.find("\r\n" + delimiter, content);
    if (next == std::string_view::npos) return std::nullopt;
    std::optional<std::string> name, filename;
    size_t line_start = 0;
    while (line_start <= headers.size()) {
      size_t line_end = headers.find("\r\n", line_start);
      std::string_view line = headers.substr(
          line_start, line_end == std::string_view::npos ? std::string_view::npos : line_end - line_start);
      if (Lower(line).rfind("content-disposition:", 0) == 0) {
        name = Param(line, "name");
        filename = Param(line, "filename");
      }
      if (line_end == std::string_view::npos) break;
      line_start = line_end + 2;
    }
    if (name) {
      form.fields.emplace(*name, std::string(body.substr(content, next - content)));
      if (filename) form.files.emplace(*name, *filename);
    }
    at = next + 2;
  }
}

}  // namespace kin::web
