#include "govern/count.h"

#include <string>

namespace kin::govern {

Status CheckRankedCount(const BallotSet& set, const RankedCountOptions& options, const char* method) {
  Status s = CheckBallots(set);
  if (s.ok()) s = ValidateOptions(options, method, set.Running());
  if (s.ok()) s = Scale(options.decimals).CheckTotal(set.TotalWeight());
  return s;
}

Status ValidateOptions(const RankedCountOptions& options, const char* method, int candidates) {
  const std::string m = method;
  if (options.seats < 1) return Status::InvalidField("seats", "must be at least 1");
  if (m == "irv" && options.seats != 1) {
    return Status::InvalidField("seats", "IRV fills one seat, not " + std::to_string(options.seats) +
                                             "; use stv or meek for more");
  }
  if (options.seats > candidates) {
    return Status::InvalidField("seats", std::to_string(options.seats) + " seats but only " +
                                             std::to_string(candidates) + " candidates");
  }
  if (options.decimals < 0 || options.decimals > kMaxDecimals) {
    return Status::InvalidField("decimals", "must be between 0 and " + std::to_string(kMaxDecimals));
  }
  if (m == "meek" && options.decimals < 3) {
    return Status::InvalidField("decimals", "Meek's keep factors need at least 3 decimals");
  }
  if (options.max_skipped < 0) return Status::InvalidField("max-skipped", "must be 0 or more");
  return Status::Ok();
}

}  // namespace kin::govern
