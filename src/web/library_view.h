// What the library pages share: reading a thing's form (add and edit), and a thing as people read it (its
// rules, its status, and whether it is free now or when it next is).
#ifndef KIN_WEB_LIBRARY_VIEW_H_
#define KIN_WEB_LIBRARY_VIEW_H_

#include <map>
#include <string>
#include <vector>

#include "app/library.h"
#include "web/hub_viewer.h"
#include "web/page.h"

namespace kin::web {

// Core's field names -> the inputs of the thing form (the same names).
const std::map<std::string, std::string>& ThingInputs();
const std::map<std::string, PageContext::FieldLabel>& ThingLabels();

// The thing form's fields; a count that is not a whole number gets its message at the input in `errors`.
LendableDetails ReadThingForm(const Form& form, Lang lang, FormErrors& errors);

// v.* for the thing form: a thing's details, or what was typed.
mustache::data ThingValues(const LendableDetails& d);
mustache::data ThingValues(const Form& form);

// The thing form's inputs (templates/thing_fields.mustache), as the partial {{> thing_fields}}.
mustache::data ThingFieldsPartial();

// A whole number typed in a form (digits only, at most 9); nullopt otherwise.
std::optional<int> FormInt(const std::string& text);

// A thing as the list and its page show it: name, category, condition, status, longest loan, who may borrow,
// and free now or the local time it next is (`calendar` from Library::Calendar).
mustache::data ThingCard(const PageContext& page, const HubViewer& v, const Lendable& t,
                         const std::vector<CalendarEntry>& calendar, Timestamp now);

}  // namespace kin::web

#endif  // KIN_WEB_LIBRARY_VIEW_H_
