#include "cli/allocate_command.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "cli/allocation_json.h"
#include "match/allocate.h"
#include "match/simulate_city.h"

namespace kin::cli {
namespace {

constexpr size_t kProgressFrom = 10000;  // needs + helpers above which progress goes to stderr

struct SimulateArgs {
  int needs = 1000;
  int offers = 500;
  uint64_t seed = 1;
  double scarcity = 1.0;
};

struct AllocateArgs {
  std::string file;
  std::string method = "optimal";
  bool compare = false;
  int candidates = match::Options{}.candidates_per_need;
};

int Fail(int code, const std::string& message) {
  std::fprintf(stderr, "kin allocate: %s\n", message.c_str());
  return code;
}

int ReportStatus(const Status& s) {
  std::string text = s.message();
  if (!s.fields().empty()) {
    text = "invalid input";
    for (const FieldError& f : s.fields()) text += "\n  " + f.field + ": " + f.message;
  }
  return Fail(s.kind() == StatusKind::kInvalid ? 2 : 1, text);
}

int Simulate(const SimulateArgs& a) {
  match::CityOptions o;
  o.needs = a.needs;
  o.helpers = a.offers;
  o.seed = a.seed;
  o.scarcity = a.scarcity;
  std::string out = WriteCity(match::SimulateCity(o));
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::fflush(stdout) == 0 ? 0 : 1;
}

Result<match::Allocation> Timed(const match::Problem& p, const match::Options& o, match::Method m, double* seconds) {
  auto start = std::chrono::steady_clock::now();
  Result<match::Allocation> a = match::Allocate(p, o, m);
  *seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return a;
}

int Allocate(const AllocateArgs& a) {
  std::string text;
  if (a.file == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    text = buffer.str();
  } else {
    std::ifstream in(a.file, std::ios::binary);
    if (!in) return Fail(2, "cannot read " + a.file);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  }
  Result<match::Problem> problem = ParseCity(text);
  if (!problem.ok()) return ReportStatus(problem.status());
  match::Options options;
  options.candidates_per_need = a.candidates;
  auto started = std::chrono::steady_clock::now();
  if (problem->needs.size() + problem->helpers.size() >= kProgressFrom) {
    options.progress = [started](std::string_view stage) {
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::fprintf(stderr, "kin allocate: %.2f s: %.*s\n", s, static_cast<int>(stage.size()), stage.data());
    };
  }
  if (a.compare) {
    double optimal_s = 0, greedy_s = 0;
    Result<match::Allocation> optimal = Timed(*problem, options, match::Method::kOptimal, &optimal_s);
    if (!optimal.ok()) return ReportStatus(optimal.status());
    Result<match::Allocation> greedy = Timed(*problem, options, match::Method::kGreedy, &greedy_s);
    if (!greedy.ok()) return ReportStatus(greedy.status());
    std::string out = CompareReport(*optimal, optimal_s, *greedy, greedy_s);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
  }
  match::Method method = a.method == "greedy" ? match::Method::kGreedy : match::Method::kOptimal;
  double seconds = 0;
  Result<match::Allocation> allocation = Timed(*problem, options, method, &seconds);
  if (!allocation.ok()) return ReportStatus(allocation.status());
  std::string out = WriteAllocation(*problem, *allocation, a.method, seconds);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::fflush(stdout) == 0 ? 0 : 1;
}

}  // namespace

void AddAllocationCommands(CLI::App& app, int& exit_code) {
  auto sim = std::make_shared<SimulateArgs>();
  CLI::App* simulate = app.add_subcommand("simulate", "write synthetic inputs for trying the engines");
  simulate->require_subcommand(1);
  CLI::App* city = simulate->add_subcommand("city", "a synthetic city of needs and offers, as JSON on stdout");
  city->add_option("--needs", sim->needs, "number of needs")->check(CLI::Range(0, 10000000))->capture_default_str();
  city->add_option("--offers", sim->offers, "number of offers (helpers)")
      ->check(CLI::Range(0, 10000000))->capture_default_str();
  city->add_option("--seed", sim->seed, "random seed; the same seed gives the same city")->capture_default_str();
  city->add_option("--scarcity", sim->scarcity, "units asked per unit of capacity offered (2: twice the need)")
      ->check(CLI::Range(0.01, 100.0))->capture_default_str();
  city->callback([sim, &exit_code] { exit_code = Simulate(*sim); });

  auto args = std::make_shared<AllocateArgs>();
  CLI::App* allocate = app.add_subcommand("allocate", "suggest helpers for needs from a city file (JSON on stdout)");
  allocate->add_option("file", args->file, "city file in the kin-city/1 format; - for stdin")->required();
  allocate->add_option("--method", args->method, "optimal: the exact optimum; greedy: first come first served, "
                                                   "nearest helper")
      ->check(CLI::IsMember({"optimal", "greedy"}))->capture_default_str();
  allocate->add_flag("--compare", args->compare, "run both methods and print a comparison table instead");
  allocate->add_option("--candidates", args->candidates, "nearest helpers kept per need before pricing")
      ->check(CLI::Range(1, 1000))->capture_default_str();
  allocate->callback([args, &exit_code] { exit_code = Allocate(*args); });
}

}  // namespace kin::cli
