#include "http/metrics.h"

#include <cassert>
#include <charconv>
#include <cmath>

namespace kin::http {
namespace {

// The `le` labels spelled as people (and dashboards matching le="0.0005") expect; to_chars would
// give "5e-04".
constexpr std::array<const char*, Metrics::kBucketBounds.size()> kBucketLabels = {
    "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05",
    "0.1",    "0.25",  "0.5",    "1",     "2.5",  "5"};

// Prometheus label values escape backslash, double quote and newline.
void AppendLabelValue(std::string* out, std::string_view value) {
  for (char c : value) {
    switch (c) {
      case '\\':
        *out += "\\\\";
        break;
      case '"':
        *out += "\\\"";
        break;
      case '\n':
        *out += "\\n";
        break;
      default:
        out->push_back(c);
    }
  }
}

// Shortest text that reads back as the same double; Prometheus spells infinities +Inf/-Inf and NaN
// as NaN.
void AppendNumber(std::string* out, double value) {
  if (std::isnan(value)) {
    *out += "NaN";
  } else if (std::isinf(value)) {
    *out += value > 0 ? "+Inf" : "-Inf";
  } else {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value);
    assert(ec == std::errc());
    out->append(buf, end);
  }
}

void AppendNumber(std::string* out, uint64_t value) { *out += std::to_string(value); }

void AppendHeader(std::string* out, std::string_view name, std::string_view help,
                  std::string_view type) {
  *out += "# HELP ";
  *out += name;
  *out += ' ';
  for (char c : help) {  // HELP text escapes backslash and newline
    if (c == '\\') {
      *out += "\\\\";
    } else if (c == '\n') {
      *out += "\\n";
    } else {
      out->push_back(c);
    }
  }
  *out += "\n# TYPE ";
  *out += name;
  *out += ' ';
  *out += type;
  *out += '\n';
}

bool ValidMetricName(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
              (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

}  // namespace

void Metrics::ObserveRequest(std::string_view route, std::string_view method, int status,
                             double seconds) {
  size_t bucket = 0;
  while (bucket < kBucketBounds.size() && seconds > kBucketBounds[bucket]) ++bucket;

  std::lock_guard<std::mutex> lock(mu_);
  auto counter = requests_.find(std::make_tuple(route, method, status));
  if (counter == requests_.end()) {
    counter =
        requests_.emplace(CounterKey(std::string(route), std::string(method), status), 0).first;
  }
  ++counter->second;

  auto histogram = durations_.find(route);
  if (histogram == durations_.end())
    histogram = durations_.emplace(std::string(route), Histogram()).first;
  ++histogram->second.counts[bucket];
  histogram->second.sum += seconds;
  ++histogram->second.count;
}

std::string Metrics::RenderPrometheus(const std::vector<ExtraMetric>& extra) const {
  std::string out;
  {
    std::lock_guard<std::mutex> lock(mu_);
    out.reserve(256 + requests_.size() * 96 + durations_.size() * 1200);

    AppendHeader(&out, "kin_http_requests_total",
                 "HTTP requests answered, by route, method and status.", "counter");
    for (const auto& [key, count] : requests_) {
      const auto& [route, method, status] = key;
      out += "kin_http_requests_total{route=\"";
      AppendLabelValue(&out, route);
      out += "\",method=\"";
      AppendLabelValue(&out, method);
      out += "\",status=\"";
      out += std::to_string(status);
      out += "\"} ";
      AppendNumber(&out, count);
      out += '\n';
    }

    AppendHeader(&out, "kin_http_request_duration_seconds",
                 "Time from a request fully read to its response ready, by route.", "histogram");
    for (const auto& [route, histogram] : durations_) {
      uint64_t cumulative = 0;
      for (size_t i = 0; i <= kBucketBounds.size(); ++i) {
        cumulative += histogram.counts[i];
        out += "kin_http_request_duration_seconds_bucket{route=\"";
        AppendLabelValue(&out, route);
        out += "\",le=\"";
        if (i < kBucketBounds.size()) {
          out += kBucketLabels[i];
        } else {
          out += "+Inf";
        }
        out += "\"} ";
        AppendNumber(&out, cumulative);
        out += '\n';
      }
      out += "kin_http_request_duration_seconds_sum{route=\"";
      AppendLabelValue(&out, route);
      out += "\"} ";
      AppendNumber(&out, histogram.sum);
      out += "\nkin_http_request_duration_seconds_count{route=\"";
      AppendLabelValue(&out, route);
      out += "\"} ";
      AppendNumber(&out, histogram.count);
      out += '\n';
    }
  }

  for (const ExtraMetric& metric : extra) {
    assert(ValidMetricName(metric.name));
    if (!ValidMetricName(metric.name))
      continue;  // in release builds, drop rather than break the whole scrape
    AppendHeader(&out, metric.name, metric.help,
                 metric.type == MetricType::kCounter ? "counter" : "gauge");
    out += metric.name;
    out += ' ';
    AppendNumber(&out, metric.value);
    out += '\n';
  }
  return out;
}

}  // namespace kin::http
