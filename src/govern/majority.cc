#include "govern/majority.h"

namespace kin::govern {

Result<MajorityResult> CountMajority(const std::vector<MajorityChoice>& votes, const MajorityOptions& options) {
  if (options.threshold < Rational(0, 1) || options.threshold > Rational(1, 1)) {
    return Status::InvalidField("threshold", "must be between 0 and 1");
  }
  MajorityResult r;
  for (MajorityChoice v : votes) {
    if (v == MajorityChoice::kYes) ++r.yes;
    if (v == MajorityChoice::kNo) ++r.no;
    if (v == MajorityChoice::kAbstain) ++r.abstain;
  }
  if (r.yes + r.no == 0) return r;
  r.share = Rational(r.yes, r.yes + r.no);
  r.passes = options.strictly_above ? r.share > options.threshold : r.share >= options.threshold;
  return r;
}

}  // namespace kin::govern
