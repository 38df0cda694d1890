#include "schedule/reminders.h"

#include <algorithm>

namespace kin::schedule {

std::optional<Minutes> ReminderDue(Timestamp start, const std::vector<Minutes>& offsets, Timestamp now) {
  if (now >= start) return std::nullopt;
  std::optional<Minutes> due;
  for (Minutes o : offsets) {
    if (now >= start - o && (!due || o < *due)) due = o;
  }
  return due;
}

std::vector<ShortSlot> ShortSlots(const std::vector<ShiftSlot>& slots, const std::vector<Signup>& places) {
  std::vector<ShortSlot> out;
  for (const ShiftSlot& slot : slots) {
    const int confirmed = static_cast<int>(std::count_if(places.begin(), places.end(), [&](const Signup& p) {
      return p.role == slot.role && p.status == SignupStatus::kConfirmed;
    }));
    if (confirmed < slot.min_people) out.push_back({slot.role, slot.min_people - confirmed});
  }
  return out;
}

}  // namespace kin::schedule
