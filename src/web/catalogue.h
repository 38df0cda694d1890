// The message catalogue: every string a person reads, by key, in each language kin speaks.
//
// Texts may hold {{name}} placeholders. Inside templates, {{#t}}key{{/t}} renders the text as a template, so
// its placeholders take values from the page's data (escaped); Translate() fills them from `args` instead.
// Texts are trusted markup but, so that they are safe inside attribute values, hold no ASCII double quote and no
// '<' (the catalogue test checks).
#ifndef KIN_WEB_CATALOGUE_H_
#define KIN_WEB_CATALOGUE_H_

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kin::web {

enum class Lang { kEn, kEs };
inline constexpr Lang kAllLangs[] = {Lang::kEn, Lang::kEs};

const char* LangCode(Lang lang);                    // "en", "es"
std::optional<Lang> ParseLang(std::string_view code);  // the primary subtag decides: "es-MX" is Spanish

struct Message {
  std::string_view key;
  std::string_view text;
};

// The tables (messages_en.cc, messages_es.cc). Both hold exactly the same keys.
const std::vector<Message>& EnglishMessages();
const std::vector<Message>& SpanishMessages();
const std::vector<Message>& MessagesFor(Lang lang);

using MessageArgs = std::initializer_list<std::pair<std::string_view, std::string_view>>;

// The text of `key` with {{name}} placeholders replaced from `args`. A missing key gives "[[key]]", which the
// browser tests look for on every page.
std::string Translate(Lang lang, std::string_view key, MessageArgs args = {});
bool HasMessage(Lang lang, std::string_view key);

}  // namespace kin::web

#endif  // KIN_WEB_CATALOGUE_H_
