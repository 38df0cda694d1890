// Suggestions over a real SQLite store: the engine proposes, people confirm, accept or decline, and re-runs only
// reshuffle what nobody answered.
#include <gtest/gtest.h>

#include "app/app.h"
#include "testing/app_fixture.h"
#include "testing/fake_clock.h"
#include "testing/temp_store.h"

namespace kin {
namespace {

class SuggestionsTest : public ::testing::Test {
 protected:
  SuggestionsTest() : app_(temp_.store(), clock_, testing::CheapAppOptions()) {
    HubSettings settings;
    settings.name = "Riverside";
    settings.area_center = LatLon{40.4168, -3.7038};
    settings.languages = {"es", "en"};
    Result<HubCreated> hub = app_.hubs.CreateAsAdmin("riverside", settings);
    EXPECT_TRUE(hub.ok()) << hub.status().ToString();
    hub_ = hub->hub.id;
    coordinator_ = Join("coord", Role::kCoordinator);
    asker_ = Join("asker", Role::kMember);
  }

  Caller Join(const std::string& handle, Role role) {
    return testing::JoinHub(app_, "riverside", handle, role);
  }

  Need Ask(Urgency urgency, LatLon where, const std::string& language = "") {
    NeedDetails d;
    d.category = "groceries";
    d.description = "groceries for 4";
    d.urgency = urgency;
    d.location = where;
    d.language = language;
    d.contact.phone = "+34 600 111 222";
    Result<NeedView> need = app_.needs.Create(asker_, "riverside", d, false);
    EXPECT_TRUE(need.ok()) << need.status().ToString();
    return need->need;
  }

  Offer OfferFrom(const Caller& who, int capacity, LatLon base, double radius_km = 3,
                  std::vector<std::string> languages = {"es"}) {
    OfferDetails d;
    d.category = "groceries";
    d.description = "I shop on Saturdays";
    d.capacity.amount = capacity;
    d.area_center = base;
    d.area_radius_km = radius_km;
    d.languages = std::move(languages);
    Result<Offer> offer = app_.offers.Create(who, "riverside", d);
    EXPECT_TRUE(offer.ok()) << offer.status().ToString();
    return *offer;
  }

  SuggestionBoard BoardOf(const Caller& who) {
    Result<SuggestionBoard> board = app_.suggestions.Board(who, "riverside");
    EXPECT_TRUE(board.ok()) << board.status().ToString();
    return board.ok() ? *board : SuggestionBoard{};
  }

  SuggestionRun Run() {
    Result<SuggestionRun> run = app_.suggestions.Refresh(hub_);
    EXPECT_TRUE(run.ok()) << run.status().ToString();
    return run.ok() ? *run : SuggestionRun{};
  }

  static constexpr LatLon kSol{40.4169, -3.7035};
  static constexpr LatLon kNear{40.4200, -3.7000};  // ~0.5 km from Sol
  static constexpr LatLon kFar{40.4800, -3.7000};   // ~7 km north

  testing::TempStore temp_;
  testing::FakeClock clock_;
  App app_;
  HubId hub_;
  Caller coordinator_;
  Caller asker_;
};

TEST_F(SuggestionsTest, MostUrgentNeedGetsTheOnlyHelperAndTheOtherSaysWhy) {
  Caller ana = Join("ana", Role::kMember);
  Offer offer = OfferFrom(ana, 1, kSol);
  Need low = Ask(Urgency::kLow, kNear);
  Need critical = Ask(Urgency::kCritical, kNear);

  SuggestionRun run = Run();
  EXPECT_EQ(run.open_needs, 2);
  EXPECT_EQ(run.suggested, 1);
  EXPECT_EQ(run.unmet, 1);

  SuggestionBoard board = BoardOf(coordinator_);
  ASSERT_EQ(board.suggestions.size(), 1u);
  const Suggestion& s = board.suggestions[0];
  EXPECT_EQ(s.need, critical.id);
  EXPECT_EQ(s.offer, offer.id);
  EXPECT_EQ(s.helper, *ana.member);
  EXPECT_EQ(s.why.urgency, Urgency::kCritical);
  EXPECT_GT(s.why.distance_m, 100);
  EXPECT_LT(s.why.distance_m, 2000);
  EXPECT_EQ(s.why.helper_load_after, 1);
  EXPECT_EQ(s.why.helper_capacity, 1);
  ASSERT_EQ(board.unmet.size(), 1u);
  EXPECT_EQ(board.unmet[0].need, low.id);
  EXPECT_EQ(board.unmet[0].cause, UnmetCause::kCapacityUsedUp);
}

TEST_F(SuggestionsTest, UnmetNeedsSayWhyNot) {
  Caller ana = Join("ana", Role::kMember);
  OfferFrom(ana, 5, kSol, 2, {"es"});
  Need far = Ask(Urgency::kNormal, kFar);
  Ask(Urgency::kNormal, kNear, "en");
  Run();
  SuggestionBoard board = BoardOf(coordinator_);
  EXPECT_TRUE(board.suggestions.empty());
  ASSERT_EQ(board.unmet.size(), 2u);
  for (const UnmetNeed& u : board.unmet) {
    EXPECT_STREQ(UnmetCauseName(u.cause), u.need == far.id ? "no_helper_within_reach" : "no_shared_language") << u.need.value;
  }
}

TEST_F(SuggestionsTest, ConfirmPairsAndTheHelperAnswers) {
  Caller ana = Join("ana", Role::kMember);
  OfferFrom(ana, 2, kSol);
  Need need = Ask(Urgency::kHigh, kNear);
  Run();
  SuggestionBoard board = BoardOf(coordinator_);
  ASSERT_EQ(board.suggestions.size(), 1u);

  // Only a coordinator confirms; a member is refused and nothing changes.
  Result<Suggestion> refused = app_.suggestions.Confirm(ana, board.suggestions[0].id);
  EXPECT_EQ(refused.status().kind(), StatusKind::kForbidden);

  Result<Suggestion> confirmed = app_.suggestions.Confirm(coordinator_, board.suggestions[0].id);
  ASSERT_TRUE(confirmed.ok()) << confirmed.status().ToString();
  EXPECT_EQ(confirmed->status, SuggestionStatus::kConfirmed);
  ASSERT_TRUE(confirmed->match);
  Result<Match> match = app_.matches.Get(ana, *confirmed->match);
  ASSERT_TRUE(match.ok());
  EXPECT_EQ(match->status, MatchStatus::kProposed);
  EXPECT_EQ(match->need, need.id);

  // Confirming twice is a conflict, not a second pairing.
  EXPECT_EQ(app_.suggestions.Confirm(coordinator_, board.suggestions[0].id).status().kind(), StatusKind::kConflict);
  // A re-run keeps the confirmed record and proposes nothing more for the matched need.
  SuggestionRun run = Run();
  EXPECT_EQ(run.open_needs, 0);
  EXPECT_EQ(run.suggested, 0);
  EXPECT_EQ(app_.suggestions.Get(coordinator_, board.suggestions[0].id)->status, SuggestionStatus::kConfirmed);
}

TEST_F(SuggestionsTest, HelperAcceptsOwnSuggestionOnly) {
  Caller ana = Join("ana", Role::kMember);
  Caller ben = Join("ben", Role::kMember);
  OfferFrom(ana, 1, kSol);
  Need need = Ask(Urgency::kNormal, kNear);
  Run();
  SuggestionBoard mine = BoardOf(ana);
  ASSERT_EQ(mine.suggestions.size(), 1u);
  EXPECT_TRUE(mine.unmet.empty());  // members see their own suggestions, not the hub's gaps
  EXPECT_TRUE(BoardOf(ben).suggestions.empty());

  EXPECT_EQ(app_.suggestions.Accept(ben, mine.suggestions[0].id).status().kind(), StatusKind::kForbidden);
  EXPECT_EQ(app_.suggestions.Get(ben, mine.suggestions[0].id).status().kind(), StatusKind::kNotFound);
  Result<Suggestion> accepted = app_.suggestions.Accept(ana, mine.suggestions[0].id);
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  Result<Match> match = app_.matches.Get(ana, *accepted->match);
  ASSERT_TRUE(match.ok());
  EXPECT_EQ(match->status, MatchStatus::kAccepted);
  EXPECT_EQ(app_.needs.Get(coordinator_, need.id)->need.status, NeedStatus::kMatched);
}

TEST_F(SuggestionsTest, DeclineNeedsAReasonAndIsNeverProposedAgain) {
  Caller ana = Join("ana", Role::kMember);
  Caller ben = Join("ben", Role::kMember);
  Offer near = OfferFrom(ana, 1, kSol);
  Offer farther = OfferFrom(ben, 1, kNear, 5);
  Need need = Ask(Urgency::kNormal, kSol);
  Run();
  SuggestionBoard board = BoardOf(coordinator_);
  ASSERT_EQ(board.suggestions.size(), 1u);
  EXPECT_EQ(board.suggestions[0].offer, near.id);  // least travel

  SuggestionId id = board.suggestions[0].id;
  EXPECT_EQ(app_.suggestions.Decline(ana, id, "").status().kind(), StatusKind::kInvalid);
  Result<Suggestion> declined = app_.suggestions.Decline(ana, id, "I am away this week");
  ASSERT_TRUE(declined.ok()) << declined.status().ToString();

  Run();
  board = BoardOf(coordinator_);
  ASSERT_EQ(board.suggestions.size(), 1u);
  EXPECT_EQ(board.suggestions[0].offer, farther.id);
  EXPECT_EQ(board.suggestions[0].need, need.id);
  EXPECT_EQ(app_.suggestions.Get(ana, id)->reason, "I am away this week");

  // Once both said no, the need is unmet because of the declines.
  ASSERT_TRUE(app_.suggestions.Decline(ben, board.suggestions[0].id, "no car today").ok());
  Run();
  board = BoardOf(coordinator_);
  EXPECT_TRUE(board.suggestions.empty());
  ASSERT_EQ(board.unmet.size(), 1u);
  EXPECT_EQ(board.unmet[0].cause, UnmetCause::kDeclined);
}

TEST_F(SuggestionsTest, ReRunsKeepStableSuggestionsAndWithdrawStaleOnes) {
  Caller ana = Join("ana", Role::kMember);
  Offer offer = OfferFrom(ana, 1, kSol);
  Ask(Urgency::kLow, kNear);
  Run();
  SuggestionId first = BoardOf(coordinator_).suggestions.at(0).id;

  SuggestionRun again = Run();  // nothing changed: the same row, nothing added or withdrawn
  EXPECT_EQ(again.added, 0);
  EXPECT_EQ(again.withdrawn, 0);
  EXPECT_EQ(BoardOf(coordinator_).suggestions.at(0).id, first);

  // A critical need arrives: the one unanswered suggestion moves to it.
  Need critical = Ask(Urgency::kCritical, kNear);
  SuggestionRun moved = Run();
  EXPECT_EQ(moved.added, 1);
  EXPECT_EQ(moved.withdrawn, 1);
  SuggestionBoard board = BoardOf(coordinator_);
  ASSERT_EQ(board.suggestions.size(), 1u);
  EXPECT_EQ(board.suggestions[0].need, critical.id);
  EXPECT_EQ(app_.suggestions.Get(coordinator_, first).status().kind(), StatusKind::kNotFound);

  // Pausing the offer withdraws what rested on it.
  ASSERT_TRUE(app_.offers.SetStatus(ana, offer.id, OfferStatus::kPaused).ok());
  Run();
  EXPECT_TRUE(BoardOf(coordinator_).suggestions.empty());
}

TEST_F(SuggestionsTest, ConfirmManySkipsWhatWentStaleAndConfirmsTheRest) {
  Caller ana = Join("ana", Role::kMember);
  Caller ben = Join("ben", Role::kMember);
  OfferFrom(ana, 1, kSol);
  Offer bens = OfferFrom(ben, 1, kSol);
  Need one = Ask(Urgency::kHigh, kNear);
  Ask(Urgency::kHigh, kNear);
  Run();
  SuggestionBoard board = BoardOf(coordinator_);
  ASSERT_EQ(board.suggestions.size(), 2u);
  // Someone claims one need before the coordinator gets to it.
  Caller cleo = Join("cleo", Role::kMember);
  Offer cleos = OfferFrom(cleo, 1, kSol);
  ASSERT_TRUE(app_.matches.Claim(cleo, one.id, cleos.id, "").ok());

  Result<std::vector<ConfirmOutcome>> outcomes = app_.suggestions.ConfirmMany(coordinator_, "riverside", {});
  ASSERT_TRUE(outcomes.ok()) << outcomes.status().ToString();
  ASSERT_EQ(outcomes->size(), 2u);
  int confirmed = 0, skipped = 0;
  for (const ConfirmOutcome& o : *outcomes) {
    if (o.status.ok()) {
      ++confirmed;
      ASSERT_TRUE(o.match);
      EXPECT_EQ(o.match->status, MatchStatus::kProposed);
    } else {
      ++skipped;
      EXPECT_EQ(o.status.kind(), StatusKind::kConflict);
    }
  }
  EXPECT_EQ(confirmed, 1);
  EXPECT_EQ(skipped, 1);
  (void)bens;

  // Members cannot confirm in bulk; unknown ids are reported, not fatal.
  EXPECT_EQ(app_.suggestions.ConfirmMany(ana, "riverside", {}).status().kind(), StatusKind::kForbidden);
  Result<std::vector<ConfirmOutcome>> unknown =
      app_.suggestions.ConfirmMany(coordinator_, "riverside", {SuggestionId{"sugg_nope"}});
  ASSERT_TRUE(unknown.ok());
  EXPECT_EQ(unknown->at(0).status.kind(), StatusKind::kNotFound);
}

TEST_F(SuggestionsTest, RefreshChangedFollowsTheEventLog) {
  Caller ana = Join("ana", Role::kMember);
  OfferFrom(ana, 1, kSol);
  int64_t cursor = 0;
  Result<int> first = app_.suggestions.RefreshChanged(cursor);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first, 1);
  EXPECT_GT(cursor, 0);
  EXPECT_EQ(*app_.suggestions.RefreshChanged(cursor), 0);  // nothing new

  Ask(Urgency::kNormal, kNear);
  EXPECT_EQ(*app_.suggestions.RefreshChanged(cursor), 1);
  EXPECT_EQ(BoardOf(coordinator_).suggestions.size(), 1u);
}

TEST_F(SuggestionsTest, DeletingAnAccountRemovesSuggestionsAndDeclineReasons) {
  Caller ana = Join("ana", Role::kMember);
  OfferFrom(ana, 1, kSol);
  Ask(Urgency::kNormal, kNear);
  Run();
  SuggestionId id = BoardOf(ana).suggestions.at(0).id;
  ASSERT_TRUE(app_.suggestions.Decline(ana, id, "my neighbour is the one asking").ok());
  ASSERT_TRUE(app_.personal_data.DeleteAccount(ana, "long enough password").ok());
  EXPECT_EQ(app_.suggestions.Get(coordinator_, id).status().kind(), StatusKind::kNotFound);
}

}  // namespace
}  // namespace kin
