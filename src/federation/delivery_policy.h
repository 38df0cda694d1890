// When the delivery queue tries again, and when it gives up. Pure: the worker passes the time.
#ifndef KIN_FEDERATION_DELIVERY_POLICY_H_
#define KIN_FEDERATION_DELIVERY_POLICY_H_

#include <optional>

#include "core/time.h"

namespace kin::federation {

struct DeliveryPolicy {
  Seconds first_retry = Seconds(30);         // wait after the first failure; doubles with each further one
  Seconds max_retry = Seconds(6 * 3600);     // the wait never grows beyond this
  Seconds give_up_after = Seconds(3 * 24 * 3600);  // from when the activity was queued
};

// How a delivery attempt ended.
enum class AttemptOutcome {
  kDelivered,  // 2xx
  kRetry,      // network error, timeout, 5xx, 408, 429: worth trying again
  kPermanent,  // any other 4xx: the peer will never take it
};

AttemptOutcome ClassifyHttpStatus(int status);

// After the `attempts`-th failed attempt (1 for the first) at `now` of a delivery queued at `created_at`: when to
// try again, or nullopt to give up (the next try would fall past give_up_after).
std::optional<Timestamp> NextAttempt(const DeliveryPolicy& policy, int attempts, Timestamp created_at,
                                     Timestamp now);

// Deliveries to one inbox go in order, so rows queued behind one are never tried while it is pending. When that
// one is given up at `now` because the inbox kept failing, a row behind it queued before the returned time would
// be given up at its first failure too (NextAttempt for attempt 1 falls past its limit): it is given up with it,
// untried, rather than knocked on the dead inbox once per row.
Timestamp GiveUpBehindQueuedBefore(const DeliveryPolicy& policy, Timestamp now);

}  // namespace kin::federation

#endif  // KIN_FEDERATION_DELIVERY_POLICY_H_
