#include "web/settings_form.h"

#include <charconv>
#include <cstdlib>

#include "web/local_time.h"

namespace kin::web {
namespace {

std::string Trimmed(const std::string& s) {
  size_t begin = s.find_first_not_of(" \t\n");
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(" \t\n") - begin + 1);
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

}  // namespace

const std::map<std::string, std::string>& SettingsInputs() {
  static const std::map<std::string, std::string> kInputs = {
      {"name", "name"},           {"description", "description"},       {"categories", "categories"},
      {"languages", "languages"}, {"retention_days", "retention_days"}, {"time_zone", "time_zone"},
  };
  return kInputs;
}

const std::map<std::string, PageContext::FieldLabel>& SettingsLabels() {
  static const std::map<std::string, PageContext::FieldLabel> kLabels = {
      {"name", {"settings.name", ""}},
      {"description", {"settings.description", ""}},
      {"categories", {"settings.categories", ""}},
      {"languages", {"settings.languages", ""}},
      {"retention_days", {"settings.retention_days", ""}},
      {"time_zone", {"settings.time_zone", ""}},
  };
  return kLabels;
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  auto flush = [&] {
    std::string t = Trimmed(item);
    if (!t.empty()) out.push_back(t);
    item.clear();
  };
  for (char c : text) {
    if (c == ',' || c == '\n') {
      flush();
    } else {
      item += c;
    }
  }
  flush();
  return out;
}

HubSettingsPatch ReadSettingsForm(const Form& form, Lang lang, FormErrors& errors) {
  HubSettingsPatch p;
  p.name = Trimmed(form.Get("name"));
  p.description = Trimmed(form.Get("description"));
  p.categories = SplitList(form.Get("categories"));
  p.languages = SplitList(form.Get("languages"));
  std::string days = Trimmed(form.Get("retention_days"));
  int value = 0;
  auto [ptr, ec] = std::from_chars(days.data(), days.data() + days.size(), value);
  if (days.empty()) {
    errors.Add("retention_days", Translate(lang, "err.required"));
  } else if (ec != std::errc() || ptr != days.data() + days.size()) {
    errors.Add("retention_days", Translate(lang, "err.whole_number"));
  } else {
    p.retention_days = value;
  }
  std::string zone = Trimmed(form.Get("time_zone"));
  if (zone.empty()) {
    errors.Add("time_zone", Translate(lang, "err.required"));
  } else if (!KnownZone(zone)) {
    errors.Add("time_zone", Translate(lang, "err.time_zone"));
  } else {
    p.time_zone = zone;
  }
  p.intake_open = form.Get("intake_open") == "on";
  p.share_description = form.Get("share_description") == "on";
  return p;
}

void AddSettingsErrors(Lang lang, const Status& status, const HubSettings& settings, FormErrors& errors) {
  if (status.ok()) return;
  std::vector<FieldError> plain;
  for (const FieldError& f : status.fields()) {
    size_t open = f.field.find('[');
    if (open == std::string::npos) {
      plain.push_back(f);
      continue;
    }
    std::string list = f.field.substr(0, open);
    size_t index = std::strtoul(f.field.c_str() + open + 1, nullptr, 10);
    const std::vector<std::string>& items = list == "categories" ? settings.categories : settings.languages;
    std::string item = index < items.size() ? items[index] : "";
    errors.Add(list, Translate(lang, "err.list_item", {{"item", item}}) + " " + TranslateFieldMessage(lang, f.message));
  }
  if (plain.empty() && !status.fields().empty()) return;
  AddStatusErrors(lang, Status::Invalid(status.message(), plain), SettingsInputs(), errors);
}

mustache::data SettingsValues(const HubSettings& s) {
  mustache::data v{mustache::data::type::object};
  v.set("name", s.name);
  v.set("description", s.description);
  v.set("categories", Joined(s.categories));
  v.set("languages", Joined(s.languages));
  v.set("retention_days", std::to_string(s.retention_days));
  v.set("time_zone", s.time_zone);
  if (s.intake_open) v.set("intake_open", "on");
  if (s.share_description) v.set("share_description", "on");
  return v;
}

}  // namespace kin::web
