#include "web/markdown.h"

#include <cmark.h>

#include <cstdlib>
#include <memory>

namespace kin::web {

std::string MarkdownToSafeHtml(std::string_view markdown) {
  if (markdown.empty()) return std::string();  // an empty view may hold a null pointer, which cmark must not get
  // Without CMARK_OPT_UNSAFE, cmark 0.29+ replaces raw HTML with a comment and drops dangerous link schemes.
  // CMARK_OPT_SAFE is passed too for cmark builds older than that.
  std::unique_ptr<char, decltype(&std::free)> html(
      cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_SAFE | CMARK_OPT_SMART), &std::free);
  return html ? std::string(html.get()) : std::string();
}

}  // namespace kin::web
