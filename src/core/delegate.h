// Delegates: members an assembly elected, with a written mandate, to speak for the hub in councils; recallable by
// the same assembly at any time (a proposal of kind recall).
#ifndef KIN_CORE_DELEGATE_H_
#define KIN_CORE_DELEGATE_H_

#include <optional>
#include <string>

#include "core/ids.h"
#include "core/proposal.h"
#include "core/time.h"

namespace kin {

using DelegateId = Id<struct DelegateTag>;

enum class DelegateStatus { kActive, kRecalled };
const char* DelegateStatusName(DelegateStatus s);
std::optional<DelegateStatus> ParseDelegateStatus(const std::string& name);

struct Delegate {
  DelegateId id;
  HubId hub;                 // the hub they represent
  MemberId member;
  std::string mandate;       // from the election
  ProposalId elected_by;     // the election proposal
  Timestamp elected_at{};
  DelegateStatus status = DelegateStatus::kActive;
  std::optional<ProposalId> recalled_by;
  std::optional<Timestamp> ended_at;
};

}  // namespace kin

#endif  // KIN_CORE_DELEGATE_H_
