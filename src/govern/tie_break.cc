#include "govern/tie_break.h"

#include <algorithm>
#include <cassert>

namespace kin::govern {

namespace {

std::string JoinNames(const std::vector<int>& candidates, const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (i > 0) out += i + 1 == candidates.size() ? " and " : ", ";
    out += names[candidates[i]];
  }
  return out;
}

}  // namespace

TieBreak BreakTie(std::vector<int> tied, TieSide side, const std::vector<std::vector<Votes>>& history,
                  const std::vector<std::string>& names, const Scale& scale, const std::string& action) {
  assert(tied.size() >= 2 && !history.empty());
  std::sort(tied.begin(), tied.end());
  TieBreak result;
  std::string head = JoinNames(tied, names) + " tied with " + scale.Format(history.back()[tied[0]]) + " votes; ";
  std::vector<int> remaining = tied;
  for (size_t r = history.size() - 1; r-- > 0;) {
    const std::vector<Votes>& votes = history[r];
    Votes best = votes[remaining[0]];
    for (int c : remaining) best = side == TieSide::kLowest ? std::min(best, votes[c]) : std::max(best, votes[c]);
    std::vector<int> kept;
    for (int c : remaining) {
      if (votes[c] == best) kept.push_back(c);
    }
    if (kept.size() < remaining.size()) {
      remaining = std::move(kept);
      if (remaining.size() == 1) {
        result.chosen = remaining[0];
        result.note = head + names[result.chosen] + " " + action + ": " +
                      (side == TieSide::kLowest ? "fewer" : "more") + " votes in round " + std::to_string(r + 1);
        return result;
      }
    }
  }
  result.chosen = side == TieSide::kLowest ? remaining.back() : remaining.front();
  result.note = head + names[result.chosen] + " " + action + ": listed " +
                (side == TieSide::kLowest ? "later" : "earlier") + " in the candidate order";
  return result;
}

int PickCandidate(const std::vector<int>& candidates, const std::vector<Votes>& votes, TieSide side,
                  const std::vector<std::vector<Votes>>& history, const std::vector<std::string>& names,
                  const Scale& scale, const std::string& action, std::vector<std::string>& notes) {
  assert(!candidates.empty());
  Votes best = votes[candidates[0]];
  for (int c : candidates) best = side == TieSide::kLowest ? std::min(best, votes[c]) : std::max(best, votes[c]);
  std::vector<int> tied;
  for (int c : candidates) {
    if (votes[c] == best) tied.push_back(c);
  }
  if (tied.size() == 1) return tied[0];
  TieBreak tb = BreakTie(tied, side, history, names, scale, action);
  notes.push_back(tb.note);
  return tb.chosen;
}

std::vector<int> PickEliminated(const std::vector<int>& candidates, const std::vector<Votes>& votes, bool batch,
                                size_t keep, const std::vector<std::vector<Votes>>& history,
                                const std::vector<std::string>& names, const Scale& scale,
                                std::vector<std::string>& notes) {
  if (batch && candidates.size() > 2) {
    std::vector<int> sorted = candidates;
    std::stable_sort(sorted.begin(), sorted.end(), [&](int a, int b) { return votes[a] < votes[b]; });
    Votes sum;
    size_t best = 0;
    for (size_t k = 1; k < sorted.size() && sorted.size() - k >= keep; ++k) {
      sum += votes[sorted[k - 1]];
      if (k >= 2 && sum < votes[sorted[k]]) best = k;
    }
    if (best >= 2) {
      std::vector<int> group(sorted.begin(), sorted.begin() + static_cast<long>(best));
      Votes total;
      for (int c : group) total += votes[c];
      std::sort(group.begin(), group.end());
      notes.push_back("batch elimination: " + JoinNames(group, names) + " together hold " + scale.Format(total) +
                      " votes, fewer than " + names[sorted[best]] + "'s " + scale.Format(votes[sorted[best]]));
      return group;
    }
  }
  return {PickCandidate(candidates, votes, TieSide::kLowest, history, names, scale, "eliminated", notes)};
}

}  // namespace kin::govern
