// Allocation benchmark: a simulated city (default 100,000 needs, 50,000 offers), solved
//   1. by the engine (pruned candidates + pricing, the exact optimum),
//   2. by LEMON NetworkSimplex on the full graph of feasible pairs (no pruning; an independent exact solver),
//   3. by greedy (first come first served, nearest helper),
// printing times, the objective's terms, whether 1 and 2 agree, the greedy gap and peak memory.
// A plain program that prints figures; never a pass/fail test. Target: (1) <= 1 s on one core, >= 10x faster
// than (2), same objective value.
//
// The full graph has ~134 million feasible pairs at 100,000 x 50,000 (several GB for NetworkSimplex): use
// --skip-full there, or --full-needs N to make the comparison on a city of N needs (20,000 fits in 1 GB). --margin
// sets Options::pricing_margin. --lemon solves as the engine did before network_simplex.cc: LEMON's
// NetworkSimplex per component from scratch every round (Options::lemon_simplex), in two phases with phase 1 by
// augmenting paths where one phase would overflow; the next two imply it: --network-simplex solves phase 1
// with NetworkSimplex too (Options::augmenting_phase1 = false); --force-phases solves in phases even where one
// NetworkSimplex would fit (Options::force_two_phase). --greedy-only times greedy alone. Times are given as
// wall time and as CPU time (what one core spent: on a shared machine wall time overstates it), the solve's
// stages in CPU time.
//
//   allocation_bench [--needs N] [--offers M] [--seed S] [--scarcity R] [--k K] [--margin M]
//                    [--lemon] [--network-simplex] [--force-phases] [--skip-full | --full-needs N]
//                    [--greedy-only]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "match/allocate.h"
#include "match/candidates.h"
#include "match/engine.h"
#include "match/prepared.h"
#include "match/simulate_city.h"

namespace {

using namespace kin::match;
using kin::Result;
using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// CPU time of this process: on a machine shared with other work, wall time overstates one core's time.
double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

long PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

struct Run {
  double prepare_s = 0, index_s = 0, solve_s = 0, explain_s = 0;
  std::vector<std::pair<std::string, double>> stages;  // the solve's stages (Options::progress), in order
  double total() const { return prepare_s + index_s + solve_s + explain_s; }
  double cpu_solve_s = 0, cpu_total_s = 0;  // CPU time: what one core spent, whatever else the machine ran
  Allocation allocation;
  long rss_mb = 0;
};

Run Measure(const Problem& problem, const Options& given, Method method) {
  Run r;
  Options options = given;
  const double cpu_start = CpuSeconds();
  double stage_start = cpu_start;
  std::string stage_now;
  auto charge = [&] {  // adds the time since the last stage change to the stage that was running
    if (stage_now.empty()) return;
    auto it = std::find_if(r.stages.begin(), r.stages.end(), [&](const auto& s) { return s.first == stage_now; });
    if (it == r.stages.end()) it = r.stages.insert(r.stages.end(), {stage_now, 0.0});
    it->second += CpuSeconds() - stage_start;
  };
  options.progress = [&](std::string_view stage) {
    charge();
    stage_now = stage;
    stage_start = CpuSeconds();
  };
  auto t = Clock::now();
  Result<Prepared> p = Prepared::Make(problem, options);
  if (!p.ok()) {
    std::fprintf(stderr, "invalid problem: %s\n", p.status().ToString().c_str());
    std::exit(1);
  }
  r.prepare_s = Since(t);
  t = Clock::now();
  HelperIndex index(*p);
  r.index_s = Since(t);
  t = Clock::now();
  const double cpu_solve_start = CpuSeconds();
  SolveStats stats;
  std::vector<Suggestion> suggestions;
  if (method == Method::kGreedy) {
    suggestions = SolveGreedy(*p, index);
  } else {
    Result<std::vector<Suggestion>> s = SolveOptimal(*p, index, &stats);
    if (!s.ok()) {
      std::fprintf(stderr, "solve failed: %s\n", s.status().ToString().c_str());
      std::exit(1);
    }
    suggestions = std::move(*s);
  }
  r.solve_s = Since(t);
  r.cpu_solve_s = CpuSeconds() - cpu_solve_start;
  charge();
  t = Clock::now();
  r.allocation = Assemble(*p, index, std::move(suggestions), stats);
  r.explain_s = Since(t);
  r.cpu_total_s = CpuSeconds() - cpu_start;
  r.rss_mb = PeakRssMb();
  return r;
}

void Print(const char* name, const Run& r) {
  const ObjectiveTerms& t = r.allocation.terms;
  const SolveStats& s = r.allocation.stats;
  std::printf("%-8s total %7.3f s (prepare %.3f, index %.3f, solve %.3f, explain %.3f)  peak RSS so far %ld MB\n",
              name, r.total(), r.prepare_s, r.index_s, r.solve_s, r.explain_s, r.rss_mb);
  std::printf("         CPU time: total %.3f s, solve %.3f s\n", r.cpu_total_s, r.cpu_solve_s);
  if (!r.stages.empty()) {
    std::printf("         solve stages (CPU):");
    for (const auto& [stage, seconds] : r.stages) std::printf(" %s %.3f s;", stage.c_str(), seconds);
    std::printf("\n");
  }
  std::printf("         priority met %lld / unmet %lld | units met %d of %d | needs fully met %lld of %lld\n",
              static_cast<long long>(t.priority_met), static_cast<long long>(t.priority_unmet), t.units_met,
              t.units_requested, static_cast<long long>(t.needs_fully_met), static_cast<long long>(t.needs_open));
  std::printf("         load cost %lld, max load %d, helpers used %lld | travel %lld units (%.1f km) | longest "
              "wait unmet %lld d\n",
              static_cast<long long>(t.load_cost), t.max_load, static_cast<long long>(t.helpers_used),
              static_cast<long long>(t.travel_units), t.travel_km, static_cast<long long>(t.longest_wait_unmet_days));
  if (s.solver_calls > 0) {
    std::printf("         arcs %lld%s, components %lld, NetworkSimplex runs %lld, pricing "
                "rounds %lld, arcs added by pricing %lld, %s%s%lld, own simplex pivots %lld\n",
                static_cast<long long>(s.candidate_arcs), s.feasible_pairs >= 0 ? " (all feasible pairs)" : "",
                static_cast<long long>(s.components), static_cast<long long>(s.solver_calls),
                static_cast<long long>(s.pricing_rounds), static_cast<long long>(s.arcs_added_by_pricing),
                s.two_phase ? "two phases" : "one phase",
                s.augmenting_calls > 0 ? ", phase-1 runs by augmenting paths: " : ", augmenting: ",
                static_cast<long long>(s.augmenting_calls), static_cast<long long>(s.simplex_pivots));
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // figures appear as they are measured
  CityOptions city;
  city.needs = 100000;
  city.helpers = 50000;
  city.seed = 1;
  Options options;
  bool skip_full = false, skip_optimal = false;
  int full_needs = 0;
  for (int i = 1; i < argc; ++i) {
    auto next = [&] { return i + 1 < argc ? argv[++i] : "0"; };
    if (!std::strcmp(argv[i], "--needs")) city.needs = std::atoi(next());
    else if (!std::strcmp(argv[i], "--offers")) city.helpers = std::atoi(next());
    else if (!std::strcmp(argv[i], "--seed")) city.seed = std::strtoull(next(), nullptr, 10);
    else if (!std::strcmp(argv[i], "--scarcity")) city.scarcity = std::atof(next());
    else if (!std::strcmp(argv[i], "--k")) options.candidates_per_need = std::atoi(next());
    else if (!std::strcmp(argv[i], "--margin")) options.pricing_margin = std::atoi(next());
    else if (!std::strcmp(argv[i], "--lemon")) options.lemon_simplex = true;
    else if (!std::strcmp(argv[i], "--network-simplex")) {
      options.lemon_simplex = true;
      options.augmenting_phase1 = false;
    }
    else if (!std::strcmp(argv[i], "--force-phases")) options.lemon_simplex = options.force_two_phase = true;
    else if (!std::strcmp(argv[i], "--skip-full")) skip_full = true;
    else if (!std::strcmp(argv[i], "--full-needs")) full_needs = std::atoi(next());
    else if (!std::strcmp(argv[i], "--greedy-only")) skip_full = skip_optimal = true;
    else {
      std::fprintf(stderr,
                   "usage: %s [--needs N] [--offers M] [--seed S] [--scarcity R] [--k K] [--margin M]"
                   " [--lemon] [--network-simplex] [--force-phases] [--skip-full | --full-needs N]"
                   " [--greedy-only]\n",
                   argv[0]);
      return 2;
    }
  }
  auto t = Clock::now();
  Problem problem = SimulateCity(city);
  std::printf("city: %d needs, %d offers, seed %llu, scarcity %.2f (simulated in %.3f s)\n", city.needs,
              city.helpers, static_cast<unsigned long long>(city.seed), city.scarcity, Since(t));
  std::printf("engine: K = %d nearest feasible helpers per need, then pricing (margin %d); one core\n\n",
              options.candidates_per_need, options.pricing_margin);

  Run greedy = Measure(problem, options, Method::kGreedy);
  Print("greedy", greedy);
  if (skip_optimal) {
    std::printf("peak memory (ru_maxrss): %ld MB\n", PeakRssMb());
    return 0;
  }
  Run optimal = Measure(problem, options, Method::kOptimal);
  Print("optimal", optimal);
  const ObjectiveTerms& o = optimal.allocation.terms;
  const ObjectiveTerms& g = greedy.allocation.terms;
  std::printf("\ngreedy gap: priority met %+.2f%%, units met %+d, needs fully met %+lld, load cost %+.2f%%, "
              "max load %+d, travel %+.2f%%, longest wait unmet %+lld d; greedy better than optimal: %s\n",
              100.0 * (g.priority_met - o.priority_met) / std::max<double>(1, o.priority_met), g.units_met - o.units_met,
              static_cast<long long>(g.needs_fully_met - o.needs_fully_met),
              100.0 * (g.load_cost - o.load_cost) / std::max<double>(1, o.load_cost), g.max_load - o.max_load,
              100.0 * (g.travel_units - o.travel_units) / std::max<double>(1, o.travel_units),
              static_cast<long long>(g.longest_wait_unmet_days - o.longest_wait_unmet_days),
              Better(g, o) ? "YES (bug)" : "no");
  if (!skip_full) {
    // The full graph of a large city does not fit in memory: --full-needs compares on a smaller city of the
    // same kind (same seed and ratio of offers to needs), in this same run.
    Problem smaller;
    const Problem* compared = &problem;
    Run engine = std::move(optimal);
    if (full_needs > 0 && full_needs < city.needs) {
      CityOptions small = city;
      small.needs = full_needs;
      small.helpers = static_cast<int>(static_cast<int64_t>(city.helpers) * full_needs / city.needs);
      smaller = SimulateCity(small);
      compared = &smaller;
      std::printf("\nfull-graph comparison on %d needs, %d offers (seed %llu):\n", small.needs, small.helpers,
                  static_cast<unsigned long long>(small.seed));
      engine = Measure(smaller, options, Method::kOptimal);
      Print("optimal", engine);
    }
    Options full = options;
    full.prune = false;
    full.lemon_simplex = true;
    full.augmenting_phase1 = false;  // the reference: LEMON's NetworkSimplex alone
    std::printf("\n");
    Run all = Measure(*compared, full, Method::kOptimal);
    Print("full", all);
    const ObjectiveTerms& e = engine.allocation.terms;
    const ObjectiveTerms& f = all.allocation.terms;
    std::printf("\nsame objective as the full graph: %s (priority %lld vs %lld, load %lld vs %lld, travel %lld vs "
                "%lld)\n",
                SameObjective(e, f) ? "yes" : "NO", static_cast<long long>(e.priority_met),
                static_cast<long long>(f.priority_met), static_cast<long long>(e.load_cost),
                static_cast<long long>(f.load_cost), static_cast<long long>(e.travel_units),
                static_cast<long long>(f.travel_units));
    std::printf("speed-up, solve only: %.1fx wall, %.1fx CPU; whole allocation: %.1fx wall, %.1fx CPU\n",
                all.solve_s / engine.solve_s, all.cpu_solve_s / engine.cpu_solve_s, all.total() / engine.total(),
                all.cpu_total_s / engine.cpu_total_s);
  }
  std::printf("peak memory (ru_maxrss): %ld MB\n", PeakRssMb());
  return 0;
}
