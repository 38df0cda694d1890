// Request counters and latency histograms, rendered in the Prometheus text exposition format
// (version 0.0.4) for GET /metrics. Other layers (the database, federation) append their own values
// at scrape time through ExtraMetric, so this class needs to know nothing about them.
//
// Thread-safety: ObserveRequest and RenderPrometheus may be called from many threads at once. One
// mutex guards the tables; an observation of a known (route, method, status) allocates nothing.
#ifndef KIN_HTTP_METRICS_H_
#define KIN_HTTP_METRICS_H_

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace kin::http {

enum class MetricType { kCounter, kGauge };

// One unlabelled sample the caller adds at render time, e.g. {"kin_db_commits_total", "Database
// commits.", MetricType::kCounter, 1234}.
struct ExtraMetric {
  std::string name;  // [a-zA-Z_:][a-zA-Z0-9_:]*; counters end in _total by convention
  std::string help;  // one line
  MetricType type = MetricType::kGauge;
  double value = 0;
};

class Metrics {
 public:
  // Upper bounds of the latency histogram buckets, in seconds; +Inf is implied.
  static constexpr std::array<double, 13> kBucketBounds = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

  Metrics() = default;
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Counts one answered request. `route` must come from a bounded set (a Route::name, or a fixed
  // label such as "unmatched"), never a raw path: each distinct value is a time series kept
  // forever.
  void ObserveRequest(std::string_view route, std::string_view method, int status, double seconds);

  // kin_http_requests_total{route,method,status} (counter) and
  // kin_http_request_duration_seconds{route} (histogram), each with HELP and TYPE lines, then
  // `extra` in the given order.
  std::string RenderPrometheus(const std::vector<ExtraMetric>& extra = {}) const;

 private:
  using CounterKey = std::tuple<std::string, std::string, int>;  // route, method, status
  struct Histogram {
    std::array<uint64_t, kBucketBounds.size() + 1>
        counts{};  // per bucket (not cumulative); last is +Inf
    double sum = 0;
    uint64_t count = 0;
  };
  // Lets find() take string_views, so lookups of existing series do not allocate.
  struct CounterLess {
    using is_transparent = void;
    using View = std::tuple<std::string_view, std::string_view, int>;
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return View(std::get<0>(a), std::get<1>(a), std::get<2>(a)) <
             View(std::get<0>(b), std::get<1>(b), std::get<2>(b));
    }
  };

  mutable std::mutex mu_;
  std::map<CounterKey, uint64_t, CounterLess> requests_;     // guarded by mu_
  std::map<std::string, Histogram, std::less<>> durations_;  // by route; guarded by mu_
};

}  // namespace kin::http

#endif  // KIN_HTTP_METRICS_H_
