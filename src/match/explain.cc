// Reasons: why a suggestion (distance, languages, urgency, wait) and why not (the filter that left no helper).
#include <algorithm>
#include <map>

#include "match/engine.h"

namespace kin::match {

UnmetReason ExplainUnmet(const Prepared& p, const HelperIndex& index, int need) {
  const PreparedNeed& n = p.needs()[need];
  if (index.grid(n.category).empty()) return UnmetReason::kNoCategory;
  Stage best = Stage::kReach;
  ForEachHelperNear(p, index, need, [&](int h) {
    if (best == Stage::kFeasible) return;
    best = std::max(best, p.Check(need, h, nullptr));
  });
  switch (best) {
    case Stage::kCategory:
    case Stage::kReach: return UnmetReason::kOutOfReach;
    case Stage::kWindow: return UnmetReason::kWindowTooTight;
    case Stage::kLanguage: return UnmetReason::kNoLanguage;
    case Stage::kRequirement: return UnmetReason::kRequirement;
    case Stage::kDeclined: return UnmetReason::kDeclined;
    case Stage::kFeasible: return UnmetReason::kCapacityUsedUp;
  }
  return UnmetReason::kCapacityUsedUp;
}

Allocation Assemble(const Prepared& p, const HelperIndex& index, std::vector<Suggestion> suggestions,
                    SolveStats stats) {
  Allocation a;
  a.stats = stats;
  std::map<std::pair<int, int>, Units> merged;
  for (const Suggestion& s : suggestions) {
    if (!s.locked) merged[{s.need, s.helper}] += s.units;
  }
  a.suggestions = p.locked();
  for (const auto& [pair, units] : merged) {
    Suggestion s;
    s.need = pair.first;
    s.helper = pair.second;
    s.units = units;
    s.distance_m = DistanceMeters(p.problem().needs[s.need].place, p.problem().helpers[s.helper].base);
    s.shared_languages = p.SharedLanguages(s.need, s.helper);
    s.priority = p.needs()[s.need].priority;
    s.waited_days = p.needs()[s.need].waited_days;
    a.suggestions.push_back(std::move(s));
  }
  std::vector<Units> load(p.helpers().size()), met(p.needs().size(), 0);
  for (size_t h = 0; h < load.size(); ++h) load[h] = p.helpers()[h].load_before;
  for (Suggestion& s : a.suggestions) {
    if (s.locked) continue;
    load[s.helper] += s.units;
    s.helper_load_after = load[s.helper];
    met[s.need] += s.units;
  }
  for (size_t n = 0; n < p.needs().size(); ++n) {
    Units left = p.needs()[n].open - met[n];
    if (left <= 0) continue;
    a.unmet.push_back({static_cast<int>(n), left, ExplainUnmet(p, index, static_cast<int>(n))});
  }
  a.terms = Evaluate(p, a.suggestions);
  return a;
}

}  // namespace kin::match
