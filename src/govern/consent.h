// Consent decision: each member agrees, abstains (stands aside), objects or blocks.
//
// Objections and blocks must give a reason, so the group can address them. The proposal passes when there is no
// block; objections are recorded and reported but do not stop it. Whether enough members took part (quorum) is
// the caller's question, asked before counting.
#ifndef KIN_GOVERN_CONSENT_H_
#define KIN_GOVERN_CONSENT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace kin::govern {

enum class ConsentPosition { kAgree, kAbstain, kObject, kBlock };

struct ConsentVote {
  ConsentPosition position = ConsentPosition::kAgree;
  std::string reason;  // required (non-blank) for kObject and kBlock
};

struct ConsentResult {
  int64_t agree = 0, abstain = 0, object = 0, block = 0;
  bool passes = false;                    // no block
  std::vector<std::string> objections;    // reasons, in vote order
  std::vector<std::string> blocks;        // reasons, in vote order
};

// Errors: an objection or block without a reason; FieldErrors name it as "votes[i].reason".
Result<ConsentResult> CountConsent(const std::vector<ConsentVote>& votes);

}  // namespace kin::govern

#endif  // KIN_GOVERN_CONSENT_H_
