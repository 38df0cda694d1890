#include "http/metrics.h"

#include <gtest/gtest.h>

#include <sstream>
#include <thread>
#include <vector>

namespace kin::http {
namespace {

bool HasLine(const std::string& text, const std::string& line) {
  std::istringstream in(text);
  std::string l;
  while (std::getline(in, l)) {
    if (l == line) return true;
  }
  return false;
}

TEST(Metrics, EmptyRenderHasHelpAndType) {
  Metrics metrics;
  std::string text = metrics.RenderPrometheus();
  EXPECT_TRUE(HasLine(text, "# TYPE kin_http_requests_total counter")) << text;
  EXPECT_TRUE(HasLine(text, "# TYPE kin_http_request_duration_seconds histogram")) << text;
  EXPECT_NE(text.find("# HELP kin_http_requests_total "), std::string::npos);
  EXPECT_EQ(text.back(), '\n');
}

TEST(Metrics, CountsByRouteMethodAndStatus) {
  Metrics metrics;
  metrics.ObserveRequest("hubs.get", "GET", 200, 0.001);
  metrics.ObserveRequest("hubs.get", "GET", 200, 0.002);
  metrics.ObserveRequest("hubs.get", "GET", 404, 0.001);
  metrics.ObserveRequest("needs.create", "POST", 201, 0.3);
  std::string text = metrics.RenderPrometheus();
  EXPECT_TRUE(
      HasLine(text, R"(kin_http_requests_total{route="hubs.get",method="GET",status="200"} 2)"))
      << text;
  EXPECT_TRUE(
      HasLine(text, R"(kin_http_requests_total{route="hubs.get",method="GET",status="404"} 1)"))
      << text;
  EXPECT_TRUE(HasLine(
      text, R"(kin_http_requests_total{route="needs.create",method="POST",status="201"} 1)"))
      << text;
}

TEST(Metrics, HistogramBucketsAreCumulative) {
  Metrics metrics;
  metrics.ObserveRequest("r", "GET", 200, 0.0004);  // <= 0.0005
  metrics.ObserveRequest("r", "GET", 200, 0.001);   // exactly on a bound: counted in that bucket
  metrics.ObserveRequest("r", "GET", 200, 0.3);     // <= 0.5
  metrics.ObserveRequest("r", "GET", 200, 10);      // +Inf only
  std::string text = metrics.RenderPrometheus();
  EXPECT_TRUE(HasLine(text, R"(kin_http_request_duration_seconds_bucket{route="r",le="0.0005"} 1)"))
      << text;
  EXPECT_TRUE(HasLine(text, R"(kin_http_request_duration_seconds_bucket{route="r",le="0.001"} 2)"))
      << text;
  EXPECT_TRUE(HasLine(text, R"(kin_http_request_duration_seconds_bucket{route="r",le="0.25"} 2)"))
      << text;
  EXPECT_TRUE(HasLine(text, R"(kin_http_request_duration_seconds_bucket{route="r",le="0.5"} 3)"))
      << text;
  EXPECT_TRUE(HasLine(text, R"(kin_http_request_duration_seconds_bucket{route="r",le="5"} 3)"))
      << text;
  EXPECT_TRUE(HasLine(text, R"(kin_http_request_duration_seconds_bucket{route="r",le="+Inf"} 4)"))
      << text;
  EXPECT_TRUE(HasLine(text, R"(kin_http_request_duration_seconds_count{route="r"} 4)")) << text;
  const std::string sum_prefix = R"(kin_http_request_duration_seconds_sum{route="r"} )";
  size_t at = text.find(sum_prefix);
  ASSERT_NE(at, std::string::npos) << text;
  EXPECT_NEAR(std::stod(text.substr(at + sum_prefix.size())), 10.3014, 1e-9);
}

TEST(Metrics, EscapesLabelValues) {
  Metrics metrics;
  metrics.ObserveRequest("a\"b\\c\nd", "GET", 200, 0.01);
  std::string text = metrics.RenderPrometheus();
  EXPECT_NE(text.find(R"(route="a\"b\\c\nd")"), std::string::npos) << text;
}

TEST(Metrics, AppendsExtraMetrics) {
  Metrics metrics;
  std::string text = metrics.RenderPrometheus({
      {"kin_db_commits_total", "Database commits.", MetricType::kCounter, 42},
      {"kin_db_seconds_total", "Seconds spent in the database.", MetricType::kCounter, 1.5},
      {"kin_open_needs", "Needs not yet matched.", MetricType::kGauge, 7},
  });
  EXPECT_TRUE(HasLine(text, "# HELP kin_db_commits_total Database commits.")) << text;
  EXPECT_TRUE(HasLine(text, "# TYPE kin_db_commits_total counter")) << text;
  EXPECT_TRUE(HasLine(text, "kin_db_commits_total 42")) << text;
  EXPECT_TRUE(HasLine(text, "kin_db_seconds_total 1.5")) << text;
  EXPECT_TRUE(HasLine(text, "# TYPE kin_open_needs gauge")) << text;
  EXPECT_TRUE(HasLine(text, "kin_open_needs 7")) << text;
}

TEST(Metrics, EveryLineIsCommentOrSample) {
  Metrics metrics;
  metrics.ObserveRequest("x", "GET", 200, 0.01);
  std::istringstream in(metrics.RenderPrometheus({{"kin_up", "Up.", MetricType::kGauge, 1}}));
  std::string line;
  int samples = 0;
  while (std::getline(in, line)) {
    ASSERT_FALSE(line.empty());
    if (line[0] == '#') {
      EXPECT_TRUE(line.rfind("# HELP ", 0) == 0 || line.rfind("# TYPE ", 0) == 0) << line;
      continue;
    }
    ++samples;
    size_t space = line.rfind(' ');
    ASSERT_NE(space, std::string::npos) << line;
    std::string value = line.substr(space + 1);
    size_t used = 0;
    std::stod(value, &used);
    EXPECT_EQ(used, value.size()) << line;
  }
  EXPECT_EQ(samples, 1 + 14 + 2 + 1);
}

TEST(Metrics, ConcurrentObservationsAreAllCounted) {
  Metrics metrics;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) metrics.ObserveRequest("r", "GET", 200, 0.001);
    });
  }
  for (auto& t : threads) t.join();
  std::string text = metrics.RenderPrometheus();
  EXPECT_TRUE(HasLine(text, R"(kin_http_requests_total{route="r",method="GET",status="200"} 4000)"))
      << text;
  EXPECT_TRUE(HasLine(text, R"(kin_http_request_duration_seconds_count{route="r"} 4000)")) << text;
}

}  // namespace
}  // namespace kin::http
