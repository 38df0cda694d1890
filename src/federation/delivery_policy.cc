#include "federation/delivery_policy.h"

#include <algorithm>

namespace kin::federation {

AttemptOutcome ClassifyHttpStatus(int status) {
  if (status >= 200 && status < 300) return AttemptOutcome::kDelivered;
  if (status == 408 || status == 429 || status >= 500 || status < 200) return AttemptOutcome::kRetry;
  return AttemptOutcome::kPermanent;
}

std::optional<Timestamp> NextAttempt(const DeliveryPolicy& policy, int attempts, Timestamp created_at,
                                     Timestamp now) {
  Seconds wait = policy.first_retry;
  for (int i = 1; i < attempts && wait < policy.max_retry; ++i) wait *= 2;
  wait = std::min(wait, policy.max_retry);
  Timestamp next = now + wait;
  if (next > created_at + policy.give_up_after) return std::nullopt;
  return next;
}

Timestamp GiveUpBehindQueuedBefore(const DeliveryPolicy& policy, Timestamp now) {
  // NextAttempt(policy, 1, created_at, now) gives up when now + first_retry > created_at + give_up_after.
  return now + std::min(policy.first_retry, policy.max_retry) - policy.give_up_after;
}

}  // namespace kin::federation
