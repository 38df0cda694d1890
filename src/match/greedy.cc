// The way it is done by hand today: first come first served, nearest helper with capacity left.
#include <algorithm>
#include <numeric>

#include "match/engine.h"

namespace kin::match {

std::vector<Suggestion> SolveGreedy(const Prepared& p, const HelperIndex& index) {
  const Problem& problem = p.problem();
  std::vector<int> order(p.needs().size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return problem.needs[a].waiting_since < problem.needs[b].waiting_since;
  });
  std::vector<Units> remaining(p.helpers().size());
  for (size_t h = 0; h < remaining.size(); ++h) remaining[h] = p.helpers()[h].remaining;
  std::vector<Suggestion> out;
  std::vector<std::pair<double, int>> pending;  // min-heap on (distance, helper)
  auto later = [](const std::pair<double, int>& a, const std::pair<double, int>& b) { return a > b; };
  for (int n : order) {
    Units open = p.needs()[n].open;
    if (open <= 0) continue;
    const PreparedNeed& pn = p.needs()[n];
    const SpatialGrid& grid = index.grid(pn.category);
    const int rings = grid.MaxRing(index.max_radius_m(pn.category));
    pending.clear();
    for (int r = 0; r <= rings && open > 0; ++r) {
      grid.ForEachCellInRing(pn.place, r, [&](int, const int* begin, const int* end) {
        for (const int* it = begin; it != end; ++it) {
          double d = 0;
          if (remaining[*it] <= 0 || !p.Feasible(n, *it, &d)) continue;
          pending.emplace_back(d, *it);
          std::push_heap(pending.begin(), pending.end(), later);
        }
      });
      // Anything found so far that is nearer than the next ring can hold is taken now, nearest first.
      double bound = r == rings ? 1e300 : grid.RingLowerBound(r + 1);
      while (!pending.empty() && open > 0 && pending.front().first <= bound) {
        std::pop_heap(pending.begin(), pending.end(), later);
        auto [d, h] = pending.back();
        pending.pop_back();
        Units take = std::min(open, remaining[h]);
        remaining[h] -= take;
        open -= take;
        Suggestion s;
        s.need = n;
        s.helper = h;
        s.units = take;
        out.push_back(s);
      }
    }
  }
  return out;
}

}  // namespace kin::match
