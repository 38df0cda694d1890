#include "govern/schulze.h"

#include <gtest/gtest.h>

#include "govern/test_ballots.h"

namespace kin::govern {
namespace {

using testing::Ballots;

// The example of the Wikipedia article "Schulze method": 45 voters, 5 candidates.
BallotSet WikipediaExample() {
  return Ballots({"A", "B", "C", "D", "E"}, {{5, "A>C>B>E>D"},
                                            {5, "A>D>E>C>B"},
                                            {8, "B>E>D>A>C"},
                                            {3, "C>A>B>E>D"},
                                            {7, "C>A>E>B>D"},
                                            {2, "C>B>A>D>E"},
                                            {7, "D>C>E>B>A"},
                                            {8, "E>B>A>D>C"}});
}

TEST(Schulze, WikipediaExampleRanksEACBD) {
  Result<SchulzeResult> r = CountSchulze(WikipediaExample(), 1);
  ASSERT_TRUE(r.ok()) << r.status().message();
  using Matrix = std::vector<std::vector<int64_t>>;
  EXPECT_EQ(r->pairwise, (Matrix{{0, 20, 26, 30, 22},
                                 {25, 0, 16, 33, 18},
                                 {19, 29, 0, 17, 24},
                                 {15, 12, 28, 0, 14},
                                 {23, 27, 21, 31, 0}}));
  EXPECT_EQ(r->strongest, (Matrix{{0, 28, 28, 30, 24},
                                  {25, 0, 28, 33, 24},
                                  {25, 29, 0, 29, 24},
                                  {25, 28, 28, 0, 24},
                                  {25, 28, 28, 31, 0}}));
  EXPECT_EQ(r->ranking, (std::vector<int>{4, 0, 2, 1, 3}));
  EXPECT_EQ(r->winners, std::vector<int>{4});
  EXPECT_TRUE(r->notes.empty());
}

TEST(Schulze, OvervotesAreEqualRanksAndUnrankedShareLastPlace) {
  // A|B > C: A and B beat C, tie each other. One more ballot B > A breaks it.
  BallotSet set = Ballots({"A", "B", "C"}, {{3, "A|B>C"}, {1, "B"}});
  Result<SchulzeResult> r = CountSchulze(set, 2);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->pairwise[1][0], 1);
  EXPECT_EQ(r->pairwise[0][1], 0);
  EXPECT_EQ(r->pairwise[1][2], 4);
  EXPECT_EQ(r->ranking, (std::vector<int>{1, 0, 2}));
  EXPECT_EQ(r->winners, (std::vector<int>{1, 0}));
}

TEST(Schulze, UnresolvedTiesFollowCandidateOrderAndAreNoted) {
  BallotSet set = Ballots({"A", "B", "C"}, {{1, "C>B>A"}, {1, "B>C>A"}});
  Result<SchulzeResult> r = CountSchulze(set, 1);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->ranking, (std::vector<int>{1, 2, 0}));
  EXPECT_EQ(r->notes,
            std::vector<std::string>{"B and C are not separated by strongest paths; ordered by the candidate order"});
}

TEST(Schulze, WithdrawnCandidatesAreLeftOut) {
  BallotSet set = WikipediaExample();
  set.withdrawn[4] = true;  // without E
  Result<SchulzeResult> r = CountSchulze(set, 1);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->candidates, (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(r->ranking.size(), 4u);
  EXPECT_FALSE(CountSchulze(set, 5).ok());
}

}  // namespace
}  // namespace kin::govern
