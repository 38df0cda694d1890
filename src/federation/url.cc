#include "federation/url.h"

#include <cctype>

namespace kin::federation {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

Result<UrlParts> ParseUrl(std::string_view url) {
  size_t colon = url.find("://");
  if (colon == std::string_view::npos) return Status::Invalid("'" + std::string(url) + "' is not an absolute URL");
  UrlParts p;
  p.scheme = Lower(url.substr(0, colon));
  if (p.scheme != "http" && p.scheme != "https") {
    return Status::Invalid("'" + std::string(url) + "' is not an http or https URL");
  }
  std::string_view rest = url.substr(colon + 3);
  size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  if (authority.empty()) return Status::Invalid("'" + std::string(url) + "' has no host");
  if (authority.find('@') != std::string_view::npos) {
    return Status::Invalid("'" + std::string(url) + "' carries user information");
  }
  for (char c : authority) {
    if (std::isspace(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) < 0x21) {
      return Status::Invalid("'" + std::string(url) + "' has a malformed host");
    }
  }
  p.host = Lower(authority);
  std::string_view tail = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  size_t hash = tail.find('#');
  if (hash != std::string_view::npos) tail = tail.substr(0, hash);
  p.target = std::string(tail);
  if (p.target.empty() || p.target[0] == '?') p.target = "/" + p.target;
  return p;
}

std::string OriginOf(std::string_view url) {
  Result<UrlParts> p = ParseUrl(url);
  if (!p.ok()) return "";
  return p->scheme + "://" + p->host;
}

std::string WithoutFragment(std::string_view url) {
  return std::string(url.substr(0, url.find('#')));
}

}  // namespace kin::federation
