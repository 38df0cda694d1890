#include "govern/score.h"

#include <string>

namespace kin::govern {

Result<OptionResult> CountScore(int options, const std::vector<std::vector<std::optional<int>>>& ballots,
                                const ScoreOptions& score) {
  if (options < 1) return Status::InvalidField("options", "there must be at least one option");
  if (score.max_score <= score.min_score) return Status::InvalidField("max_score", "must be above min_score");
  if (score.seats < 1 || score.seats > options) return Status::InvalidField("seats", "must be between 1 and the options");
  OptionResult r;
  r.totals.assign(options, 0);
  for (size_t i = 0; i < ballots.size(); ++i) {
    if (ballots[i].size() > static_cast<size_t>(options)) {
      return Status::InvalidField("ballots[" + std::to_string(i) + "]", "scores more options than there are");
    }
    for (int o = 0; o < options; ++o) {
      std::optional<int> s = o < static_cast<int>(ballots[i].size()) ? ballots[i][o] : std::nullopt;
      int value = s.value_or(score.min_score);
      if (value < score.min_score || value > score.max_score) {
        return Status::InvalidField("ballots[" + std::to_string(i) + "][" + std::to_string(o) + "]",
                                    "must be between " + std::to_string(score.min_score) + " and " +
                                        std::to_string(score.max_score));
      }
      r.totals[o] += value;
    }
  }
  RankOptions(score.seats, r);
  return r;
}

}  // namespace kin::govern
