// A clock tests set and advance by hand.
#ifndef KIN_TESTING_FAKE_CLOCK_H_
#define KIN_TESTING_FAKE_CLOCK_H_

#include <atomic>

#include "app/clock.h"

namespace kin::testing {

class FakeClock : public Clock {
 public:
  explicit FakeClock(Timestamp start = Timestamp(Seconds(1'790'000'000))) : now_(start.time_since_epoch().count()) {}
  Timestamp Now() const override { return Timestamp(Seconds(now_.load())); }
  void Advance(Seconds by) { now_ += by.count(); }

 private:
  std::atomic<long long> now_;
};

}  // namespace kin::testing

#endif  // KIN_TESTING_FAKE_CLOCK_H_
