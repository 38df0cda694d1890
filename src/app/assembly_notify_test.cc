// Issue 8: members hear when a proposal opens, when voting closes soon (if they have not voted) and how it ended,
// once each, whether the sweeper or a coordinator opened and closed it, in the language each member reads.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/app.h"
#include "testing/app_fixture.h"
#include "testing/fake_clock.h"
#include "testing/temp_store.h"

namespace kin {
namespace {

Ballot Pos(std::string position) {
  Ballot b;
  b.position = std::move(position);
  return b;
}

class AssemblyNotifyTest : public ::testing::Test {
 protected:
  AssemblyNotifyTest() : app_(temp_.store(), clock_, testing::CheapAppOptions()) {
    HubSettings settings;
    settings.name = "Riverside";
    settings.time_zone = "Europe/Madrid";
    EXPECT_TRUE(app_.hubs.CreateAsAdmin("riverside", settings).ok());
    coordinator_ = Join("coord", Role::kCoordinator);
    member_ = Join("member", Role::kMember, {"es"});
  }

  Caller Join(const std::string& handle, Role role, std::vector<std::string> languages = {}) {
    return testing::JoinHub(app_, "riverside", handle, role, handle, std::move(languages));
  }

  // Opens 10 minutes from now by the sweeper, closes an hour from now.
  ProposalId Draft(bool scheduled = true) {
    ProposalDetails d;
    d.title = "Sunday pantry";
    d.method = CountingMethod::kMajority;
    if (scheduled) d.opens_at = clock_.Now() + Seconds(600);
    d.closes_at = clock_.Now() + Seconds(3600);
    Result<ProposalView> p = app_.assembly.Create(member_, "riverside", d);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p->proposal.id;
  }

  std::vector<OutboxMessage> Of(const Caller& who, const std::string& kind) {
    std::vector<OutboxMessage> out;
    Result<Page<OutboxMessage>> mine = app_.notifications.Mine(who, {});
    EXPECT_TRUE(mine.ok()) << mine.status().ToString();
    for (OutboxMessage& m : mine->items) {
      if (m.kind == kind) out.push_back(std::move(m));
    }
    return out;
  }

  testing::TempStore temp_;
  testing::FakeClock clock_;
  App app_;
  Caller coordinator_;
  Caller member_;
};

TEST_F(AssemblyNotifyTest, TheSweeperTellsTheElectorateOnceAndTheHubTheOutcome) {
  ProposalId id = Draft();
  clock_.Advance(Seconds(600));
  ASSERT_EQ(*app_.assembly.OpenDue(), 1);
  Caller late = Join("late", Role::kMember);  // joined after opening: not in the frozen electorate
  ASSERT_EQ(Of(coordinator_, "proposal.opened").size(), 1u);
  EXPECT_EQ(Of(coordinator_, "proposal.opened")[0].subject, "Voting is open: Sunday pantry");
  EXPECT_EQ(Of(member_, "proposal.opened").size(), 1u);
  EXPECT_TRUE(Of(late, "proposal.opened").empty());

  ASSERT_TRUE(app_.assembly.Vote(member_, id, Pos("yes")).ok());
  // Voting lasts 50 minutes, less than two days: "closes soon" comes halfway, 25 minutes in.
  clock_.Advance(Seconds(1400));
  EXPECT_EQ(*app_.assembly.RemindClosing(), 0);
  clock_.Advance(Seconds(100));
  EXPECT_EQ(*app_.assembly.RemindClosing(), 1);  // the coordinator: the member has voted already
  EXPECT_EQ(*app_.assembly.RemindClosing(), 0);
  ASSERT_EQ(Of(coordinator_, "proposal.closing_soon").size(), 1u);
  EXPECT_TRUE(Of(member_, "proposal.closing_soon").empty());
  EXPECT_TRUE(Of(late, "proposal.closing_soon").empty());

  clock_.Advance(Seconds(1500));
  ASSERT_EQ(*app_.assembly.CloseDue(), 1);
  EXPECT_EQ(*app_.assembly.RemindClosing(), 0);  // closed: nothing more to remind of
  for (const Caller& who : {coordinator_, member_, late}) ASSERT_EQ(Of(who, "proposal.closed").size(), 1u);
  const OutboxMessage closed = Of(late, "proposal.closed")[0];
  EXPECT_EQ(closed.subject, "Result: Sunday pantry");
  EXPECT_NE(closed.body.find("it passed"), std::string::npos) << closed.body;
  EXPECT_NE(closed.body.find("1 of 2 members voted"), std::string::npos) << closed.body;
}

TEST_F(AssemblyNotifyTest, ProposalsOpenedAndClosedByHandNotifyToo) {
  ProposalId id = Draft(/*scheduled=*/false);
  ASSERT_TRUE(app_.assembly.Open(coordinator_, id).ok());
  EXPECT_EQ(Of(coordinator_, "proposal.opened").size(), 1u);
  EXPECT_EQ(Of(member_, "proposal.opened").size(), 1u);
  ASSERT_TRUE(app_.assembly.Close(coordinator_, id).ok());
  ASSERT_EQ(Of(coordinator_, "proposal.closed").size(), 1u);
  // Nobody voted, majority: it did not pass.
  EXPECT_NE(Of(coordinator_, "proposal.closed")[0].body.find("did not pass"), std::string::npos);
}

TEST_F(AssemblyNotifyTest, QuorumNotMetIsSaid) {
  ProposalDetails d;
  d.title = "Move the pantry";
  d.method = CountingMethod::kMajority;
  d.closes_at = clock_.Now() + Seconds(3600);
  d.quorum.count = 2;
  Result<ProposalView> p = app_.assembly.Create(member_, "riverside", d);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_TRUE(app_.assembly.Open(coordinator_, p->proposal.id).ok());
  ASSERT_TRUE(app_.assembly.Vote(member_, p->proposal.id, Pos("yes")).ok());
  ASSERT_TRUE(app_.assembly.Close(coordinator_, p->proposal.id).ok());
  const std::string body = Of(coordinator_, "proposal.closed")[0].body;
  EXPECT_NE(body.find("did not reach quorum"), std::string::npos) << body;
  EXPECT_NE(body.find("the quorum asked for 2"), std::string::npos) << body;
}

TEST_F(AssemblyNotifyTest, MessagesAreInTheMembersLanguageWithTimesInTheHubsZone) {
  ProposalId id = Draft(/*scheduled=*/false);
  ASSERT_TRUE(app_.assembly.Open(coordinator_, id).ok());
  // The fake clock starts at 2026-09-21T14:13:20Z; closing an hour later is 17:13 in Madrid (UTC+2).
  const OutboxMessage es = Of(member_, "proposal.opened").at(0);
  EXPECT_EQ(es.subject, "Votación abierta: Sunday pantry");
  EXPECT_NE(es.body.find("hasta el lun 21 sep 2026, 17:13 (Europe/Madrid)"), std::string::npos) << es.body;
  const OutboxMessage en = Of(coordinator_, "proposal.opened").at(0);
  EXPECT_NE(en.body.find("until Mon 21 Sep 2026, 17:13 (Europe/Madrid)"), std::string::npos) << en.body;
  // A member who changes language reads their earlier messages in the new one.
  ProfileUpdate update;
  update.languages = std::vector<std::string>{"en"};
  ASSERT_TRUE(app_.accounts.UpdateProfile(member_, update).ok());
  EXPECT_EQ(Of(member_, "proposal.opened").at(0).subject, "Voting is open: Sunday pantry");
}

}  // namespace
}  // namespace kin
