#include "http/json_reader.h"

#include <boost/json/parse.hpp>
#include <cmath>

namespace kin::http {

Result<boost::json::object> ParseJsonObject(std::string_view body) {
  if (body.empty()) return Status::Invalid("the request body is empty; send a JSON object");
  boost::json::parse_options options;
  options.max_depth = 32;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec, {}, options);
  if (ec) {
    return Status::Invalid("the request body is not valid JSON (" + ec.message() +
                           "); send a JSON object encoded as UTF-8");
  }
  if (!value.is_object()) return Status::Invalid("the request body must be a JSON object");
  return std::move(value.as_object());
}

ObjectReader::ObjectReader(const boost::json::object& object, std::string prefix, FieldErrors& errors)
    : object_(object), prefix_(std::move(prefix)), errors_(errors) {}

bool ObjectReader::Has(std::string_view key) const { return object_.contains(key); }

bool ObjectReader::IsNull(std::string_view key) const {
  auto it = object_.find(key);
  return it != object_.end() && it->value().is_null();
}

bool ObjectReader::TakeNull(std::string_view key) {
  if (!IsNull(key)) return false;
  seen_.emplace(key);
  return true;
}

const boost::json::value* ObjectReader::Get(std::string_view key, bool required) {
  seen_.emplace(key);
  auto it = object_.find(key);
  if (it == object_.end()) {
    if (required) errors_.Add(Field(key), "is required");
    return nullptr;
  }
  return &it->value();
}

std::optional<std::string> ObjectReader::String(std::string_view key, bool required) {
  const boost::json::value* v = Get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    errors_.Add(Field(key), "must be a string");
    return std::nullopt;
  }
  return std::string(v->as_string());
}

std::optional<int64_t> ObjectReader::Int(std::string_view key, bool required) {
  const boost::json::value* v = Get(key, required);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<uint64_t>(INT64_MAX)) return v->as_uint64();
  if (v->is_double()) {
    double d = v->as_double();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15) return static_cast<int64_t>(d);
  }
  errors_.Add(Field(key), "must be a whole number");
  return std::nullopt;
}

std::optional<double> ObjectReader::Number(std::string_view key, bool required) {
  const boost::json::value* v = Get(key, required);
  if (!v) return std::nullopt;
  if (v->is_number()) return v->to_number<double>();
  errors_.Add(Field(key), "must be a number");
  return std::nullopt;
}

std::optional<bool> ObjectReader::Bool(std::string_view key, bool required) {
  const boost::json::value* v = Get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    errors_.Add(Field(key), "must be true or false");
    return std::nullopt;
  }
  return v->as_bool();
}

std::optional<std::vector<std::string>> ObjectReader::Strings(std::string_view key, bool required) {
  const boost::json::value* v = Get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    errors_.Add(Field(key), "must be an array of strings");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& item : v->as_array()) {
    if (!item.is_string()) {
      errors_.Add(Field(key), "must be an array of strings");
      return std::nullopt;
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

const boost::json::object* ObjectReader::Object(std::string_view key, bool required) {
  const boost::json::value* v = Get(key, required);
  if (!v) return nullptr;
  if (!v->is_object()) {
    errors_.Add(Field(key), "must be an object");
    return nullptr;
  }
  return &v->as_object();
}

void ObjectReader::RejectUnknown() {
  for (const auto& kv : object_) {
    if (!seen_.contains(std::string_view(kv.key()))) {
      errors_.Add(Field(kv.key()), "is not a known field; remove it");
    }
  }
}

}  // namespace kin::http
