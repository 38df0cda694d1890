#include "core/csv.h"

#include <gtest/gtest.h>

namespace kin {
namespace {

TEST(Csv, ReadsQuotedCellsAcrossLinesAndKnowsTheLine) {
  CsvReader r("\xEF\xBB\xBFname,note\r\n\"Rice, long\",\"two\nlines\"\nBeans,\"say \"\"hi\"\"\"\n");
  std::vector<std::string> f;
  int line = 0;
  Status s;
  ASSERT_TRUE(r.Next(&f, &line, &s));
  EXPECT_EQ(f, (std::vector<std::string>{"name", "note"}));
  ASSERT_TRUE(r.Next(&f, &line, &s));
  EXPECT_EQ(line, 2);
  EXPECT_EQ(f, (std::vector<std::string>{"Rice, long", "two\nlines"}));
  ASSERT_TRUE(r.Next(&f, &line, &s));
  EXPECT_EQ(line, 4);
  EXPECT_EQ(f[1], "say \"hi\"");
  EXPECT_FALSE(r.Next(&f, &line, &s));
  EXPECT_TRUE(s.ok());
}

TEST(Csv, UnclosedQuoteNamesTheLine) {
  CsvReader r("a\n\"open,b\n");
  std::vector<std::string> f;
  int line = 0;
  Status s;
  ASSERT_TRUE(r.Next(&f, &line, &s));
  EXPECT_FALSE(r.Next(&f, &line, &s));
  EXPECT_EQ(s.message(), "line 2: a quoted cell has no closing \"");
}

TEST(Csv, WritesQuotedAndDefusesFormulas) {
  EXPECT_EQ(CsvCell("plain"), "plain");
  EXPECT_EQ(CsvCell("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvCell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvCell("=SUM(A1)"), "'=SUM(A1)");
  EXPECT_EQ(CsvCell("-cmd"), "'-cmd");
  EXPECT_EQ(CsvCell("-4"), "-4");
  EXPECT_EQ(CsvRow({"a", "", "c d"}), "a,,c d\r\n");
}

}  // namespace
}  // namespace kin
