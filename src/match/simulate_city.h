// A synthetic city for trying the engine: people clustered around a few centres, a realistic mix of
// categories, urgencies, languages, requirements, windows and capacities. Deterministic for a seed (own
// random number code, so the output does not depend on the standard library's distributions).
#ifndef KIN_MATCH_SIMULATE_CITY_H_
#define KIN_MATCH_SIMULATE_CITY_H_

#include <cstdint>

#include "match/model.h"

namespace kin::match {

struct CityOptions {
  int needs = 1000;       // 0..10,000,000
  int helpers = 500;      // 0..10,000,000
  uint64_t seed = 1;
  double scarcity = 1.0;  // units asked / units offered: 2 means twice as much need as capacity; (0, 100]
  Timestamp now = Timestamp{std::chrono::seconds{1780401600}};  // 2026-06-02T12:00:00Z
  LatLon centre{40.4168, -3.7038};
};

Problem SimulateCity(const CityOptions& options);

}  // namespace kin::match

#endif  // KIN_MATCH_SIMULATE_CITY_H_
