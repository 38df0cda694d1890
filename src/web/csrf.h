// Cross-site request forgery protection for every form, signed in or not (double submit): a random token lives
// in the kin_csrf cookie (HttpOnly, SameSite=Lax) and in a hidden "csrf" field of each form. A post is accepted
// only when both are present and equal. Another site can make a browser post to kin, but it can read neither
// the cookie nor the page, so it cannot supply the field.
#ifndef KIN_WEB_CSRF_H_
#define KIN_WEB_CSRF_H_

#include <string>

#include "http/message.h"
#include "web/form.h"

namespace kin::web {

// The token in the request's cookie when it is well formed, else empty.
std::string CsrfFromCookie(const http::Request& request);

// Both present, well formed and equal (constant-time comparison).
bool CsrfMatches(const http::Request& request, const Form& form);

// A token as RandomToken() makes them: 43 URL-safe base64 characters.
bool WellFormedToken(const std::string& token);

}  // namespace kin::web

#endif  // KIN_WEB_CSRF_H_
