#include <gtest/gtest.h>

#include "govern/ballots.h"
#include "govern/blt.h"
#include "govern/ranking_csv.h"

namespace kin::govern {
namespace {

using Ranks = std::vector<std::vector<int>>;

TEST(Blt, ReadsHeaderWithdrawnBallotsNamesAndTitle) {
  const char* text =
      "4 2\n"
      "-4\n"
      "3 1 2 0\n"
      "# a comment line\n"
      "(b7) 2 2=3 - 1 0\n"
      "1 3 0\n"
      "0\n"
      "\"Alice\"\n\"Bob\" \"Carol\"\n"
      "\"Dan\"\n"
      "\"Hub delegates 2025\"\n";
  Result<BallotSet> set = ParseBlt(text);
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_EQ(set->seats, 2);
  EXPECT_EQ(set->candidates, (std::vector<std::string>{"Alice", "Bob", "Carol", "Dan"}));
  EXPECT_EQ(set->withdrawn, (std::vector<bool>{false, false, false, true}));
  EXPECT_EQ(set->title, "Hub delegates 2025");
  ASSERT_EQ(set->ballots.size(), 3u);
  EXPECT_EQ(set->ballots[0].weight, 3);
  EXPECT_EQ(set->ballots[0].ranks, (Ranks{{0}, {1}}));
  EXPECT_EQ(set->ballots[1].ranks, (Ranks{{1, 2}, {}, {0}}));
  EXPECT_EQ(set->ballots[1].line, 5);
  EXPECT_EQ(set->TotalWeight(), 6);
}

TEST(Blt, SyntaxErrorsNameTheLine) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"", "line 1: the file is empty"},
      {"3\n", "line 1: expected the number of candidates and seats"},
      {"2 3\n", "line 1: the number of seats must be between 1"},
      {"2 1\n1 1 2\n0\n\"A\"\n\"B\"\n", "line 2: expected 0 at the end of a ballot"},
      {"2 1\n1 1 3 0\n0\n", "line 2: expected a candidate number from 1 to 2, got \"3\""},
      {"2 1\n1.5 1 0\n0\n", "line 2: expected a ballot weight"},
      {"2 1\n1 1 0 2\n0\n", "line 2: unexpected \"2\" after the 0"},
      {"2 1\n1 1 0\n", "line 3: the file ends before the 0 line"},
      {"2 1\n1 1 0\n0\n\"A\"\n", "line 5: the file ends after 1 of 2 candidate names"},
      {"2 1\n1 1 0\n0\n\"A\"\nB\n", "line 5: expected candidate 2's name in double quotes"},
      {"2 1\n1 1 0\n0\n\"A\"\n\"A\"\n", "line 5: candidate name \"A\" is used twice"},
      {"2 1\n1 1 0\n0\n\"A\"\n\"B\"\n\"T\"\n\"extra\"\n", "line 7: unexpected \"extra\" after the title"},
      {"2 1\n-3\n", "line 2: expected withdrawn candidates as -1 to -2"},
      {"2 1\n1 1 0\n0\n\"A\n", "line 4: a quoted name has no closing"},
  };
  for (const Case& c : cases) {
    Result<BallotSet> set = ParseBlt(c.text);
    ASSERT_FALSE(set.ok()) << c.text;
    EXPECT_NE(set.status().message().find(c.message), std::string::npos)
        << "got: " << set.status().message() << "\nwant: " << c.message;
  }
}

TEST(RankingCsv, ReadsRanksSkipsAndOvervotes) {
  const char* text =
      "\xEF\xBB\xBF" "ballot_id,rank1,rank2,rank3\r\n"
      "1,Alice,Bob,\r\n"
      "2,Bob,,Carol\r\n"
      "\r\n"
      "3, Alice | Bob ,\"Smith, Jo\"\n"
      "4\n";
  Result<BallotSet> set = ParseRankingCsv(text, {});
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_EQ(set->candidates, (std::vector<std::string>{"Alice", "Bob", "Carol", "Smith, Jo"}));
  ASSERT_EQ(set->ballots.size(), 4u);
  EXPECT_EQ(set->ballots[0].ranks, (Ranks{{0}, {1}}));
  EXPECT_EQ(set->ballots[1].ranks, (Ranks{{1}, {}, {2}}));
  EXPECT_EQ(set->ballots[2].ranks, (Ranks{{0, 1}, {3}}));
  EXPECT_EQ(set->ballots[2].line, 5);
  EXPECT_TRUE(set->ballots[3].ranks.empty());
}

TEST(RankingCsv, GivenCandidatesFixTheOrderAndRejectOthers) {
  Result<BallotSet> set = ParseRankingCsv("ballot_id,r1\n1,Bob\n", {"Alice", "Bob"});
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->candidates, (std::vector<std::string>{"Alice", "Bob"}));
  EXPECT_EQ(set->ballots[0].ranks, (Ranks{{1}}));

  Result<BallotSet> bad = ParseRankingCsv("ballot_id,r1\n1,Bob\n2,Zed\n", {"Alice", "Bob"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "line 3: unknown candidate \"Zed\" (not in --candidates)");
}

TEST(RankingCsv, ErrorsNameTheLine) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"", "line 1: the file is empty"},
      {"id,r1\n1,A\n", "line 1: the header's first column must be ballot_id"},
      {"ballot_id,r1\n1,A\n1,B\n", "line 3: ballot_id 1 is used again (first on line 2)"},
      {"ballot_id,r1\n1,A\n,B\n", "line 3: ballot_id is empty"},
      {"ballot_id,r1\n1,A,B\n", "line 2: 3 columns, but the header has 2"},
      {"ballot_id,r1\n1,A|\n", "line 2: an empty name in \"A|\""},
      {"ballot_id,r1\n1,\"A\n", "line 2: a quoted cell has no closing"},
      {"ballot_id,r1\n1,\"A,\nB\"\n2,\"C\"x\n", "line 4: unexpected text after a quoted cell"},
  };
  for (const Case& c : cases) {
    Result<BallotSet> set = ParseRankingCsv(c.text, {});
    ASSERT_FALSE(set.ok()) << c.text;
    EXPECT_NE(set.status().message().find(c.message), std::string::npos)
        << "got: " << set.status().message() << "\nwant: " << c.message;
  }
}

TEST(BallotFile, DetectsFormatByExtensionThenContent) {
  EXPECT_EQ(DetectBallotFormat("x.BLT", "ballot_id"), BallotFormat::kBlt);
  EXPECT_EQ(DetectBallotFormat("x.csv", "3 1\n"), BallotFormat::kCsv);
  EXPECT_EQ(DetectBallotFormat("-", "\n 3 1\n1 1 0\n"), BallotFormat::kBlt);
  EXPECT_EQ(DetectBallotFormat("ballots", "ballot_id,r1\n"), BallotFormat::kCsv);
}

TEST(BallotFile, CandidatesReorderABltFile) {
  const char* text = "2 1\n1 1 2 0\n0\n\"A\"\n\"B\"\n";
  Result<BallotSet> set = ParseBallotFile("e.blt", text, {"B", "A"});
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_EQ(set->candidates, (std::vector<std::string>{"B", "A"}));
  EXPECT_EQ(set->ballots[0].ranks, (Ranks{{1}, {0}}));
  EXPECT_FALSE(ParseBallotFile("e.blt", text, {"A", "C"}).ok());
  EXPECT_FALSE(ParseBallotFile("e.blt", text, {"A"}).ok());
  EXPECT_FALSE(ParseBallotFile("e.blt", text, {"A", "A"}).ok());
}

TEST(BallotFile, SplitsCandidateLists) {
  EXPECT_EQ(SplitCandidateList(" A, B ,C"), (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_TRUE(SplitCandidateList("  ").empty());
}

}  // namespace
}  // namespace kin::govern
