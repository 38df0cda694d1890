// Options and round-by-round reports shared by the ranked counts: IRV (irv.h), STV (stv.h) and Meek (meek.h).
//
// Every rule is described in docs/voting.md; this header states what each field means for the code.
#ifndef KIN_GOVERN_COUNT_H_
#define KIN_GOVERN_COUNT_H_

#include <string>
#include <vector>

#include "core/status.h"
#include "govern/ballots.h"
#include "govern/votes.h"

namespace kin::govern {

// What a rank holding two or more candidates (an overvote) means when the count reaches it.
enum class OvervoteRule {
  kExhaust,            // the ballot becomes inactive ("overvotes")
  kSkip,               // the rank is passed over; the ballot goes on to its next rank
  kExhaustIfMultiple,  // inactive if two or more of them are continuing; counts for the one if exactly one is;
                       // passed over if none is
};

// What a candidate marked again at a later rank means when the count reaches that mark.
enum class DuplicateRule {
  kSkip,     // the repeated mark is passed over
  kExhaust,  // the ballot becomes inactive ("repeated")
};

enum class QuotaRule {
  kDroop,            // floor(valid / (seats + 1)) + 1 whole votes; elected at or above it
  kDroopFractional,  // elected when strictly above valid / (seats + 1) (the threshold reported is the smallest
                     // amount at the count's decimals that is strictly above)
  kHare,             // valid / seats, rounded up to the count's decimals; elected at or above it
};

struct RankedCountOptions {
  int seats = 1;                               // IRV requires 1
  int decimals = 0;                            // 0..9 digits of every vote value; see votes.h
  QuotaRule quota = QuotaRule::kDroop;         // STV only; Meek always uses droop-fractional
  OvervoteRule overvote = OvervoteRule::kExhaust;
  // A ballot becomes inactive ("skipped") when the count reaches a marked rank that follows more than
  // `max_skipped` consecutive blank ranks. Blank ranks at the end of a ballot only exhaust it. >= 0.
  int max_skipped = 1;
  DuplicateRule duplicate = DuplicateRule::kSkip;
  // Eliminate at once every candidate in the largest group of lowest candidates whose combined votes are below
  // the next candidate's votes (and that leaves enough candidates for the open seats).
  bool batch_elimination = false;
};

// Ok when the fields are in range for `method` ("irv", "stv", "meek") and `candidates` (not withdrawn).
Status ValidateOptions(const RankedCountOptions& options, const char* method, int candidates);

// What every ranked count checks first: well-formed ballots, options in range for `method`, and a total weight
// that fits the fixed-point scale of options.decimals.
Status CheckRankedCount(const BallotSet& set, const RankedCountOptions& options, const char* method);

// Votes held by no candidate, cumulative: each field is everything that reason has taken so far.
struct InactiveVotes {
  Votes exhausted;  // no continuing candidate left on the ballot
  Votes overvotes;  // reached an overvote (see OvervoteRule)
  Votes skipped;    // reached a mark after too many consecutive blank ranks
  Votes repeated;   // reached a repeated candidate under DuplicateRule::kExhaust
  Votes rounding;   // lost to truncation in STV surplus transfers; always 0 for IRV and Meek

  Votes Total() const { return exhausted + overvotes + skipped + repeated + rounding; }
};

struct CandidateVotes {
  int candidate;
  Votes votes;
};

struct CountRound {
  int round = 0;  // 1-based
  // Votes at or above this are elected (IRV: a majority of the continuing votes; STV, Meek: the quota).
  Votes threshold;
  // Every candidate still in the count at this round (continuing, or elected and holding votes), in candidate
  // order. Together with `inactive`, it adds up exactly to the weight of all ballots.
  std::vector<CandidateVotes> tally;
  std::vector<int> elected;     // elected in this round, in order of election
  std::vector<int> eliminated;  // eliminated at the end of this round; their ballots move on before the next
  InactiveVotes inactive;
  std::vector<std::string> notes;  // why: tie-breaks, surplus transfers, Meek iterations, in plain words
};

struct CountResult {
  int decimals = 0;          // the scale of every Votes value below
  std::vector<int> winners;  // in order of election
  std::vector<CountRound> rounds;
};

}  // namespace kin::govern

#endif  // KIN_GOVERN_COUNT_H_
