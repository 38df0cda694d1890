#include "core/proposal_notice.h"

#include <algorithm>

namespace kin {

Timestamp ClosingSoonAt(Timestamp opened_at, Timestamp closes_at) {
  const Seconds period = std::max(Seconds(0), closes_at - opened_at);
  return closes_at - std::min(kClosingSoonLead, period / 2);
}

std::string OutcomeResult(const Outcome& outcome) {
  if (!outcome.quorum_reached) return "no_quorum";
  if (!outcome.winners.empty()) return "elected";
  return outcome.passes ? "passed" : "failed";
}

}  // namespace kin
