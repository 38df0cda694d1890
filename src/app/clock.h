// The one place the application reads the time. Core takes time as an argument; tests inject a FakeClock.
#ifndef KIN_APP_CLOCK_H_
#define KIN_APP_CLOCK_H_

#include <chrono>

#include "core/time.h"

namespace kin {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

class SystemClock : public Clock {
 public:
  Timestamp Now() const override {
    return std::chrono::time_point_cast<Seconds>(std::chrono::system_clock::now());
  }
};

}  // namespace kin

#endif  // KIN_APP_CLOCK_H_
