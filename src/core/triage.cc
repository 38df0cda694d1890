#include "core/triage.h"

#include <algorithm>

namespace kin {

std::chrono::seconds StaleAfter(Urgency urgency) {
  using std::chrono::hours;
  switch (urgency) {
    case Urgency::kCritical: return hours(2);
    case Urgency::kHigh: return hours(24);
    case Urgency::kNormal: return hours(72);
    case Urgency::kLow: return hours(168);
  }
  return hours(72);
}

bool IsStale(const Need& need, Timestamp now) {
  return need.status == NeedStatus::kOpen && now - need.created_at >= StaleAfter(need.details.urgency);
}

void SortForTriage(std::vector<Need>& needs) {
  std::stable_sort(needs.begin(), needs.end(), [](const Need& a, const Need& b) {
    if (a.details.urgency != b.details.urgency) return a.details.urgency > b.details.urgency;
    return a.created_at < b.created_at;
  });
}

}  // namespace kin
