#include "match/simulate_city.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <string>

namespace kin::match {
namespace {

// SplitMix64: small, fast and the same everywhere.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }  // [0, 1)
  double Uniform(double a, double b) { return a + (b - a) * Uniform(); }
  int Int(int a, int b) { return a + static_cast<int>(Uniform() * (b - a + 1)); }  // [a, b]
  bool Chance(double p) { return Uniform() < p; }
  double Normal() {  // Box-Muller
    double u = std::max(Uniform(), 1e-300), v = Uniform();
    return std::sqrt(-2 * std::log(u)) * std::cos(2 * std::numbers::pi * v);
  }
  template <size_t N>
  int Pick(const std::array<double, N>& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double x = Uniform() * total;
    for (size_t i = 0; i < N; ++i) {
      if ((x -= weights[i]) < 0) return static_cast<int>(i);
    }
    return static_cast<int>(N - 1);
  }

 private:
  uint64_t state_;
};

const std::array<const char*, 8> kCategories{"groceries", "meals", "rides", "childcare",
                                             "medical", "errands", "tools", "shelter"};
constexpr std::array<double, 8> kNeedMix{30, 20, 15, 8, 7, 10, 5, 5};
constexpr std::array<double, 8> kOfferMix{28, 18, 18, 8, 6, 12, 6, 4};
constexpr std::array<double, 4> kUrgencyMix{20, 50, 22, 8};
const std::array<const char*, 6> kLanguages{"es", "en", "ar", "ro", "zh", "fr"};
constexpr std::array<double, 6> kNeedLanguageMix{70, 12, 8, 5, 3, 2};
constexpr std::array<double, 6> kHelperSecondLanguage{0, 50, 8, 6, 3, 15};

struct Centre {
  double north_km, east_km, sigma_km, weight;
};
constexpr std::array<Centre, 5> kCentres{{{0, 0, 2.5, 40}, {5, -6, 1.8, 20}, {-6, 4, 2.0, 18},
                                          {7, 8, 1.5, 12}, {-4, -9, 1.5, 10}}};

LatLon Place(Random& rng, const LatLon& centre) {
  std::array<double, 5> weights;
  for (size_t i = 0; i < kCentres.size(); ++i) weights[i] = kCentres[i].weight;
  const Centre& c = kCentres[rng.Pick(weights)];
  double north = c.north_km + c.sigma_km * rng.Normal();
  double east = c.east_km + c.sigma_km * rng.Normal();
  double lat = centre.lat + north / 111.195;
  double lon = centre.lon + east / (111.195 * std::cos(centre.lat * std::numbers::pi / 180));
  auto round5 = [](double v) { return std::round(v * 1e5) / 1e5; };
  return {std::clamp(round5(lat), -90.0, 90.0), std::clamp(round5(lon), -180.0, 180.0)};
}

Timestamp Hours(Timestamp t, double hours) {
  return t + std::chrono::seconds(static_cast<int64_t>(std::llround(hours * 3600 / 900) * 900));
}

}  // namespace

Problem SimulateCity(const CityOptions& o) {
  Random rng(o.seed * 0x2545F4914F6CDD1DULL + 12345);
  Problem p;
  p.now = o.now;
  for (const char* c : kCategories) p.categories.push_back(c);
  int64_t units = 0;
  p.needs.reserve(std::max(o.needs, 0));
  for (int i = 0; i < o.needs; ++i) {
    Need n;
    n.id.value = "n" + std::to_string(i + 1);
    int c = rng.Pick(kNeedMix);
    n.category = kCategories[c];
    n.quantity = (c <= 1 && rng.Chance(0.35)) ? rng.Int(2, 4) : 1;
    units += n.quantity;
    n.urgency = static_cast<Urgency>(rng.Pick(kUrgencyMix));
    n.window.start = Hours(o.now, rng.Uniform(0, 72));
    double length = n.urgency == Urgency::kCritical ? rng.Uniform(3, 12) : rng.Uniform(8, 96);
    n.window.end = Hours(n.window.start, length);
    n.minutes = 15 * rng.Int(2, 8);
    n.place = Place(rng, o.centre);
    n.languages.push_back(kLanguages[rng.Pick(kNeedLanguageMix)]);
    if (n.languages[0] != std::string("es") && rng.Chance(0.5)) n.languages.push_back("es");
    n.interpretation = rng.Chance(0.08);
    if (c == 2 && rng.Chance(0.8)) n.requirements.push_back("car");
    if ((c == 3 || c == 7) && rng.Chance(0.15)) n.requirements.push_back("step-free");
    int64_t waited = static_cast<int64_t>(-std::log(std::max(rng.Uniform(), 1e-9)) * 4 * 86400);
    n.waiting_since = o.now - std::chrono::seconds(std::min<int64_t>(waited, 40 * 86400));
    p.needs.push_back(std::move(n));
  }
  // Capacity is spread so that total capacity = units / scarcity (as nearly as whole units allow).
  double scarcity = std::clamp(o.scarcity, 0.01, 100.0);
  double per_helper = o.helpers > 0 ? units / scarcity / o.helpers : 0;
  p.helpers.reserve(std::max(o.helpers, 0));
  for (int i = 0; i < o.helpers; ++i) {
    Helper h;
    h.id.value = "h" + std::to_string(i + 1);
    int c = rng.Pick(kOfferMix);
    h.categories.push_back(kCategories[c]);
    if (rng.Chance(0.3)) {
      int d = rng.Pick(kOfferMix);
      if (d != c) h.categories.push_back(kCategories[d]);
    }
    double want = per_helper * rng.Uniform(0.4, 1.6);
    h.capacity = std::clamp(static_cast<Units>(std::floor(want + rng.Uniform())), 1, 40);
    h.current_load = rng.Chance(0.15) ? std::min<Units>(1, h.capacity - 1 < 0 ? 0 : h.capacity - 1) : 0;
    h.vehicle = c == 2 ? rng.Chance(0.9) : rng.Chance(0.25);
    if (rng.Chance(0.25)) h.skills.push_back("step-free");
    h.languages.push_back(rng.Chance(0.9) ? "es" : kLanguages[rng.Pick(kNeedLanguageMix)]);
    int second = rng.Pick(kHelperSecondLanguage);
    if (rng.Chance(0.5) && kLanguages[second] != h.languages[0]) h.languages.push_back(kLanguages[second]);
    h.base = Place(rng, o.centre);
    h.radius_km = std::round((h.vehicle ? rng.Uniform(4, 10) : rng.Uniform(1.5, 5)) * 10) / 10;
    int windows = rng.Int(2, 5);
    for (int w = 0; w < windows; ++w) {
      Timestamp start = Hours(o.now, rng.Uniform(0, 24 * 6));
      h.availability.push_back({start, Hours(start, rng.Uniform(3, 12))});
    }
    std::sort(h.availability.begin(), h.availability.end(),
              [](const TimeWindow& a, const TimeWindow& b) { return a.start < b.start; });
    p.helpers.push_back(std::move(h));
  }
  return p;
}

}  // namespace kin::match
