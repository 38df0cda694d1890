// Condorcet method of Markus Schulze (beatpath), with the full ranking.
//
// Each ballot ranks candidates; candidates at one rank (an "overvote" on a ranked ballot) are ranked equally,
// skipped ranks are ignored, a repeated candidate counts at its first rank only, and candidates a ballot does not
// mention share its last place. d[a][b] is the weight of ballots ranking a above b. A path's strength is its
// weakest link, counted by winning votes (a link a->b exists when d[a][b] > d[b][a] and has strength d[a][b]);
// p[a][b] is the strength of the strongest path. a ranks above b when p[a][b] > p[b][a]. That relation is a
// strict partial order; the full ranking lists candidates by how many others they rank above, and candidates the
// relation leaves unordered follow the candidate order (earlier listed first), which the notes record.
#ifndef KIN_GOVERN_SCHULZE_H_
#define KIN_GOVERN_SCHULZE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "govern/ballots.h"

namespace kin::govern {

struct SchulzeResult {
  std::vector<int> candidates;                // the candidates counted (not withdrawn), in candidate order
  std::vector<std::vector<int64_t>> pairwise;   // [a][b]: weight preferring a to b; indices into `candidates`
  std::vector<std::vector<int64_t>> strongest;  // [a][b]: strongest path strength; indices into `candidates`
  std::vector<int> ranking;                   // candidate indices, best first
  std::vector<int> winners;                   // the first `seats` of ranking
  std::vector<std::string> notes;             // ties resolved by candidate order
};

// Requires 1 <= seats <= candidates not withdrawn. Errors: malformed ballots, seats out of range.
Result<SchulzeResult> CountSchulze(const BallotSet& set, int seats);

}  // namespace kin::govern

#endif  // KIN_GOVERN_SCHULZE_H_
