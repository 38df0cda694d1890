// Helpers for building ballot sets in tests: "A>B>C", "A|B>C" (overvote), "A>>C" (skipped rank).
#ifndef KIN_GOVERN_TEST_BALLOTS_H_
#define KIN_GOVERN_TEST_BALLOTS_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "govern/ballots.h"

namespace kin::govern::testing {

// `ballots`: {weight, "A>B|C>>D"} pairs; names must be in `candidates`.
inline BallotSet Ballots(std::vector<std::string> candidates, std::vector<std::pair<int, std::string>> ballots) {
  BallotSet set;
  set.candidates = std::move(candidates);
  set.withdrawn.assign(set.candidates.size(), false);
  for (const auto& [weight, text] : ballots) {
    RankedBallot b;
    b.weight = weight;
    std::string_view rest = text;
    while (!rest.empty()) {
      size_t gt = rest.find('>');
      std::string_view rank_text = rest.substr(0, gt);
      rest = gt == std::string_view::npos ? std::string_view() : rest.substr(gt + 1);
      std::vector<int> rank;
      while (!rank_text.empty()) {
        size_t bar = rank_text.find('|');
        rank.push_back(set.Find(rank_text.substr(0, bar)));
        rank_text = bar == std::string_view::npos ? std::string_view() : rank_text.substr(bar + 1);
      }
      b.ranks.push_back(std::move(rank));
    }
    set.ballots.push_back(std::move(b));
  }
  return set;
}

}  // namespace kin::govern::testing

#endif  // KIN_GOVERN_TEST_BALLOTS_H_
