#include "http/rate_limiter.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace kin::http {

RateLimiter::RateLimiter(RateLimiterOptions options) : options_(options) {
  assert(options_.burst >= 1);
  assert(options_.refill_per_second > 0);
  assert(options_.max_keys >= 1);
}

double RateLimiter::TokensAt(const Bucket& bucket, TimePoint now) const {
  if (now <= bucket.updated) return bucket.tokens;
  double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
  return std::min(options_.burst, bucket.tokens + elapsed * options_.refill_per_second);
}

bool RateLimiter::Allow(const std::string& key, TimePoint now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= options_.max_keys) {
      buckets_.erase(lru_.back());
      lru_.pop_back();
    }
    lru_.push_front(key);
    buckets_.emplace(key, Bucket{options_.burst - 1, now, lru_.begin()});
    return true;
  }
  Bucket& bucket = it->second;
  lru_.splice(lru_.begin(), lru_, bucket.lru);
  bucket.tokens = TokensAt(bucket, now);
  bucket.updated = std::max(bucket.updated, now);
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

std::chrono::seconds RateLimiter::RetryAfter(const std::string& key, TimePoint now) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) return std::chrono::seconds(0);
  double missing = 1 - TokensAt(it->second, now);
  if (missing <= 0) return std::chrono::seconds(0);
  return std::chrono::seconds(
      static_cast<long long>(std::ceil(missing / options_.refill_per_second)));
}

size_t RateLimiter::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return buckets_.size();
}

}  // namespace kin::http
