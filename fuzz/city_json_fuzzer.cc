// The allocation input decoder (src/cli/allocation_json.h, ParseCity: the kin-city/1 file of `kin allocate`) and,
// for small valid problems, the allocation engines behind it.
//
// Properties checked, beyond not crashing:
//  - a refused file is kInvalid and names a field;
//  - a problem ValidateProblem accepts, written by WriteCity and read again, is the same problem: WriteCity of
//    the second reading is the same text, and every time in it is the same instant (what the tool reads, it
//    writes back unchanged);
//  - for problems of up to 10 needs and 10 helpers: the optimal and greedy engines both succeed; the optimum with
//    pruned candidates has the same objective as without pruning (pruning is proven by duals); greedy is never
//    better than the optimum; suggestions name real needs and helpers with positive units, no need gets more
//    units than it asked for, and no new suggestion takes a helper past their capacity.
#include <string>
#include <vector>

#include "cli/allocation_json.h"
#include "fuzz_support.h"
#include "match/allocate.h"
#include "match/validate.h"

namespace kin::fuzz {
namespace {

constexpr size_t kMaxItems = 10;

void CheckAllocation(const match::Problem& p, const match::Allocation& a, const char* method) {
  const std::string m = method;
  std::vector<int64_t> per_need(p.needs.size(), 0), per_helper(p.helpers.size(), 0);
  for (const match::Suggestion& s : a.suggestions) {
    KIN_FUZZ_CHECK(s.need >= 0 && s.need < static_cast<int>(p.needs.size()), m + ": a suggestion's need is out of range");
    KIN_FUZZ_CHECK(s.helper >= 0 && s.helper < static_cast<int>(p.helpers.size()),
                   m + ": a suggestion's helper is out of range");
    KIN_FUZZ_CHECK(s.units > 0, m + ": a suggestion of no units");
    per_need[s.need] += s.units;
    if (!s.locked) per_helper[s.helper] += s.units;
  }
  for (size_t n = 0; n < p.needs.size(); ++n) {
    KIN_FUZZ_CHECK(per_need[n] <= p.needs[n].quantity, m + ": need '" + p.needs[n].id.value + "' got " +
                                                           std::to_string(per_need[n]) + " units for " +
                                                           std::to_string(p.needs[n].quantity) + " asked");
  }
  for (size_t h = 0; h < p.helpers.size(); ++h) {
    int64_t locked = 0;
    for (const match::Suggestion& s : a.suggestions) {
      if (s.locked && s.helper == static_cast<int>(h)) locked += s.units;
    }
    if (per_helper[h] == 0) continue;
    KIN_FUZZ_CHECK(p.helpers[h].current_load + locked + per_helper[h] <= p.helpers[h].capacity,
                   m + ": helper '" + p.helpers[h].id.value + "' is given more than their capacity");
  }
}

}  // namespace

int FuzzCityJson(const uint8_t* data, size_t size) {
  const std::string_view text = AsText(data, size);
  Result<match::Problem> problem = cli::ParseCity(text);
  if (!problem.ok()) {
    KIN_FUZZ_CHECK(problem.status().kind() == StatusKind::kInvalid, "ParseCity failed with " +
                                                                         problem.status().ToString());
    KIN_FUZZ_CHECK(!problem.status().fields().empty(), "ParseCity's error names no field: " +
                                                           problem.status().ToString());
    return 0;
  }
  Status valid = match::ValidateProblem(*problem);
  if (!valid.ok()) {
    KIN_FUZZ_CHECK(valid.kind() == StatusKind::kInvalid, "ValidateProblem failed with " + valid.ToString());
    return 0;
  }

  const std::string written = cli::WriteCity(*problem);
  Result<match::Problem> again = cli::ParseCity(written);
  KIN_FUZZ_CHECK(again.ok(), "WriteCity wrote a file ParseCity refuses (" + again.status().ToString() + "): " +
                                 written);
  const std::string rewritten = cli::WriteCity(*again);
  KIN_FUZZ_CHECK(rewritten == written, "a city changed when written and read again:\n" + written + "\n" + rewritten);
  // Times are compared as instants: text that is stable can still name another time than the one read.
  auto same_time = [&](Timestamp a, Timestamp b, const std::string& what) {
    KIN_FUZZ_CHECK(a == b, what + " was read as " + std::to_string(a.time_since_epoch().count()) +
                               " s but written as " + std::to_string(b.time_since_epoch().count()) + " s");
  };
  same_time(problem->now, again->now, "now");
  for (size_t i = 0; i < problem->needs.size(); ++i) {
    const match::Need& a = problem->needs[i];
    const match::Need& b = again->needs[i];
    same_time(a.window.start, b.window.start, "needs[" + std::to_string(i) + "].window.start");
    same_time(a.window.end, b.window.end, "needs[" + std::to_string(i) + "].window.end");
    same_time(a.waiting_since, b.waiting_since, "needs[" + std::to_string(i) + "].waiting_since");
  }
  for (size_t i = 0; i < problem->helpers.size(); ++i) {
    for (size_t w = 0; w < problem->helpers[i].availability.size(); ++w) {
      const std::string where = "helpers[" + std::to_string(i) + "].availability[" + std::to_string(w) + "]";
      same_time(problem->helpers[i].availability[w].start, again->helpers[i].availability[w].start, where + ".start");
      same_time(problem->helpers[i].availability[w].end, again->helpers[i].availability[w].end, where + ".end");
    }
  }

  if (problem->needs.size() > kMaxItems || problem->helpers.size() > kMaxItems) return 0;
  match::Options options;
  Result<match::Allocation> optimal = match::Allocate(*problem, options, match::Method::kOptimal);
  KIN_FUZZ_CHECK(optimal.ok(), "the optimal engine failed on a valid problem: " + optimal.status().ToString());
  Result<match::Allocation> greedy = match::Allocate(*problem, options, match::Method::kGreedy);
  KIN_FUZZ_CHECK(greedy.ok(), "the greedy engine failed on a valid problem: " + greedy.status().ToString());
  match::Options full = options;
  full.prune = false;
  Result<match::Allocation> unpruned = match::Allocate(*problem, full, match::Method::kOptimal);
  KIN_FUZZ_CHECK(unpruned.ok(), "the unpruned engine failed on a valid problem: " + unpruned.status().ToString());

  CheckAllocation(*problem, *optimal, "optimal");
  CheckAllocation(*problem, *greedy, "greedy");
  CheckAllocation(*problem, *unpruned, "unpruned");
  KIN_FUZZ_CHECK(match::SameObjective(optimal->terms, unpruned->terms),
                 "pruning changed the optimum:\n" + cli::CompareReport(*optimal, 0, *unpruned, 0));
  KIN_FUZZ_CHECK(!match::Better(greedy->terms, optimal->terms),
                 "greedy beat the optimum:\n" + cli::CompareReport(*optimal, 0, *greedy, 0));
  return 0;
}

}  // namespace kin::fuzz

KIN_FUZZ_ENTRY(FuzzCityJson)
