// The ask-for-help form and the status page's change form: reading their inputs into a need's details, the
// choices they offer, and how core's field names map to their inputs.
#ifndef KIN_WEB_NEED_FORM_H_
#define KIN_WEB_NEED_FORM_H_

#include <map>
#include <string>

#include "core/hub.h"
#include "core/need.h"
#include "web/page.h"

namespace kin::web {

// Core's field names ("contact.phone", "window.end") to the inputs that hold them ("phone", "window_end").
const std::map<std::string, std::string>& NeedInputs();
const std::map<std::string, PageContext::FieldLabel>& NeedLabels();

// Reads the ask form. What cannot be read as its type (a number, a date and time) is reported in `errors` under
// its input and left at its default; everything else is for core to validate. `now` starts a window that has
// only an end.
NeedDetails ReadNeedForm(const Form& form, const HubSettings& hub, Timestamp now, Lang lang, FormErrors& errors);

// Reads the contact inputs over `base`, keeping what the form does not show (address, exact location).
Contact ReadContact(const Form& form, Contact base);

// A category's label: translated for the default categories, the hub's own word otherwise.
std::string CategoryLabel(Lang lang, const std::string& category);
std::string UrgencyLabel(Lang lang, Urgency urgency);
std::string ContactMethodLabel(Lang lang, ContactMethod method);

// Radio and select choices, as {id, value, label, checked|selected} lists.
mustache::data CategoryChoices(Lang lang, const HubSettings& hub, const std::string& selected);
mustache::data UrgencyChoices(Lang lang, const std::string& selected);
mustache::data ContactChoices(Lang lang, const std::string& selected);
mustache::data LanguageChoices(Lang lang, const HubSettings& hub, const std::string& selected);

// The form's values as the templates' `v` object, so a re-rendered form keeps what the person typed.
mustache::data FormValues(const Form& form);

}  // namespace kin::web

#endif  // KIN_WEB_NEED_FORM_H_
