#include "web/page.h"

#include <cstdio>

#include "crypto/tokens.h"
#include "web/assets.h"
#include "web/cookies.h"
#include "web/csrf.h"
#include "web/lang.h"
#include "web/static_files.h"

namespace kin::web {
namespace {

// Pages load only their own stylesheet; the QR code is inline SVG. Forms post only back to kin.
constexpr char kPagePolicy[] =
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'";

constexpr long kLangCookieSeconds = 365L * 24 * 3600;

mustache::data Translator(Lang lang) {
  return mustache::lambda{[lang](const std::string& key) {
    size_t begin = key.find_first_not_of(" \n");
    size_t end = key.find_last_not_of(" \n");
    return begin == std::string::npos ? std::string() : Translate(lang, key.substr(begin, end - begin + 1));
  }};
}

std::string RenderTemplate(std::string_view name, mustache::data& data) {
  mustache::mustache tmpl{std::string(AssetText("templates/" + std::string(name) + ".mustache"))};
  std::string out = tmpl.is_valid() ? tmpl.render(data) : std::string();
  if (!tmpl.is_valid()) {
    // A broken template is a bug the tests catch; log it rather than show it.
    std::fprintf(stderr, "kin: template %.*s: %s\n", static_cast<int>(name.size()), name.data(),
                 tmpl.error_message().c_str());
  }
  return out;
}

}  // namespace

PageContext::PageContext(WebDeps& deps, http::Request& request) : deps_(deps), request_(request) {
  LangChoice choice = PickLang(request);
  lang_ = choice.lang;
  if (choice.from_query) AddCookie(kLangCookie, LangCode(lang_), kLangCookieSeconds, false);

  if (std::optional<std::string> token = CookieValue(request, kSessionCookie)) {
    Result<Caller> caller = deps_.app.accounts.Authenticate(*token);
    if (caller.ok()) {
      caller_ = *caller;
      session_token_ = *token;
    } else {
      AddCookie(kSessionCookie, "", 0);
    }
  }

  csrf_ = CsrfFromCookie(request);
  if (csrf_.empty()) {
    csrf_ = RandomToken();
    // Ends with the browser session: it guards forms, and leaves less trace on a shared phone.
    AddCookie(kCsrfCookie, csrf_, -1);
  }
}

void PageContext::AddCookie(std::string_view name, std::string_view value, long max_age, bool http_only) {
  CookieOptions options;
  options.max_age = max_age;
  options.http_only = http_only;
  options.secure = deps_.public_url.rfind("https://", 0) == 0;
  set_cookies_.push_back(SetCookie(name, value, options));
}

std::optional<Form> PageContext::ReadForm() { return Form::Parse(request_.body); }

bool PageContext::CsrfOk(const Form& form) const { return CsrfMatches(request_, form); }

void PageContext::SetSession(const std::string& token) {
  session_token_ = token;
  if (token.empty()) {
    caller_ = Caller{};
    AddCookie(kSessionCookie, "", 0);
  } else {
    AddCookie(kSessionCookie, token, -1);
  }
}

std::string PageContext::PublicUrl(std::string_view path) const {
  std::string out = deps_.public_url;
  while (!out.empty() && out.back() == '/') out.pop_back();
  out.append(path);
  return out;
}

http::Response PageContext::BadForm() {
  return Message(400, T("bad_form.title"), T("bad_form.text"), "/", T("common.home"));
}

void PageContext::Finish(http::Response& r) {
  for (const std::string& c : set_cookies_) r.headers.emplace_back("Set-Cookie", c);
  r.SetHeader("Content-Security-Policy", kPagePolicy);
  // Pages may show a person's own request or account: never keep them in a shared cache or the back-forward
  // history of a shared phone longer than the session.
  r.SetHeader("Cache-Control", "no-store");
  r.SetHeader("Vary", "Cookie, Accept-Language");
}

http::Response PageContext::Render(int status, std::string_view page, mustache::data data, const std::string& title) {
  mustache::data t = Translator(lang_);
  Lang other = lang_ == Lang::kEs ? Lang::kEn : Lang::kEs;
  auto shared = [&](mustache::data& d) {
    d.set("t", t);
    d.set("lang", LangCode(lang_));
    d.set("csrf", csrf_);
    d.set("signed_in", mustache::data(signed_in()));
    d.set("errors", mustache::partial([] { return std::string(AssetText("templates/errors.mustache")); }));
    d.set("contact_fields",
          mustache::partial([] { return std::string(AssetText("templates/contact_fields.mustache")); }));
  };
  shared(data);
  std::string body = RenderTemplate(page, data);

  mustache::data layout;
  shared(layout);
  layout.set("title", title);
  layout.set("body", body);
  layout.set("css_version", StylesheetVersion());
  layout.set("other_lang", LangCode(other));
  layout.set("other_lang_name", Translate(other, "lang.self"));
  http::Response r = http::Response::Text(status, RenderTemplate("layout", layout), "text/html; charset=utf-8");
  r.SetHeader("Content-Language", LangCode(lang_));
  Finish(r);
  return r;
}

http::Response PageContext::Redirect(const std::string& location) {
  http::Response r;
  r.status = 303;
  r.SetHeader("Location", location);
  Finish(r);
  return r;
}

http::Response PageContext::Message(int status, const std::string& heading, const std::string& text,
                                    const std::string& link_href, const std::string& link_text) {
  mustache::data d;
  d.set("heading", heading);
  d.set("text", text);
  if (!link_href.empty()) {
    d.set("link_href", link_href);
    d.set("link_text", link_text);
  }
  return Render(status, "message", std::move(d), heading);
}

void PageContext::AddErrors(mustache::data& data, const FormErrors& errors,
                            const std::map<std::string, FieldLabel>& labels) const {
  mustache::data e{mustache::data::type::object};
  mustache::data list{mustache::data::type::list};
  for (const auto& [input, message] : errors.fields()) {
    e.set(input, message);
    auto label = labels.find(input);
    mustache::data item;
    item.set("input", label == labels.end() || label->second.anchor.empty() ? input : label->second.anchor);
    item.set("label", label == labels.end() ? input : T(label->second.key));
    item.set("message", message);
    list.push_back(item);
  }
  data.set("e", e);
  data.set("field_errors", list);
  data.set("has_field_errors", mustache::data(!errors.fields().empty()));
  data.set("has_errors", mustache::data(!errors.empty()));
  if (!errors.form().empty()) data.set("form_error", errors.form());
}

}  // namespace kin::web
