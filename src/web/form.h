// The body of an HTML form post (application/x-www-form-urlencoded).
#ifndef KIN_WEB_FORM_H_
#define KIN_WEB_FORM_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kin::web {

class Form {
 public:
  // Decodes `body`; nullopt when it is not valid urlencoded UTF-8 (no browser sends that, so the caller answers
  // with a plain "the form could not be read" page). A repeated name keeps its first value. Line breaks are
  // normalised to "\n" as a person typed them.
  static std::optional<Form> Parse(std::string_view body);

  // Empty when absent.
  const std::string& Get(const std::string& name) const;
  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  const std::map<std::string, std::string>& values() const { return values_; }

 private:
  std::map<std::string, std::string> values_;
};

// Percent-decoding with '+' as space; nullopt on a malformed escape.
std::optional<std::string> FormDecode(std::string_view text);

// Percent-encodes everything but unreserved characters, for building query strings.
std::string UrlEncode(std::string_view text);

}  // namespace kin::web

#endif  // KIN_WEB_FORM_H_
