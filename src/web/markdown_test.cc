// Proposal texts: Markdown renders, and nothing a proposal's author writes can add markup or script.
#include <gtest/gtest.h>

#include "web/markdown.h"

namespace kin::web {
namespace {

TEST(Markdown, RendersEmphasisListsAndLinks) {
  std::string html = MarkdownToSafeHtml("We **agree**.\n\n- one\n- two\n\n[notes](https://example.org/n)");
  EXPECT_NE(html.find("<strong>agree</strong>"), std::string::npos) << html;
  EXPECT_NE(html.find("<li>two</li>"), std::string::npos) << html;
  EXPECT_NE(html.find("href=\"https://example.org/n\""), std::string::npos) << html;
}

TEST(Markdown, DropsRawHtmlAndScriptLinks) {
  for (const char* text : {"<script>alert(1)</script>", "hi <img src=x onerror=alert(1)>",
                           "[click](javascript:alert(1))", "<a href=\"#\" onclick=\"x()\">a</a>"}) {
    std::string html = MarkdownToSafeHtml(text);
    EXPECT_EQ(html.find("<script"), std::string::npos) << html;
    EXPECT_EQ(html.find("onerror"), std::string::npos) << html;
    EXPECT_EQ(html.find("onclick"), std::string::npos) << html;
    EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
  }
}

}  // namespace
}  // namespace kin::web
