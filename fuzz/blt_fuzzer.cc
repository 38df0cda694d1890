// The BLT ballot parser (src/govern/blt.h) over arbitrary files.
//
// Properties checked, beyond not crashing: errors are kInvalid and name the line; an accepted file gives a
// well-formed BallotSet (ballot_checks.h); putting its candidates in another order through ParseBallotFile's
// --candidates path keeps every ballot's marks (by name), the withdrawn flags and the weights.
#include <string>

#include "ballot_checks.h"
#include "fuzz_support.h"
#include "govern/ballots.h"
#include "govern/blt.h"

namespace kin::fuzz {

int FuzzBlt(const uint8_t* data, size_t size) {
  const std::string_view text = AsText(data, size);
  Result<govern::BallotSet> set = govern::ParseBlt(text);
  if (!set.ok()) {
    CheckParseError(set.status(), "ParseBlt", /*names_line=*/true);
    return 0;
  }
  CheckParsedSet(*set, "ParseBlt");

  // The same file with the candidates listed in reverse order.
  std::vector<std::string> order(set->candidates.rbegin(), set->candidates.rend());
  Result<govern::BallotSet> reordered = govern::ParseBallotFile("fuzz.blt", text, order);
  KIN_FUZZ_CHECK(reordered.ok(), "reordering the candidates failed: " + reordered.status().ToString());
  CheckParsedSet(*reordered, "ParseBallotFile");
  KIN_FUZZ_CHECK(reordered->candidates == order, "the candidates are not in the order asked for");
  KIN_FUZZ_CHECK(BallotNames(*reordered) == BallotNames(*set), "reordering changed a ballot");
  for (size_t c = 0; c < order.size(); ++c) {
    int before = set->Find(order[c]);
    KIN_FUZZ_CHECK(reordered->withdrawn[c] == set->withdrawn[before], "reordering changed a withdrawn flag");
  }
  KIN_FUZZ_CHECK(reordered->TotalWeight() == set->TotalWeight(), "reordering changed the weights");
  return 0;
}

}  // namespace kin::fuzz

KIN_FUZZ_ENTRY(FuzzBlt)
