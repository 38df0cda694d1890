// A token-bucket rate limiter keyed by string: an IP address for public intake, "login:<handle>"
// for sign-in attempts. Each key's bucket starts full with `burst` tokens and regains
// `refill_per_second` tokens per second up to `burst`; each allowed attempt takes one token.
//
// Time is an argument so that tests and callers with a fake clock are deterministic.
//
// Memory is bounded: at most `max_keys` buckets are kept; beyond that the least recently used key
// is forgotten, which is the same as giving it a full bucket. A bucket that has refilled completely
// carries no information, so forgetting idle keys loses nothing; only a flood of more than
// `max_keys` distinct keys between two attempts of one key can reset that key early.
//
// Thread-safety: all methods may be called from many threads at once (one mutex).
#ifndef KIN_HTTP_RATE_LIMITER_H_
#define KIN_HTTP_RATE_LIMITER_H_

#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

namespace kin::http {

struct RateLimiterOptions {
  double burst = 10;             // attempts at once; a new key starts with this many tokens (>= 1)
  double refill_per_second = 1;  // tokens regained per second (> 0)
  size_t max_keys = 100'000;     // keys remembered at most; least recently used forgotten first
};

class RateLimiter {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  explicit RateLimiter(RateLimiterOptions options = {});

  RateLimiter(const RateLimiter&) = delete;
  RateLimiter& operator=(const RateLimiter&) = delete;

  // Takes one token from key's bucket and returns true, or returns false (taking nothing) when the
  // bucket is empty. `now` should not go backwards for a key; if it does, no tokens are added.
  bool Allow(const std::string& key, TimePoint now);

  // Whole seconds until Allow(key, ...) would succeed, rounded up; 0 when it would succeed now. For
  // the Retry-After header of a 429 answer. Does not take a token.
  std::chrono::seconds RetryAfter(const std::string& key, TimePoint now) const;

  // Number of keys remembered (at most options.max_keys).
  size_t size() const;

 private:
  struct Bucket {
    double tokens;
    TimePoint updated;
    std::list<std::string>::iterator lru;  // position in lru_
  };

  double TokensAt(const Bucket& bucket, TimePoint now) const;

  const RateLimiterOptions options_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;  // guarded by mu_
  std::list<std::string> lru_;                       // guarded by mu_; most recently used first
};

}  // namespace kin::http

#endif  // KIN_HTTP_RATE_LIMITER_H_
