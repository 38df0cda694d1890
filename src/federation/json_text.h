// JSON text for federation documents: Boost.JSON values printed with numbers as people and other servers expect
// (41.389, not 4.1389E1) and keys in insertion order, so expected-JSON tests read like the wire.
#ifndef KIN_FEDERATION_JSON_TEXT_H_
#define KIN_FEDERATION_JSON_TEXT_H_

#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "core/status.h"
#include "core/time.h"

namespace kin::federation {

std::string ToJsonText(const boost::json::value& v);

// The shortest decimal text of v without exponent ("10", "2.5", "0.125"), as xsd:decimal wants it.
std::string DecimalText(double v);

// "2026-11-24T10:05:00Z" and back. Reading accepts fractional seconds and a numeric offset, as other servers
// send them; kInvalid naming `field` otherwise.
std::string Rfc3339(Timestamp t);

// The scheme, host and port of an absolute http(s) URL, lower-case ("https://kin.example:8443"); empty when
// `url` is not one. An inbox believes an object only from an actor on the object's own origin.
std::string UrlOrigin(std::string_view url);
Result<Timestamp> ParseRfc3339(const std::string& text, const std::string& field);

}  // namespace kin::federation

#endif  // KIN_FEDERATION_JSON_TEXT_H_
