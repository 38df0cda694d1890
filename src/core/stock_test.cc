#include "core/stock.h"

#include <gtest/gtest.h>

namespace kin {
namespace {

StockItemDetails Rice() {
  StockItemDetails d;
  d.name = "Rice, 1 kg bags";
  d.category = "dry-food";
  d.unit = "bag";
  d.low_at = 5;
  return d;
}

bool NamesField(const Status& s, const std::string& field) {
  for (const FieldError& e : s.fields()) {
    if (e.field == field) return true;
  }
  return false;
}

TEST(StockItem, ValidDetailsPass) { EXPECT_TRUE(ValidateStockItemDetails(Rice()).ok()); }

TEST(StockItem, EachBadFieldIsNamed) {
  StockItemDetails d = Rice();
  d.name = "";
  d.unit = "Kilo Grams";
  d.category = "";
  d.low_at = -1;
  Status s = ValidateStockItemDetails(d);
  ASSERT_EQ(s.kind(), StatusKind::kInvalid);
  for (const char* field : {"name", "unit", "category", "low_at"})
    EXPECT_TRUE(NamesField(s, field)) << field;
}

TEST(StockQuantity, DonationAddsAndRejectsNonPositive) {
  EXPECT_EQ(*QuantityAfterDonation(3, 4), 7);
  for (int64_t bad : {int64_t{0}, int64_t{-1}, kMaxStockQuantity + 1}) {
    Result<int64_t> r = QuantityAfterDonation(3, bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_TRUE(NamesField(r.status(), "quantity"));
  }
  EXPECT_FALSE(QuantityAfterDonation(kMaxStockQuantity, 1).ok());
}

TEST(StockQuantity, DistributionNeverGoesNegative) {
  EXPECT_EQ(*QuantityAfterDistribution(3, 3, "bag"), 0);
  Result<int64_t> r = QuantityAfterDistribution(2, 3, "bag");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().kind(), StatusKind::kConflict);
  EXPECT_NE(r.status().message().find("only 2 bag left"), std::string::npos)
      << r.status().message();
  EXPECT_EQ(QuantityAfterDistribution(2, 0, "bag").status().kind(), StatusKind::kInvalid);
  EXPECT_EQ(QuantityAfterDistribution(2, -5, "bag").status().kind(), StatusKind::kInvalid);
}

TEST(StockQuantity, CountNeedsReasonAndNonNegative) {
  EXPECT_TRUE(ValidateCount(0, "spoiled").ok());
  EXPECT_TRUE(NamesField(ValidateCount(4, ""), "reason"));
  EXPECT_TRUE(NamesField(ValidateCount(-1, "x"), "quantity"));
}

TEST(StockAlerts, LowIsRaisedOnceWhenCrossing) {
  EXPECT_TRUE(BecameLow(6, 5, 5));
  EXPECT_FALSE(BecameLow(5, 4, 5));  // already low
  EXPECT_FALSE(BecameLow(9, 6, 5));
  EXPECT_FALSE(BecameLow(9, 0, 0));  // no threshold
  StockItem item;
  item.details = Rice();
  item.quantity = 5;
  EXPECT_TRUE(IsLowStock(item));
  item.quantity = 6;
  EXPECT_FALSE(IsLowStock(item));
}

TEST(StockAlerts, ExpiringOnlyWhenOnTheShelf) {
  StockItem item;
  item.details = Rice();
  item.details.best_before = *ParseIsoDate("2026-11-30");
  item.quantity = 2;
  EXPECT_TRUE(ExpiresBy(item, *ParseIsoDate("2026-11-30")));
  EXPECT_FALSE(ExpiresBy(item, *ParseIsoDate("2026-11-29")));
  item.quantity = 0;
  EXPECT_FALSE(ExpiresBy(item, *ParseIsoDate("2026-12-30")));
}

TEST(StockNeeds, OnlyOpenNeedsAreFulfilledFromStock) {
  EXPECT_TRUE(CheckFulfilFromStock(NeedStatus::kOpen).ok());
  EXPECT_EQ(CheckFulfilFromStock(NeedStatus::kMatched).kind(), StatusKind::kConflict);
  EXPECT_EQ(CheckFulfilFromStock(NeedStatus::kCancelled).kind(), StatusKind::kConflict);
  EXPECT_TRUE(CheckDistributeAgainst(NeedStatus::kInProgress).ok());
  EXPECT_EQ(CheckDistributeAgainst(NeedStatus::kFulfilled).kind(), StatusKind::kConflict);
}

TEST(CalendarDate, ParsesAndFormatsIsoDates) {
  std::optional<Date> d = ParseIsoDate("2028-02-29");
  ASSERT_TRUE(d);
  EXPECT_EQ(FormatIsoDate(*d), "2028-02-29");
  for (const char* bad :
       {"2026-02-30", "2026-13-01", "26-01-01", "2026-1-01", "2026-01-01T00", "", "abcd-ef-gh"}) {
    EXPECT_FALSE(ParseIsoDate(bad)) << bad;
  }
}

}  // namespace
}  // namespace kin
