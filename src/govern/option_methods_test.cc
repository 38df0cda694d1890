// Consent, majority, approval, score, dot voting and meeting-time polls.
#include <gtest/gtest.h>

#include "govern/approval.h"
#include "govern/consent.h"
#include "govern/dot_voting.h"
#include "govern/majority.h"
#include "govern/meeting_poll.h"
#include "govern/score.h"

namespace kin::govern {
namespace {

TEST(Consent, PassesWithObjectionsButNotWithABlock) {
  using P = ConsentPosition;
  Result<ConsentResult> r = CountConsent({{P::kAgree, ""}, {P::kAbstain, ""}, {P::kObject, "too soon"}});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->passes);
  EXPECT_EQ(r->objections, std::vector<std::string>{"too soon"});
  r = CountConsent({{P::kAgree, ""}, {P::kBlock, "breaks our safety policy"}});
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->passes);
  EXPECT_EQ(r->block, 1);
}

TEST(Consent, ObjectionsAndBlocksNeedAReason) {
  using P = ConsentPosition;
  Result<ConsentResult> r = CountConsent({{P::kAgree, ""}, {P::kObject, " "}, {P::kBlock, ""}});
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.status().fields().size(), 2u);
  EXPECT_EQ(r.status().fields()[0].field, "votes[1].reason");
  EXPECT_EQ(r.status().fields()[1].message, "a block needs a reason");
}

TEST(Majority, SimpleNeedsMoreThanHalfOfYesAndNo) {
  using C = MajorityChoice;
  Result<MajorityResult> tie = CountMajority({C::kYes, C::kNo, C::kAbstain, C::kAbstain}, SimpleMajority());
  ASSERT_TRUE(tie.ok());
  EXPECT_FALSE(tie->passes);
  EXPECT_EQ(tie->share, Rational(1, 2));
  Result<MajorityResult> win = CountMajority({C::kYes, C::kYes, C::kNo, C::kAbstain}, SimpleMajority());
  EXPECT_TRUE(win->passes);
}

TEST(Majority, QualifiedTwoThirdsIsExactAtTheThreshold) {
  using C = MajorityChoice;
  MajorityOptions two_thirds = QualifiedMajority(Rational(2, 3));
  EXPECT_TRUE(CountMajority({C::kYes, C::kYes, C::kNo}, two_thirds)->passes);
  EXPECT_FALSE(CountMajority({C::kYes, C::kYes, C::kNo, C::kNo, C::kYes, C::kNo}, two_thirds)->passes);
  EXPECT_FALSE(CountMajority({C::kAbstain}, two_thirds)->passes);
  EXPECT_FALSE(CountMajority({}, QualifiedMajority(Rational(3, 2))).ok());
}

TEST(Approval, MostApprovalsWinTiesByOptionOrder) {
  Result<OptionResult> r = CountApproval(3, {{0, 1}, {1, 2}, {0}, {}}, 2);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->totals, (std::vector<int64_t>{2, 2, 1}));
  EXPECT_EQ(r->winners, (std::vector<int>{0, 1}));
  EXPECT_EQ(r->notes.size(), 1u);
  EXPECT_FALSE(CountApproval(3, {{0, 0}}).ok());
  EXPECT_EQ(CountApproval(3, {{1}, {3}}).status().fields()[0].field, "ballots[1]");
}

TEST(Score, BlankIsTheMinimumAndRangeIsChecked) {
  Result<OptionResult> r = CountScore(3, {{5, 0, std::nullopt}, {3, 4, 5}, {std::nullopt, 5}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->totals, (std::vector<int64_t>{8, 9, 5}));
  EXPECT_EQ(r->winners, std::vector<int>{1});
  Result<OptionResult> bad = CountScore(2, {{6}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().fields()[0].field, "ballots[0][0]");
}

TEST(Dots, BudgetAndPerOptionCapAreEnforced) {
  DotOptions dots;
  dots.dots_per_voter = 3;
  dots.max_per_option = 2;
  Result<OptionResult> r = CountDots(3, {{2, 1}, {0, 0, 2}, {1}}, dots);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->totals, (std::vector<int64_t>{3, 1, 2}));
  EXPECT_FALSE(CountDots(3, {{2, 2}}, dots).ok());
  EXPECT_FALSE(CountDots(3, {{3}}, dots).ok());
  EXPECT_FALSE(CountDots(3, {{-1}}, dots).ok());
}

TEST(MeetingPoll, IfNeedBeCountsHalfAndYesBreaksTies) {
  using A = Availability;
  // Slot 0: 1 yes + 2 if-need-be = 2 points; slot 1: 2 yes = 2 points (wins on yes); slot 2: 1.5 points.
  Result<MeetingPollResult> r = CountMeetingPoll(
      3, {{A::kYes, A::kYes, A::kIfNeedBe}, {A::kIfNeedBe, A::kYes, A::kYes}, {A::kIfNeedBe, A::kNo}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->slots[0].points, Rational(2, 1));
  EXPECT_EQ(r->slots[2].points, Rational(3, 2));
  EXPECT_EQ(r->slots[2].no, 1);
  EXPECT_EQ(r->ranking, (std::vector<int>{1, 0, 2}));
  EXPECT_EQ(r->best, 1);
  EXPECT_FALSE(CountMeetingPoll(1, {{A::kYes, A::kYes}}).ok());
}

}  // namespace
}  // namespace kin::govern
