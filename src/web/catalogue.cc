#include "web/catalogue.h"

#include <unordered_map>

namespace kin::web {
namespace {

using Index = std::unordered_map<std::string_view, std::string_view>;

const Index& IndexFor(Lang lang) {
  // Built once, on first use; read-only afterwards, so safe to share between request threads.
  static const Index kEn = [] {
    Index i;
    for (const Message& m : EnglishMessages()) i.emplace(m.key, m.text);
    return i;
  }();
  static const Index kEs = [] {
    Index i;
    for (const Message& m : SpanishMessages()) i.emplace(m.key, m.text);
    return i;
  }();
  return lang == Lang::kEs ? kEs : kEn;
}

}  // namespace

const char* LangCode(Lang lang) { return lang == Lang::kEs ? "es" : "en"; }

std::optional<Lang> ParseLang(std::string_view code) {
  std::string_view primary = code.substr(0, code.find_first_of("-_"));
  auto is = [&](std::string_view want) {
    if (primary.size() != want.size()) return false;
    for (size_t i = 0; i < want.size(); ++i) {
      if ((primary[i] | 0x20) != want[i]) return false;
    }
    return true;
  };
  if (is("en")) return Lang::kEn;
  if (is("es")) return Lang::kEs;
  return std::nullopt;
}

const std::vector<Message>& MessagesFor(Lang lang) {
  return lang == Lang::kEs ? SpanishMessages() : EnglishMessages();
}

bool HasMessage(Lang lang, std::string_view key) { return IndexFor(lang).count(key) > 0; }

std::string Translate(Lang lang, std::string_view key, MessageArgs args) {
  const Index& index = IndexFor(lang);
  auto it = index.find(key);
  if (it == index.end()) return "[[" + std::string(key) + "]]";
  std::string text(it->second);
  for (const auto& [name, value] : args) {
    std::string placeholder = "{{" + std::string(name) + "}}";
    for (size_t at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size())) {
      text.replace(at, placeholder.size(), value);
    }
  }
  return text;
}

}  // namespace kin::web
