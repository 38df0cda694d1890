// Simple and qualified majority on a yes/no question, with abstentions.
//
// The share is yes / (yes + no): abstentions are reported but do not count either way. Simple majority passes
// when the share is strictly above 1/2; a qualified majority such as two thirds passes when the share is at or
// above its threshold. Comparisons are exact (Rational). With no yes or no votes at all, nothing passes.
#ifndef KIN_GOVERN_MAJORITY_H_
#define KIN_GOVERN_MAJORITY_H_

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "govern/rational.h"

namespace kin::govern {

enum class MajorityChoice { kYes, kNo, kAbstain };

struct MajorityOptions {
  Rational threshold = Rational(1, 2);  // in [0, 1]; 2/3 for a two-thirds majority
  bool strictly_above = true;           // true: share > threshold (simple); false: share >= threshold (qualified)
};

inline MajorityOptions SimpleMajority() { return {Rational(1, 2), true}; }
inline MajorityOptions QualifiedMajority(Rational threshold) { return {threshold, false}; }

struct MajorityResult {
  int64_t yes = 0, no = 0, abstain = 0;
  Rational share;  // yes / (yes + no); 0 when nobody voted yes or no
  bool passes = false;
};

// Each entry is one member's vote, with weight 1. Errors: threshold outside [0, 1].
Result<MajorityResult> CountMajority(const std::vector<MajorityChoice>& votes, const MajorityOptions& options);

}  // namespace kin::govern

#endif  // KIN_GOVERN_MAJORITY_H_
