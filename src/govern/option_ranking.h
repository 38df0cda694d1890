// Results of the methods that add up points per option: approval, score and dot voting.
//
// Options are ranked by total, highest first; equal totals are ordered by the options' order (earlier listed
// first), and each such tie is noted so the report shows it was decided by order, not by votes.
#ifndef KIN_GOVERN_OPTION_RANKING_H_
#define KIN_GOVERN_OPTION_RANKING_H_

#include <cstdint>
#include <string>
#include <vector>

namespace kin::govern {

struct OptionResult {
  std::vector<int64_t> totals;     // per option
  std::vector<int> ranking;        // option indices, best first
  std::vector<int> winners;        // the first `seats` of ranking
  std::vector<std::string> notes;  // e.g. "options 2 and 5 tied with 7; option 2 placed first by option order"
};

// Fills ranking, winners and notes from totals. Requires 1 <= seats <= totals.size().
void RankOptions(int seats, OptionResult& result);

}  // namespace kin::govern

#endif  // KIN_GOVERN_OPTION_RANKING_H_
