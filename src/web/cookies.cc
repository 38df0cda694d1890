#include "web/cookies.h"

namespace kin::web {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string> CookieValue(const http::Request& request, std::string_view name) {
  // The server joins repeated Cookie headers with ", ", so both ';' and ',' separate pairs; no value kin sets
  // holds either.
  std::string_view header = request.Header("cookie");
  while (!header.empty()) {
    size_t end = header.find_first_of(";,");
    std::string_view pair = Trim(header.substr(0, end));
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos || Trim(pair.substr(0, eq)) != name) continue;
    std::string_view value = Trim(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    return std::string(value);
  }
  return std::nullopt;
}

std::string SetCookie(std::string_view name, std::string_view value, const CookieOptions& options) {
  std::string out;
  out.append(name).append("=").append(value).append("; Path=/; SameSite=Lax");
  if (options.max_age >= 0) out.append("; Max-Age=").append(std::to_string(options.max_age));
  if (options.http_only) out.append("; HttpOnly");
  if (options.secure) out.append("; Secure");
  return out;
}

}  // namespace kin::web
