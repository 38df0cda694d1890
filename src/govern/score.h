// Score (range) voting: each ballot gives each option a whole score from min to max; highest total wins.
//
// An option a ballot leaves blank gets the minimum score, so leaving it out is the same as scoring it lowest.
// Totals are exact integers (means are total / ballots, if a report wants them).
#ifndef KIN_GOVERN_SCORE_H_
#define KIN_GOVERN_SCORE_H_

#include <optional>
#include <vector>

#include "core/status.h"
#include "govern/option_ranking.h"

namespace kin::govern {

struct ScoreOptions {
  int min_score = 0;  // lowest score a ballot may give; also what a blank means
  int max_score = 5;  // highest score; > min_score
  int seats = 1;      // how many options win
};

// `ballots[i][o]`: ballot i's score for option o, or nullopt for blank; a ballot may be shorter than the
// options (the rest are blank). Errors name the ballot and option ("ballots[2][1]").
Result<OptionResult> CountScore(int options, const std::vector<std::vector<std::optional<int>>>& ballots,
                                const ScoreOptions& score = {});

}  // namespace kin::govern

#endif  // KIN_GOVERN_SCORE_H_
