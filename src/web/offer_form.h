// The offer form on a member's page: reading its inputs into an offer's details, the choices it shows, and how
// core's field names map to its inputs.
#ifndef KIN_WEB_OFFER_FORM_H_
#define KIN_WEB_OFFER_FORM_H_

#include <map>
#include <string>

#include "core/hub.h"
#include "core/offer.h"
#include "web/page.h"

namespace kin::web {

// Core's field names ("capacity.amount", "area.radius_km") to the inputs that hold them ("amount", "radius_km").
const std::map<std::string, std::string>& OfferInputs();
const std::map<std::string, PageContext::FieldLabel>& OfferLabels();

// Reads the offer form. What cannot be read as its type (a whole number, a distance) is reported in `errors`
// under its input; everything else is for core to validate. Skills are written comma-separated ("car, spanish");
// empty items are dropped. The period defaults to a week. Latitude and longitude (where the helper starts from)
// are optional but go together.
OfferDetails ReadOfferForm(const Form& form, Lang lang, FormErrors& errors);

std::string PeriodLabel(Lang lang, CapacityPeriod period);
// "3 rides a week", in the page's language.
std::string CapacityText(Lang lang, const Capacity& capacity);
mustache::data PeriodChoices(Lang lang, const std::string& selected);

}  // namespace kin::web

#endif  // KIN_WEB_OFFER_FORM_H_
