// A small streaming JSON writer for responses. Written by hand (not Boost.JSON's serializer) because numbers
// must read as people expect (40.4168, not 4.04168E1) and because lists are the hot path.
#ifndef KIN_HTTP_JSON_WRITER_H_
#define KIN_HTTP_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace kin::http {

class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);  // inside an object, before each value

  JsonWriter& String(std::string_view s);
  JsonWriter& Int(int64_t v);
  JsonWriter& Number(double v);  // shortest form that round-trips, never exponent notation for normal values
  JsonWriter& Bool(bool v);
  JsonWriter& Null();
  JsonWriter& Strings(const std::vector<std::string>& items);
  JsonWriter& Time(Timestamp t);  // RFC 3339 UTC string

  // Key(k) then value.
  JsonWriter& Field(std::string_view k, std::string_view v) { return Key(k).String(v); }
  JsonWriter& Field(std::string_view k, const char* v) { return Key(k).String(v); }
  JsonWriter& Field(std::string_view k, const std::string& v) { return Key(k).String(v); }
  JsonWriter& Field(std::string_view k, int64_t v) { return Key(k).Int(v); }
  JsonWriter& Field(std::string_view k, int v) { return Key(k).Int(v); }
  JsonWriter& Field(std::string_view k, double v) { return Key(k).Number(v); }
  JsonWriter& Field(std::string_view k, bool v) { return Key(k).Bool(v); }

  void Reserve(size_t bytes) { out_.reserve(bytes); }
  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void Separate();

  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

}  // namespace kin::http

#endif  // KIN_HTTP_JSON_WRITER_H_
