#include "http/router.h"

#include "http/percent_encoding.h"

#include <algorithm>
#include <cassert>
#include <string_view>

namespace kin::http {
namespace {


// "/a/b" -> {"a", "b"}; "/" -> {""}; "/a/" -> {"a", ""}.
std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    size_t slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, std::string name, Handler handler) {
  assert(!pattern.empty() && pattern.front() == '/');
  std::vector<Segment> segments;
  for (std::string_view part : SplitPath(pattern)) {
    if (part.size() >= 2 && part.front() == '{' && part.back() == '}') {
      segments.push_back({std::string(part.substr(1, part.size() - 2)), true});
    } else {
      segments.push_back({std::string(part), false});
    }
  }
  segments_.push_back(std::move(segments));
  routes_.push_back({std::move(method), std::move(pattern), std::move(name), std::move(handler)});
}

RouteMatch Router::Find(Request& request) const {
  std::vector<std::string> parts;
  std::string_view target = request.target;
  if (!target.empty() && target.front() == '/') {
    std::string_view raw_path = target.substr(0, target.find('?'));
    for (std::string_view part : SplitPath(raw_path)) parts.push_back(PercentDecode(part, false).value_or(std::string(part)));  // the server refused malformed escapes
  } else {
    for (std::string_view part : SplitPath(request.path)) parts.emplace_back(part);
  }

  RouteMatch result;
  size_t best = routes_.size();
  std::vector<std::string> allowed;
  for (size_t i = 0; i < routes_.size(); ++i) {
    const std::vector<Segment>& segments = segments_[i];
    if (segments.size() != parts.size()) continue;
    bool matches = true;
    for (size_t s = 0; s < segments.size() && matches; ++s) {
      matches = segments[s].param ? !parts[s].empty() : segments[s].text == parts[s];
    }
    if (!matches) continue;
    // HEAD is GET without the body (RFC 9110 9.3.2); the server strips the body.
    bool head_of_get = request.method == "HEAD" && routes_[i].method == "GET";
    if (routes_[i].method != request.method && !head_of_get) {
      allowed.push_back(routes_[i].method);
      if (routes_[i].method == "GET") allowed.push_back("HEAD");
      continue;
    }
    if (best == routes_.size()) {
      best = i;
      continue;
    }
    // Both match: the first segment where one is literal and the other a parameter decides.
    const std::vector<Segment>& current = segments_[best];
    for (size_t s = 0; s < segments.size(); ++s) {
      if (segments[s].param != current[s].param) {
        if (!segments[s].param) best = i;
        break;
      }
    }
  }

  if (best != routes_.size()) {
    result.route = &routes_[best];
    request.params.clear();
    const std::vector<Segment>& segments = segments_[best];
    for (size_t s = 0; s < segments.size(); ++s) {
      if (segments[s].param) request.params[segments[s].text] = std::move(parts[s]);
    }
    return result;
  }
  if (!allowed.empty()) {
    std::sort(allowed.begin(), allowed.end());
    allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
    result.path_matched = true;
    for (const std::string& method : allowed) {
      if (!result.allow.empty()) result.allow += ", ";
      result.allow += method;
    }
  }
  return result;
}

}  // namespace kin::http
