// The CSV-of-rankings parser (src/govern/ranking_csv.h) over arbitrary files.
//
// Properties checked, beyond not crashing: errors are kInvalid with a message; an accepted file gives a
// well-formed BallotSet (ballot_checks.h) with weight 1 per row; parsing it again with its own candidates given
// in reverse order (--candidates) is accepted and gives the same ballots by name.
#include <string>

#include "ballot_checks.h"
#include "fuzz_support.h"
#include "govern/ballots.h"
#include "govern/ranking_csv.h"

namespace kin::fuzz {

int FuzzRankingCsv(const uint8_t* data, size_t size) {
  const std::string_view text = AsText(data, size);
  Result<govern::BallotSet> set = govern::ParseRankingCsv(text, {});
  if (!set.ok()) {
    CheckParseError(set.status(), "ParseRankingCsv", /*names_line=*/false);
    return 0;
  }
  CheckParsedSet(*set, "ParseRankingCsv");
  for (const govern::RankedBallot& b : set->ballots) KIN_FUZZ_CHECK(b.weight == 1, "a CSV row weighs not 1");

  std::vector<std::string> order(set->candidates.rbegin(), set->candidates.rend());
  Result<govern::BallotSet> fixed = govern::ParseRankingCsv(text, order);
  KIN_FUZZ_CHECK(fixed.ok(), "the file's own candidates are refused: " + fixed.status().ToString());
  CheckParsedSet(*fixed, "ParseRankingCsv(candidates)");
  KIN_FUZZ_CHECK(fixed->candidates == order, "the candidates are not in the order given");
  KIN_FUZZ_CHECK(BallotNames(*fixed) == BallotNames(*set), "naming the candidates changed a ballot");
  return 0;
}

}  // namespace kin::fuzz

KIN_FUZZ_ENTRY(FuzzRankingCsv)
