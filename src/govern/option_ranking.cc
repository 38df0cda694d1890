#include "govern/option_ranking.h"

#include <algorithm>

namespace kin::govern {

void RankOptions(int seats, OptionResult& r) {
  const size_t n = r.totals.size();
  r.ranking.resize(n);
  for (size_t i = 0; i < n; ++i) r.ranking[i] = static_cast<int>(i);
  std::stable_sort(r.ranking.begin(), r.ranking.end(), [&](int a, int b) { return r.totals[a] > r.totals[b]; });
  for (size_t i = 0; i + 1 < n; ++i) {
    int a = r.ranking[i], b = r.ranking[i + 1];
    if (r.totals[a] == r.totals[b]) {
      r.notes.push_back("options " + std::to_string(a) + " and " + std::to_string(b) + " tied with " +
                        std::to_string(r.totals[a]) + "; option " + std::to_string(a) +
                        " placed first by option order");
    }
  }
  r.winners.assign(r.ranking.begin(), r.ranking.begin() + seats);
}

}  // namespace kin::govern
