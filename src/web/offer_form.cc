#include "web/offer_form.h"

#include <charconv>
#include <optional>

namespace kin::web {
namespace {

// A decimal as people type it; a Spanish keyboard's comma counts as the point.
std::optional<double> ReadDecimal(std::string text) {
  if (text.find('.') == std::string::npos && text.find(',') != std::string::npos) text[text.find(',')] = '.';
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string Trimmed(const std::string& s) {
  size_t begin = s.find_first_not_of(" \t\n");
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(" \t\n") - begin + 1);
}

}  // namespace

const std::map<std::string, std::string>& OfferInputs() {
  static const std::map<std::string, std::string> kInputs = [] {
    std::map<std::string, std::string> m = {
        {"category", "category"},   {"description", "description"},   {"capacity.amount", "amount"},
        {"capacity.unit", "unit"},  {"area.radius_km", "radius_km"},  {"availability", "availability"},
        {"skills", "skills"},       {"area.center.lat", "lat"},       {"area.center.lon", "lon"},
    };
    for (int i = 0; i < 30; ++i) m["skills[" + std::to_string(i) + "]"] = "skills";  // core allows 30
    return m;
  }();
  return kInputs;
}

const std::map<std::string, PageContext::FieldLabel>& OfferLabels() {
  static const std::map<std::string, PageContext::FieldLabel> kLabels = {
      {"category", {"offer.category", ""}},   {"description", {"offer.description", ""}},
      {"amount", {"offer.amount", ""}},       {"unit", {"offer.unit", ""}},
      {"period", {"offer.period", ""}},       {"radius_km", {"offer.radius_km", ""}},
      {"availability", {"offer.availability", ""}}, {"skills", {"offer.skills", ""}},
      {"lat", {"ask.lat", ""}},               {"lon", {"ask.lon", ""}},
  };
  return kLabels;
}

OfferDetails ReadOfferForm(const Form& form, Lang lang, FormErrors& errors) {
  OfferDetails d;
  d.category = form.Get("category");
  d.description = Trimmed(form.Get("description"));
  std::string amount = Trimmed(form.Get("amount"));
  if (amount.empty()) {
    errors.Add("amount", Translate(lang, "err.required"));
  } else {
    auto [ptr, ec] = std::from_chars(amount.data(), amount.data() + amount.size(), d.capacity.amount);
    if (ec != std::errc() || ptr != amount.data() + amount.size()) {
      errors.Add("amount", Translate(lang, "err.whole_number"));
      d.capacity.amount = 1;
    }
  }
  d.capacity.unit = Trimmed(form.Get("unit"));
  if (std::optional<CapacityPeriod> p = ParseCapacityPeriod(form.Get("period"))) {
    d.capacity.period = *p;
  } else if (form.Has("period") && !form.Get("period").empty()) {
    errors.Add("period", Translate(lang, "err.category"));
  }
  std::string radius = Trimmed(form.Get("radius_km"));
  if (!radius.empty()) {
    if (std::optional<double> km = ReadDecimal(radius)) {
      d.area_radius_km = *km;
    } else {
      errors.Add("radius_km", Translate(lang, "err.distance"));
    }
  }
  // Where the helper starts from, roughly: optional, and stored only approximately by the app.
  std::string lat_text = Trimmed(form.Get("lat"));
  std::string lon_text = Trimmed(form.Get("lon"));
  if (!lat_text.empty() || !lon_text.empty()) {
    std::optional<double> lat = ReadDecimal(lat_text);
    std::optional<double> lon = ReadDecimal(lon_text);
    if (!lat) errors.Add("lat", Translate(lang, lat_text.empty() ? "err.lat_lon_both" : "err.lat"));
    if (!lon) errors.Add("lon", Translate(lang, lon_text.empty() ? "err.lat_lon_both" : "err.lon"));
    if (lat && lon) d.area_center = LatLon{*lat, *lon};
  }
  d.availability = Trimmed(form.Get("availability"));
  const std::string& skills = form.Get("skills");
  size_t start = 0;
  while (start <= skills.size()) {
    size_t comma = skills.find(',', start);
    std::string item = Trimmed(skills.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (!item.empty()) d.skills.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return d;
}

std::string PeriodLabel(Lang lang, CapacityPeriod period) {
  return Translate(lang, std::string("offer.period.") + CapacityPeriodName(period));
}

std::string CapacityText(Lang lang, const Capacity& capacity) {
  return Translate(lang, std::string("offer.capacity.") + CapacityPeriodName(capacity.period),
                   {{"amount", std::to_string(capacity.amount)}, {"unit", capacity.unit}});
}

mustache::data PeriodChoices(Lang lang, const std::string& selected) {
  mustache::data list{mustache::data::type::list};
  std::string chosen = selected.empty() ? "week" : selected;
  for (CapacityPeriod p : {CapacityPeriod::kOnce, CapacityPeriod::kDay, CapacityPeriod::kWeek, CapacityPeriod::kMonth}) {
    mustache::data d;
    d.set("value", CapacityPeriodName(p));
    d.set("label", PeriodLabel(lang, p));
    d.set("selected", mustache::data(chosen == CapacityPeriodName(p)));
    list.push_back(d);
  }
  return list;
}

}  // namespace kin::web
