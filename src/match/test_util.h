// Builders for small hand-made problems in tests.
#ifndef KIN_MATCH_TEST_UTIL_H_
#define KIN_MATCH_TEST_UTIL_H_

#include <cmath>
#include <string>

#include "match/model.h"

namespace kin::match::testing {

inline Timestamp At(int64_t hours) { return Timestamp{std::chrono::seconds{1780401600 + hours * 3600}}; }

// A place `east_km` east and `north_km` north of a fixed point.
inline LatLon Km(double east_km, double north_km) {
  const double lat0 = 40.0;
  return {lat0 + north_km / 111.195, -3.0 + east_km / (111.195 * std::cos(lat0 * 3.14159265358979 / 180))};
}

inline Need MakeNeed(std::string id, LatLon place, Urgency urgency = Urgency::kNormal, Units quantity = 1) {
  Need n;
  n.id.value = std::move(id);
  n.category = "groceries";
  n.quantity = quantity;
  n.urgency = urgency;
  n.window = {At(0), At(24)};
  n.place = place;
  n.waiting_since = At(0);
  return n;
}

inline Helper MakeHelper(std::string id, LatLon base, Units capacity = 1, double radius_km = 5) {
  Helper h;
  h.id.value = std::move(id);
  h.categories = {"groceries"};
  h.capacity = capacity;
  h.base = base;
  h.radius_km = radius_km;
  return h;
}

inline Problem MakeProblem() {
  Problem p;
  p.categories = {"groceries", "rides", "childcare"};
  p.now = At(0);
  return p;
}

}  // namespace kin::match::testing

#endif  // KIN_MATCH_TEST_UTIL_H_
