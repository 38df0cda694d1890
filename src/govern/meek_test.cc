#include "govern/meek.h"

#include <gtest/gtest.h>

#include "govern/stv.h"
#include "govern/test_ballots.h"

namespace kin::govern {
namespace {

using testing::Ballots;

RankedCountOptions Seats(int seats, int decimals) {
  RankedCountOptions o;
  o.seats = seats;
  o.decimals = decimals;
  return o;
}

TEST(Meek, PartyFoodElectsTheSameFoodsAsWigm) {
  BallotSet set = Ballots({"Oranges", "Pears", "Chocolate", "Strawberries", "Hamburgers"},
                          {{4, "Oranges"},
                           {2, "Pears>Oranges"},
                           {8, "Chocolate>Strawberries"},
                           {4, "Chocolate>Hamburgers"},
                           {1, "Strawberries"},
                           {1, "Hamburgers"}});
  Result<CountResult> r = CountMeek(set, Seats(3, 9));
  ASSERT_TRUE(r.ok()) << r.status().message();
  // Quota 20/4 = 5 (to be exceeded): Strawberries pass it in round 2 on Chocolate's surplus, before Oranges.
  EXPECT_EQ(r->winners, (std::vector<int>{2, 3, 0}));
  EXPECT_EQ(Scale(9).Format(r->rounds[0].threshold), "5.000000001");
}

// Where the methods differ: B's surplus reaches A, already elected. WIGM skips A and gives it to D; Meek lets A
// keep only its share, so part of it flows on through A's own ballots to C as well.
TEST(Meek, SurplusFlowingThroughAnElectedCandidateDiffersFromWigm) {
  BallotSet set = Ballots({"A", "B", "C", "D"}, {{12, "A>C"}, {12, "B>A>D"}, {4, "C"}, {5, "D"}});
  Result<CountResult> wigm = CountStv(set, Seats(3, 5));
  ASSERT_TRUE(wigm.ok());
  EXPECT_EQ(wigm->winners, (std::vector<int>{0, 1, 3}));
  Result<CountResult> meek = CountMeek(set, Seats(3, 9));
  ASSERT_TRUE(meek.ok());
  EXPECT_EQ(meek->winners, (std::vector<int>{0, 1, 2}));
  // Round 2 converges to keep factors kB = q/12 and kA = q/(24 - q) with q = 33/4: C = 4 + 12 (1 - kA) = 9.714...
  ASSERT_GE(meek->rounds.size(), 2u);
  const CountRound& two = meek->rounds[1];
  Scale nine(9);
  EXPECT_EQ(nine.Format(two.tally[2].votes).substr(0, 5), "9.714");
  EXPECT_EQ(two.elected, std::vector<int>{2});
  EXPECT_NE(two.notes[0].find("keep factors: A 0.52380"), std::string::npos) << two.notes[0];
}

TEST(Meek, ExhaustedVotesLowerTheQuota) {
  // 2 seats. A's 9 votes elect A; A's surplus has nowhere to go but exhausts, so the quota falls.
  BallotSet set = Ballots({"A", "B", "C"}, {{9, "A"}, {4, "B"}, {3, "C"}});
  Result<CountResult> r = CountMeek(set, Seats(2, 9));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Scale(9).Format(r->rounds[0].threshold), "5.333333334");
  // Round 2: held = 9 kA + 7 with 9 kA = q = held / 3, so q = 3.5; B's 4 now pass it.
  ASSERT_EQ(r->rounds.size(), 2u);
  EXPECT_EQ(Scale(9).Format(r->rounds[1].threshold).substr(0, 5), "3.500");
  EXPECT_EQ(r->winners, (std::vector<int>{0, 1}));
}

TEST(Meek, NeedsEnoughDecimals) {
  BallotSet set = Ballots({"A", "B"}, {{1, "A"}});
  EXPECT_FALSE(CountMeek(set, Seats(1, 2)).ok());
}

}  // namespace
}  // namespace kin::govern
