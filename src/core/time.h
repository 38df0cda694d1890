// Time is passed into core as values; core never reads a clock.
#ifndef KIN_CORE_TIME_H_
#define KIN_CORE_TIME_H_

#include <chrono>

namespace kin {

using Timestamp = std::chrono::sys_seconds;  // UTC, whole seconds
using Seconds = std::chrono::seconds;

struct TimeWindow {
  Timestamp start;
  Timestamp end;  // exclusive; end > start
  bool operator==(const TimeWindow&) const = default;
};

}  // namespace kin

#endif  // KIN_CORE_TIME_H_
