#include "federation/as_fields.h"

#include <boost/json.hpp>

namespace kin::federation {

namespace json = boost::json;

Result<std::string> StringOrId(const json::object& o, const char* key, const std::string& field, bool required) {
  const json::value* v = o.if_contains(key);
  if (v && v->is_array() && v->get_array().size() == 1) v = &v->get_array().front();
  return StringOrIdValue(v, field, required);
}

Result<std::string> StringOrIdValue(const json::value* v, const std::string& field, bool required) {
  if (!v || v->is_null()) {
    if (required) return Status::InvalidField(field, "is required");
    return std::string();
  }
  if (v->is_string()) return std::string(v->get_string());
  if (v->is_object()) {
    if (const json::value* id = v->get_object().if_contains("id"); id && id->is_string()) {
      return std::string(id->get_string());
    }
  }
  return Status::InvalidField(field, "must be a string");
}

bool HasType(const json::object& o, std::string_view type) {
  const json::value* t = o.if_contains("type");
  if (t && t->is_string()) return t->get_string() == type;
  if (t && t->is_array()) {
    for (const auto& e : t->get_array()) {
      if (e.is_string() && e.get_string() == type) return true;
    }
  }
  return false;
}

}  // namespace kin::federation
