// Errors shown on a form: a translated message at each input and, for what belongs to no input, one for the
// whole form. Core's validation speaks English to API clients; this turns its messages into catalogue texts.
#ifndef KIN_WEB_FIELD_MESSAGES_H_
#define KIN_WEB_FIELD_MESSAGES_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "web/catalogue.h"

namespace kin::web {

class FormErrors {
 public:
  // The first message for an input wins: it is usually the one to fix first.
  void Add(const std::string& input, std::string message);
  void SetForm(std::string message) { form_ = std::move(message); }

  bool empty() const { return fields_.empty() && form_.empty(); }
  const std::string* For(const std::string& input) const;
  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }
  const std::string& form() const { return form_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;  // input name, message
  std::string form_;
};

// Translates one of core's field messages ("is required", "must be at most 200 characters"); a message it does
// not know becomes a general "please check this".
std::string TranslateFieldMessage(Lang lang, const std::string& message);

// A general message for a failure of `kind` ("not found", "conflict", ...).
std::string KindMessage(Lang lang, StatusKind kind);

// Adds the field errors of `status` under their inputs, mapping names through `inputs` ("contact.phone" ->
// "phone"); fields with no input on this form, and statuses without field errors, set the form message.
void AddStatusErrors(Lang lang, const Status& status, const std::map<std::string, std::string>& inputs,
                     FormErrors& errors);

}  // namespace kin::web

#endif  // KIN_WEB_FIELD_MESSAGES_H_
