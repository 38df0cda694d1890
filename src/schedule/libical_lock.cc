#include "schedule/libical_lock.h"

namespace kin::schedule {

std::mutex& LibicalLock() {
  static std::mutex lock;
  return lock;
}

}  // namespace kin::schedule
