// Counting proposals: each method's outcome, quorum, and independence from ballot order.
#include <gtest/gtest.h>

#include <algorithm>

#include "govern/proposal_tally.h"

namespace kin::govern {
namespace {

Ballot Rank(std::vector<int> ranking) {
  Ballot b;
  b.ranking = std::move(ranking);
  return b;
}
Ballot Pos(std::string position, std::string reason = "") {
  Ballot b;
  b.position = std::move(position);
  b.reason = std::move(reason);
  return b;
}
Ballot Scores(std::vector<int> scores) {
  Ballot b;
  b.scores = std::move(scores);
  return b;
}
Ballot Dots(std::vector<int> dots) {
  Ballot b;
  b.dots = std::move(dots);
  return b;
}

ProposalDetails Of(CountingMethod m, std::vector<std::string> options = {}, int seats = 1) {
  ProposalDetails d;
  d.title = "t";
  d.method = m;
  d.options = std::move(options);
  d.seats = seats;
  return d;
}

TEST(ProposalTally, ConsentFailsOnABlockAndKeepsReasons) {
  Result<Outcome> o = TallyProposal(Of(CountingMethod::kConsent),
                                    {Pos("agree"), Pos("block", "unsafe")}, 3);
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_FALSE(o->passes);
  EXPECT_EQ(o->blocks, std::vector<std::string>{"unsafe"});
  EXPECT_EQ(o->participants, 2);
  EXPECT_EQ(o->electorate, 3);
}

TEST(ProposalTally, IrvReportsEveryRound) {
  std::vector<Ballot> ballots = {Rank({0, 1}), Rank({1, 0}), Rank({2, 1}), Rank({1}),
                                 Rank({0})};
  Result<Outcome> o = TallyProposal(Of(CountingMethod::kIrv, {"A", "B", "C"}), ballots, 5);
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_EQ(o->winners, std::vector<int>{1});
  ASSERT_EQ(o->rounds.size(), 2u);
  EXPECT_EQ(o->rounds[0].votes, (std::vector<std::string>{"2", "2", "1"}));
  EXPECT_EQ(o->rounds[0].eliminated, std::vector<int>{2});
  EXPECT_EQ(o->rounds[1].votes[2], "");  // out of the count
}

TEST(ProposalTally, BelowQuorumNothingPassesButTotalsAreKept) {
  ProposalDetails d = Of(CountingMethod::kMajority);
  d.quorum.percent = 50;
  Result<Outcome> o = TallyProposal(d, {Pos("yes")}, 10);
  ASSERT_TRUE(o.ok());
  EXPECT_FALSE(o->quorum_reached);
  EXPECT_FALSE(o->passes);
  EXPECT_EQ(o->quorum_required, 5);
  EXPECT_EQ(o->totals[0].value, "1");
}

TEST(ProposalTally, BallotOrderDoesNotMatter) {
  std::vector<Ballot> ballots = {Rank({0, 1}), Rank({0, 2}), Rank({0, 1}), Rank({3}),
                                 Rank({2}), Rank({1, 3})};
  ProposalDetails d = Of(CountingMethod::kStv, {"A", "B", "C", "D"}, 2);
  Result<Outcome> first = TallyProposal(d, ballots, 6);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  std::reverse(ballots.begin(), ballots.end());
  Result<Outcome> second = TallyProposal(d, ballots, 6);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*first, *second);
}

TEST(ProposalTally, ScoresAndDotsAddUpPerOption) {
  ProposalDetails d = Of(CountingMethod::kScore, {"soup", "salad"});
  Result<Outcome> o = TallyProposal(d, {Scores({3, 1}), Scores({0, 3}), Scores({3, 3})}, 3);
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->totals[0], (OutcomeTotal{"soup", "6"}));
  EXPECT_EQ(o->winners, std::vector<int>{1});
  d.method = CountingMethod::kDot;
  o = TallyProposal(d, {Dots({4, 1}), Dots({0, 2})}, 3);
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->winners, std::vector<int>{0});
  EXPECT_EQ(o->totals[1].value, "3");
}

TEST(ProposalTally, NoBallotsStillGiveAnOutcome) {
  for (CountingMethod m : {CountingMethod::kConsent, CountingMethod::kMajority, CountingMethod::kApproval,
                           CountingMethod::kScore, CountingMethod::kDot, CountingMethod::kIrv, CountingMethod::kStv,
                           CountingMethod::kSchulze}) {
    ProposalDetails d = Of(m, MethodHasOptions(m) ? std::vector<std::string>{"a", "b"} : std::vector<std::string>{});
    Result<Outcome> o = TallyProposal(d, {}, 4);
    EXPECT_TRUE(o.ok()) << CountingMethodName(m) << ": " << o.status().ToString();
  }
}

}  // namespace
}  // namespace kin::govern
