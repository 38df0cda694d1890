// The hub settings form for coordinators: reading it into a settings patch, and how core's field names map to
// its inputs.
#ifndef KIN_WEB_SETTINGS_FORM_H_
#define KIN_WEB_SETTINGS_FORM_H_

#include <map>
#include <string>
#include <vector>

#include "app/hubs.h"
#include "web/page.h"

namespace kin::web {

const std::map<std::string, std::string>& SettingsInputs();
const std::map<std::string, PageContext::FieldLabel>& SettingsLabels();

// Splits a list a person typed, on commas and line breaks, trimming each item and dropping empty ones.
std::vector<std::string> SplitList(const std::string& text);

// Reads the form into a patch of every setting it shows. What cannot be read as its type (a whole number, a
// time zone the server does not know) is reported in `errors` under its input. The intake checkbox is off when
// absent, as browsers send nothing for an unticked box.
HubSettingsPatch ReadSettingsForm(const Form& form, Lang lang, FormErrors& errors);

// Adds core's findings about `settings` (as patched from the form) at their inputs. A finding about one item of
// a list ("categories[1]") goes to the list's input and names the item, so the person knows which to fix.
void AddSettingsErrors(Lang lang, const Status& status, const HubSettings& settings, FormErrors& errors);

// The settings as the form's values `v`, for the first view.
mustache::data SettingsValues(const HubSettings& s);

}  // namespace kin::web

#endif  // KIN_WEB_SETTINGS_FORM_H_
