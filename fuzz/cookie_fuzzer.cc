// CookieValue and CsrfFromCookie (src/web/cookies.h, src/web/csrf.h): the Cookie header every page reads for the
// session, the CSRF token and the language, over arbitrary bytes.
//
// Properties checked, beyond not crashing:
//  - a value found never holds a pair separator (';' or ','), so one cookie cannot smuggle another;
//  - the first pair wins: with "kin_probe=1; " in front of any header, kin_probe is "1";
//  - the CSRF token read is empty or well formed (43 URL-safe base64 characters);
//  - a cookie kin itself sets (a token) is read back exactly, whatever arbitrary pairs follow it.
#include <string>

#include "fuzz_support.h"
#include "http/message.h"
#include "web/cookies.h"
#include "web/csrf.h"

namespace kin::fuzz {
namespace {

http::Request WithCookie(std::string header) {
  http::Request r;
  r.headers["cookie"] = std::move(header);
  return r;
}

}  // namespace

int FuzzCookie(const uint8_t* data, size_t size) {
  const std::string text(AsText(data, size));
  http::Request request = WithCookie(text);
  for (const char* name : {web::kSessionCookie, web::kCsrfCookie, web::kLangCookie, ""}) {
    std::optional<std::string> value = web::CookieValue(request, name);
    if (value) {
      KIN_FUZZ_CHECK(value->find_first_of(";,") == std::string::npos,
                     std::string("the value of ") + name + " holds a separator: " + *value);
    }
  }
  std::string csrf = web::CsrfFromCookie(request);
  KIN_FUZZ_CHECK(csrf.empty() || web::WellFormedToken(csrf), "a malformed CSRF token was accepted: " + csrf);

  KIN_FUZZ_CHECK(web::CookieValue(WithCookie("kin_probe=1; " + text), "kin_probe") == std::string("1"),
                 "an earlier pair lost to a later one");
  const std::string token = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE";
  std::optional<std::string> session = web::CookieValue(WithCookie("kin_session=" + token + "; " + text),
                                                        web::kSessionCookie);
  KIN_FUZZ_CHECK(session == token, "a session token was not read back");
  return 0;
}

}  // namespace kin::fuzz

KIN_FUZZ_ENTRY(FuzzCookie)
