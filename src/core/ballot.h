// A ballot as one member marked it, for any counting method, and the rule that it fits the proposal.
//
// Only the fields of the proposal's method may be filled; options are referred to by their index (0-based) in
// the proposal's list. A ballot carries no voter: who voted is kept apart (see docs/assemblies.md).
#ifndef KIN_CORE_BALLOT_H_
#define KIN_CORE_BALLOT_H_

#include <string>
#include <vector>

#include "core/proposal.h"
#include "core/status.h"

namespace kin {

using BallotId = Id<struct BallotTag>;

struct Ballot {
  std::string position;      // consent: agree, abstain, object, block; majority: yes, no, abstain
  std::string reason;        // consent: required for object and block (1..1000)
  std::vector<int> approve;  // approval: the approved options, each at most once (may be empty)
  std::vector<int> ranking;  // irv, stv, schulze: options in order of preference, each at most once, at least one
  std::vector<int> scores;   // score: one 0..max_score per option
  std::vector<int> dots;     // dot: one count >= 0 per option, adding up to at most the proposal's dots
  bool operator==(const Ballot&) const = default;
};

// Invalid input naming each bad field ("ranking[1]", "reason") when the ballot does not fit `d`.
Status ValidateBallot(const ProposalDetails& d, const Ballot& ballot);

}  // namespace kin

#endif  // KIN_CORE_BALLOT_H_
