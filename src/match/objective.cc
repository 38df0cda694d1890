#include <algorithm>

#include "match/allocate.h"
#include "match/engine.h"

namespace kin::match {

bool Better(const ObjectiveTerms& a, const ObjectiveTerms& b) {
  if (a.priority_met != b.priority_met) return a.priority_met > b.priority_met;
  if (a.load_cost != b.load_cost) return a.load_cost < b.load_cost;
  return a.travel_units < b.travel_units;
}

bool SameObjective(const ObjectiveTerms& a, const ObjectiveTerms& b) {
  return a.priority_met == b.priority_met && a.load_cost == b.load_cost && a.travel_units == b.travel_units;
}

ObjectiveTerms Evaluate(const Prepared& p, const std::vector<Suggestion>& suggestions) {
  ObjectiveTerms t;
  const Problem& problem = p.problem();
  std::vector<Units> met(p.needs().size(), 0), added(p.helpers().size(), 0);
  for (const Suggestion& s : suggestions) {
    if (s.locked) continue;
    met[s.need] += s.units;
    added[s.helper] += s.units;
    t.priority_met += Priority{s.units} * p.needs()[s.need].priority;
    t.units_met += s.units;
    double d = DistanceMeters(problem.needs[s.need].place, problem.helpers[s.helper].base);
    t.travel_units += int64_t{s.units} * p.Travel(d);
    t.travel_km += s.units * d / 1000.0;
  }
  for (size_t n = 0; n < p.needs().size(); ++n) {
    const PreparedNeed& pn = p.needs()[n];
    if (pn.open <= 0) continue;
    ++t.needs_open;
    t.units_requested += pn.open;
    if (met[n] >= pn.open) {
      ++t.needs_fully_met;
    } else {
      t.longest_wait_unmet_days = std::max(t.longest_wait_unmet_days, pn.waited_days);
      t.priority_unmet += Priority{pn.open - met[n]} * pn.priority;
    }
  }
  for (size_t h = 0; h < p.helpers().size(); ++h) {
    const PreparedHelper& ph = p.helpers()[h];
    Units total = ph.load_before + added[h];
    if (total > 0) t.max_load = std::max(t.max_load, total);
    if (added[h] > 0) ++t.helpers_used;
    for (Units k = ph.load_before + 1; k <= total; ++k) t.load_cost += p.LoadLevel(k);
  }
  return t;
}

ObjectiveTerms EvaluateTerms(const Problem& problem, const Options& options,
                             const std::vector<Suggestion>& suggestions) {
  Result<Prepared> p = Prepared::Make(problem, options);
  if (!p.ok()) return ObjectiveTerms{};
  return Evaluate(*p, suggestions);
}

}  // namespace kin::match
