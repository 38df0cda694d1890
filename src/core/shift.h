// Care and kitchen shifts: recurring work with slots for the roles it needs, sign-ups with a waiting list,
// swaps, check-in and hours done. Times of a series are local wall-clock times in the hub's zone; src/schedule
// turns them into instants. Hours are recorded to share the load, never to pay or rank anyone.
#ifndef KIN_CORE_SHIFT_H_
#define KIN_CORE_SHIFT_H_

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/status.h"
#include "core/time.h"

namespace kin {

using ShiftId = Id<struct ShiftTag>;
using SignupId = Id<struct SignupTag>;
using SwapId = Id<struct SwapTag>;

using LocalSeconds = std::chrono::local_seconds;  // wall-clock time in the hub's zone
using Minutes = std::chrono::minutes;

// One kind of work a shift needs: "cook" x 2-4, "driver" x 1, "medic" x 1 holding "first aid certificate".
struct ShiftSlot {
  std::string role;           // a short word: cook, driver, medic, helper
  std::string qualification;  // what a person in this slot must hold, in words; required for medic
  int min_people = 1;         // below this the shift is short-handed (0..100)
  int max_people = 1;         // sign-ups beyond this go to the waiting list (min..100)
  bool operator==(const ShiftSlot&) const = default;
};

struct ShiftDetails {
  std::string name;
  std::string place;
  std::string description;
  LocalSeconds dtstart{};            // first occurrence
  Minutes duration{120};             // 15 minutes to 24 hours
  std::string rrule;                 // RFC 5545 RRULE; empty: a one-off shift
  std::vector<LocalSeconds> exdates; // occurrences that do not happen
  std::vector<ShiftSlot> slots;      // 1..20, roles unique
  bool popular = false;              // counts toward the hub's cap on popular shifts per person and period
};

// A one-off change to one occurrence, named by the local time the rule gave it.
struct ShiftOverride {
  LocalSeconds recurrence_id{};
  bool cancelled = false;
  std::optional<LocalSeconds> start;  // moved to this local time
  bool operator==(const ShiftOverride&) const = default;
};

struct Shift {
  ShiftId id;
  HubId hub;
  ShiftDetails details;
  std::vector<ShiftOverride> overrides;
  MemberId created_by;
  Timestamp created_at{};
  Timestamp updated_at{};
};

enum class CapPeriod { kWeek, kMonth };
const char* CapPeriodName(CapPeriod p);
std::optional<CapPeriod> ParseCapPeriod(const std::string& name);

// How a hub shares its shifts out. Defaults: withdraw until 12 hours before, sign-ups always open, no cap.
struct ShiftPolicy {
  Minutes withdraw_cutoff{12 * 60};  // withdrawing closes this long before the start (0..14 days)
  Minutes opens_before{0};           // sign-ups open this long before the start; 0: as soon as it is scheduled
  int popular_cap = 0;               // popular shifts one person may hold per period; 0: no cap
  CapPeriod cap_period = CapPeriod::kWeek;  // calendar week (Monday first) or month, in the hub's zone
  bool operator==(const ShiftPolicy&) const = default;
};

enum class SignupStatus { kConfirmed, kWaiting, kWithdrawn };
const char* SignupStatusName(SignupStatus s);
std::optional<SignupStatus> ParseSignupStatus(const std::string& name);

struct Signup {
  SignupId id;
  HubId hub;
  ShiftId shift;
  LocalSeconds occurrence{};  // the occurrence's recurrence id
  std::string role;
  MemberId member;
  SignupStatus status = SignupStatus::kConfirmed;
  Timestamp start{};            // when the occurrence starts and ends, as scheduled when signing up
  Timestamp end{};
  LocalSeconds local_start{};   // the start on the hub's wall clock (for per-period caps)
  bool popular = false;
  std::optional<Timestamp> checked_in_at;
  std::optional<int> minutes_done;     // hours actually done, in minutes, as the person recorded them
  std::optional<MemberId> no_show_by;  // the fellow member on the shift who marked them absent
  Timestamp created_at{};
  Timestamp updated_at{};
  bool active() const { return status != SignupStatus::kWithdrawn; }
};

enum class SwapStatus { kProposed, kAccepted, kDeclined };
const char* SwapStatusName(SwapStatus s);

// One member hands their place to another, who takes it (or gives their own place back in exchange); both agree.
struct Swap {
  SwapId id;
  HubId hub;
  SignupId signup;                  // the place offered
  MemberId from;                    // who holds it now
  MemberId to;                      // who is asked to take it
  std::optional<SignupId> exchange; // the place `to` gives back, if it is an exchange
  SwapStatus status = SwapStatus::kProposed;
  Timestamp created_at{};
  std::optional<Timestamp> decided_at;
};

// Field checks of a shift's description and slots (the recurrence is checked by src/schedule).
Status ValidateShiftDetails(const ShiftDetails& d);
Status ValidateShiftPolicy(const ShiftPolicy& p);

}  // namespace kin

#endif  // KIN_CORE_SHIFT_H_
