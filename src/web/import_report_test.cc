#include "web/import_report.h"

#include <gtest/gtest.h>

namespace kin::web {
namespace {

// The importers' own English reasons, as core writes them, become catalogue texts; this fails when core's wording
// drifts from what import_report.cc recognises.
TEST(ImportReport, TranslatesTheImportersOwnReasons) {
  Result<ParsedLendableCsv> p = ParseLendableCsv(
      "name,category,max_loan_days,borrowers\nSaw,tools,a "
      "week,\nSeat,children,3,anyone\nSaw2,tools,3,\nSaw2,tools,3,\n",
      {});
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->errors.size(), 3u);
  EXPECT_EQ(ImportErrorText(Lang::kEs, p->errors[0]), "«a week» no es un número entero.");
  EXPECT_EQ(ImportErrorText(Lang::kEs, p->errors[1]), "«anyone» no es members ni intake.");
  EXPECT_EQ(ImportErrorText(Lang::kEs, p->errors[2]), "Este nombre ya está en la línea 4.");
  Result<ParsedStockCsv> s = ParseStockCsv("name,category,unit,quantity,best_before\nRice,dry,bag,1,31/12/2026\n", {});
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->errors.size(), 1u);
  EXPECT_EQ(ImportErrorText(Lang::kEn, s->errors[0]), "“31/12/2026” is not a date such as 2026-11-30.");
  Result<ParsedStockCsv> missing = ParseStockCsv("name,category\n", {{"unit", "Unidad"}});
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(ImportErrorText(Lang::kEn, missing->errors[0]), "The column “Unidad” is not in the first row.");
}

TEST(ImportReport, DescribesWhatALibraryImportWouldDo) {
  LendableImportPlan plan;
  plan.creates.push_back({2, {"Tent", "camping", "", "", 7, 0, BorrowRule::kMembers}});
  plan.updates.push_back({3, LendableId{"thing_1"}, "Ladder", {"max_loan_days", "borrowers"}, {}});
  ImportReport r = ReportOf(Lang::kEn, plan);
  EXPECT_EQ(r.adds, std::vector<std::string>{"Line 2: Tent (camping), new"});
  EXPECT_EQ(r.changes,
            std::vector<std::string>{"Line 3: Ladder: Longest loan, in days, Who may borrow it (members or intake)"});
}

}  // namespace
}  // namespace kin::web
