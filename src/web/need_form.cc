#include "web/need_form.h"

#include <algorithm>
#include <charconv>

#include "web/local_time.h"

namespace kin::web {
namespace {

std::optional<double> ReadDecimal(std::string text) {
  // People on Spanish keyboards write 40,4168.
  if (text.find('.') == std::string::npos && text.find(',') != std::string::npos) text[text.find(',')] = '.';
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string Trimmed(const std::string& s) {
  size_t begin = s.find_first_not_of(" \t\n");
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(" \t\n") - begin + 1);
}

mustache::data Choice(const std::string& name, const std::string& value, const std::string& label, bool on,
                      const char* flag) {
  mustache::data d;
  d.set("id", name + "-" + value);
  d.set("value", value);
  d.set("label", label);
  d.set(flag, mustache::data(on));
  return d;
}

}  // namespace

const std::map<std::string, std::string>& NeedInputs() {
  static const std::map<std::string, std::string> kInputs = {
      {"category", "category"},          {"description", "description"},
      {"quantity", "quantity"},          {"urgency", "urgency"},
      {"window.start", "window_start"},  {"window.end", "window_end"},
      {"place", "place"},                {"location.lat", "lat"},
      {"location.lon", "lon"},           {"language", "language"},
      {"accessibility", "accessibility"}, {"contact.preferred", "contact_method"},
      {"contact.phone", "phone"},        {"contact.email", "email"},
      {"reason", "reason"},
  };
  return kInputs;
}

const std::map<std::string, PageContext::FieldLabel>& NeedLabels() {
  static const std::map<std::string, PageContext::FieldLabel> kLabels = {
      {"category", {"ask.category", ""}},
      {"description", {"ask.description", ""}},
      {"quantity", {"ask.quantity", ""}},
      {"urgency", {"ask.urgency", ""}},
      {"window_start", {"ask.window_start", ""}},
      {"window_end", {"ask.window_end", ""}},
      {"place", {"ask.place", ""}},
      {"lat", {"ask.lat", ""}},
      {"lon", {"ask.lon", ""}},
      {"language", {"ask.language", ""}},
      {"accessibility", {"ask.accessibility", ""}},
      {"contact_method", {"contact.title", ""}},
      {"phone", {"contact.phone", ""}},
      {"email", {"contact.email", ""}},
      {"reason", {"status.cancel_reason", ""}},
  };
  return kLabels;
}

Contact ReadContact(const Form& form, Contact base) {
  std::optional<ContactMethod> method = ParseContactMethod(form.Get("contact_method"));
  base.preferred = method.value_or(ContactMethod::kNone);
  base.phone = Trimmed(form.Get("phone"));
  base.email = Trimmed(form.Get("email"));
  return base;
}

NeedDetails ReadNeedForm(const Form& form, const HubSettings& hub, Timestamp now, Lang lang, FormErrors& errors) {
  NeedDetails d;
  d.category = form.Get("category");
  d.description = form.Get("description");
  std::string quantity = Trimmed(form.Get("quantity"));
  if (!quantity.empty()) {
    auto [ptr, ec] = std::from_chars(quantity.data(), quantity.data() + quantity.size(), d.quantity);
    if (ec != std::errc() || ptr != quantity.data() + quantity.size()) {
      errors.Add("quantity", Translate(lang, "err.whole_number"));
      d.quantity = 1;
    }
  }
  if (std::optional<Urgency> u = ParseUrgency(form.Get("urgency"))) d.urgency = *u;

  std::string start_text = Trimmed(form.Get("window_start"));
  std::string end_text = Trimmed(form.Get("window_end"));
  if (!start_text.empty() || !end_text.empty()) {
    std::optional<Timestamp> start = start_text.empty() ? std::optional<Timestamp>(now)
                                                        : ParseLocal(start_text, hub.time_zone);
    std::optional<Timestamp> end = end_text.empty() ? std::nullopt : ParseLocal(end_text, hub.time_zone);
    if (!start) errors.Add("window_start", Translate(lang, "err.datetime"));
    if (end_text.empty()) {
      errors.Add("window_end", Translate(lang, "err.window_end_needed"));
    } else if (!end) {
      errors.Add("window_end", Translate(lang, "err.datetime"));
    }
    if (start && end) d.window = TimeWindow{*start, *end};
  }

  d.place = form.Get("place");
  std::string lat_text = Trimmed(form.Get("lat"));
  std::string lon_text = Trimmed(form.Get("lon"));
  if (!lat_text.empty() || !lon_text.empty()) {
    std::optional<double> lat = ReadDecimal(lat_text);
    std::optional<double> lon = ReadDecimal(lon_text);
    if (!lat) errors.Add("lat", Translate(lang, lat_text.empty() ? "err.lat_lon_both" : "err.lat"));
    if (!lon) errors.Add("lon", Translate(lang, lon_text.empty() ? "err.lat_lon_both" : "err.lon"));
    if (lat && lon) d.location = LatLon{*lat, *lon};
  }
  d.language = form.Get("language");
  d.accessibility = form.Get("accessibility");
  d.contact = ReadContact(form, Contact{});
  return d;
}

std::string CategoryLabel(Lang lang, const std::string& category) {
  std::string key = "category." + category;
  return HasMessage(lang, key) ? Translate(lang, key) : category;
}

std::string UrgencyLabel(Lang lang, Urgency urgency) {
  return Translate(lang, std::string("urgency.") + UrgencyName(urgency));
}

std::string ContactMethodLabel(Lang lang, ContactMethod method) {
  return Translate(lang, std::string("contact.method.") + ContactMethodName(method));
}

mustache::data CategoryChoices(Lang lang, const HubSettings& hub, const std::string& selected) {
  mustache::data list{mustache::data::type::list};
  for (const std::string& c : hub.categories) {
    list.push_back(Choice("category", c, CategoryLabel(lang, c), c == selected, "checked"));
  }
  return list;
}

mustache::data UrgencyChoices(Lang lang, const std::string& selected) {
  mustache::data list{mustache::data::type::list};
  for (Urgency u : {Urgency::kLow, Urgency::kNormal, Urgency::kHigh, Urgency::kCritical}) {
    list.push_back(Choice("urgency", UrgencyName(u), UrgencyLabel(lang, u), selected == UrgencyName(u), "checked"));
  }
  return list;
}

mustache::data ContactChoices(Lang lang, const std::string& selected) {
  mustache::data list{mustache::data::type::list};
  for (ContactMethod m : {ContactMethod::kPhone, ContactMethod::kSms, ContactMethod::kEmail, ContactMethod::kHotline,
                          ContactMethod::kNone}) {
    list.push_back(Choice("contact_method", ContactMethodName(m), ContactMethodLabel(lang, m),
                          selected == ContactMethodName(m), "checked"));
  }
  return list;
}

mustache::data LanguageChoices(Lang lang, const HubSettings& hub, const std::string& selected) {
  std::vector<std::string> codes = hub.languages;
  for (Lang l : kAllLangs) {
    if (std::find(codes.begin(), codes.end(), LangCode(l)) == codes.end()) codes.push_back(LangCode(l));
  }
  mustache::data list{mustache::data::type::list};
  for (const std::string& code : codes) {
    std::string key = "lang.name." + code;
    mustache::data d;
    d.set("value", code);
    d.set("label", HasMessage(lang, key) ? Translate(lang, key) : code);
    d.set("selected", mustache::data(code == selected));
    list.push_back(d);
  }
  return list;
}

mustache::data FormValues(const Form& form) {
  mustache::data v{mustache::data::type::object};
  for (const auto& [name, value] : form.values()) {
    if (name != "csrf" && name != "password") v.set(name, value);
  }
  return v;
}

}  // namespace kin::web
