// How a hub's assembly resists capture: new members vote only after a waiting period, unless members who are past
// it vouch for them. One member, one ballot holds by construction (see core/proposal.h); this holds off a group
// that joins in a rush to swing a vote.
#ifndef KIN_CORE_ASSEMBLY_SETTINGS_H_
#define KIN_CORE_ASSEMBLY_SETTINGS_H_

#include "core/ids.h"
#include "core/status.h"
#include "core/time.h"

namespace kin {

struct AssemblySettings {
  int waiting_days = 0;    // days after joining before a member is in new electorates (0..365); 0: at once
  int vouches_needed = 2;  // vouches from members past the waiting period that admit a member sooner (1..20)
  bool operator==(const AssemblySettings&) const = default;
};

struct Vouch {
  HubId hub;
  MemberId member;   // who is vouched for
  MemberId voucher;  // who vouches
  Timestamp at{};
};

Status ValidateAssemblySettings(const AssemblySettings& s);

// Members who joined at or before this time are past the waiting period at `now`.
Timestamp WaitingCutoff(const AssemblySettings& s, Timestamp now);

// A member may vouch for another member of the same hub, not for themselves, once past the waiting period.
Status CheckVouch(const AssemblySettings& s, const MemberId& voucher, Timestamp voucher_joined,
                  const MemberId& member, Timestamp now);

}  // namespace kin

#endif  // KIN_CORE_ASSEMBLY_SETTINGS_H_
