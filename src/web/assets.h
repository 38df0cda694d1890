// Templates and static files, compiled into the binary by embed.cmake so that nothing is read from disk at run
// time and a deployment is one file.
#ifndef KIN_WEB_ASSETS_H_
#define KIN_WEB_ASSETS_H_

#include <string_view>
#include <vector>

namespace kin::web {

struct Asset {
  std::string_view name;     // path under src/web: "templates/ask.mustache", "static/kin.css"
  std::string_view content;
};

// Every asset, sorted by name.
const std::vector<Asset>& Assets();

// The content of `name`; empty when there is no such asset (a programming error the tests catch).
std::string_view AssetText(std::string_view name);

}  // namespace kin::web

#endif  // KIN_WEB_ASSETS_H_
