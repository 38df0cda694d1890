#include "federation/delivery_policy.h"

#include <gtest/gtest.h>

namespace kin::federation {
namespace {

TEST(DeliveryPolicy, BacksOffExponentiallyUpToTheCap) {
  DeliveryPolicy p;
  Timestamp t0 = Timestamp(Seconds(1'000'000));
  EXPECT_EQ(*NextAttempt(p, 1, t0, t0), t0 + Seconds(30));
  EXPECT_EQ(*NextAttempt(p, 2, t0, t0), t0 + Seconds(60));
  EXPECT_EQ(*NextAttempt(p, 5, t0, t0), t0 + Seconds(480));
  EXPECT_EQ(*NextAttempt(p, 40, t0, t0), t0 + p.max_retry);  // no overflow, capped
}

TEST(DeliveryPolicy, GivesUpOnceTheNextTryFallsPastTheLimit) {
  DeliveryPolicy p;
  p.give_up_after = Seconds(3 * 24 * 3600);
  Timestamp t0 = Timestamp(Seconds(1'000'000));
  EXPECT_TRUE(NextAttempt(p, 10, t0, t0 + Seconds(2 * 24 * 3600)).has_value());
  EXPECT_FALSE(NextAttempt(p, 10, t0, t0 + Seconds(3 * 24 * 3600 - 60)).has_value());
}

TEST(DeliveryPolicy, RowsBehindAGivenUpOneGoWithItExactlyWhenTheirFirstFailureWouldGiveUp) {
  DeliveryPolicy p;
  Timestamp now = Timestamp(Seconds(10'000'000));
  Timestamp cutoff = GiveUpBehindQueuedBefore(p, now);
  EXPECT_FALSE(NextAttempt(p, 1, cutoff - Seconds(1), now).has_value());
  EXPECT_TRUE(NextAttempt(p, 1, cutoff, now).has_value());
  p.first_retry = Seconds(3600);
  p.max_retry = Seconds(60);  // the cap wins
  cutoff = GiveUpBehindQueuedBefore(p, now);
  EXPECT_FALSE(NextAttempt(p, 1, cutoff - Seconds(1), now).has_value());
  EXPECT_TRUE(NextAttempt(p, 1, cutoff, now).has_value());
}

TEST(DeliveryPolicy, ClassifiesStatuses) {
  EXPECT_EQ(ClassifyHttpStatus(202), AttemptOutcome::kDelivered);
  EXPECT_EQ(ClassifyHttpStatus(200), AttemptOutcome::kDelivered);
  EXPECT_EQ(ClassifyHttpStatus(503), AttemptOutcome::kRetry);
  EXPECT_EQ(ClassifyHttpStatus(429), AttemptOutcome::kRetry);
  EXPECT_EQ(ClassifyHttpStatus(408), AttemptOutcome::kRetry);
  EXPECT_EQ(ClassifyHttpStatus(400), AttemptOutcome::kPermanent);
  EXPECT_EQ(ClassifyHttpStatus(410), AttemptOutcome::kPermanent);
}

}  // namespace
}  // namespace kin::federation
