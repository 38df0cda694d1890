// What every page handler shares: the language, who is signed in, the CSRF token, cookies to set, and
// rendering a template inside the layout with the headers every page carries.
#ifndef KIN_WEB_PAGE_H_
#define KIN_WEB_PAGE_H_

#include <kainjow/mustache.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "app/caller.h"
#include "http/message.h"
#include "web/catalogue.h"
#include "web/field_messages.h"
#include "web/form.h"
#include "web/web.h"

namespace kin::web {

namespace mustache = kainjow::mustache;

// One per request; not shared between threads.
class PageContext {
 public:
  // Resolves the language, the session cookie (a stale one is cleared) and the CSRF token (made when absent).
  PageContext(WebDeps& deps, http::Request& request);

  WebDeps& deps() { return deps_; }
  http::Request& request() { return request_; }
  Lang lang() const { return lang_; }
  const Caller& caller() const { return caller_; }
  bool signed_in() const { return !caller_.anonymous(); }
  const std::string& session_token() const { return session_token_; }
  const std::string& csrf() const { return csrf_; }

  std::string T(std::string_view key, MessageArgs args = {}) const { return Translate(lang_, key, args); }

  // The posted form; nullopt when the body is not a form a browser would send (see BadForm).
  std::optional<Form> ReadForm();
  // Whether the form carries this browser's CSRF token. On a mismatch pages re-render their form with what the
  // person typed and a fresh token, so nothing is lost.
  bool CsrfOk(const Form& form) const;
  // The answer to a post whose body could not be read.
  http::Response BadForm();

  // Starts (token) or ends (empty) the signed-in session.
  void SetSession(const std::string& token);

  std::string PublicUrl(std::string_view path) const;

  // `page` names templates/<page>.mustache; `data` is its data, to which the shared values are added.
  http::Response Render(int status, std::string_view page, mustache::data data, const std::string& title);
  http::Response Redirect(const std::string& location);
  // A page with a heading, a sentence and an optional link, for not-found and similar answers.
  http::Response Message(int status, const std::string& heading, const std::string& text,
                         const std::string& link_href = "", const std::string& link_text = "");
  // Adds a form's errors to `data` as the templates expect: e.<input> (the message at each input) and, for the
  // errors partial, a summary linking to each input.
  struct FieldLabel {
    std::string key;     // catalogue key of the input's label
    std::string anchor;  // id to link to; empty: the input's name (radio groups put it on their fieldset)
  };
  void AddErrors(mustache::data& data, const FormErrors& errors, const std::map<std::string, FieldLabel>& labels) const;

 private:
  void AddCookie(std::string_view name, std::string_view value, long max_age, bool http_only = true);
  void Finish(http::Response& r);

  WebDeps& deps_;
  http::Request& request_;
  Lang lang_;
  Caller caller_;
  std::string session_token_;
  std::string csrf_;
  std::vector<std::string> set_cookies_;
};

}  // namespace kin::web

#endif  // KIN_WEB_PAGE_H_
