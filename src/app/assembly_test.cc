// The assembly's rules over a real SQLite store, with time moved by hand: proposals open and close on time,
// the electorate is frozen at opening, and one member has one ballot.
#include <gtest/gtest.h>

#include "app/app.h"
#include "testing/app_fixture.h"
#include "testing/fake_clock.h"
#include "testing/temp_store.h"

namespace kin {
namespace {

// A consent or majority ballot.
Ballot Pos(std::string position, std::string reason = "") {
  Ballot b;
  b.position = std::move(position);
  b.reason = std::move(reason);
  return b;
}

class AssemblyTest : public ::testing::Test {
 protected:
  AssemblyTest() : app_(temp_.store(), clock_, testing::CheapAppOptions()) {
    HubSettings settings;
    settings.name = "Riverside";
    EXPECT_TRUE(app_.hubs.CreateAsAdmin("riverside", settings).ok());
    coordinator_ = Join("coord", Role::kCoordinator);
    member_ = Join("member", Role::kMember);
  }

  Caller Join(const std::string& handle, Role role) {
    return testing::JoinHub(app_, "riverside", handle, role);
  }

  ProposalDetails Details() {
    ProposalDetails d;
    d.title = "Sunday pantry";
    d.method = CountingMethod::kMajority;
    d.opens_at = clock_.Now() + Seconds(600);
    d.closes_at = clock_.Now() + Seconds(3600);
    return d;
  }

  testing::TempStore temp_;
  testing::FakeClock clock_;
  App app_;
  Caller coordinator_;
  Caller member_;
};

TEST_F(AssemblyTest, TheSweeperOpensAndClosesOnTime) {
  Result<ProposalView> p = app_.assembly.Create(member_, "riverside", Details());
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ProposalId id = p->proposal.id;
  EXPECT_EQ(*app_.assembly.OpenDue(), 0);
  clock_.Advance(Seconds(600));
  EXPECT_EQ(*app_.assembly.OpenDue(), 1);
  Result<ProposalView> open = app_.assembly.Get(member_, id);
  EXPECT_EQ(open->proposal.status, ProposalStatus::kOpen);
  EXPECT_EQ(open->proposal.electorate_size, 2);
  EXPECT_TRUE(app_.assembly.Vote(member_, id, Pos("yes")).ok());
  EXPECT_EQ(*app_.assembly.CloseDue(), 0);
  clock_.Advance(Seconds(3000));
  // Past closes_at, votes are refused even before the sweeper has run.
  EXPECT_EQ(app_.assembly.Vote(coordinator_, id, Pos("no")).status().kind(), StatusKind::kConflict);
  EXPECT_EQ(*app_.assembly.CloseDue(), 1);
  Result<ProposalView> closed = app_.assembly.Get(member_, id);
  ASSERT_EQ(closed->proposal.status, ProposalStatus::kClosed);
  ASSERT_TRUE(closed->proposal.outcome.has_value());
  EXPECT_TRUE(closed->proposal.outcome->passes);
  EXPECT_EQ(closed->proposal.outcome->participants, 1);
  EXPECT_EQ(*app_.assembly.CloseDue(), 0);
}

TEST_F(AssemblyTest, MembersWhoJoinAfterOpeningCannotVote) {
  ProposalDetails d = Details();
  d.opens_at.reset();
  Result<ProposalView> p = app_.assembly.Create(coordinator_, "riverside", d);
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(app_.assembly.Open(coordinator_, p->proposal.id).ok());
  Caller late = Join("late", Role::kMember);
  EXPECT_EQ(app_.assembly.Vote(late, p->proposal.id, Pos("yes")).status().kind(), StatusKind::kForbidden);
}

TEST_F(AssemblyTest, ASecondBallotIsRefusedAndStoresNothing) {
  ProposalDetails d = Details();
  d.opens_at.reset();
  Result<ProposalView> p = app_.assembly.Create(coordinator_, "riverside", d);
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(app_.assembly.Open(coordinator_, p->proposal.id).ok());
  ASSERT_TRUE(app_.assembly.Vote(member_, p->proposal.id, Pos("yes")).ok());
  EXPECT_EQ(app_.assembly.Vote(member_, p->proposal.id, Pos("no")).status().kind(), StatusKind::kConflict);
  Result<ProposalView> closed = app_.assembly.Close(coordinator_, p->proposal.id);
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->proposal.ballots_cast, 1);
  EXPECT_EQ(closed->proposal.outcome->totals[0].value, "1");  // yes
  EXPECT_EQ(closed->proposal.outcome->totals[1].value, "0");  // the refused "no" left no trace
}

TEST_F(AssemblyTest, NewMembersWaitUnlessVouchedForByMembersPastTheWait) {
  ASSERT_TRUE(app_.assembly.PutSettings(coordinator_, "riverside", {7, 2}).ok());
  EXPECT_EQ(app_.assembly.PutSettings(member_, "riverside", {0, 1}).status().kind(), StatusKind::kForbidden);
  clock_.Advance(Seconds(8 * 24 * 3600));
  Caller vouched = Join("vouched", Role::kMember);
  Caller half = Join("half", Role::kMember);
  Caller waiting = Join("waiting", Role::kMember);
  // A newcomer's vouch does not count, and nobody vouches twice or for themselves.
  EXPECT_EQ(app_.assembly.Vouch(waiting, "riverside", *vouched.member).kind(), StatusKind::kForbidden);
  EXPECT_EQ(app_.assembly.Vouch(member_, "riverside", *member_.member).kind(), StatusKind::kInvalid);
  ASSERT_TRUE(app_.assembly.Vouch(member_, "riverside", *vouched.member).ok());
  EXPECT_EQ(app_.assembly.Vouch(member_, "riverside", *vouched.member).kind(), StatusKind::kConflict);
  ASSERT_TRUE(app_.assembly.Vouch(coordinator_, "riverside", *vouched.member).ok());
  ASSERT_TRUE(app_.assembly.Vouch(coordinator_, "riverside", *half.member).ok());
  // Vouches are the people's own data: each side finds them in their export.
  Result<PersonalExport> given = app_.personal_data.Export(member_);
  ASSERT_TRUE(given.ok());
  ASSERT_EQ(given->vouches.size(), 1u);
  EXPECT_EQ(given->vouches[0].member, *vouched.member);
  EXPECT_EQ(app_.personal_data.Export(vouched)->vouches.size(), 2u);

  ProposalDetails d = Details();
  d.opens_at.reset();
  Result<ProposalView> p = app_.assembly.Create(coordinator_, "riverside", d);
  ASSERT_TRUE(p.ok());
  Result<ProposalView> open = app_.assembly.Open(coordinator_, p->proposal.id);
  ASSERT_TRUE(open.ok()) << open.status().ToString();
  EXPECT_EQ(open->proposal.electorate_size, 3);  // coordinator, member, and the member with two vouches
  EXPECT_TRUE(app_.assembly.Vote(vouched, p->proposal.id, Pos("yes")).ok());
  EXPECT_EQ(app_.assembly.Vote(half, p->proposal.id, Pos("yes")).status().kind(), StatusKind::kForbidden);
  EXPECT_EQ(app_.assembly.Vote(waiting, p->proposal.id, Pos("yes")).status().kind(), StatusKind::kForbidden);
}

}  // namespace
}  // namespace kin
