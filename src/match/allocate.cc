#include "match/allocate.h"

#include <algorithm>

#include "match/engine.h"

namespace kin::match {

Result<Allocation> Allocate(const Problem& problem, const Options& options, Method method) {
  Result<Prepared> prepared = Prepared::Make(problem, options);
  if (!prepared.ok()) return prepared.status();
  const Prepared& p = *prepared;
  if (options.progress) options.progress("index");
  HelperIndex index(p);
  SolveStats stats;
  std::vector<Suggestion> suggestions;
  if (method == Method::kGreedy) {
    suggestions = SolveGreedy(p, index);
  } else {
    Result<std::vector<Suggestion>> optimal = SolveOptimal(p, index, &stats);
    if (!optimal.ok()) return optimal.status();
    suggestions = std::move(*optimal);
  }
  if (options.progress) options.progress("explain");
  return Assemble(p, index, std::move(suggestions), stats);
}

Result<NeedSuggestions> SuggestForNeed(const Problem& problem, const Allocation& current, int need,
                                       const Options& options) {
  if (need < 0 || need >= static_cast<int>(problem.needs.size())) {
    return Status::InvalidField("need", "no such need index");
  }
  Result<Prepared> prepared = Prepared::Make(problem, options);
  if (!prepared.ok()) return prepared.status();
  const Prepared& p = *prepared;
  std::vector<Units> remaining(p.helpers().size()), load(p.helpers().size());
  for (size_t h = 0; h < remaining.size(); ++h) {
    remaining[h] = p.helpers()[h].remaining;
    load[h] = p.helpers()[h].load_before;
  }
  for (const Suggestion& s : current.suggestions) {
    if (s.locked || s.helper < 0 || s.helper >= static_cast<int>(remaining.size())) continue;
    remaining[s.helper] -= s.units;
    load[s.helper] += s.units;
  }
  struct Option {
    Units level;
    TravelUnits travel;
    int helper;
    double distance;
  };
  std::vector<Option> options_found;
  Stage best = Stage::kCategory;
  bool offered = false;
  for (int h = 0; h < static_cast<int>(p.helpers().size()); ++h) {
    double d = 0;
    Stage st = p.Check(need, h, &d);
    if (st != Stage::kCategory) offered = true;
    best = std::max(best, st);
    if (st == Stage::kFeasible && remaining[h] > 0) {
      options_found.push_back({p.LoadLevel(load[h] + 1), p.Travel(d), h, d});
    }
  }
  std::sort(options_found.begin(), options_found.end(), [](const Option& a, const Option& b) {
    if (a.level != b.level) return a.level < b.level;
    if (a.travel != b.travel) return a.travel < b.travel;
    return a.helper < b.helper;
  });
  NeedSuggestions out;
  Units open = p.needs()[need].open;
  for (const Option& o : options_found) {
    if (open <= 0) break;
    Suggestion s;
    s.need = need;
    s.helper = o.helper;
    s.units = std::min(open, remaining[o.helper]);
    s.distance_m = o.distance;
    s.shared_languages = p.SharedLanguages(need, o.helper);
    s.priority = p.needs()[need].priority;
    s.waited_days = p.needs()[need].waited_days;
    s.helper_load_after = load[o.helper] + s.units;
    open -= s.units;
    out.suggestions.push_back(std::move(s));
  }
  out.unmet = std::max<Units>(open, 0);
  if (!offered) out.reason = UnmetReason::kNoCategory;
  else if (best == Stage::kCategory || best == Stage::kReach) out.reason = UnmetReason::kOutOfReach;
  else if (best == Stage::kWindow) out.reason = UnmetReason::kWindowTooTight;
  else if (best == Stage::kLanguage) out.reason = UnmetReason::kNoLanguage;
  else if (best == Stage::kRequirement) out.reason = UnmetReason::kRequirement;
  else if (best == Stage::kDeclined) out.reason = UnmetReason::kDeclined;
  else out.reason = UnmetReason::kCapacityUsedUp;
  return out;
}

}  // namespace kin::match
