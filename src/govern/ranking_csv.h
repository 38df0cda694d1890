// A CSV of rankings: a header row, then one ballot per row.
//
//   ballot_id,rank1,rank2,rank3
//   1,Alice,Bob,
//   2,Bob,,Carol        blank cell: a skipped rank
//   3,Alice|Bob,Carol   two names at one rank: an overvote
//
// RFC 4180 quoting ("Smith, Jo" or "say ""hi""") and CRLF line ends are accepted; a UTF-8 byte order mark is
// ignored. Every row has weight 1. Blank lines are ignored.
#ifndef KIN_GOVERN_RANKING_CSV_H_
#define KIN_GOVERN_RANKING_CSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "govern/ballots.h"

namespace kin::govern {

// Parses the whole file. With an empty `candidates`, candidates are every name used, in order of first
// appearance; otherwise exactly `candidates`, and any other name is an error. ballot_id must be non-empty and
// unique. Errors: "line N: what is wrong".
Result<BallotSet> ParseRankingCsv(std::string_view text, const std::vector<std::string>& candidates);

}  // namespace kin::govern

#endif  // KIN_GOVERN_RANKING_CSV_H_
