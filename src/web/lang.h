// Which language a page speaks: ?lang= (which the page then remembers in a cookie), else the cookie, else the
// browser's Accept-Language, else English.
#ifndef KIN_WEB_LANG_H_
#define KIN_WEB_LANG_H_

#include <optional>
#include <string_view>

#include "http/message.h"
#include "web/catalogue.h"

namespace kin::web {

struct LangChoice {
  Lang lang = Lang::kEn;
  bool from_query = false;  // ?lang= chose it: remember it in the kin_lang cookie
};

LangChoice PickLang(const http::Request& request);

// The supported language the header prefers most (highest q, earliest on ties); nullopt when none is listed.
std::optional<Lang> FromAcceptLanguage(std::string_view header);

}  // namespace kin::web

#endif  // KIN_WEB_LANG_H_
