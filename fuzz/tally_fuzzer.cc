// `kin tally` without the command line: a ballot file (BLT or CSV, detected as the command does) counted by IRV,
// STV, Meek or Schulze with small options.
//
// Input: two option bytes, then the file.
//   byte 0: bits 0-1 method (irv, stv, meek, schulze), bits 2-3 seats - 1 (1..4), bits 4-7 decimals (0..15;
//           10..15 are out of range on purpose and must be refused as kInvalid)
//   byte 1: bits 0-1 overvote rule (3: out of range, kept as exhaust), bit 2 duplicate rule, bits 3-4 max_skipped
//           (0..3), bit 5 batch elimination, bits 6-7 quota (3: out of range, kept as droop)
// Files with more than 8 candidates or 64 ballots are skipped to keep each run fast (Schulze is cubic, Meek
// iterates).
//
// Properties checked: a count fails only with kInvalid; a result has exactly `seats` distinct winners, none
// withdrawn; rounds are numbered 1, 2, ...; in every round of IRV, STV and Meek the tally plus the inactive votes
// add up exactly to the weight of all ballots (count.h); the winners are those elected round by round; Schulze's
// ranking orders every running candidate once and its pairwise counts never exceed the total weight.
#include <algorithm>
#include <set>
#include <string>

#include "ballot_checks.h"
#include "fuzz_support.h"
#include "govern/ballots.h"
#include "govern/count.h"
#include "govern/irv.h"
#include "govern/meek.h"
#include "govern/schulze.h"
#include "govern/stv.h"

namespace kin::fuzz {
namespace {

constexpr size_t kMaxCandidates = 8;
constexpr size_t kMaxBallots = 64;

void CheckWinners(const std::vector<int>& winners, const govern::BallotSet& set, int seats, const char* method) {
  const std::string m = method;
  KIN_FUZZ_CHECK(winners.size() == static_cast<size_t>(seats),
                 m + ": " + std::to_string(winners.size()) + " winners for " + std::to_string(seats) + " seats");
  std::set<int> distinct(winners.begin(), winners.end());
  KIN_FUZZ_CHECK(distinct.size() == winners.size(), m + ": a candidate won twice");
  for (int w : winners) {
    KIN_FUZZ_CHECK(w >= 0 && w < static_cast<int>(set.candidates.size()), m + ": a winner out of range");
    KIN_FUZZ_CHECK(!set.withdrawn[w], m + ": a withdrawn candidate won");
  }
}

void CheckRanked(const Result<govern::CountResult>& r, const govern::BallotSet& set, int seats, const char* method) {
  const std::string m = method;
  if (!r.ok()) {
    KIN_FUZZ_CHECK(r.status().kind() == StatusKind::kInvalid, m + " failed with " + r.status().ToString());
    return;
  }
  CheckWinners(r->winners, set, seats, method);
  const govern::Scale scale(r->decimals);
  const govern::Votes all = scale.Whole(set.TotalWeight());
  std::vector<int> elected;
  for (size_t i = 0; i < r->rounds.size(); ++i) {
    const govern::CountRound& round = r->rounds[i];
    KIN_FUZZ_CHECK(round.round == static_cast<int>(i) + 1, m + ": rounds out of order");
    govern::Votes sum = round.inactive.Total();
    for (const govern::CandidateVotes& cv : round.tally) {
      KIN_FUZZ_CHECK(cv.votes.units() >= 0, m + ": negative votes in round " + std::to_string(round.round));
      sum += cv.votes;
    }
    KIN_FUZZ_CHECK(sum == all, m + ": round " + std::to_string(round.round) + " accounts for " + scale.Format(sum) +
                                   " of " + scale.Format(all) + " votes");
    elected.insert(elected.end(), round.elected.begin(), round.elected.end());
  }
  KIN_FUZZ_CHECK(elected == r->winners, m + ": the winners are not those elected round by round");
}

void CheckSchulze(const Result<govern::SchulzeResult>& r, const govern::BallotSet& set, int seats) {
  if (!r.ok()) {
    KIN_FUZZ_CHECK(r.status().kind() == StatusKind::kInvalid, "schulze failed with " + r.status().ToString());
    return;
  }
  CheckWinners(r->winners, set, seats, "schulze");
  std::vector<int> running;
  for (size_t c = 0; c < set.candidates.size(); ++c) {
    if (!set.withdrawn[c]) running.push_back(static_cast<int>(c));
  }
  KIN_FUZZ_CHECK(r->candidates == running, "schulze: counted candidates are not the running ones");
  std::vector<int> ranking = r->ranking;
  std::sort(ranking.begin(), ranking.end());
  KIN_FUZZ_CHECK(ranking == running, "schulze: the ranking does not order every running candidate once");
  KIN_FUZZ_CHECK(std::equal(r->winners.begin(), r->winners.end(), r->ranking.begin()),
                 "schulze: the winners are not the top of the ranking");
  const int64_t total = set.TotalWeight();
  for (size_t a = 0; a < r->pairwise.size(); ++a) {
    for (size_t b = 0; b < r->pairwise[a].size(); ++b) {
      if (a == b) continue;
      KIN_FUZZ_CHECK(r->pairwise[a][b] >= 0 && r->pairwise[a][b] + r->pairwise[b][a] <= total,
                     "schulze: pairwise counts exceed the total weight");
    }
  }
}

}  // namespace

int FuzzTally(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const uint8_t a = data[0];
  const uint8_t b = data[1];
  const std::string_view content = AsText(data + 2, size - 2);

  Result<govern::BallotSet> set = govern::ParseBallotFile("ballots", content, {});
  if (!set.ok()) return 0;
  if (set->candidates.size() > kMaxCandidates || set->ballots.size() > kMaxBallots) return 0;
  CheckParsedSet(*set, "ParseBallotFile");

  static const char* const kMethods[] = {"irv", "stv", "meek", "schulze"};
  const char* method = kMethods[a & 3];
  const int seats = std::min(((a >> 2) & 3) + 1, std::max(set->Running(), 1));
  if (method == std::string("schulze")) {
    CheckSchulze(govern::CountSchulze(*set, seats), *set, seats);
    return 0;
  }
  govern::RankedCountOptions options;
  options.seats = method == std::string("irv") ? 1 : seats;
  options.decimals = a >> 4;
  static const govern::OvervoteRule kOvervote[] = {govern::OvervoteRule::kExhaust, govern::OvervoteRule::kSkip,
                                                   govern::OvervoteRule::kExhaustIfMultiple,
                                                   govern::OvervoteRule::kExhaust};
  options.overvote = kOvervote[b & 3];
  options.duplicate = (b & 4) ? govern::DuplicateRule::kExhaust : govern::DuplicateRule::kSkip;
  options.max_skipped = (b >> 3) & 3;
  options.batch_elimination = (b & 32) != 0;
  static const govern::QuotaRule kQuota[] = {govern::QuotaRule::kDroop, govern::QuotaRule::kDroopFractional,
                                             govern::QuotaRule::kHare, govern::QuotaRule::kDroop};
  options.quota = kQuota[b >> 6];

  if (a % 4 == 0) {
    CheckRanked(govern::CountIrv(*set, options), *set, options.seats, "irv");
  } else if (a % 4 == 1) {
    CheckRanked(govern::CountStv(*set, options), *set, options.seats, "stv");
  } else {
    CheckRanked(govern::CountMeek(*set, options), *set, options.seats, "meek");
  }
  return 0;
}

}  // namespace kin::fuzz

KIN_FUZZ_ENTRY(FuzzTally)
