// Deterministic tie-breaking for the ranked counts.
//
// Rule (docs/voting.md): among candidates tied now, look back at the previous round's tallies; keep only the
// tied candidates that had the fewest votes there (when choosing whom to eliminate) or the most (when choosing
// whom to elect or transfer first); if several remain, look at the round before, and so on back to round 1. If
// candidates are still tied after round 1, the candidate order decides: the one listed later is eliminated, the
// one listed earlier is elected first. No randomness: a recount always gives the same result.
#ifndef KIN_GOVERN_TIE_BREAK_H_
#define KIN_GOVERN_TIE_BREAK_H_

#include <string>
#include <vector>

#include "govern/votes.h"

namespace kin::govern {

enum class TieSide { kLowest, kHighest };

struct TieBreak {
  int chosen = -1;
  std::string note;  // e.g. "B and C tied with 3 votes; C eliminated: fewer votes in round 1"
};

// `tied`: two or more candidate indices with equal votes in the current round. `history[r][c]`: candidate c's
// votes in round r + 1, for every round so far, the current one last. `action` completes the note, e.g.
// "eliminated".
TieBreak BreakTie(std::vector<int> tied, TieSide side, const std::vector<std::vector<Votes>>& history,
                  const std::vector<std::string>& names, const Scale& scale, const std::string& action);

// Index in `candidates` (continuing candidates) of the one with the fewest (kLowest) or most (kHighest) votes
// in `votes`, breaking ties with BreakTie; appends the tie note, if any, to `notes`.
int PickCandidate(const std::vector<int>& candidates, const std::vector<Votes>& votes, TieSide side,
                  const std::vector<std::vector<Votes>>& history, const std::vector<std::string>& names,
                  const Scale& scale, const std::string& action, std::vector<std::string>& notes);

// The candidates to eliminate this round, from `candidates` (the continuing ones). With `batch`, the largest
// group of two or more lowest candidates whose combined votes are below the votes of the next candidate up, as
// long as at least `keep` candidates remain; otherwise the single lowest candidate, ties broken by BreakTie.
std::vector<int> PickEliminated(const std::vector<int>& candidates, const std::vector<Votes>& votes, bool batch,
                                size_t keep, const std::vector<std::vector<Votes>>& history,
                                const std::vector<std::string>& names, const Scale& scale,
                                std::vector<std::string>& notes);

}  // namespace kin::govern

#endif  // KIN_GOVERN_TIE_BREAK_H_
