// A validated problem in the form the algorithms use: indices, bit sets and open quantities after the locked
// pairings. Built once per allocation; read-only afterwards.
#ifndef KIN_MATCH_PREPARED_H_
#define KIN_MATCH_PREPARED_H_

#include <cstdint>
#include <unordered_set>
#include <vector>

#include "core/status.h"
#include "match/model.h"
#include "match/options.h"

namespace kin::match {

using TravelUnits = int32_t;

struct PreparedNeed {
  int category = 0;
  Units open = 0;            // quantity minus locked units
  uint64_t languages = 0;    // bit set; 0 with `any_language`
  bool any_language = false; // no languages named, or interpretation available
  uint64_t requirements = 0;
  int64_t start = 0, end = 0;  // window, seconds since epoch
  int64_t seconds = 0;         // task length
  LatLon place;
  Priority priority = 0;
  int64_t waited_days = 0;
};

struct PreparedHelper {
  uint64_t categories = 0;
  Units remaining = 0;       // capacity - current load - locked units
  Units load_before = 0;     // current load + locked units
  uint64_t languages = 0;
  uint64_t skills = 0;       // only skills some need requires; "car" when the helper has a vehicle
  LatLon base;
  double radius_m = 0;
  std::vector<std::pair<int64_t, int64_t>> windows;  // sorted; empty: any time
};

// The first filter a pair fails, in the order reasons are reported; kFeasible when it passes all.
enum class Stage { kCategory, kReach, kWindow, kLanguage, kRequirement, kDeclined, kFeasible };

class Prepared {
 public:
  // Validates `problem` (errors name the item and field) and prepares it. `problem` must outlive the result.
  static Result<Prepared> Make(const Problem& problem, const Options& options);

  const Problem& problem() const { return *problem_; }
  const Options& options() const { return *options_; }
  const std::vector<PreparedNeed>& needs() const { return needs_; }
  const std::vector<PreparedHelper>& helpers() const { return helpers_; }
  int category_count() const { return static_cast<int>(problem_->categories.size()); }
  const std::vector<Suggestion>& locked() const { return locked_; }

  // Runs the filters on one pair; `distance_m` receives the distance once the category matched.
  Stage Check(int need, int helper, double* distance_m) const;
  // Check(need, helper) == kFeasible, with the cheap filters first; `distance_m` is set when it returns true.
  bool Feasible(int need, int helper, double* distance_m) const;
  bool IsDeclined(int need, int helper) const;
  TravelUnits Travel(double distance_m) const;
  // Marginal cost level of the k-th unit (1-based) a helper carries this period.
  Units LoadLevel(Units k) const { return k < options_->load_levels ? k : options_->load_levels; }
  std::vector<std::string> SharedLanguages(int need, int helper) const;

 private:
  const Problem* problem_ = nullptr;
  const Options* options_ = nullptr;
  std::vector<PreparedNeed> needs_;
  std::vector<PreparedHelper> helpers_;
  std::vector<Suggestion> locked_;
  std::unordered_set<uint64_t> declined_;
};

// Priority of one unit of `need` met: urgency weight x (wait_cap + min(days waited, wait_cap)).
Priority Reward(const Need& need, Timestamp now, const Options& options, int64_t* waited_days = nullptr);

}  // namespace kin::match

#endif  // KIN_MATCH_PREPARED_H_
