#include "web/csrf.h"

#include "crypto/tokens.h"
#include "web/cookies.h"

namespace kin::web {

bool WellFormedToken(const std::string& token) {
  if (token.size() != 43) return false;
  for (char c : token) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string CsrfFromCookie(const http::Request& request) {
  std::optional<std::string> value = CookieValue(request, kCsrfCookie);
  return value && WellFormedToken(*value) ? *value : std::string();
}

bool CsrfMatches(const http::Request& request, const Form& form) {
  std::string cookie = CsrfFromCookie(request);
  const std::string& field = form.Get("csrf");
  return !cookie.empty() && field.size() == cookie.size() && SecretsEqual(cookie, field);
}

}  // namespace kin::web
