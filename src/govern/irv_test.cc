#include "govern/irv.h"

#include <gtest/gtest.h>

#include "govern/test_ballots.h"

namespace kin::govern {
namespace {

using testing::Ballots;

std::vector<std::pair<int, int64_t>> Tally(const CountRound& round) {
  std::vector<std::pair<int, int64_t>> out;
  for (const CandidateVotes& cv : round.tally) out.push_back({cv.candidate, cv.votes.units()});
  return out;
}

TEST(Irv, EliminatesTheLowestUntilAMajority) {
  BallotSet set = Ballots({"A", "B", "C"}, {{4, "A>B"}, {3, "B>C"}, {2, "C>B"}});
  Result<CountResult> r = CountIrv(set, {});
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->rounds.size(), 2u);
  EXPECT_EQ(Tally(r->rounds[0]), (std::vector<std::pair<int, int64_t>>{{0, 4}, {1, 3}, {2, 2}}));
  EXPECT_EQ(r->rounds[0].threshold.units(), 5);
  EXPECT_EQ(r->rounds[0].eliminated, std::vector<int>{2});
  EXPECT_EQ(Tally(r->rounds[1]), (std::vector<std::pair<int, int64_t>>{{0, 4}, {1, 5}}));
  EXPECT_EQ(r->rounds[1].elected, std::vector<int>{1});
  EXPECT_EQ(r->winners, std::vector<int>{1});
}

TEST(Irv, MajorityIsOfContinuingVotesNotOfAllBallots) {
  // After C goes, its 2 ballots exhaust; A's 4 of the 7 continuing votes is a majority though not of all 9.
  BallotSet set = Ballots({"A", "B", "C"}, {{4, "A"}, {3, "B"}, {2, "C"}});
  Result<CountResult> r = CountIrv(set, {});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->rounds.size(), 2u);
  EXPECT_EQ(r->rounds[0].threshold.units(), 5);
  EXPECT_EQ(r->rounds[1].threshold.units(), 4);
  EXPECT_EQ(r->rounds[1].inactive.exhausted.units(), 2);
  EXPECT_EQ(r->winners, std::vector<int>{0});
}

TEST(Irv, OvervoteExhaustsByDefault) {
  BallotSet set = Ballots({"A", "B", "C"}, {{3, "A"}, {2, "B"}, {2, "C>A|B"}, {1, "A|B"}});
  Result<CountResult> r = CountIrv(set, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rounds[0].inactive.overvotes.units(), 1);
  EXPECT_EQ(r->rounds[1].inactive.overvotes.units(), 3);
  EXPECT_EQ(r->winners, std::vector<int>{0});
}

TEST(Irv, OvervoteRulesSkipAndExhaustIfMultiple) {
  // "C>A|B>D": under skip the overvote is passed over and D gets it; under exhaust-if-multiple it stays
  // inactive while A and B both continue.
  BallotSet set = Ballots({"A", "B", "C", "D"}, {{3, "A"}, {3, "B"}, {2, "D"}, {1, "C>A|B>D"}});
  RankedCountOptions skip;
  skip.overvote = OvervoteRule::kSkip;
  Result<CountResult> r = CountIrv(set, skip);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Tally(r->rounds[1]), (std::vector<std::pair<int, int64_t>>{{0, 3}, {1, 3}, {3, 3}}));
  // A candidate marked inside an earlier overvote counts as already marked: "B" after "A|B" is a repeat.
  r = CountIrv(Ballots({"A", "B", "C"}, {{3, "A"}, {2, "B"}, {1, "C>A|B>B"}}), skip);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rounds[1].inactive.exhausted.units(), 1);
  RankedCountOptions multiple;
  multiple.overvote = OvervoteRule::kExhaustIfMultiple;
  r = CountIrv(set, multiple);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rounds[1].inactive.overvotes.units(), 1);
  // Once B is out, the overvote names one continuing candidate and counts for A.
  // (B's own mark in "B>A|B" is a repeat, so only A counts there.)
  BallotSet later = Ballots({"A", "B", "C", "D"}, {{5, "A"}, {4, "D"}, {2, "B"}, {1, "B>A|B"}, {1, "C>A|B"}});
  r = CountIrv(later, multiple);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->rounds.size(), 3u);
  EXPECT_EQ(r->rounds[0].eliminated, std::vector<int>{2});  // C (1)
  EXPECT_EQ(r->rounds[1].inactive.overvotes.units(), 1);     // C's ballot: A and B both continue
  EXPECT_EQ(r->rounds[1].eliminated, std::vector<int>{1});  // B (3)
  EXPECT_EQ(Tally(r->rounds[2]), (std::vector<std::pair<int, int64_t>>{{0, 6}, {3, 4}}));
}

TEST(Irv, TwoConsecutiveSkippedRanksMakeABallotInactive) {
  BallotSet set = Ballots({"A", "B", "C"}, {{3, "A"}, {3, "B"}, {1, "C>>B"}, {1, "C>>>B"}});
  Result<CountResult> r = CountIrv(set, {});
  ASSERT_TRUE(r.ok());
  // One skipped rank is passed over, two are not (max_skipped 1).
  EXPECT_EQ(r->rounds[1].inactive.skipped.units(), 1);
  EXPECT_EQ(Tally(r->rounds[1]), (std::vector<std::pair<int, int64_t>>{{0, 3}, {1, 4}}));
  RankedCountOptions strict;
  strict.max_skipped = 0;
  r = CountIrv(set, strict);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rounds[1].inactive.skipped.units(), 2);
}

TEST(Irv, RepeatedCandidateIsSkippedOrExhausts) {
  BallotSet set = Ballots({"A", "B", "C"}, {{3, "A"}, {3, "B"}, {1, "C>C>B"}});
  Result<CountResult> r = CountIrv(set, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->winners, std::vector<int>{1});
  RankedCountOptions exhaust;
  exhaust.duplicate = DuplicateRule::kExhaust;
  r = CountIrv(set, exhaust);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rounds[1].inactive.repeated.units(), 1);
}

TEST(Irv, TiesLookBackThenUseCandidateOrder) {
  // Round 1: B and D tie at 2 in the only round so far: D, listed later, goes. Round 2: B and C tie at 3; in
  // round 1 B had 2 and C had 3, so B goes. (The weight-0 ballot counts for nobody.)
  BallotSet set = Ballots({"A", "B", "C", "D"}, {{5, "A"}, {2, "B"}, {1, "D>B"}, {3, "C"}, {0, "D"}, {1, "D"}});
  Result<CountResult> r = CountIrv(set, {});
  ASSERT_TRUE(r.ok());
  ASSERT_GE(r->rounds.size(), 2u);
  EXPECT_EQ(r->rounds[0].eliminated, std::vector<int>{3});
  EXPECT_EQ(r->rounds[0].notes,
            std::vector<std::string>{"B and D tied with 2 votes; D eliminated: listed later in the candidate order"});
  EXPECT_EQ(r->rounds[1].eliminated, std::vector<int>{1});
  EXPECT_EQ(r->rounds[1].notes,
            std::vector<std::string>{"B and C tied with 3 votes; B eliminated: fewer votes in round 1"});

  // Tied in every round: the candidate listed later is eliminated.
  BallotSet flat = Ballots({"X", "Y", "Z"}, {{2, "X"}, {2, "Y"}, {3, "Z"}});
  r = CountIrv(flat, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rounds[0].eliminated, std::vector<int>{1});
  EXPECT_EQ(r->rounds[0].notes[0], "X and Y tied with 2 votes; Y eliminated: listed later in the candidate order");
}

TEST(Irv, BatchEliminationDropsEveryoneWhoCannotCatchUp) {
  BallotSet set = Ballots({"A", "B", "C", "D", "E"}, {{10, "A"}, {8, "B"}, {3, "C>B"}, {2, "D>B"}, {1, "E>B"}});
  RankedCountOptions batch;
  batch.batch_elimination = true;
  Result<CountResult> r = CountIrv(set, batch);
  ASSERT_TRUE(r.ok());
  // C + D + E = 6 < B's 8: all three go at once.
  EXPECT_EQ(r->rounds[0].eliminated, (std::vector<int>{2, 3, 4}));
  EXPECT_EQ(r->winners, std::vector<int>{1});
  EXPECT_EQ(r->rounds.size(), 2u);
}

TEST(Irv, WithdrawnCandidatesAreSkipped) {
  BallotSet set = Ballots({"A", "B", "C"}, {{3, "A"}, {2, "C>B"}, {2, "B"}});
  set.withdrawn[2] = true;
  Result<CountResult> r = CountIrv(set, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Tally(r->rounds[0]), (std::vector<std::pair<int, int64_t>>{{0, 3}, {1, 4}}));
  EXPECT_EQ(r->winners, std::vector<int>{1});
}

TEST(Irv, RejectsBadOptionsAndBallots) {
  BallotSet set = Ballots({"A", "B"}, {{1, "A"}});
  RankedCountOptions two;
  two.seats = 2;
  EXPECT_FALSE(CountIrv(set, two).ok());
  RankedCountOptions decimals;
  decimals.decimals = 10;
  EXPECT_FALSE(CountIrv(set, decimals).ok());
  set.ballots[0].ranks = {{5}};
  EXPECT_FALSE(CountIrv(set, {}).ok());
}

}  // namespace
}  // namespace kin::govern
