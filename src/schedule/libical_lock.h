// One lock around every call into libical. Its builtin-zone cache, each zone's lazily expanded table of changes
// and (depending on how it was built) its error number are process-wide state; serialising our calls keeps them
// safe without depending on libical's build options. Internal to src/schedule.
#ifndef KIN_SCHEDULE_LIBICAL_LOCK_H_
#define KIN_SCHEDULE_LIBICAL_LOCK_H_

#include <mutex>

namespace kin::schedule {

std::mutex& LibicalLock();

}  // namespace kin::schedule

#endif  // KIN_SCHEDULE_LIBICAL_LOCK_H_
