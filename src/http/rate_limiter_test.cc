#include "http/rate_limiter.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace kin::http {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
const RateLimiter::TimePoint kStart{seconds(1000)};

TEST(RateLimiter, AllowsBurstThenRefuses) {
  RateLimiter limiter({.burst = 3, .refill_per_second = 1, .max_keys = 10});
  EXPECT_TRUE(limiter.Allow("ip:1", kStart));
  EXPECT_TRUE(limiter.Allow("ip:1", kStart));
  EXPECT_TRUE(limiter.Allow("ip:1", kStart));
  EXPECT_FALSE(limiter.Allow("ip:1", kStart));
  EXPECT_FALSE(limiter.Allow("ip:1", kStart + milliseconds(999)));
}

TEST(RateLimiter, KeysAreIndependent) {
  RateLimiter limiter({.burst = 1, .refill_per_second = 1, .max_keys = 10});
  EXPECT_TRUE(limiter.Allow("login:ada", kStart));
  EXPECT_FALSE(limiter.Allow("login:ada", kStart));
  EXPECT_TRUE(limiter.Allow("login:bob", kStart));
}

TEST(RateLimiter, RefillsOverTimeUpToBurst) {
  RateLimiter limiter({.burst = 2, .refill_per_second = 0.5, .max_keys = 10});
  EXPECT_TRUE(limiter.Allow("k", kStart));
  EXPECT_TRUE(limiter.Allow("k", kStart));
  EXPECT_FALSE(limiter.Allow("k", kStart + seconds(1)));  // half a token
  EXPECT_TRUE(limiter.Allow("k", kStart + seconds(2)));   // one token
  EXPECT_FALSE(limiter.Allow("k", kStart + seconds(2)));
  // A long pause refills to burst, not beyond.
  EXPECT_TRUE(limiter.Allow("k", kStart + seconds(1000)));
  EXPECT_TRUE(limiter.Allow("k", kStart + seconds(1000)));
  EXPECT_FALSE(limiter.Allow("k", kStart + seconds(1000)));
}

TEST(RateLimiter, RefusedAttemptsDoNotCost) {
  RateLimiter limiter({.burst = 1, .refill_per_second = 1, .max_keys = 10});
  EXPECT_TRUE(limiter.Allow("k", kStart));
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(limiter.Allow("k", kStart + milliseconds(100 * i)));
  EXPECT_TRUE(limiter.Allow("k", kStart + seconds(1)));
}

TEST(RateLimiter, TimeGoingBackwardsAddsNothing) {
  RateLimiter limiter({.burst = 1, .refill_per_second = 1, .max_keys = 10});
  EXPECT_TRUE(limiter.Allow("k", kStart + seconds(10)));
  EXPECT_FALSE(limiter.Allow("k", kStart));
  EXPECT_FALSE(limiter.Allow("k", kStart + seconds(10)));
  EXPECT_TRUE(limiter.Allow("k", kStart + seconds(11)));
}

TEST(RateLimiter, RetryAfterRoundsUp) {
  RateLimiter limiter({.burst = 1, .refill_per_second = 0.25, .max_keys = 10});
  EXPECT_EQ(limiter.RetryAfter("k", kStart), seconds(0));  // unknown key
  EXPECT_TRUE(limiter.Allow("k", kStart));
  EXPECT_EQ(limiter.RetryAfter("k", kStart), seconds(4));
  EXPECT_EQ(limiter.RetryAfter("k", kStart + milliseconds(2500)), seconds(2));
  EXPECT_EQ(limiter.RetryAfter("k", kStart + seconds(4)), seconds(0));
}

TEST(RateLimiter, ForgetsLeastRecentlyUsedBeyondMaxKeys) {
  RateLimiter limiter({.burst = 1, .refill_per_second = 0.001, .max_keys = 3});
  EXPECT_TRUE(limiter.Allow("a", kStart));
  EXPECT_TRUE(limiter.Allow("b", kStart));
  EXPECT_TRUE(limiter.Allow("c", kStart));
  EXPECT_FALSE(limiter.Allow("a", kStart));  // a becomes most recently used; b is now the oldest
  EXPECT_TRUE(limiter.Allow("d", kStart));   // evicts b
  EXPECT_EQ(limiter.size(), 3u);
  EXPECT_FALSE(limiter.Allow("a", kStart));  // still remembered
  EXPECT_FALSE(limiter.Allow("c", kStart));
  EXPECT_TRUE(limiter.Allow("b", kStart));  // forgotten: full bucket again
  EXPECT_EQ(limiter.size(), 3u);
}

TEST(RateLimiter, ConcurrentCallersNeverExceedBurst) {
  RateLimiter limiter({.burst = 100, .refill_per_second = 0.001, .max_keys = 10});
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) {
        if (limiter.Allow("shared", kStart)) ++allowed;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(allowed.load(), 100);
}

}  // namespace
}  // namespace kin::http
