#include "govern/schulze.h"

#include <algorithm>
#include <limits>

namespace kin::govern {

Result<SchulzeResult> CountSchulze(const BallotSet& set, int seats) {
  Status s = CheckBallots(set);
  if (!s.ok()) return s;
  if (seats < 1 || seats > set.Running()) {
    return Status::InvalidField("seats", "must be between 1 and the number of candidates (" +
                                             std::to_string(set.Running()) + ")");
  }
  SchulzeResult r;
  std::vector<int> slot(set.candidates.size(), -1);  // candidate index -> index into r.candidates
  for (size_t c = 0; c < set.candidates.size(); ++c) {
    if (set.withdrawn[c]) continue;
    slot[c] = static_cast<int>(r.candidates.size());
    r.candidates.push_back(static_cast<int>(c));
  }
  const size_t n = r.candidates.size();
  r.pairwise.assign(n, std::vector<int64_t>(n, 0));

  const int kUnranked = std::numeric_limits<int>::max();
  std::vector<int> position(n);
  for (const RankedBallot& ballot : set.ballots) {
    if (ballot.weight == 0) continue;
    std::fill(position.begin(), position.end(), kUnranked);
    int level = 0;
    for (const std::vector<int>& rank : ballot.ranks) {
      bool used = false;
      for (int c : rank) {
        if (slot[c] >= 0 && position[slot[c]] == kUnranked) {
          position[slot[c]] = level;
          used = true;
        }
      }
      if (used) ++level;
    }
    for (size_t a = 0; a < n; ++a) {
      for (size_t b = 0; b < n; ++b) {
        if (position[a] < position[b]) r.pairwise[a][b] += ballot.weight;
      }
    }
  }

  r.strongest.assign(n, std::vector<int64_t>(n, 0));
  for (size_t a = 0; a < n; ++a) {
    for (size_t b = 0; b < n; ++b) {
      if (a != b && r.pairwise[a][b] > r.pairwise[b][a]) r.strongest[a][b] = r.pairwise[a][b];
    }
  }
  for (size_t k = 0; k < n; ++k) {
    for (size_t a = 0; a < n; ++a) {
      if (a == k) continue;
      for (size_t b = 0; b < n; ++b) {
        if (b == a || b == k) continue;
        r.strongest[a][b] = std::max(r.strongest[a][b], std::min(r.strongest[a][k], r.strongest[k][b]));
      }
    }
  }

  std::vector<int> beats(n, 0);
  for (size_t a = 0; a < n; ++a) {
    for (size_t b = 0; b < n; ++b) {
      if (r.strongest[a][b] > r.strongest[b][a]) ++beats[a];
    }
  }
  // If a ranks above b then a ranks above everyone b does (the relation is transitive), so sorting by `beats`
  // extends the order; equal counts never hide a strict preference.
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return beats[a] > beats[b]; });
  for (size_t i = 0; i < n; ++i) {
    r.ranking.push_back(r.candidates[order[i]]);
    if (i + 1 < n && beats[order[i]] == beats[order[i + 1]]) {
      r.notes.push_back(set.candidates[r.candidates[order[i]]] + " and " +
                        set.candidates[r.candidates[order[i + 1]]] +
                        " are not separated by strongest paths; ordered by the candidate order");
    }
  }
  r.winners.assign(r.ranking.begin(), r.ranking.begin() + seats);
  return r;
}

}  // namespace kin::govern
