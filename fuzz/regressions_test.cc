// Replays every checked-in fuzz input (fuzz/corpus/NAME/* and fuzz/regressions/NAME/*) through the same entry
// points the fuzzers use, compiled by the normal build (g++, no libFuzzer), so `make test` keeps each crash found
// fixed: the release build catches crashes and broken properties, the ASan build also memory errors and
// undefined behaviour. Built by fuzz/replay.cmake.
//
// The named tests below pin each crash the fuzzers found to the behaviour the fix must have.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "govern/ballots.h"
#include "govern/blt.h"
#include "govern/irv.h"
#include "http/json_codec.h"
#include "http/time_format.h"

#ifndef KIN_FUZZ_DIR
#error "KIN_FUZZ_DIR must name the fuzz/ folder (fuzz/replay.cmake sets it)"
#endif

namespace kin::fuzz {

void PropertyFailed(const char* expr, const char* file, int line, const std::string& detail) {
  throw PropertyFailure(std::string(file) + ":" + std::to_string(line) + ": " + expr + ": " + detail);
}

namespace {

namespace fs = std::filesystem;

struct Harness {
  const char* name;
  int (*entry)(const uint8_t*, size_t);
};

void PrintTo(const Harness& h, std::ostream* os) { *os << h.name; }

const Harness kHarnesses[] = {
    {"json_codec", FuzzJsonCodec}, {"rfc3339", FuzzRfc3339}, {"blt", FuzzBlt},
    {"ranking_csv", FuzzRankingCsv}, {"tally", FuzzTally},   {"city_json", FuzzCityJson},
    {"router", FuzzRouter},         {"utf8", FuzzUtf8},
    {"form", FuzzForm},             {"cookie", FuzzCookie},
    {"http_signature", FuzzHttpSignature}, {"rrule", FuzzRrule},
    {"federation_activity", FuzzFederationActivity},
};

std::vector<fs::path> Files(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Runs `input` through the harness; a broken property becomes a test failure naming the file.
void Replay(const Harness& h, const fs::path& file) {
  const std::string input = ReadFile(file);
  try {
    h.entry(reinterpret_cast<const uint8_t*>(input.data()), input.size());
  } catch (const PropertyFailure& e) {
    ADD_FAILURE() << file.string() << ": " << e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << file.string() << ": threw " << e.what();
  }
}

class FuzzReplay : public ::testing::TestWithParam<Harness> {};

TEST_P(FuzzReplay, SeedCorpus) {
  const std::vector<fs::path> files = Files(fs::path(KIN_FUZZ_DIR) / "corpus" / GetParam().name);
  EXPECT_FALSE(files.empty()) << "no seeds in fuzz/corpus/" << GetParam().name;
  for (const fs::path& f : files) Replay(GetParam(), f);
}

TEST_P(FuzzReplay, Regressions) {
  for (const fs::path& f : Files(fs::path(KIN_FUZZ_DIR) / "regressions" / GetParam().name)) Replay(GetParam(), f);
}

INSTANTIATE_TEST_SUITE_P(Fuzz, FuzzReplay, ::testing::ValuesIn(kHarnesses),
                         [](const ::testing::TestParamInfo<Harness>& info) { return std::string(info.param.name); });

// Every regression folder belongs to a harness, so no regression input is silently skipped.
TEST(FuzzReplayLayout, EveryRegressionFolderHasAHarness) {
  const fs::path dir = fs::path(KIN_FUZZ_DIR) / "regressions";
  if (!fs::is_directory(dir)) return;
  for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
    if (!e.is_directory()) continue;
    const std::string name = e.path().filename().string();
    EXPECT_TRUE(std::any_of(std::begin(kHarnesses), std::end(kHarnesses),
                            [&](const Harness& h) { return name == h.name; }))
        << "fuzz/regressions/" << name << " has no harness";
  }
}

using ::testing::HasSubstr;
using ::testing::StartsWith;

// fuzz/regressions/blt/withdrawn_int64_min.blt: a withdrawn-candidates line of -9223372036854775808. Negating it
// overflowed (UBSan) and the release build wrote far outside the withdrawn flags (`kin tally` segfaulted).
TEST(FuzzRegressions, BltWithdrawnInt64MinIsRefused) {
  Result<govern::BallotSet> set = govern::ParseBlt("2 1\n-9223372036854775808\n0\n\"A\"\n\"B\"\n");
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().kind(), StatusKind::kInvalid);
  EXPECT_THAT(set.status().message(), StartsWith("line 2: "));
  EXPECT_THAT(set.status().message(), HasSubstr("withdrawn"));
}

// fuzz/regressions/rfc3339/*, json_codec/window_end_after_year_9999.json, city_json/window_outside_years_0_9999.json:
// an offset that moves the instant out of years 0000..9999 was accepted, but FormatRfc3339 writes four-digit
// years, so the API showed another time than it stored ("9999-12-31T23:59:59-01:00" came back as
// "9999-01-01T00:59:59Z"). Such times must be refused; the edges themselves stay valid.
TEST(FuzzRegressions, Rfc3339OutsideFourDigitYearsIsRefused) {
  EXPECT_FALSE(http::ParseRfc3339("0000-01-01T00:00:00+01:00").has_value());
  EXPECT_FALSE(http::ParseRfc3339("9999-12-31T23:59:59-01:00").has_value());
  EXPECT_FALSE(http::ParseRfc3339("9999-12-31T23:00:00-23:59").has_value());
  for (const char* edge : {"0000-01-01T00:00:00Z", "0000-01-01T00:00:00-01:00", "9999-12-31T23:59:59Z",
                           "9999-12-31T23:59:59+01:00"}) {
    std::optional<Timestamp> t = http::ParseRfc3339(edge);
    ASSERT_TRUE(t.has_value()) << edge;
    EXPECT_EQ(http::ParseRfc3339(http::FormatRfc3339(*t)), t) << edge;
  }
  Result<NeedDetails> need = http::DecodeNeedDetails(
      R"({"category":"food","description":"x","window":{"start":"2026-01-01T00:00:00Z","end":"9999-12-31T23:59:59-01:00"}})");
  ASSERT_FALSE(need.ok());
  ASSERT_EQ(need.status().fields().size(), 1u);
  EXPECT_EQ(need.status().fields()[0].field, "window.end");
}

}  // namespace
}  // namespace kin::fuzz
