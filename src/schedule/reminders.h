// When to remind people of their shifts and when a shift is short-handed. Pure: `now` comes in.
#ifndef KIN_SCHEDULE_REMINDERS_H_
#define KIN_SCHEDULE_REMINDERS_H_

#include <optional>
#include <string>
#include <vector>

#include "core/shift.h"
#include "core/time.h"

namespace kin::schedule {

// How far ahead kin looks for short-handed occurrences to alert members about.
inline constexpr std::chrono::hours kEmptySlotAlertAhead{48};

// The reminder due now for a place starting at `start`: among the offsets whose moment (start - offset) has come
// while the shift has not started, the smallest, i.e. the latest reminder. nullopt when none is due. Sending only
// the latest means someone who signs up an hour before gets one reminder, not every one they missed.
std::optional<Minutes> ReminderDue(Timestamp start, const std::vector<Minutes>& offsets, Timestamp now);

struct ShortSlot {
  std::string role;
  int missing = 0;  // people needed to reach min_people
};

// Slots of an occurrence with fewer confirmed people than their minimum, given the occurrence's places.
std::vector<ShortSlot> ShortSlots(const std::vector<ShiftSlot>& slots, const std::vector<Signup>& places);

}  // namespace kin::schedule

#endif  // KIN_SCHEDULE_REMINDERS_H_
