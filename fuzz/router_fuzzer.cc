// Router::Find (src/http/router.h) over arbitrary request targets, against the real API route table (every path
// and method in the OpenAPI document compiled into the server) plus the service's own routes and a few
// page-like patterns.
//
// Input: one byte, then the target. Byte bits 0-2 pick the method (GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS,
// or "get" in lower case); bit 3 puts the text in Request::path with an empty target (a request built by hand)
// instead of Request::target.
//
// Properties: Find agrees with a reference matcher written from the header's rules. A match is a route of the
// request's method (or GET for HEAD) whose segments all match the decoded path segments, with no other matching
// route that has a literal where it has a parameter at the first place they differ; its params are exactly the
// pattern's parameters, decoded and non-empty. No match with path_matched gives exactly the other methods that
// match the path (HEAD along with GET), sorted and ", " separated. Segments are decoded as
// http/percent_encoding.h says; one with a malformed escape is kept raw.
#include <boost/json.hpp>
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "http/router.h"
#include "http/service.h"

namespace kin::fuzz {
namespace {

namespace json = boost::json;

const char* const kMethods[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "get"};

http::Router BuildRouter() {
  http::Router router;
  std::set<std::pair<std::string, std::string>> added;
  auto add = [&](std::string method, std::string pattern) {
    if (!added.emplace(method, pattern).second) return;
    std::string name = method + " " + pattern;
    router.Add(std::move(method), std::move(pattern), std::move(name), [](http::Request&) { return http::Response(); });
  };
  json::value doc = json::parse(http::OpenApiDocument());
  for (const auto& path : doc.at("paths").as_object()) {
    for (const auto& op : path.value().as_object()) {
      std::string method(op.key());
      static const std::set<std::string> kOps = {"get", "put", "post", "delete", "patch"};
      if (!kOps.count(method)) continue;
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      add(method, std::string(path.key()));
    }
  }
  add("GET", "/healthz");
  add("GET", "/metrics");
  add("GET", "/");
  add("GET", "/hubs/{hub}/ask");
  add("POST", "/hubs/{hub}/ask");
  add("GET", "/status/{token}");
  add("GET", "/static/{file}");
  add("GET", "/{page}");
  return router;
}

const http::Router& TheRouter() {
  static const http::Router router = BuildRouter();
  return router;
}

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(c | 0x20);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// A segment with a malformed escape ("%zz", a '%' near the end) is kept as it is: the server refuses such targets
// before routing, and a request built by hand keeps them literally.
std::string Decode(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '%') {
      out += s[i++];
      continue;
    }
    if (s.size() - i < 3 || Hex(s[i + 1]) < 0 || Hex(s[i + 2]) < 0) return std::string(s);
    out += static_cast<char>(Hex(s[i + 1]) * 16 + Hex(s[i + 2]));
    i += 3;
  }
  return out;
}

std::vector<std::string> Split(std::string_view path, bool decode) {
  if (!path.empty() && path[0] == '/') path.remove_prefix(1);
  std::vector<std::string_view> raw;
  size_t start = 0;
  for (size_t i = 0; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/') {
      raw.push_back(path.substr(start, i - start));
      start = i + 1;
    }
  }
  std::vector<std::string> parts;
  for (std::string_view r : raw) parts.push_back(decode ? Decode(r) : std::string(r));
  return parts;
}

struct Pattern {
  std::vector<std::string> text;
  std::vector<bool> param;
};

Pattern ParsePattern(const std::string& pattern) {
  Pattern p;
  for (const std::string& s : Split(pattern, false)) {
    bool param = s.size() >= 2 && s.front() == '{' && s.back() == '}';
    p.text.push_back(param ? s.substr(1, s.size() - 2) : s);
    p.param.push_back(param);
  }
  return p;
}

bool Matches(const Pattern& p, const std::vector<std::string>& parts) {
  if (p.text.size() != parts.size()) return false;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (p.param[i] ? parts[i].empty() : p.text[i] != parts[i]) return false;
  }
  return true;
}

// True when `a` beats `b`: at the first place where one has a literal and the other a parameter, `a` has the
// literal.
bool Beats(const Pattern& a, const Pattern& b) {
  for (size_t i = 0; i < a.param.size(); ++i) {
    if (a.param[i] != b.param[i]) return !a.param[i];
  }
  return false;
}

}  // namespace

int FuzzRouter(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string method = kMethods[data[0] & 7];
  const bool by_path = (data[0] & 8) != 0;
  const std::string_view text = AsText(data + 1, size - 1);

  http::Request request;
  request.method = method;
  if (by_path) {
    request.path = std::string(text);
  } else {
    request.target = std::string(text);
  }
  request.params["stale"] = "x";  // Find must replace params on a match
  const http::Router& router = TheRouter();
  http::RouteMatch found = router.Find(request);

  // The reference: which segments Find should see.
  std::vector<std::string> parts;
  if (!by_path && !text.empty() && text[0] == '/') {
    parts = Split(text.substr(0, text.find('?')), true);
  } else {
    parts = Split(by_path ? text : std::string_view(), false);
  }
  std::vector<size_t> same_method;
  std::set<std::string> other_methods;
  for (size_t i = 0; i < router.routes().size(); ++i) {
    const http::Route& r = router.routes()[i];
    if (!Matches(ParsePattern(r.pattern), parts)) continue;
    if (r.method == method || (method == "HEAD" && r.method == "GET")) {
      same_method.push_back(i);
    } else {
      other_methods.insert(r.method);
      if (r.method == "GET") other_methods.insert("HEAD");
    }
  }

  const std::string where = method + " " + std::string(text) + (by_path ? " (as path)" : "");
  if (same_method.empty()) {
    KIN_FUZZ_CHECK(found.route == nullptr, "matched " + (found.route ? found.route->pattern : "") +
                                               " though no route should: " + where);
    KIN_FUZZ_CHECK(found.path_matched == !other_methods.empty(), "path_matched is wrong for " + where);
    std::string allow;
    for (const std::string& m : other_methods) allow += (allow.empty() ? "" : ", ") + m;
    KIN_FUZZ_CHECK(found.allow == allow, "Allow is \"" + found.allow + "\", not \"" + allow + "\", for " + where);
    return 0;
  }
  KIN_FUZZ_CHECK(found.route != nullptr, "no route matched " + where);
  const size_t chosen = static_cast<size_t>(found.route - router.routes().data());
  KIN_FUZZ_CHECK(std::find(same_method.begin(), same_method.end(), chosen) != same_method.end(),
                 "matched " + found.route->pattern + ", which does not fit " + where);
  const Pattern chosen_pattern = ParsePattern(found.route->pattern);
  for (size_t other : same_method) {
    const Pattern p = ParsePattern(router.routes()[other].pattern);
    KIN_FUZZ_CHECK(!Beats(p, chosen_pattern), router.routes()[other].pattern + " should win over " +
                                                  found.route->pattern + " for " + where);
  }
  std::map<std::string, std::string> params;
  for (size_t s = 0; s < chosen_pattern.param.size(); ++s) {
    if (chosen_pattern.param[s]) params[chosen_pattern.text[s]] = parts[s];
  }
  auto show = [](const std::map<std::string, std::string>& m) {
    std::string out;
    for (const auto& [k, v] : m) out += " " + k + "=[" + v + "]";
    return out;
  };
  KIN_FUZZ_CHECK(request.params == params, "the params of " + where + " (" + found.route->pattern + ") are" +
                                               show(request.params) + ", not" + show(params));
  return 0;
}

}  // namespace kin::fuzz

KIN_FUZZ_ENTRY(FuzzRouter)
