// The parts of an http(s) URL federation needs: where to connect (host, with a port when given), what to put in
// the request line and sign as (request-target), and the origin to compare actors by. Pure.
#ifndef KIN_FEDERATION_URL_H_
#define KIN_FEDERATION_URL_H_

#include <string>
#include <string_view>

#include "core/status.h"

namespace kin::federation {

struct UrlParts {
  std::string scheme;  // "http" or "https", lower case
  std::string host;    // lower case, with ":port" when the URL has one ("127.0.0.1:8080")
  std::string target;  // path and query, "/" when empty; no fragment
};

// kInvalid for anything but an absolute http(s) URL with a host and no user info.
Result<UrlParts> ParseUrl(std::string_view url);

// "scheme://host" of a URL, or empty when it does not parse: two ids are from the same server when equal.
std::string OriginOf(std::string_view url);

// The URL without its "#fragment" (a key id "https://a.example/actor#main-key" names the actor document).
std::string WithoutFragment(std::string_view url);

}  // namespace kin::federation

#endif  // KIN_FEDERATION_URL_H_
