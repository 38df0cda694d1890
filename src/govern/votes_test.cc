#include "govern/votes.h"

#include <gtest/gtest.h>

#include "govern/rational.h"

namespace kin::govern {
namespace {

TEST(Votes, FormatsExactlyTheStatedDecimals) {
  Scale five(5), none(0);
  EXPECT_EQ(five.Format(five.Whole(12)), "12.00000");
  EXPECT_EQ(five.Format(Votes::FromUnits(150)), "0.00150");
  EXPECT_EQ(none.Format(none.Whole(7)), "7");
  EXPECT_EQ(five.Format(Votes::FromUnits(-250000)), "-2.50000");
}

TEST(Votes, MulDivTruncatesOrRoundsUpAsAsked) {
  Scale five(5);
  // 1 vote * 2/3 = 0.666666... -> 0.66666 truncated, 0.66667 rounded up.
  EXPECT_EQ(Scale::MulDivFloor(five.Whole(1), 2, 3).units(), 66666);
  EXPECT_EQ(Scale::MulDivCeil(five.Whole(1), 2, 3).units(), 66667);
  // Large operands go through 128 bits.
  Votes big = Votes::FromUnits(int64_t{1} << 60);
  EXPECT_EQ(Scale::MulDivFloor(big, int64_t{1} << 40, int64_t{1} << 40), big);
}

TEST(Votes, TotalTooLargeForTheDecimalsIsAnError) {
  EXPECT_TRUE(Scale(9).CheckTotal(1'000'000'000).ok());
  EXPECT_FALSE(Scale(9).CheckTotal(int64_t{1} << 40).ok());
  EXPECT_TRUE(Scale(0).CheckTotal(int64_t{1} << 40).ok());
}

TEST(Rational, ParsesFractionsDecimalsAndPercents) {
  EXPECT_EQ(*Rational::Parse("2/3"), Rational(2, 3));
  EXPECT_EQ(*Rational::Parse("0.5"), Rational(1, 2));
  EXPECT_EQ(*Rational::Parse("75%"), Rational(3, 4));
  EXPECT_EQ(*Rational::Parse("66.5%"), Rational(133, 200));
  EXPECT_EQ(*Rational::Parse("1"), Rational(1, 1));
  for (const char* bad : {"", "2/0", "x", "1.", "3/2", "-1/2", "1/2/3", "150%"}) {
    EXPECT_FALSE(Rational::Parse(bad).ok()) << bad;
  }
}

TEST(Rational, ComparesExactly) {
  EXPECT_LT(Rational(2, 3), Rational(667, 1000));
  EXPECT_GT(Rational(2, 3), Rational(666, 1000));
  EXPECT_EQ(Rational(4, 6), Rational(2, 3));
  EXPECT_EQ(Rational(7, 2).ToString(), "7/2");
  EXPECT_EQ(Rational(7, 2).ToDecimal(2), "3.50");
  EXPECT_EQ(Rational(2, 3).ToDecimal(3), "0.666");
}

}  // namespace
}  // namespace kin::govern
