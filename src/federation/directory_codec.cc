#include "federation/directory_codec.h"

#include <cmath>

#include <boost/json.hpp>

namespace kin::federation {
namespace json = boost::json;

json::object DirectoryJson(const LatLon& near, const std::vector<DirectoryEntry>& entries) {
  json::array items;
  for (const DirectoryEntry& e : entries) {
    json::array categories, languages;
    for (const auto& c : e.hub.categories) categories.push_back(json::value(c));
    for (const auto& l : e.hub.languages) languages.push_back(json::value(l));
    items.push_back(json::object{
        {"actor", e.hub.actor},
        {"name", e.hub.name},
        {"url", e.hub.url},
        {"area", json::object{{"lat", e.hub.center->lat},
                              {"lon", e.hub.center->lon},
                              {"radius_m", std::llround(e.hub.radius_m)}}},
        {"categories", std::move(categories)},
        {"languages", std::move(languages)},
        {"distance_m", std::llround(e.distance_m)},
        {"to_edge_m", std::llround(e.to_edge_m)},
        {"covers", e.covers},
    });
  }
  return {{"near", json::object{{"lat", near.lat}, {"lon", near.lon}}}, {"items", std::move(items)}};
}

}  // namespace kin::federation
