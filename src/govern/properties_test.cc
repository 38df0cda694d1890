// Properties over seeded random ballot sets: each test draws many small elections from a fixed seed, so a
// failure is reproducible, and checks a statement that must hold for every election.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "govern/irv.h"
#include "govern/meek.h"
#include "govern/schulze.h"
#include "govern/stv.h"

namespace kin::govern {
namespace {

constexpr int kElections = 300;

// Ballots over `n` candidates with blank ranks, overvotes and repeats mixed in, weights 1..3.
BallotSet RandomElection(std::mt19937& rng, int n, bool messy) {
  BallotSet set;
  for (int c = 0; c < n; ++c) set.candidates.push_back(std::string(1, static_cast<char>('A' + c)));
  set.withdrawn.assign(n, false);
  std::uniform_int_distribution<int> pick(0, n - 1), percent(0, 99), weight(1, 3), count(1, 40);
  std::uniform_int_distribution<int> length(0, n + 1);
  int ballots = count(rng);
  for (int i = 0; i < ballots; ++i) {
    RankedBallot b;
    b.weight = weight(rng);
    int len = length(rng);
    for (int r = 0; r < len; ++r) {
      int roll = percent(rng);
      std::vector<int> rank;
      if (!messy || roll >= 15) {
        rank.push_back(pick(rng));
      } else if (roll >= 5) {
        int a = pick(rng), c = pick(rng);
        rank.push_back(a);
        if (c != a) rank.push_back(c);
      }
      b.ranks.push_back(rank);
    }
    set.ballots.push_back(std::move(b));
  }
  return set;
}

RankedCountOptions RandomOptions(std::mt19937& rng) {
  RankedCountOptions o;
  std::uniform_int_distribution<int> three(0, 2), two(0, 1);
  o.overvote = static_cast<OvervoteRule>(three(rng));
  o.duplicate = static_cast<DuplicateRule>(two(rng));
  o.max_skipped = three(rng);
  return o;
}

// Every round: the tally plus every kind of inactive vote is exactly the weight of all ballots.
void ExpectConservation(const BallotSet& set, const CountResult& r) {
  const Votes total = Scale(r.decimals).Whole(set.TotalWeight());
  for (const CountRound& round : r.rounds) {
    Votes sum = round.inactive.Total();
    for (const CandidateVotes& cv : round.tally) sum += cv.votes;
    EXPECT_EQ(sum, total) << "round " << round.round;
  }
}

TEST(Properties, IrvWithTwoCandidatesIsMajority) {
  std::mt19937 rng(20250101);
  for (int e = 0; e < kElections; ++e) {
    BallotSet set = RandomElection(rng, 2, false);
    int64_t first[2] = {0, 0};
    for (const RankedBallot& b : set.ballots) {
      if (!b.ranks.empty()) first[b.ranks[0][0]] += b.weight;
    }
    Result<CountResult> r = CountIrv(set, {});
    ASSERT_TRUE(r.ok());
    int expected = first[1] > first[0] ? 1 : 0;  // a tie goes to the candidate listed first
    EXPECT_EQ(r->winners, std::vector<int>{expected}) << "election " << e;
  }
}

TEST(Properties, StvWithOneSeatElectsTheIrvWinner) {
  std::mt19937 rng(7);
  for (int e = 0; e < kElections; ++e) {
    BallotSet set = RandomElection(rng, 2 + e % 6, true);
    RankedCountOptions o = RandomOptions(rng);
    Result<CountResult> irv = CountIrv(set, o);
    Result<CountResult> stv = CountStv(set, o);
    ASSERT_TRUE(irv.ok() && stv.ok());
    EXPECT_EQ(irv->winners, stv->winners) << "election " << e;
  }
}

TEST(Properties, CondorcetWinnerWinsSchulze) {
  std::mt19937 rng(42);
  int found = 0;
  for (int e = 0; e < kElections; ++e) {
    BallotSet set = RandomElection(rng, 3 + e % 5, true);
    Result<SchulzeResult> r = CountSchulze(set, 1);
    ASSERT_TRUE(r.ok());
    const size_t n = r->candidates.size();
    for (size_t a = 0; a < n; ++a) {
      bool beats_all = true;
      for (size_t b = 0; b < n; ++b) beats_all = beats_all && (a == b || r->pairwise[a][b] > r->pairwise[b][a]);
      if (beats_all) {
        ++found;
        EXPECT_EQ(r->winners[0], r->candidates[a]) << "election " << e;
      }
    }
  }
  EXPECT_GT(found, kElections / 4);  // the property was exercised
}

TEST(Properties, VotesAreConservedExactlyInEveryRound) {
  std::mt19937 rng(99);
  for (int e = 0; e < kElections; ++e) {
    const int n = 2 + e % 7;
    BallotSet set = RandomElection(rng, n, true);
    RankedCountOptions o = RandomOptions(rng);
    Result<CountResult> irv = CountIrv(set, o);
    ASSERT_TRUE(irv.ok());
    ExpectConservation(set, *irv);
    o.seats = 1 + e % n;
    o.decimals = 5;
    o.batch_elimination = e % 2 == 0;
    o.quota = static_cast<QuotaRule>(e % 3);
    Result<CountResult> stv = CountStv(set, o);
    ASSERT_TRUE(stv.ok());
    ExpectConservation(set, *stv);
    EXPECT_EQ(stv->winners.size(), static_cast<size_t>(o.seats));
    o.decimals = 9;
    Result<CountResult> meek = CountMeek(set, o);
    ASSERT_TRUE(meek.ok());
    ExpectConservation(set, *meek);
    EXPECT_EQ(meek->winners.size(), static_cast<size_t>(o.seats));
  }
}

// Same ballots in another order, or split into more lines of smaller weight... must give the same count:
// the result depends only on the ballots, and a recount always agrees.
TEST(Properties, CountIsDeterministicAndIndependentOfBallotOrder) {
  std::mt19937 rng(5);
  auto same = [](const CountResult& a, const CountResult& b) {
    if (a.winners != b.winners || a.rounds.size() != b.rounds.size()) return false;
    for (size_t i = 0; i < a.rounds.size(); ++i) {
      const CountRound &x = a.rounds[i], &y = b.rounds[i];
      if (x.elected != y.elected || x.eliminated != y.eliminated || x.notes != y.notes ||
          x.threshold != y.threshold || x.inactive.Total() != y.inactive.Total() || x.tally.size() != y.tally.size()) {
        return false;
      }
      for (size_t j = 0; j < x.tally.size(); ++j) {
        if (x.tally[j].votes != y.tally[j].votes) return false;
      }
    }
    return true;
  };
  for (int e = 0; e < kElections / 3; ++e) {
    BallotSet set = RandomElection(rng, 3 + e % 5, true);
    BallotSet shuffled = set;
    std::shuffle(shuffled.ballots.begin(), shuffled.ballots.end(), rng);
    RankedCountOptions o = RandomOptions(rng);
    o.seats = 2;
    o.decimals = 6;
    auto a = CountStv(set, o), b = CountStv(shuffled, o), c = CountStv(set, o);
    ASSERT_TRUE(a.ok() && b.ok() && c.ok());
    EXPECT_TRUE(same(*a, *b)) << "election " << e;
    EXPECT_TRUE(same(*a, *c)) << "election " << e;
    auto m1 = CountMeek(set, o), m2 = CountMeek(shuffled, o);
    ASSERT_TRUE(m1.ok() && m2.ok());
    EXPECT_TRUE(same(*m1, *m2)) << "election " << e;
    o.seats = 1;
    auto i1 = CountIrv(set, o), i2 = CountIrv(shuffled, o);
    ASSERT_TRUE(i1.ok() && i2.ok());
    EXPECT_TRUE(same(*i1, *i2)) << "election " << e;
  }
}

}  // namespace
}  // namespace kin::govern
