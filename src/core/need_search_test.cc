#include "core/need_search.h"

#include <gtest/gtest.h>

namespace kin {
namespace {

TEST(NeedSearch, EveryWordMustOccurAnywhereIgnoringCase) {
  Need n;
  n.details.category = "groceries";
  n.details.description = "Rice and BEANS for a family of four";
  n.details.place = "Near the Market";
  EXPECT_TRUE(NeedMatches(n, SearchWords("rice market")));
  EXPECT_TRUE(NeedMatches(n, SearchWords("  Beans,  GROCER ")));
  EXPECT_FALSE(NeedMatches(n, SearchWords("rice nappies")));
  EXPECT_TRUE(NeedMatches(n, SearchWords("")));
}

TEST(NeedSearch, KeepsNonAsciiWordsAsTyped) {
  Need n;
  n.details.description = "Pañales y leche";
  EXPECT_EQ(SearchWords("PAÑALES"), (std::vector<std::string>{"paÑales"}));
  EXPECT_TRUE(NeedMatches(n, SearchWords("pañales")));
}

}  // namespace
}  // namespace kin
