#include "govern/consent.h"

namespace kin::govern {

namespace {

bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

Result<ConsentResult> CountConsent(const std::vector<ConsentVote>& votes) {
  FieldErrors errors;
  ConsentResult r;
  for (size_t i = 0; i < votes.size(); ++i) {
    const ConsentVote& v = votes[i];
    switch (v.position) {
      case ConsentPosition::kAgree:
        ++r.agree;
        break;
      case ConsentPosition::kAbstain:
        ++r.abstain;
        break;
      case ConsentPosition::kObject:
      case ConsentPosition::kBlock:
        if (Blank(v.reason)) {
          errors.Add("votes[" + std::to_string(i) + "].reason",
                     v.position == ConsentPosition::kBlock ? "a block needs a reason" : "an objection needs a reason");
          break;
        }
        if (v.position == ConsentPosition::kObject) {
          ++r.object;
          r.objections.push_back(v.reason);
        } else {
          ++r.block;
          r.blocks.push_back(v.reason);
        }
        break;
    }
  }
  if (!errors.empty()) return errors.ToStatus();
  r.passes = r.block == 0;
  return r;
}

}  // namespace kin::govern
