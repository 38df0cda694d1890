// What closing a proposal decided, with everything needed to check the count by hand: the totals, every round of
// a ranked count, the notes on ties and transfers, and the reasons given for objections and blocks.
//
// Vote amounts are kept as the text the count printed ("12.50000"), exactly as reported, so the stored report
// never depends on how a later build formats numbers.
#ifndef KIN_CORE_OUTCOME_H_
#define KIN_CORE_OUTCOME_H_

#include <optional>
#include <string>
#include <vector>

#include "core/time.h"

namespace kin {

// One line of totals: an option (by index) or a position of consent and majority ("agree", "yes").
struct OutcomeTotal {
  std::string label;  // the option's text or the position's name
  std::string value;  // "7", "12.50000"
  bool operator==(const OutcomeTotal&) const = default;
};

// One round of a ranked count (IRV, STV); single-round methods have none.
struct OutcomeRound {
  int round = 0;
  std::string threshold;           // votes that elect in this round
  std::vector<std::string> votes;  // per option; empty text when the option is no longer in the count
  std::vector<int> elected;        // option indices
  std::vector<int> eliminated;     // option indices
  std::string inactive;            // votes held by no option (exhausted and the like)
  std::vector<std::string> notes;
  bool operator==(const OutcomeRound&) const = default;
};

struct Outcome {
  int electorate = 0;              // members who could vote
  int participants = 0;            // ballots cast
  int quorum_required = 0;         // ballots the quorum asked for; 0: no quorum
  bool quorum_reached = true;      // false: the result does not count, whatever the totals say
  bool passes = false;             // consent, majority: the proposal passes; others: winners were chosen
  std::vector<int> winners;        // option indices, in order of election; empty for consent and majority
  std::vector<int> ranking;        // option indices, best first (approval, score, dot, Schulze)
  std::vector<OutcomeTotal> totals;
  std::vector<OutcomeRound> rounds;
  std::vector<std::string> notes;       // ties, transfers, how the share compares with the threshold
  std::vector<std::string> objections;  // consent: reasons given
  std::vector<std::string> blocks;      // consent: reasons given
  bool operator==(const Outcome&) const = default;
};

}  // namespace kin

#endif  // KIN_CORE_OUTCOME_H_
