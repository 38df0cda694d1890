#include "web/form.h"

#include "core/validation.h"
#include "http/percent_encoding.h"

namespace kin::web {
namespace {

const std::string kEmpty;

}  // namespace

std::optional<std::string> FormDecode(std::string_view text) { return http::PercentDecode(text, true); }

std::string UrlEncode(std::string_view text) { return http::PercentEncode(text); }

std::optional<Form> Form::Parse(std::string_view body) {
  Form form;
  while (!body.empty()) {
    size_t amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::optional<std::string> name = FormDecode(pair.substr(0, eq));
    std::optional<std::string> value =
        FormDecode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    if (!name || !value || !IsValidUtf8(*name) || !IsValidUtf8(*value)) return std::nullopt;
    // Browsers send textarea line breaks as CRLF.
    std::string text;
    text.reserve(value->size());
    for (size_t i = 0; i < value->size(); ++i) {
      if ((*value)[i] == '\r') {
        text.push_back('\n');
        if (i + 1 < value->size() && (*value)[i + 1] == '\n') ++i;
      } else {
        text.push_back((*value)[i]);
      }
    }
    form.values_.emplace(std::move(*name), std::move(text));
  }
  return form;
}

const std::string& Form::Get(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? kEmpty : it->second;
}

}  // namespace kin::web
