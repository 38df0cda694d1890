#include "govern/dot_voting.h"

#include <string>

namespace kin::govern {

Result<OptionResult> CountDots(int options, const std::vector<std::vector<int>>& ballots, const DotOptions& dots) {
  if (options < 1) return Status::InvalidField("options", "there must be at least one option");
  if (dots.dots_per_voter < 1) return Status::InvalidField("dots_per_voter", "must be at least 1");
  if (dots.max_per_option < 0) return Status::InvalidField("max_per_option", "must be 0 (no limit) or more");
  if (dots.seats < 1 || dots.seats > options) return Status::InvalidField("seats", "must be between 1 and the options");
  OptionResult r;
  r.totals.assign(options, 0);
  for (size_t i = 0; i < ballots.size(); ++i) {
    std::string field = "ballots[" + std::to_string(i) + "]";
    if (ballots[i].size() > static_cast<size_t>(options)) {
      return Status::InvalidField(field, "places dots on more options than there are");
    }
    int64_t used = 0;
    for (size_t o = 0; o < ballots[i].size(); ++o) {
      int d = ballots[i][o];
      std::string cell = field + "[" + std::to_string(o) + "]";
      if (d < 0) return Status::InvalidField(cell, "cannot be negative");
      if (dots.max_per_option > 0 && d > dots.max_per_option) {
        return Status::InvalidField(cell, "at most " + std::to_string(dots.max_per_option) + " dots per option");
      }
      used += d;
    }
    if (used > dots.dots_per_voter) {
      return Status::InvalidField(field, "places " + std::to_string(used) + " dots; each voter has " +
                                             std::to_string(dots.dots_per_voter));
    }
    for (size_t o = 0; o < ballots[i].size(); ++o) r.totals[o] += ballots[i][o];
  }
  RankOptions(dots.seats, r);
  return r;
}

}  // namespace kin::govern
