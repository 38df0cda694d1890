#include "core/lendable_import.h"

#include <gtest/gtest.h>

namespace kin {
namespace {

TEST(LendableImport, MapsColumnsAndKeepsDefaultsForEmptyCells) {
  Result<ParsedLendableCsv> p = ParseLendableCsv(
      "Thing,Kind,Days,Notes,Owner\r\n"
      "\"Drill, cordless\",tools,3,two batteries,Ana\r\n"
      "Tent,camping,,,\r\n",
      {{"name", "Thing"}, {"category", "Kind"}, {"max_loan_days", "Days"}, {"description", "Notes"}});
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_TRUE(p->errors.empty());
  ASSERT_EQ(p->rows.size(), 2u);
  EXPECT_EQ(p->rows[0].details.name, "Drill, cordless");
  EXPECT_EQ(p->rows[0].details.max_loan_days, 3);
  EXPECT_EQ(p->rows[0].details.description, "two batteries");
  EXPECT_EQ(p->rows[1].details.max_loan_days, 7);
  EXPECT_EQ(p->rows[1].details.borrowers, BorrowRule::kMembers);
  EXPECT_EQ(p->rows[1].line, 3);
  EXPECT_EQ(p->ignored_columns, std::vector<std::string>{"Owner"});
  EXPECT_EQ(p->columns, (std::set<std::string>{"name", "category", "description", "max_loan_days"}));
}

TEST(LendableImport, EveryBadRowIsNamedByLineFieldAndColumn) {
  Result<ParsedLendableCsv> p = ParseLendableCsv(
      "name,category,max_loan_days,buffer_hours,borrowers\n"
      "Drill,tools,a week,0,members\n"
      "Saw,tools,3,-1,members\n"
      "Seat,children,3,0,trained people\n"
      "Ladder,Big Tools,3,0,\n"
      "Bad\xFF,tools,3,0,\n"
      "Tent,camping,400,0,\n"
      "Rake,garden,3,0,intake\n"
      "Rake,garden,5,0,\n",
      {{"max_loan_days", "max_loan_days"}});
  ASSERT_TRUE(p.ok());
  std::vector<std::tuple<int, std::string, std::string>> where;
  for (const RowError& e : p->errors) where.emplace_back(e.line, e.field, e.column);
  EXPECT_EQ(where, (std::vector<std::tuple<int, std::string, std::string>>{{2, "max_loan_days", "max_loan_days"},
                                                                           {3, "buffer_hours", "buffer_hours"},
                                                                           {4, "borrowers", "borrowers"},
                                                                           {5, "category", "category"},
                                                                           {6, "name", "name"},
                                                                           {7, "max_loan_days", "max_loan_days"},
                                                                           {9, "name", "name"}}));
  ASSERT_EQ(p->rows.size(), 1u);
  EXPECT_EQ(p->rows[0].details.borrowers, BorrowRule::kIntake);
  EXPECT_NE(p->errors.back().message.find("already on line 8"), std::string::npos);
}

TEST(LendableImport, MissingColumnsAndBadMappingsFailBeforeAnyRow) {
  Result<ParsedLendableCsv> p = ParseLendableCsv("Thing,notes\nDrill,x\n", {{"name", "Thing"}});
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->errors.size(), 1u);
  EXPECT_EQ(p->errors[0].line, 1);
  EXPECT_EQ(p->errors[0].field, "category");
  EXPECT_TRUE(p->rows.empty());
  Result<ParsedLendableCsv> bad = ParseLendableCsv("name,category\n", {{"price", "Price"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().fields()[0].field, "columns.price");
  EXPECT_FALSE(ParseLendableCsv("", {}).ok());
  EXPECT_FALSE(ParseLendableCsv("name,category\n\"Drill,tools\n", {}).ok());
}

}  // namespace
}  // namespace kin
