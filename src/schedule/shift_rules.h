// The rules of signing up for, leaving, swapping and working a shift occurrence. Pure: the caller passes `now`,
// the person's other sign-ups and the hub's policy; each rule answers with a Status whose message says what to do.
#ifndef KIN_SCHEDULE_SHIFT_RULES_H_
#define KIN_SCHEDULE_SHIFT_RULES_H_

#include <string>
#include <vector>

#include "core/shift.h"
#include "core/status.h"
#include "core/time.h"

namespace kin::schedule {

// How early before the start a person may check in.
inline constexpr Minutes kCheckInEarly{30};

// Sign-ups open `policy.opens_before` before the start (always, when 0) and close at the start.
// kConflict "sign-ups for this shift open at <RFC 3339>" / "this shift has already started".
Status CheckSignupWindow(Timestamp now, Timestamp start, const ShiftPolicy& policy);

// The first of `mine` (the person's active sign-ups) that overlaps [start, end), or nullptr. Touching ends
// (one shift ending at 12:00, the next starting at 12:00) do not overlap.
const Signup* FindCollision(const std::vector<Signup>& mine, Timestamp start, Timestamp end);

// Confirmed while the slot has room, else the waiting list.
SignupStatus PlaceFor(int confirmed_in_slot, const ShiftSlot& slot);

// The calendar period (week from Monday, or month) holding a local time; equal keys mean the same period.
long long PeriodKey(LocalSeconds local, CapPeriod period);

// kConflict when a popular sign-up would give the person more than policy.popular_cap popular shifts in the
// period of `local_start`; `mine` are the person's active sign-ups.
Status CheckPopularCap(const std::vector<Signup>& mine, LocalSeconds local_start, const ShiftPolicy& policy);

// Withdrawing a confirmed place closes policy.withdraw_cutoff before the start; leaving the waiting list is
// always possible before the start.
Status CheckWithdraw(Timestamp now, const Signup& signup, const ShiftPolicy& policy);

// The waiting sign-up to promote when a confirmed place in `role` frees up: the earliest to join the list among
// `occurrence_signups` (in the order they signed up), or nullptr.
const Signup* NextFromWaitingList(const std::vector<Signup>& occurrence_signups, const std::string& role);

// Check-in: the person's own confirmed place, from kCheckInEarly before the start until the end, once.
Status CheckCheckIn(Timestamp now, const Signup& signup);

// Hours done: after the start, by someone who checked in and was not marked absent; 1 minute to 24 hours.
Status CheckHoursDone(Timestamp now, const Signup& signup, int minutes);

// A no-show is marked by a fellow member with a confirmed, checked-in place on the same occurrence, after the
// start, on someone confirmed who has not checked in. Never by oneself, never by someone off the shift.
Status CheckNoShow(Timestamp now, const Signup* marker, const Signup& absent);

}  // namespace kin::schedule

#endif  // KIN_SCHEDULE_SHIFT_RULES_H_
