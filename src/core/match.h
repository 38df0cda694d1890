// A match pairs a need with an offer. At most one match per need is active at a time.
//
//   proposed -> accepted | declined           (a coordinator paired them; the helper answers)
//   accepted -> in_progress | completed | released
//   in_progress -> completed | released
//   proposed | accepted | in_progress -> cancelled   (the need was cancelled)
//
// A claim by the helper starts at accepted. Each match transition implies a need transition, given by
// NeedStatusAfter(), so the two never drift apart.
#ifndef KIN_CORE_MATCH_H_
#define KIN_CORE_MATCH_H_

#include <optional>
#include <string>

#include "core/ids.h"
#include "core/need.h"
#include "core/status.h"
#include "core/time.h"

namespace kin {

enum class MatchStatus { kProposed, kAccepted, kInProgress, kCompleted, kDeclined, kReleased, kCancelled };
enum class MatchOrigin { kClaim, kCoordinator };

const char* MatchStatusName(MatchStatus s);
std::optional<MatchStatus> ParseMatchStatus(const std::string& name);
const char* MatchOriginName(MatchOrigin o);
std::optional<MatchOrigin> ParseMatchOrigin(const std::string& name);

bool IsActive(MatchStatus s);  // proposed, accepted or in_progress

struct Match {
  MatchId id;
  HubId hub;
  NeedId need;
  OfferId offer;
  MemberId helper;       // the offer's member
  MemberId proposed_by;  // the helper for a claim, the coordinator for a pairing
  MatchOrigin origin = MatchOrigin::kClaim;
  MatchStatus status = MatchStatus::kAccepted;
  std::string note;      // why this pairing, in the proposer's words
  std::string reason;    // why it was declined or released
  Timestamp created_at{};
  Timestamp updated_at{};
};

Status CheckMatchTransition(MatchStatus from, MatchStatus to);

// The need's status once its active match moves to `to`.
NeedStatus NeedStatusAfter(MatchStatus to);

// Declining and releasing require a reason so coordinators can learn from it.
Status ValidateReason(const std::string& reason, bool required);

}  // namespace kin

#endif  // KIN_CORE_MATCH_H_
