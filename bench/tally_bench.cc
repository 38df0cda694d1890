// tally_bench: how long the ranked counts take on a million ballots.
//
// Target (issue 8): IRV of 1,000,000 ballots over 20 candidates in <= 0.5 s on a 2-core machine like CI's.
// The ballots are generated in memory from a fixed seed, so every run counts the same election; generating
// them is not timed, counting is (including merging identical ballots).
//
//   build/release/bench/tally_bench                      # all
//   build/release/bench/tally_bench --benchmark_filter=Irv
#include <benchmark/benchmark.h>

#include <cstdio>
#include <random>

#include "govern/irv.h"
#include "govern/stv.h"

namespace kin::govern {
namespace {

constexpr int kCandidates = 20;
constexpr int kBallots = 1'000'000;

// Voters rank 1 to 8 candidates, drawn by popularity (candidate i has weight 1 / (i + 1)), so a few candidates
// lead, the rest trail, and the count runs through many rounds as in a real crowded race. `full` ranks 10 of
// the 20 uniformly at random instead, which makes nearly every ballot unique (the worst case for merging).
BallotSet Election(bool full) {
  std::mt19937_64 rng(20250808);
  std::vector<double> popularity;
  for (int c = 0; c < kCandidates; ++c) popularity.push_back(1.0 / (c + 1));
  std::uniform_int_distribution<int> length(1, 8);
  BallotSet set;
  for (int c = 0; c < kCandidates; ++c) set.candidates.push_back("Candidate " + std::to_string(c + 1));
  set.withdrawn.assign(kCandidates, false);
  set.ballots.resize(kBallots);
  std::vector<int> order(kCandidates);
  for (RankedBallot& b : set.ballots) {
    if (full) {
      for (int c = 0; c < kCandidates; ++c) order[c] = c;
      std::shuffle(order.begin(), order.end(), rng);
      for (int r = 0; r < 10; ++r) b.ranks.push_back({order[r]});
      continue;
    }
    std::vector<double> weights = popularity;
    int n = length(rng);
    for (int r = 0; r < n; ++r) {
      std::discrete_distribution<int> pick(weights.begin(), weights.end());
      int c = pick(rng);
      weights[c] = 0;
      b.ranks.push_back({c});
    }
  }
  return set;
}

void Report(benchmark::State& state, const Result<CountResult>& r) {
  if (!r.ok()) {
    state.SkipWithError(r.status().message().c_str());
    return;
  }
  state.counters["rounds"] = static_cast<double>(r->rounds.size());
  state.counters["ballots/s"] =
      benchmark::Counter(static_cast<double>(kBallots), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_Irv1MBallots20Candidates(benchmark::State& state) {
  static const BallotSet set = Election(false);
  Result<CountResult> r = Status::Internal("not run");
  for (auto _ : state) {
    r = CountIrv(set, {});
    benchmark::DoNotOptimize(r);
  }
  Report(state, r);
}
BENCHMARK(BM_Irv1MBallots20Candidates)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_Irv1MUniqueBallots(benchmark::State& state) {
  static const BallotSet set = Election(true);
  Result<CountResult> r = Status::Internal("not run");
  for (auto _ : state) {
    r = CountIrv(set, {});
    benchmark::DoNotOptimize(r);
  }
  Report(state, r);
}
BENCHMARK(BM_Irv1MUniqueBallots)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_Stv1MBallots5Seats(benchmark::State& state) {
  static const BallotSet set = Election(false);
  RankedCountOptions options;
  options.seats = 5;
  options.decimals = 5;
  Result<CountResult> r = Status::Internal("not run");
  for (auto _ : state) {
    r = CountStv(set, options);
    benchmark::DoNotOptimize(r);
  }
  Report(state, r);
}
BENCHMARK(BM_Stv1MBallots5Seats)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
}  // namespace kin::govern

int main(int argc, char** argv) {
  std::printf("target: IRV of 1,000,000 ballots over 20 candidates in <= 500 ms (BM_Irv1MBallots20Candidates)\n");
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
