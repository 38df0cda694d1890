// Form::Parse and FormDecode (src/web/form.h): the body of every HTML form post, over arbitrary bytes.
//
// Properties checked, beyond not crashing:
//  - an accepted form holds only valid UTF-8 names and values, with line breaks normalised (no '\r' left);
//  - encoding an accepted form again with UrlEncode and parsing that gives the same names and values;
//  - FormDecode(UrlEncode(x)) == x for whatever FormDecode accepted.
#include <string>

#include "core/validation.h"
#include "fuzz_support.h"
#include "web/form.h"

namespace kin::fuzz {

int FuzzForm(const uint8_t* data, size_t size) {
  const std::string_view text = AsText(data, size);
  if (std::optional<std::string> decoded = web::FormDecode(text)) {
    std::optional<std::string> again = web::FormDecode(web::UrlEncode(*decoded));
    KIN_FUZZ_CHECK(again && *again == *decoded, "FormDecode(UrlEncode(x)) differs from x");
  }
  std::optional<web::Form> form = web::Form::Parse(text);
  if (!form) return 0;
  std::string body;
  for (const auto& [name, value] : form->values()) {
    KIN_FUZZ_CHECK(IsValidUtf8(name) && IsValidUtf8(value), "accepted a field that is not UTF-8: " + name);
    KIN_FUZZ_CHECK(value.find('\r') == std::string::npos, "a carriage return survived in " + name);
    if (!body.empty()) body += '&';
    body += web::UrlEncode(name) + "=" + web::UrlEncode(value);
  }
  std::optional<web::Form> back = web::Form::Parse(body);
  KIN_FUZZ_CHECK(back.has_value(), "a form kin encoded does not parse: " + body);
  KIN_FUZZ_CHECK(back->values() == form->values(), "encoding and parsing again changed the form: " + body);
  return 0;
}

}  // namespace kin::fuzz

KIN_FUZZ_ENTRY(FuzzForm)
