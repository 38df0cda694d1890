// Checks shared by the ballot harnesses (blt, ranking_csv, tally).
#ifndef KIN_FUZZ_BALLOT_CHECKS_H_
#define KIN_FUZZ_BALLOT_CHECKS_H_

#include <algorithm>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "govern/ballots.h"

namespace kin::fuzz {

// What ballots.h promises of a parsed set: names unique and non-empty, one withdrawn flag per candidate, every
// mark a valid index and none twice within a rank, weights >= 0, a source line on each ballot, and no blank rank
// at the end of a ballot. (CheckBallots also wants one candidate running; a BLT may withdraw them all, and every
// count checks that itself.)
inline void CheckParsedSet(const govern::BallotSet& set, const char* parser) {
  const std::string who = parser;
  KIN_FUZZ_CHECK(set.withdrawn.size() == set.candidates.size(), who + ": withdrawn flags do not match candidates");
  KIN_FUZZ_CHECK(!set.candidates.empty(), who + ": accepted a file without candidates");
  Status s = govern::CheckBallots(set);
  if (set.Running() > 0) KIN_FUZZ_CHECK(s.ok(), who + " produced a set CheckBallots refuses: " + s.ToString());
  for (const govern::RankedBallot& b : set.ballots) {
    KIN_FUZZ_CHECK(b.weight >= 0, who + ": negative weight");
    KIN_FUZZ_CHECK(b.line > 0, who + ": a ballot without its line");
    KIN_FUZZ_CHECK(b.ranks.empty() || !b.ranks.back().empty(), who + ": a ballot ends with a blank rank");
    for (const std::vector<int>& rank : b.ranks) {
      for (int c : rank) {
        KIN_FUZZ_CHECK(c >= 0 && c < static_cast<int>(set.candidates.size()), who + ": a mark out of range");
        KIN_FUZZ_CHECK(std::count(rank.begin(), rank.end(), c) == 1, who + ": a candidate twice in one rank");
      }
    }
  }
}

// A parser's error is kInvalid with a message; with `names_line`, it starts "line N: ".
inline void CheckParseError(const Status& s, const char* parser, bool names_line) {
  KIN_FUZZ_CHECK(s.kind() == StatusKind::kInvalid, std::string(parser) + " failed with " + s.ToString());
  KIN_FUZZ_CHECK(!s.message().empty(), std::string(parser) + " failed without a message");
  if (names_line) {
    KIN_FUZZ_CHECK(s.message().rfind("line ", 0) == 0, std::string(parser) + "'s error names no line: " + s.message());
  }
}

// The ballots of `set` as names, to compare two sets whose candidates are numbered differently.
inline std::vector<std::vector<std::vector<std::string>>> BallotNames(const govern::BallotSet& set) {
  std::vector<std::vector<std::vector<std::string>>> out;
  for (const govern::RankedBallot& b : set.ballots) {
    std::vector<std::vector<std::string>> ranks;
    for (const std::vector<int>& rank : b.ranks) {
      std::vector<std::string> names;
      for (int c : rank) names.push_back(set.candidates[c]);
      std::sort(names.begin(), names.end());
      ranks.push_back(std::move(names));
    }
    out.push_back(std::move(ranks));
  }
  return out;
}

}  // namespace kin::fuzz

#endif  // KIN_FUZZ_BALLOT_CHECKS_H_
