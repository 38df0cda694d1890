// Reading ActivityStreams fields the lenient way other servers write them: a one-element array for a single
// value, an object with an "id" for a link, and "type" as one name or a list of names (JSON-LD).
#ifndef KIN_FEDERATION_AS_FIELDS_H_
#define KIN_FEDERATION_AS_FIELDS_H_

#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "core/status.h"

namespace kin::federation {

// The string at `key`, or the "id" of the object there; "" when absent or null and not `required`. kInvalid
// naming `field` otherwise.
Result<std::string> StringOrId(const boost::json::object& o, const char* key, const std::string& field,
                               bool required);

// The same for a value already found (nullptr when absent), for readers that unwrap arrays their own way.
Result<std::string> StringOrIdValue(const boost::json::value* v, const std::string& field, bool required);

// Whether `type` is among the object's types.
bool HasType(const boost::json::object& o, std::string_view type);

}  // namespace kin::federation

#endif  // KIN_FEDERATION_AS_FIELDS_H_
