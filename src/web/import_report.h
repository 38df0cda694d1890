// What an import would do or did, as the import page shows it: one sentence per row added or changed, and every
// row it cannot take with its line, column and a translated reason. Stock and library plans read alike here.
#ifndef KIN_WEB_IMPORT_REPORT_H_
#define KIN_WEB_IMPORT_REPORT_H_

#include <string>
#include <vector>

#include "app/library.h"
#include "app/stock.h"
#include "web/catalogue.h"

namespace kin::web {

struct ImportReport {
  std::vector<std::string> adds;     // "Line 2: Rice, 12 bag (new)"
  std::vector<std::string> changes;  // "Line 3: Beans, 4 tin added to the 6 there"
  std::vector<RowError> errors;
  std::vector<std::string> ignored_columns;
  int unchanged = 0;
};

ImportReport ReportOf(Lang lang, const StockImportPlan& plan);
ImportReport ReportOf(Lang lang, const LendableImportPlan& plan);

// Core's English reason for a bad row, in the page's language where it is one of the importers' own messages.
std::string ImportErrorText(Lang lang, const RowError& e);

}  // namespace kin::web

#endif  // KIN_WEB_IMPORT_REPORT_H_
