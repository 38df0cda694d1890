#include "govern/stv.h"

#include <gtest/gtest.h>

#include "govern/test_ballots.h"

namespace kin::govern {
namespace {

using testing::Ballots;

std::string Show(const BallotSet& set, const CountResult& r, const CountRound& round) {
  Scale scale(r.decimals);
  std::string out;
  for (const CandidateVotes& cv : round.tally) out += set.candidates[cv.candidate] + "=" + scale.Format(cv.votes) + " ";
  return out;
}

// The example of the Wikipedia article "Single transferable vote": 20 guests choose 3 foods for a party.
BallotSet PartyFood() {
  return Ballots({"Oranges", "Pears", "Chocolate", "Strawberries", "Hamburgers"},
                 {{4, "Oranges"},
                  {2, "Pears>Oranges"},
                  {8, "Chocolate>Strawberries"},
                  {4, "Chocolate>Hamburgers"},
                  {1, "Strawberries"},
                  {1, "Hamburgers"}});
}

TEST(Stv, WikipediaPartyFoodExample) {
  BallotSet set = PartyFood();
  RankedCountOptions options;
  options.seats = 3;
  options.decimals = 5;
  Result<CountResult> r = CountStv(set, options);
  ASSERT_TRUE(r.ok()) << r.status().message();
  // Droop quota: floor(20 / 4) + 1 = 6.
  EXPECT_EQ(Scale(5).Format(r->rounds[0].threshold), "6.00000");
  EXPECT_EQ(r->winners, (std::vector<int>{2, 0, 3}));  // Chocolate, Oranges, Strawberries
  ASSERT_EQ(r->rounds.size(), 4u);
  EXPECT_EQ(r->rounds[0].elected, std::vector<int>{2});
  // Chocolate's surplus of 6 moves at 6/12: Strawberries +4, Hamburgers +2.
  EXPECT_EQ(Show(set, *r, r->rounds[1]),
            "Oranges=4.00000 Pears=2.00000 Chocolate=6.00000 Strawberries=5.00000 Hamburgers=3.00000 ");
  EXPECT_EQ(r->rounds[1].eliminated, std::vector<int>{1});
  EXPECT_EQ(r->rounds[2].elected, std::vector<int>{0});  // Oranges reach 6 exactly
  EXPECT_EQ(r->rounds[2].eliminated, std::vector<int>{4});
  EXPECT_EQ(r->rounds[3].elected, std::vector<int>{3});  // the last hopeful fills the last seat
  EXPECT_EQ(Scale(5).Format(r->rounds[3].inactive.exhausted), "3.00000");
}

TEST(Stv, FractionalTransfersTruncateAndRecordTheLoss) {
  // Quota floor(10/3)+1 = 4. A has 7: surplus 3 moves at 3/7 of each group's weight.
  BallotSet set = Ballots({"A", "B", "C", "D"}, {{4, "A>B"}, {2, "A>C"}, {1, "A"}, {2, "D"}, {1, "C"}});
  RankedCountOptions options;
  options.seats = 2;
  options.decimals = 5;
  Result<CountResult> r = CountStv(set, options);
  ASSERT_TRUE(r.ok());
  // 4 * 3/7 = 1.714285.. -> 1.71428; 2 * 3/7 = 0.857142.. -> 0.85714; 1 * 3/7 -> 0.42857 exhausted.
  EXPECT_EQ(Show(set, *r, r->rounds[1]), "A=4.00000 B=1.71428 C=1.85714 D=2.00000 ");
  EXPECT_EQ(Scale(5).Format(r->rounds[1].inactive.exhausted), "0.42857");
  EXPECT_EQ(Scale(5).Format(r->rounds[1].inactive.rounding), "0.00001");
  EXPECT_EQ(r->rounds[0].notes.back(), "surplus of A (3.00000 votes) transferred at 3.00000/7.00000 of each ballot's weight");
}

TEST(Stv, QuotaRules) {
  Scale s(2);
  Votes valid = s.Whole(100);
  EXPECT_EQ(s.Format(StvQuota(QuotaRule::kDroop, valid, 3, s)), "26.00");
  EXPECT_EQ(s.Format(StvQuota(QuotaRule::kDroopFractional, valid, 3, s)), "25.01");
  EXPECT_EQ(s.Format(StvQuota(QuotaRule::kHare, valid, 3, s)), "33.34");
  EXPECT_EQ(s.Format(StvQuota(QuotaRule::kHare, valid, 4, s)), "25.00");
}

TEST(Stv, ExactHareQuotaElectsAtTheQuota) {
  BallotSet set = Ballots({"A", "B", "C"}, {{5, "A"}, {5, "B"}, {2, "C"}});
  RankedCountOptions options;
  options.seats = 2;
  options.quota = QuotaRule::kHare;  // 12 / 2 = 6: nobody reaches it; C goes, then A and B fill the seats
  Result<CountResult> r = CountStv(set, options);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->winners, (std::vector<int>{0, 1}));
  EXPECT_EQ(r->rounds.back().notes.front(), "no more hopeful candidates than open seats: all are elected");
}

TEST(Stv, AllSeatsForAllCandidates) {
  BallotSet set = Ballots({"A", "B"}, {{1, "B"}});
  RankedCountOptions options;
  options.seats = 2;
  Result<CountResult> r = CountStv(set, options);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->winners, (std::vector<int>{1, 0}));
  options.seats = 3;
  EXPECT_FALSE(CountStv(set, options).ok());
}

}  // namespace
}  // namespace kin::govern
