// Strict reading of JSON request bodies: wrong types, missing required fields and unknown fields all become
// FieldErrors naming the field, so one response can list everything the person has to fix.
#ifndef KIN_HTTP_JSON_READER_H_
#define KIN_HTTP_JSON_READER_H_

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace kin::http {

// Parses a request body that must be one JSON object. Invalid UTF-8, trailing garbage, duplicate keys' last
// value wins (Boost.JSON), nesting deeper than 32 levels is refused.
Result<boost::json::object> ParseJsonObject(std::string_view body);

class ObjectReader {
 public:
  // `prefix` is prepended to field names in errors ("contact." for a nested object; "" at the top).
  ObjectReader(const boost::json::object& object, std::string prefix, FieldErrors& errors);

  bool Has(std::string_view key) const;
  bool IsNull(std::string_view key) const;  // present and null
  // True when the key is present and null, and then counts it as read (patches use null to clear a field).
  bool TakeNull(std::string_view key);

  // Each returns nullopt when the key is absent, or when it has the wrong type (and then adds an error).
  // `required` adds "is required" when absent.
  std::optional<std::string> String(std::string_view key, bool required = false);
  std::optional<int64_t> Int(std::string_view key, bool required = false);
  std::optional<double> Number(std::string_view key, bool required = false);
  std::optional<bool> Bool(std::string_view key, bool required = false);
  std::optional<std::vector<std::string>> Strings(std::string_view key, bool required = false);
  const boost::json::object* Object(std::string_view key, bool required = false);

  // Adds an error for every key never asked for. Call once, after reading.
  void RejectUnknown();

  std::string Field(std::string_view key) const { return prefix_ + std::string(key); }
  FieldErrors& errors() { return errors_; }

 private:
  const boost::json::value* Get(std::string_view key, bool required);

  const boost::json::object& object_;
  std::string prefix_;
  FieldErrors& errors_;
  std::set<std::string, std::less<>> seen_;
};

}  // namespace kin::http

#endif  // KIN_HTTP_JSON_READER_H_
