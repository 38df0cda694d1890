#include "core/federation.h"

namespace kin {

const char* FollowDirectionName(FollowDirection d) {
  return d == FollowDirection::kFollowing ? "following" : "follower";
}

const char* FollowStateName(FollowState s) {
  switch (s) {
    case FollowState::kPending: return "pending";
    case FollowState::kAccepted: return "accepted";
    case FollowState::kRejected: return "rejected";
  }
  return "pending";
}

std::optional<FollowDirection> ParseFollowDirection(const std::string& s) {
  if (s == "following") return FollowDirection::kFollowing;
  if (s == "follower") return FollowDirection::kFollower;
  return std::nullopt;
}

std::optional<FollowState> ParseFollowState(const std::string& s) {
  if (s == "pending") return FollowState::kPending;
  if (s == "accepted") return FollowState::kAccepted;
  if (s == "rejected") return FollowState::kRejected;
  return std::nullopt;
}

}  // namespace kin
