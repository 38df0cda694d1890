#include "federation/follow_rules.h"

namespace kin::federation {
namespace {

bool IsFollowingEvent(FollowEvent e) {
  return e == FollowEvent::kAsk || e == FollowEvent::kAcceptReceived || e == FollowEvent::kRejectReceived ||
         e == FollowEvent::kUnfollow;
}

FollowTransition To(std::optional<FollowState> next, FollowEffect effect) { return {next, effect, true}; }
FollowTransition Same(std::optional<FollowState> current) { return {current, FollowEffect::kNone, false}; }

Result<FollowTransition> Following(std::optional<FollowState> current, FollowEvent event) {
  bool live = current == FollowState::kPending || current == FollowState::kAccepted;
  switch (event) {
    case FollowEvent::kAsk:
      if (current == FollowState::kAccepted) return Status::Conflict("the hub already follows that actor");
      if (current == FollowState::kPending) return Status::Conflict("the hub already asked to follow that actor");
      return To(FollowState::kPending, FollowEffect::kSendFollow);
    case FollowEvent::kAcceptReceived:
      if (current == FollowState::kAccepted) return Same(current);
      if (current != FollowState::kPending) return Status::Conflict("no follow request is waiting for that answer");
      return To(FollowState::kAccepted, FollowEffect::kNone);
    case FollowEvent::kRejectReceived:
      if (current == FollowState::kRejected) return Same(current);
      if (!live) return Status::Conflict("the hub does not follow that actor");
      return To(FollowState::kRejected, FollowEffect::kNone);
    case FollowEvent::kUnfollow:
      if (!current) return Status::Conflict("the hub does not follow that actor");
      // After a refusal there is nothing to take back on the other side: forget it quietly.
      return To(std::nullopt, live ? FollowEffect::kSendUndoFollow : FollowEffect::kNone);
    default:
      break;
  }
  return Status::Invalid("that event is about followers, not about whom the hub follows");
}

Result<FollowTransition> Follower(std::optional<FollowState> current, FollowEvent event) {
  switch (event) {
    case FollowEvent::kFollowReceived:
      // Asking again while pending changes nothing; an accepted follower asking again (servers re-send Follows
      // when they lost track) is answered with Accept again; after a refusal the actor may ask anew.
      if (current == FollowState::kPending) return Same(current);
      if (current == FollowState::kAccepted) return FollowTransition{current, FollowEffect::kSendAccept, false};
      return To(FollowState::kPending, FollowEffect::kNone);
    case FollowEvent::kApprove:
      if (current == FollowState::kAccepted) return Status::Conflict("that follower is already approved");
      if (current != FollowState::kPending) return Status::Conflict("there is no follow request from that actor");
      return To(FollowState::kAccepted, FollowEffect::kSendAccept);
    case FollowEvent::kReject:
      if (current == FollowState::kRejected) return Status::Conflict("that follow request was already refused");
      if (!current) return Status::Conflict("there is no follow request from that actor");
      return To(FollowState::kRejected, FollowEffect::kSendReject);
    case FollowEvent::kUndoReceived:
      if (!current) return Same(current);
      return To(std::nullopt, FollowEffect::kNone);
    default:
      break;
  }
  return Status::Invalid("that event is about whom the hub follows, not about followers");
}

}  // namespace

Result<FollowTransition> ApplyFollowEvent(FollowDirection direction, std::optional<FollowState> current,
                                          FollowEvent event) {
  if (direction == FollowDirection::kFollowing) {
    if (!IsFollowingEvent(event)) return Status::Invalid("that event is about followers, not about whom the hub follows");
    return Following(current, event);
  }
  return Follower(current, event);
}

}  // namespace kin::federation
