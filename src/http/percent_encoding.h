// Percent-encoding (RFC 3986) for paths, query strings and form bodies.
#ifndef KIN_HTTP_PERCENT_ENCODING_H_
#define KIN_HTTP_PERCENT_ENCODING_H_

#include <optional>
#include <string>
#include <string_view>

namespace kin::http {

// Decodes %XX escapes; with `plus_is_space` (application/x-www-form-urlencoded) '+' becomes a space.
// nullopt when an escape is malformed.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// Escapes everything but RFC 3986 unreserved characters.
std::string PercentEncode(std::string_view text);

}  // namespace kin::http

#endif  // KIN_HTTP_PERCENT_ENCODING_H_
