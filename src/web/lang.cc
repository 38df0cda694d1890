#include "web/lang.h"

#include <charconv>

#include "web/cookies.h"

namespace kin::web {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// The q of one Accept-Language entry's parameters ("q=0.8"); 1 when absent, 0 when malformed.
double Quality(std::string_view params) {
  size_t at = params.find("q=");
  if (at == std::string_view::npos) return 1;
  std::string_view q = Trim(params.substr(at + 2));
  double value = 0;
  auto [ptr, ec] = std::from_chars(q.data(), q.data() + q.size(), value);
  if (ec != std::errc()) return 0;
  return value;
}

}  // namespace

std::optional<Lang> FromAcceptLanguage(std::string_view header) {
  std::optional<Lang> best;
  double best_q = 0;
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view entry = Trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    size_t semi = entry.find(';');
    std::string_view tag = Trim(entry.substr(0, semi));
    double q = semi == std::string_view::npos ? 1 : Quality(entry.substr(semi + 1));
    std::optional<Lang> lang = ParseLang(tag);
    if (lang && q > best_q) {
      best = lang;
      best_q = q;
    }
  }
  return best;
}

LangChoice PickLang(const http::Request& request) {
  if (std::optional<std::string> q = request.Query("lang")) {
    if (std::optional<Lang> lang = ParseLang(*q)) return {*lang, true};
  }
  if (std::optional<std::string> c = CookieValue(request, kLangCookie)) {
    if (std::optional<Lang> lang = ParseLang(*c)) return {*lang, false};
  }
  if (std::optional<Lang> lang = FromAcceptLanguage(request.Header("accept-language"))) return {*lang, false};
  return {};
}

}  // namespace kin::web
