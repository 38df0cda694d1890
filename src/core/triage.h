// The order a triage board shows open needs in, and when a need has waited too long. Urgency and waiting time
// are the only priorities kin knows (no ranking of people): the more urgent first, then whoever waited longest.
#ifndef KIN_CORE_TRIAGE_H_
#define KIN_CORE_TRIAGE_H_

#include <chrono>
#include <vector>

#include "core/need.h"

namespace kin {

// How long an open need of each urgency may wait before coordinators should look at it: critical 2 hours,
// high 1 day, normal 3 days, low 7 days.
std::chrono::seconds StaleAfter(Urgency urgency);

// True when an open need has waited at least StaleAfter(its urgency) since it was asked for.
bool IsStale(const Need& need, Timestamp now);

// Sorts needs most urgent first, then oldest first; stable for equal keys.
void SortForTriage(std::vector<Need>& needs);

}  // namespace kin

#endif  // KIN_CORE_TRIAGE_H_
