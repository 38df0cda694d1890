#include "federation/hub_listing.h"

#include <cmath>

#include <boost/json.hpp>

namespace kin::federation {
namespace json = boost::json;
namespace {

std::string Str(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  if (v && v->is_array() && v->get_array().size() == 1) v = &v->get_array().front();
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

bool Number(const json::object& o, const char* key, double& out) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_number()) return false;
  out = v->to_number<double>();
  return std::isfinite(out);
}

Status Words(const json::object& o, const char* key, std::vector<std::string>& out) {
  const json::value* v = o.if_contains(key);
  if (!v) return Status::Ok();
  if (!v->is_array()) return Status::InvalidField(key, "must be a list of words");
  for (const auto& e : v->get_array()) {
    if (!e.is_string() || e.get_string().empty() || e.get_string().size() > 64) {
      return Status::InvalidField(key, "must be a list of words of 1 to 64 characters");
    }
    out.emplace_back(e.get_string());
  }
  return Status::Ok();
}

}  // namespace

Result<HubListing> ReadHubListing(const json::object& doc) {
  HubListing out;
  DirectoryHub& hub = out.hub;
  hub.actor = Str(doc, "id");
  if (hub.actor.empty()) return Status::InvalidField("id", "is required");
  hub.name = Str(doc, "name");
  if (hub.name.empty()) hub.name = Str(doc, "preferredUsername");
  hub.url = Str(doc, "url");
  if (hub.url.empty()) hub.url = hub.actor;
  if (Status s = Words(doc, "categories", hub.categories); !s.ok()) return s;
  if (Status s = Words(doc, "languages", hub.languages); !s.ok()) return s;

  if (const json::value* loc = doc.if_contains("location"); loc && !loc->is_null()) {
    if (!loc->is_object()) return Status::InvalidField("location", "must be a Place");
    const json::object& place = loc->get_object();
    LatLon center;
    FieldErrors errors;
    if (!Number(place, "latitude", center.lat)) errors.Add("location.latitude", "must be a number");
    if (!Number(place, "longitude", center.lon)) errors.Add("location.longitude", "must be a number");
    if (errors.empty()) ValidateLatLon(center, "location", errors);
    double radius = 0;
    std::string units = Str(place, "units");
    if (!Number(place, "radius", radius) || radius <= 0) {
      errors.Add("location.radius", "must be a positive number");
    } else if (units == "km") {
      radius *= 1000;
    } else if (!units.empty() && units != "m") {
      errors.Add("location.units", "must be m or km");
    }
    if (!errors.empty()) return errors.ToStatus();
    hub.center = center;
    hub.radius_m = radius;
  }
  out.reach = KnownHub{hub.actor, hub.center, hub.radius_m};
  return out;
}

}  // namespace kin::federation
