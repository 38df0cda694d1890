#include "govern/approval.h"

#include <string>

namespace kin::govern {

Result<OptionResult> CountApproval(int options, const std::vector<std::vector<int>>& ballots, int seats) {
  if (options < 1) return Status::InvalidField("options", "there must be at least one option");
  if (seats < 1 || seats > options) return Status::InvalidField("seats", "must be between 1 and the options");
  OptionResult r;
  r.totals.assign(options, 0);
  std::vector<size_t> seen(options, 0);
  for (size_t i = 0; i < ballots.size(); ++i) {
    for (int o : ballots[i]) {
      std::string field = "ballots[" + std::to_string(i) + "]";
      if (o < 0 || o >= options) return Status::InvalidField(field, "approves an option that does not exist");
      if (seen[o] == i + 1) return Status::InvalidField(field, "approves the same option twice");
      seen[o] = i + 1;
      ++r.totals[o];
    }
  }
  RankOptions(seats, r);
  return r;
}

}  // namespace kin::govern
