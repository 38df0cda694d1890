// Proposal texts are Markdown, rendered to HTML with cmark in its safe mode: raw HTML is dropped and links to
// javascript:, vbscript:, file: and data: (except images) are removed, so a proposal cannot inject markup.
#ifndef KIN_WEB_MARKDOWN_H_
#define KIN_WEB_MARKDOWN_H_

#include <string>
#include <string_view>

namespace kin::web {

// HTML for `markdown`, safe to place unescaped inside a page.
std::string MarkdownToSafeHtml(std::string_view markdown);

}  // namespace kin::web

#endif  // KIN_WEB_MARKDOWN_H_
