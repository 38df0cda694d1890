// The rules of following between hubs, as a pure state machine: given where a follow stands (or that there is
// none) and what happened, where it goes and what the hub must send. No I/O, no clock, no JSON: the application
// layer reads the state, calls Apply, writes the result and queues the activity named by the effect.
//
//   following (we follow them):  none --ask--> pending --their Accept--> accepted
//                                pending|accepted --their Reject--> rejected --ask--> pending
//                                pending|accepted --unfollow--> none (send Undo(Follow))
//   follower (they follow us):   none|rejected --their Follow--> pending --approve--> accepted (send Accept)
//                                pending|accepted --reject--> rejected (send Reject)
//                                any --their Undo(Follow)--> none
#ifndef KIN_FEDERATION_FOLLOW_RULES_H_
#define KIN_FEDERATION_FOLLOW_RULES_H_

#include <optional>

#include "core/federation.h"
#include "core/status.h"

namespace kin::federation {

enum class FollowEvent {
  kAsk,             // our coordinator asks to follow a remote actor (following)
  kAcceptReceived,  // the remote actor accepted our Follow (following)
  kRejectReceived,  // the remote actor rejected our Follow, or removed us (following)
  kUnfollow,        // our coordinator stops following (following)
  kFollowReceived,  // a remote actor asks to follow us (follower)
  kApprove,         // our coordinator approves a follow request (follower)
  kReject,          // our coordinator refuses a request or removes a follower (follower)
  kUndoReceived,    // the remote actor withdrew its Follow (follower)
};

// What the hub sends because of a transition.
enum class FollowEffect {
  kNone,
  kSendFollow,      // Follow to the remote actor
  kSendUndoFollow,  // Undo(Follow) to the remote actor
  kSendAccept,      // Accept(their Follow)
  kSendReject,      // Reject(their Follow)
};

struct FollowTransition {
  std::optional<FollowState> next;  // nullopt: the follow no longer exists
  FollowEffect effect = FollowEffect::kNone;
  bool changed = false;  // false: a repeat that changes nothing (idempotent receipt)
};

// kConflict with a message a coordinator can read when the event does not apply (approving what is not pending,
// following twice), and kInvalid when the event belongs to the other direction.
Result<FollowTransition> ApplyFollowEvent(FollowDirection direction, std::optional<FollowState> current,
                                          FollowEvent event);

}  // namespace kin::federation

#endif  // KIN_FEDERATION_FOLLOW_RULES_H_
