#include "core/assembly_settings.h"

#include "core/validation.h"

namespace kin {

Status ValidateAssemblySettings(const AssemblySettings& s) {
  FieldErrors errors;
  CheckRange("waiting_days", s.waiting_days, 0, 365, errors);
  CheckRange("vouches_needed", s.vouches_needed, 1, 20, errors);
  return errors.ToStatus();
}

Timestamp WaitingCutoff(const AssemblySettings& s, Timestamp now) {
  return now - Seconds(static_cast<int64_t>(s.waiting_days) * 24 * 3600);
}

Status CheckVouch(const AssemblySettings& s, const MemberId& voucher, Timestamp voucher_joined,
                  const MemberId& member, Timestamp now) {
  if (voucher == member) return Status::InvalidField("member", "you cannot vouch for yourself");
  if (voucher_joined > WaitingCutoff(s, now)) {
    return Status::Forbidden("you can vouch for others once you have been a member for " +
                             std::to_string(s.waiting_days) + " days");
  }
  return Status::Ok();
}

}  // namespace kin
