// The application's rules over a real SQLite store, with time fixed by a FakeClock.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <iterator>
#include <thread>

#include "app/app.h"
#include "testing/app_fixture.h"
#include "testing/fake_clock.h"
#include "testing/temp_store.h"

namespace kin {
namespace {

class AppTest : public ::testing::Test {
 protected:
  AppTest() : app_(temp_.store(), clock_, testing::CheapAppOptions()) {
    HubSettings settings;
    settings.name = "Riverside";
    Result<HubCreated> hub = app_.hubs.CreateAsAdmin("riverside", settings);
    EXPECT_TRUE(hub.ok()) << hub.status().ToString();
    coordinator_ = Join("coord", Role::kCoordinator);
  }

  Caller Join(const std::string& handle, Role role) {
    return testing::JoinHub(app_, "riverside", handle, role);
  }

  NeedView Ask(const Caller& who, std::optional<TimeWindow> window = std::nullopt) {
    NeedDetails d;
    d.category = "groceries";
    d.description = "groceries for 4";
    d.location = LatLon{40.41234, -3.70123};
    d.contact.phone = "+34 600 111 222";
    d.window = window;
    Result<NeedView> need = app_.needs.Create(who, "riverside", d, false);
    EXPECT_TRUE(need.ok()) << need.status().ToString();
    return *need;
  }

  Offer OfferFrom(const Caller& who, int capacity = 3) {
    OfferDetails d;
    d.category = "groceries";
    d.description = "I shop on Saturdays";
    d.capacity.amount = capacity;
    Result<Offer> offer = app_.offers.Create(who, "riverside", d);
    EXPECT_TRUE(offer.ok()) << offer.status().ToString();
    return *offer;
  }

  testing::TempStore temp_;
  testing::FakeClock clock_;
  App app_;
  Caller coordinator_;
};

TEST_F(AppTest, FellowMembersSeeNoContactButTheHelperDoesOnceAccepted) {
  Caller asker = Join("asker", Role::kMember);
  Caller helper = Join("helper", Role::kMember);
  Caller neighbour = Join("neighbour", Role::kMember);
  NeedView need = Ask(asker);

  Result<NeedView> seen = app_.needs.Get(neighbour, need.need.id);
  ASSERT_TRUE(seen.ok());
  EXPECT_FALSE(seen->contact_visible);
  EXPECT_TRUE(seen->need.details.contact.phone.empty());
  EXPECT_FALSE(seen->need.details.location);
  ASSERT_TRUE(seen->need.approx_location);
  EXPECT_NE(*seen->need.approx_location, (LatLon{40.41234, -3.70123}));

  Offer offer = OfferFrom(helper);
  ASSERT_TRUE(app_.matches.Claim(helper, need.need.id, offer.id, "").ok());
  Result<NeedView> as_helper = app_.needs.Get(helper, need.need.id);
  ASSERT_TRUE(as_helper.ok());
  EXPECT_TRUE(as_helper->contact_visible);
  EXPECT_EQ(as_helper->need.details.contact.phone, "+34 600 111 222");
  EXPECT_TRUE(app_.needs.Get(coordinator_, need.need.id)->contact_visible);
  EXPECT_FALSE(app_.needs.Get(neighbour, need.need.id)->contact_visible);
}

TEST_F(AppTest, ConcurrentClaimsOfOneNeedHaveExactlyOneWinner) {
  NeedView need = Ask(Join("asker", Role::kMember));
  std::vector<std::pair<Caller, Offer>> helpers;
  for (int i = 0; i < 8; ++i) {
    Caller h = Join("helper" + std::to_string(i), Role::kMember);
    helpers.emplace_back(h, OfferFrom(h));
  }
  std::atomic<int> won{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (auto& [caller, offer] : helpers) {
    threads.emplace_back([&, c = caller, o = offer] {
      Result<Match> m = app_.matches.Claim(c, need.need.id, o.id, "");
      if (m.ok()) ++won;
      else if (m.status().kind() == StatusKind::kConflict) ++conflicts;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(conflicts.load(), 7);
  EXPECT_EQ(app_.needs.Get(coordinator_, need.need.id)->need.status, NeedStatus::kMatched);
}

TEST_F(AppTest, ReleaseReturnsTheNeedToOpenWithTheReasonLogged) {
  NeedView need = Ask(Join("asker", Role::kMember));
  Caller helper = Join("helper", Role::kMember);
  Offer offer = OfferFrom(helper);
  Result<Match> match = app_.matches.Claim(helper, need.need.id, offer.id, "");
  ASSERT_TRUE(match.ok());
  EXPECT_EQ(app_.matches.Act(helper, match->id, MatchAction::kRelease, "").status().kind(), StatusKind::kInvalid);
  ASSERT_TRUE(app_.matches.Act(helper, match->id, MatchAction::kRelease, "my car broke down").ok());
  EXPECT_EQ(app_.needs.Get(coordinator_, need.need.id)->need.status, NeedStatus::kOpen);
  Result<Page<Event>> events = app_.hubs.Events(coordinator_, "riverside", {"", 200});
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->items.back().type, "match.released");
  EXPECT_EQ(events->items.back().detail, "my car broke down");
  EXPECT_EQ(events->items.back().actor, helper.member->value);
}

TEST_F(AppTest, OfferCapacityIsNeverExceeded) {
  Caller helper = Join("helper", Role::kMember);
  Offer offer = OfferFrom(helper, /*capacity=*/1);
  NeedView first = Ask(Join("asker1", Role::kMember));
  NeedView second = Ask(Join("asker2", Role::kMember));
  ASSERT_TRUE(app_.matches.Claim(helper, first.need.id, offer.id, "").ok());
  EXPECT_EQ(app_.matches.Claim(helper, second.need.id, offer.id, "").status().kind(), StatusKind::kConflict);
  EXPECT_EQ(app_.needs.Get(coordinator_, second.need.id)->need.status, NeedStatus::kOpen);
}

TEST_F(AppTest, OpenNeedsExpireWhenTheirWindowPasses) {
  Caller asker = Join("asker", Role::kMember);
  Timestamp now = clock_.Now();
  NeedView soon = Ask(asker, TimeWindow{now, now + Seconds(3600)});
  NeedView later = Ask(asker, TimeWindow{now, now + Seconds(7200)});
  NeedView open_ended = Ask(asker);
  EXPECT_EQ(*app_.needs.ExpireDue(), 0);
  clock_.Advance(Seconds(3600));
  EXPECT_EQ(*app_.needs.ExpireDue(), 1);
  EXPECT_EQ(app_.needs.Get(asker, soon.need.id)->need.status, NeedStatus::kExpired);
  EXPECT_EQ(app_.needs.Get(asker, later.need.id)->need.status, NeedStatus::kOpen);
  EXPECT_EQ(app_.needs.Get(asker, open_ended.need.id)->need.status, NeedStatus::kOpen);
}

TEST_F(AppTest, SessionsExpireAndSignOutRevokes) {
  Join("walker", Role::kMember);
  Result<SessionGrant> grant = app_.accounts.SignIn("walker", "long enough password");
  ASSERT_TRUE(grant.ok());
  EXPECT_TRUE(app_.accounts.Authenticate(grant->token).ok());
  EXPECT_EQ(app_.accounts.SignIn("walker", "wrong password!").status().message(),
            app_.accounts.SignIn("nobody", "wrong password!").status().message());
  ASSERT_TRUE(app_.accounts.SignOut(grant->token).ok());
  EXPECT_FALSE(app_.accounts.Authenticate(grant->token).ok());
  Result<SessionGrant> again = app_.accounts.SignIn("walker", "long enough password");
  clock_.Advance(Seconds(31 * 24 * 3600));
  EXPECT_EQ(app_.accounts.Authenticate(again->token).status().kind(), StatusKind::kUnauthenticated);
}

TEST_F(AppTest, AHubKeepsAtLeastOneCoordinator) {
  Result<Profile> me = app_.accounts.GetProfile(coordinator_);
  ASSERT_TRUE(me.ok());
  Result<Membership> demoted = app_.hubs.SetRoles(coordinator_, "riverside", me->member.id, Roles::Of({Role::kMember}));
  EXPECT_EQ(demoted.status().kind(), StatusKind::kConflict);
}

TEST_F(AppTest, PublicIntakeGivesAPrivateTokenAndRespectsClosedIntake) {
  NeedDetails d;
  d.category = "food";
  d.description = "hot meals";
  Result<IntakeReceipt> receipt = app_.needs.SubmitPublic("riverside", d);
  ASSERT_TRUE(receipt.ok());
  EXPECT_TRUE(app_.needs.GetByToken(receipt->status_token).ok());
  EXPECT_FALSE(app_.needs.GetByToken("not-a-token").ok());
  ASSERT_TRUE(app_.needs.CancelByToken(receipt->status_token, "").ok());
  EXPECT_EQ(app_.needs.CancelByToken(receipt->status_token, "").status().kind(), StatusKind::kConflict);

  HubSettingsPatch close;
  close.intake_open = false;
  ASSERT_TRUE(app_.hubs.UpdateSettings(coordinator_, "riverside", close).ok());
  EXPECT_EQ(app_.needs.SubmitPublic("riverside", d).status().kind(), StatusKind::kConflict);
}

}  // namespace
}  // namespace kin

namespace kin {
namespace {

std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST_F(AppTest, ClosedNeedsLoseTheirPersonalDataAfterTheRetentionPeriod) {
  Caller asker = Join("asker", Role::kMember);
  Caller helper = Join("helper", Role::kMember);
  NeedDetails d;
  d.category = "groceries";
  d.description = "Maria at Calle Falsa 123, ring twice";
  d.place = "Calle Falsa";
  d.location = LatLon{40.41234, -3.70123};
  d.contact.phone = "+34 600 111 222";
  Result<NeedView> need = app_.needs.Create(asker, "riverside", d, false);
  ASSERT_TRUE(need.ok());
  Offer offer = OfferFrom(helper);
  Result<Match> match = app_.matches.Claim(helper, need->need.id, offer.id, "I know Maria from Calle Falsa");
  ASSERT_TRUE(match.ok());
  ASSERT_TRUE(app_.matches.Act(helper, match->id, MatchAction::kRelease, "Maria was not home at Calle Falsa").ok());
  ASSERT_TRUE(app_.needs.Cancel(asker, need->need.id, "sorted it with Calle Falsa neighbours").ok());

  clock_.Advance(Seconds(29 * 24 * 3600));
  EXPECT_EQ(*app_.needs.RedactDue(), 0);
  clock_.Advance(Seconds(2 * 24 * 3600));
  EXPECT_EQ(*app_.needs.RedactDue(), 1);
  EXPECT_EQ(*app_.needs.RedactDue(), 0);

  Result<NeedView> after = app_.needs.Get(coordinator_, need->need.id);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->need.redacted_at.has_value());
  EXPECT_TRUE(after->need.details.description.empty());
  EXPECT_TRUE(after->need.details.contact.empty());
  EXPECT_FALSE(after->need.approx_location);
  EXPECT_EQ(after->need.details.category, "groceries");  // counts stay true
  EXPECT_EQ(after->need.status, NeedStatus::kCancelled);
  Result<Match> m = app_.matches.Get(coordinator_, match->id);
  EXPECT_TRUE(m->note.empty());
  EXPECT_TRUE(m->reason.empty());
  Result<Page<Event>> events = app_.hubs.Events(coordinator_, "riverside", {"", 200});
  for (const Event& e : events->items) EXPECT_EQ(e.detail.find("Falsa"), std::string::npos) << e.type;

  // Nor does it linger in the database file or its log.
  std::string bytes = FileBytes(temp_.db_path()) + FileBytes(temp_.db_path() + "-wal");
  EXPECT_EQ(bytes.find("Falsa"), std::string::npos);
}

TEST_F(AppTest, OpenNeedsAreNeverRedacted) {
  NeedView need = Ask(Join("asker", Role::kMember));
  clock_.Advance(Seconds(365 * 24 * 3600));
  EXPECT_EQ(*app_.needs.RedactDue(), 0);
  EXPECT_EQ(app_.needs.Get(coordinator_, need.need.id)->need.details.contact.phone, "+34 600 111 222");
}

TEST_F(AppTest, EveryReadOfContactDetailsByOthersIsRecorded) {
  Caller asker = Join("asker", Role::kMember);
  NeedView need = Ask(asker);
  ASSERT_TRUE(app_.needs.Get(asker, need.need.id).ok());        // own: not recorded
  ASSERT_TRUE(app_.needs.Get(coordinator_, need.need.id).ok());  // recorded
  Result<Page<ContactAccess>> log = app_.needs.AccessLog(asker, need.need.id, {"", 50});
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->items.size(), 1u);
  EXPECT_EQ(log->items[0].reader, *coordinator_.member);
  EXPECT_EQ(log->items[0].reason, "coordinator");
  EXPECT_EQ(log->items[0].at, clock_.Now());
}

}  // namespace
}  // namespace kin
