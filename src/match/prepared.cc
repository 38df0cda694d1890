#include "match/prepared.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "match/validate.h"

namespace kin::match {
namespace {

uint64_t PairKey(int need, int helper) {
  return (static_cast<uint64_t>(static_cast<uint32_t>(need)) << 32) | static_cast<uint32_t>(helper);
}

class Interner {
 public:
  int Bit(const std::string& s) {
    auto [it, added] = bits_.emplace(s, static_cast<int>(bits_.size()));
    if (added) names_.push_back(s);
    return it->second;
  }
  int Find(const std::string& s) const {
    auto it = bits_.find(s);
    return it == bits_.end() ? -1 : it->second;
  }

 private:
  std::unordered_map<std::string, int> bits_;
  std::vector<std::string> names_;
};

int64_t Seconds(Timestamp t) { return t.time_since_epoch().count(); }

// The need's window leaves `seconds` of work inside one of the helper's availability windows (sorted, as
// Prepare makes them), or inside its own window when the helper did not say.
bool WindowFits(const PreparedNeed& n, const PreparedHelper& h) {
  if (h.windows.empty()) return n.end - n.start >= n.seconds;
  for (const auto& [a, b] : h.windows) {
    if (a >= n.end) break;
    if (std::min(b, n.end) - std::max(a, n.start) >= n.seconds) return true;
  }
  return false;
}

}  // namespace

const char* UnmetReasonName(UnmetReason r) {
  switch (r) {
    case UnmetReason::kNoCategory: return "category_nobody_offers";
    case UnmetReason::kOutOfReach: return "no_helper_within_reach";
    case UnmetReason::kWindowTooTight: return "window_too_tight";
    case UnmetReason::kNoLanguage: return "no_shared_language";
    case UnmetReason::kRequirement: return "requirement_not_met";
    case UnmetReason::kDeclined: return "declined_by_all";
    case UnmetReason::kCapacityUsedUp: return "capacity_used_up";
  }
  return "capacity_used_up";
}

Priority Reward(const Need& need, Timestamp now, const Options& options, int64_t* waited_days) {
  int64_t days = std::max<int64_t>(0, (Seconds(now) - Seconds(need.waiting_since)) / 86400);
  if (waited_days) *waited_days = days;
  int64_t cap = std::max(1, options.wait_cap_days);
  return options.urgency_weight[static_cast<int>(need.urgency)] * (cap + std::min(days, cap));
}

Result<Prepared> Prepared::Make(const Problem& problem, const Options& options) {
  Status s = ValidateProblem(problem);
  if (!s.ok()) return s;
  Prepared p;
  p.problem_ = &problem;
  p.options_ = &options;
  std::unordered_map<std::string, int> category;
  for (size_t i = 0; i < problem.categories.size(); ++i) category[problem.categories[i]] = static_cast<int>(i);
  std::unordered_map<std::string, int> need_index, helper_index;
  Interner languages, requirements;
  const int car = requirements.Bit("car");

  p.needs_.resize(problem.needs.size());
  for (size_t i = 0; i < problem.needs.size(); ++i) {
    const Need& n = problem.needs[i];
    PreparedNeed& pn = p.needs_[i];
    need_index[n.id.value] = static_cast<int>(i);
    pn.category = category.at(n.category);
    pn.open = n.quantity;
    pn.any_language = n.languages.empty() || n.interpretation;
    for (const std::string& l : n.languages) pn.languages |= uint64_t{1} << languages.Bit(l);
    for (const std::string& r : n.requirements) pn.requirements |= uint64_t{1} << requirements.Bit(r);
    pn.start = Seconds(n.window.start);
    pn.end = Seconds(n.window.end);
    pn.seconds = int64_t{n.minutes} * 60;
    pn.place = n.place;
    pn.priority = Reward(n, problem.now, options, &pn.waited_days);
  }
  p.helpers_.resize(problem.helpers.size());
  for (size_t i = 0; i < problem.helpers.size(); ++i) {
    const Helper& h = problem.helpers[i];
    PreparedHelper& ph = p.helpers_[i];
    helper_index[h.id.value] = static_cast<int>(i);
    for (const std::string& c : h.categories) ph.categories |= uint64_t{1} << category.at(c);
    ph.load_before = h.current_load;
    ph.remaining = h.capacity - h.current_load;
    for (const std::string& l : h.languages) {
      int bit = languages.Find(l);
      if (bit >= 0) ph.languages |= uint64_t{1} << bit;
    }
    for (const std::string& sk : h.skills) {
      int bit = requirements.Find(sk);
      if (bit >= 0) ph.skills |= uint64_t{1} << bit;
    }
    if (h.vehicle) ph.skills |= uint64_t{1} << car;
    ph.base = h.base;
    ph.radius_m = h.radius_km * 1000;
    for (const TimeWindow& w : h.availability) ph.windows.emplace_back(Seconds(w.start), Seconds(w.end));
    std::sort(ph.windows.begin(), ph.windows.end());
  }
  for (const Locked& l : problem.locked) {
    int n = need_index.at(l.need.value), h = helper_index.at(l.helper.value);
    p.needs_[n].open -= l.units;
    p.helpers_[h].remaining -= l.units;
    p.helpers_[h].load_before += l.units;
    Suggestion s;
    s.need = n;
    s.helper = h;
    s.units = l.units;
    s.locked = true;
    s.distance_m = DistanceMeters(problem.needs[n].place, problem.helpers[h].base);
    s.shared_languages = p.SharedLanguages(n, h);
    s.priority = p.needs_[n].priority;
    s.waited_days = p.needs_[n].waited_days;
    s.helper_load_after = p.helpers_[h].load_before;
    p.locked_.push_back(std::move(s));
  }
  for (const Declined& d : problem.declined) {
    p.declined_.insert(PairKey(need_index.at(d.need.value), helper_index.at(d.helper.value)));
  }
  return p;
}

Stage Prepared::Check(int need, int helper, double* distance_m) const {
  const PreparedNeed& n = needs_[need];
  const PreparedHelper& h = helpers_[helper];
  if (!(h.categories >> n.category & 1)) return Stage::kCategory;
  double d = DistanceMeters(n.place, h.base);
  if (distance_m) *distance_m = d;
  if (d > h.radius_m) return Stage::kReach;
  if (!WindowFits(n, h)) return Stage::kWindow;
  if (!n.any_language && (n.languages & h.languages) == 0) return Stage::kLanguage;
  if ((n.requirements & ~h.skills) != 0) return Stage::kRequirement;
  if (!declined_.empty() && IsDeclined(need, helper)) return Stage::kDeclined;
  return Stage::kFeasible;
}

bool Prepared::Feasible(int need, int helper, double* distance_m) const {
  const PreparedNeed& n = needs_[need];
  const PreparedHelper& h = helpers_[helper];
  if (!(h.categories >> n.category & 1)) return false;
  if (!n.any_language && (n.languages & h.languages) == 0) return false;
  if ((n.requirements & ~h.skills) != 0) return false;
  if (!WindowFits(n, h)) return false;
  const double d = DistanceMeters(n.place, h.base);
  if (d > h.radius_m) return false;
  if (!declined_.empty() && IsDeclined(need, helper)) return false;
  *distance_m = d;
  return true;
}

bool Prepared::IsDeclined(int need, int helper) const { return declined_.count(PairKey(need, helper)) > 0; }

TravelUnits Prepared::Travel(double distance_m) const {
  return static_cast<TravelUnits>(std::lround(distance_m / options_->travel_unit_m));
}

std::vector<std::string> Prepared::SharedLanguages(int need, int helper) const {
  std::vector<std::string> shared;
  const Need& n = problem_->needs[need];
  if (n.interpretation) return shared;
  const Helper& h = problem_->helpers[helper];
  for (const std::string& l : n.languages) {
    if (std::find(h.languages.begin(), h.languages.end(), l) != h.languages.end()) shared.push_back(l);
  }
  return shared;
}

}  // namespace kin::match
