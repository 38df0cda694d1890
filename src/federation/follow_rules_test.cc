// The follow state machine, table-driven: every (direction, state, event) that matters.
#include "federation/follow_rules.h"

#include <gtest/gtest.h>

namespace kin::federation {
namespace {

using D = FollowDirection;
using S = FollowState;
using E = FollowEvent;
using X = FollowEffect;

struct Row {
  D direction;
  std::optional<S> from;
  E event;
  std::optional<S> to;
  X effect;
  bool changed;
};

TEST(FollowRules, TransitionsAsDocumented) {
  const Row rows[] = {
      {D::kFollowing, std::nullopt, E::kAsk, S::kPending, X::kSendFollow, true},
      {D::kFollowing, S::kRejected, E::kAsk, S::kPending, X::kSendFollow, true},
      {D::kFollowing, S::kPending, E::kAcceptReceived, S::kAccepted, X::kNone, true},
      {D::kFollowing, S::kAccepted, E::kAcceptReceived, S::kAccepted, X::kNone, false},
      {D::kFollowing, S::kPending, E::kRejectReceived, S::kRejected, X::kNone, true},
      {D::kFollowing, S::kAccepted, E::kRejectReceived, S::kRejected, X::kNone, true},
      {D::kFollowing, S::kRejected, E::kRejectReceived, S::kRejected, X::kNone, false},
      {D::kFollowing, S::kPending, E::kUnfollow, std::nullopt, X::kSendUndoFollow, true},
      {D::kFollowing, S::kAccepted, E::kUnfollow, std::nullopt, X::kSendUndoFollow, true},
      {D::kFollowing, S::kRejected, E::kUnfollow, std::nullopt, X::kNone, true},
      {D::kFollower, std::nullopt, E::kFollowReceived, S::kPending, X::kNone, true},
      {D::kFollower, S::kRejected, E::kFollowReceived, S::kPending, X::kNone, true},
      {D::kFollower, S::kPending, E::kFollowReceived, S::kPending, X::kNone, false},
      {D::kFollower, S::kAccepted, E::kFollowReceived, S::kAccepted, X::kSendAccept, false},
      {D::kFollower, S::kPending, E::kApprove, S::kAccepted, X::kSendAccept, true},
      {D::kFollower, S::kPending, E::kReject, S::kRejected, X::kSendReject, true},
      {D::kFollower, S::kAccepted, E::kReject, S::kRejected, X::kSendReject, true},
      {D::kFollower, S::kAccepted, E::kUndoReceived, std::nullopt, X::kNone, true},
      {D::kFollower, S::kPending, E::kUndoReceived, std::nullopt, X::kNone, true},
      {D::kFollower, std::nullopt, E::kUndoReceived, std::nullopt, X::kNone, false},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(std::string(FollowDirectionName(r.direction)) + " from " +
                 (r.from ? FollowStateName(*r.from) : "none") + " event " + std::to_string(static_cast<int>(r.event)));
    Result<FollowTransition> t = ApplyFollowEvent(r.direction, r.from, r.event);
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    EXPECT_EQ(t->next, r.to);
    EXPECT_EQ(t->effect, r.effect);
    EXPECT_EQ(t->changed, r.changed);
  }
}

TEST(FollowRules, RefusesWhatDoesNotApplyWithAConflictACoordinatorCanRead) {
  struct Bad {
    D direction;
    std::optional<S> from;
    E event;
  };
  const Bad rows[] = {
      {D::kFollowing, S::kPending, E::kAsk},         {D::kFollowing, S::kAccepted, E::kAsk},
      {D::kFollowing, std::nullopt, E::kAcceptReceived}, {D::kFollowing, S::kRejected, E::kAcceptReceived},
      {D::kFollowing, std::nullopt, E::kUnfollow},   {D::kFollowing, std::nullopt, E::kRejectReceived},
      {D::kFollower, std::nullopt, E::kApprove},     {D::kFollower, S::kAccepted, E::kApprove},
      {D::kFollower, S::kRejected, E::kApprove},     {D::kFollower, std::nullopt, E::kReject},
      {D::kFollower, S::kRejected, E::kReject},
  };
  for (const Bad& b : rows) {
    Result<FollowTransition> t = ApplyFollowEvent(b.direction, b.from, b.event);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.status().kind(), StatusKind::kConflict);
    EXPECT_FALSE(t.status().message().empty());
  }
}

TEST(FollowRules, EventsOfTheOtherDirectionAreInvalid) {
  EXPECT_EQ(ApplyFollowEvent(D::kFollowing, S::kPending, E::kApprove).status().kind(), StatusKind::kInvalid);
  EXPECT_EQ(ApplyFollowEvent(D::kFollower, S::kPending, E::kAcceptReceived).status().kind(), StatusKind::kInvalid);
}

}  // namespace
}  // namespace kin::federation
