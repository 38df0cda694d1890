// Ranked ballots as read from a BLT file or a CSV of rankings, before any counting rule is applied.
//
// A ballot keeps exactly what the voter marked, rank by rank: an empty rank is a skipped rank, a rank with two or
// more candidates is an overvote, and a candidate may appear at more than one rank. The counts (irv.h, stv.h,
// meek.h, schulze.h) decide what those marks mean, according to their options.
#ifndef KIN_GOVERN_BALLOTS_H_
#define KIN_GOVERN_BALLOTS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace kin::govern {

struct RankedBallot {
  int64_t weight = 1;                   // whole votes: a BLT line's weight, 1 for a CSV row
  std::vector<std::vector<int>> ranks;  // candidate indices per rank, first preference first; no index twice
                                        // within one rank
  int line = 0;                         // 1-based line in the source file, for messages; 0 if built in memory
};

struct BallotSet {
  std::string title;
  // Candidate names, unique. Their order is the tie-breaking order: a candidate listed earlier is favoured.
  std::vector<std::string> candidates;
  std::vector<bool> withdrawn;  // per candidate; withdrawn candidates take no part in any count
  int seats = 0;                // from a BLT header; 0 when the file does not say
  std::vector<RankedBallot> ballots;

  int64_t TotalWeight() const;
  int Running() const;  // candidates not withdrawn
  // Index of `name`, or -1.
  int Find(std::string_view name) const;
};

// Ok when `set` is well formed: candidates named, unique and at least one not withdrawn; every mark a valid
// index, none twice within a rank; weights >= 0. The parsers only produce well-formed sets; counts check again
// because sets may also be built in memory.
Status CheckBallots(const BallotSet& set);

// Rewrites `set` so that its candidates appear in `order` (the tie-breaking order given with --candidates).
// `order` must name every candidate of `set` exactly once; it may add candidates nobody ranked.
Status ApplyCandidateOrder(const std::vector<std::string>& order, BallotSet& set);

// Splits "A, B ,C" into trimmed names; an empty string gives an empty list.
std::vector<std::string> SplitCandidateList(std::string_view list);

enum class BallotFormat { kBlt, kCsv };

// By extension (.blt, .csv, any case); otherwise a first non-blank line of two integers means BLT.
BallotFormat DetectBallotFormat(std::string_view file_name, std::string_view content);

// Reads a ballot file whose content the caller has loaded. With a non-empty `candidates`, a CSV may name only
// those candidates and a BLT's candidates are put in that order. Errors name the line ("line 7: ...").
Result<BallotSet> ParseBallotFile(std::string_view file_name, std::string_view content,
                                  const std::vector<std::string>& candidates);

}  // namespace kin::govern

#endif  // KIN_GOVERN_BALLOTS_H_
