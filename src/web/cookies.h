// Reading the Cookie header and writing Set-Cookie values. Every cookie kin sets is Path=/ and SameSite=Lax.
#ifndef KIN_WEB_COOKIES_H_
#define KIN_WEB_COOKIES_H_

#include <optional>
#include <string>
#include <string_view>

#include "http/message.h"

namespace kin::web {

inline constexpr char kSessionCookie[] = "kin_session";
inline constexpr char kCsrfCookie[] = "kin_csrf";
inline constexpr char kLangCookie[] = "kin_lang";

// The value of cookie `name`, or nullopt.
std::optional<std::string> CookieValue(const http::Request& request, std::string_view name);

struct CookieOptions {
  bool http_only = true;  // scripts never need kin's cookies
  bool secure = false;    // set when the public URL is https
  long max_age = -1;      // seconds; -1 ends with the browser session, 0 deletes the cookie
};

// The value of a Set-Cookie header. `value` must be cookie-safe (kin only sets tokens and language codes).
std::string SetCookie(std::string_view name, std::string_view value, const CookieOptions& options);

}  // namespace kin::web

#endif  // KIN_WEB_COOKIES_H_
