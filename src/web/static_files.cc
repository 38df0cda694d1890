#include "web/static_files.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "web/assets.h"

namespace kin::web {

std::string_view AssetText(std::string_view name) {
  const std::vector<Asset>& assets = Assets();
  auto it = std::lower_bound(assets.begin(), assets.end(), name,
                             [](const Asset& a, std::string_view n) { return a.name < n; });
  return it != assets.end() && it->name == name ? it->content : std::string_view();
}

const std::string& StylesheetVersion() {
  static const std::string kVersion = [] {
    uint64_t h = 1469598103934665603ULL;  // FNV-1a: enough to tell builds apart, not a security measure
    for (unsigned char c : AssetText("static/kin.css")) h = (h ^ c) * 1099511628211ULL;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return std::string(hex, 10);
  }();
  return kVersion;
}

void RegisterStaticRoutes(http::Router& router) {
  router.Add("GET", "/static/kin.css", "web.static.css", [](http::Request&) {
    http::Response r = http::Response::Text(200, std::string(AssetText("static/kin.css")), "text/css; charset=utf-8");
    r.SetHeader("Cache-Control", "public, max-age=31536000, immutable");
    return r;
  });
}

}  // namespace kin::web
