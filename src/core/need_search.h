// Finding needs by what a person says on the phone ("the rice for the family by the market"): a case-insensitive
// match of every word against the need's description, place and category. Pure, so intake's search and its
// tests agree on what matches.
#ifndef KIN_CORE_NEED_SEARCH_H_
#define KIN_CORE_NEED_SEARCH_H_

#include <string>
#include <vector>

#include "core/need.h"

namespace kin {

// The words of a query, lower-cased (ASCII letters only; other bytes, UTF-8 included, are kept as they are).
std::vector<std::string> SearchWords(const std::string& query);

// True when every word occurs in the need's description, place or category. No words matches everything.
bool NeedMatches(const Need& need, const std::vector<std::string>& words);

}  // namespace kin

#endif  // KIN_CORE_NEED_SEARCH_H_
