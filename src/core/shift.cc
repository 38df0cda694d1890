#include "core/shift.h"

#include <set>

#include "core/validation.h"

namespace kin {

const char* CapPeriodName(CapPeriod p) { return p == CapPeriod::kWeek ? "week" : "month"; }

std::optional<CapPeriod> ParseCapPeriod(const std::string& name) {
  if (name == "week") return CapPeriod::kWeek;
  if (name == "month") return CapPeriod::kMonth;
  return std::nullopt;
}

const char* SignupStatusName(SignupStatus s) {
  switch (s) {
    case SignupStatus::kConfirmed: return "confirmed";
    case SignupStatus::kWaiting: return "waiting";
    case SignupStatus::kWithdrawn: return "withdrawn";
  }
  return "withdrawn";
}

std::optional<SignupStatus> ParseSignupStatus(const std::string& name) {
  for (SignupStatus s : {SignupStatus::kConfirmed, SignupStatus::kWaiting, SignupStatus::kWithdrawn}) {
    if (name == SignupStatusName(s)) return s;
  }
  return std::nullopt;
}

const char* SwapStatusName(SwapStatus s) {
  switch (s) {
    case SwapStatus::kProposed: return "proposed";
    case SwapStatus::kAccepted: return "accepted";
    case SwapStatus::kDeclined: return "declined";
  }
  return "declined";
}

Status ValidateShiftDetails(const ShiftDetails& d) {
  FieldErrors errors;
  CheckText("name", d.name, 120, /*required=*/true, errors);
  CheckText("place", d.place, 200, /*required=*/true, errors);
  CheckText("description", d.description, 2000, /*required=*/false, errors);
  CheckRange("duration_minutes", d.duration.count(), 15, 24 * 60, errors);
  if (d.exdates.size() > 500) errors.Add("exdates", "must list at most 500 dates");
  if (d.slots.empty()) errors.Add("slots", "must list at least one slot, e.g. {\"role\": \"cook\", \"max_people\": 3}");
  if (d.slots.size() > 20) errors.Add("slots", "must list at most 20 slots");
  std::set<std::string> roles;
  for (size_t i = 0; i < d.slots.size(); ++i) {
    const ShiftSlot& s = d.slots[i];
    const std::string at = "slots[" + std::to_string(i) + "].";
    CheckToken(at + "role", s.role, 40, errors);
    if (!roles.insert(s.role).second) errors.Add(at + "role", "appears in two slots; give each role one slot");
    CheckText(at + "qualification", s.qualification, 200, /*required=*/s.role == "medic", errors);
    CheckRange(at + "min_people", s.min_people, 0, 100, errors);
    CheckRange(at + "max_people", s.max_people, 1, 100, errors);
    if (s.min_people > s.max_people) errors.Add(at + "min_people", "must not be more than max_people");
  }
  return errors.ToStatus();
}

Status ValidateShiftPolicy(const ShiftPolicy& p) {
  FieldErrors errors;
  CheckRange("withdraw_cutoff_minutes", p.withdraw_cutoff.count(), 0, 14 * 24 * 60, errors);
  CheckRange("opens_before_minutes", p.opens_before.count(), 0, 365 * 24 * 60, errors);
  CheckRange("popular_cap", p.popular_cap, 0, 100, errors);
  return errors.ToStatus();
}

}  // namespace kin
