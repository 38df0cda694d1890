#include "core/stock_import.h"

#include <gtest/gtest.h>

namespace kin {
namespace {

TEST(StockImport, MapsColumnsAndReadsRows) {
  Result<ParsedStockCsv> p = ParseStockCsv(
      "Item,Kind,Unit,Qty,Shelf,Best before,Donor\r\n"
      "\"Rice, 1 kg\",dry-food,bag,12,back,2027-01-31,bakery\r\n"
      "Beans,dry-food,tin,0,,,\r\n",
      {{"name", "Item"},
       {"category", "Kind"},
       {"unit", "Unit"},
       {"quantity", "Qty"},
       {"place", "Shelf"},
       {"best_before", "Best before"}});
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_TRUE(p->errors.empty());
  ASSERT_EQ(p->rows.size(), 2u);
  EXPECT_EQ(p->rows[0].details.name, "Rice, 1 kg");
  EXPECT_EQ(p->rows[0].quantity, 12);
  EXPECT_EQ(FormatIsoDate(*p->rows[0].details.best_before), "2027-01-31");
  EXPECT_EQ(p->rows[1].line, 3);
  EXPECT_EQ(p->ignored_columns, std::vector<std::string>{"Donor"});
}

TEST(StockImport, EveryBadCellIsNamedByLineAndField) {
  Result<ParsedStockCsv> p = ParseStockCsv(
      "name,category,unit,quantity,best_before\n"
      "Rice,dry-food,bag,-3,\n"
      "Oil,dry-food,bottle,2.5,\n"
      "Milk,fresh,l,4,31/12/2026\n"
      "Bad\xFF,fresh,l,1,\n"
      ",fresh,l,1,\n",
      {});
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->rows.empty());
  std::vector<std::pair<int, std::string>> where;
  for (const RowError& e : p->errors) where.push_back({e.line, e.field});
  EXPECT_EQ(where,
            (std::vector<std::pair<int, std::string>>{
                {2, "quantity"}, {3, "quantity"}, {4, "best_before"}, {5, "name"}, {6, "name"}}));
}

TEST(StockImport, MissingColumnsAndBadMappings) {
  Result<ParsedStockCsv> p = ParseStockCsv("name,unit\nRice,bag\n", {});
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->errors.size(), 2u);
  EXPECT_EQ(p->errors[0].line, 1);
  EXPECT_EQ(p->errors[0].field, "category");
  EXPECT_EQ(p->errors[1].field, "quantity");
  EXPECT_EQ(ParseStockCsv("name\n", {{"colour", "x"}}).status().fields()[0].field,
            "columns.colour");
  EXPECT_EQ(ParseStockCsv("", {}).status().fields()[0].field, "csv");
  EXPECT_EQ(ParseStockCsv("name,\"open\n", {}).status().kind(), StatusKind::kInvalid);
}

}  // namespace
}  // namespace kin
