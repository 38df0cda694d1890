#include "web/field_messages.h"

#include <optional>
#include <string_view>

namespace kin::web {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The text between `prefix` and `suffix` when `s` is exactly prefix + middle + suffix.
std::optional<std::string> Between(std::string_view s, std::string_view prefix, std::string_view suffix) {
  if (s.size() < prefix.size() + suffix.size() || !StartsWith(s, prefix) || !EndsWith(s, suffix)) {
    return std::nullopt;
  }
  return std::string(s.substr(prefix.size(), s.size() - prefix.size() - suffix.size()));
}

}  // namespace

void FormErrors::Add(const std::string& input, std::string message) {
  if (For(input) == nullptr) fields_.emplace_back(input, std::move(message));
}

const std::string* FormErrors::For(const std::string& input) const {
  for (const auto& [name, message] : fields_) {
    if (name == input) return &message;
  }
  return nullptr;
}

std::string TranslateFieldMessage(Lang lang, const std::string& m) {
  // Exact messages from src/core (validation.cc, contact.cc, geo.cc, need.cc, member.cc) and src/app.
  static const std::pair<std::string_view, std::string_view> kExact[] = {
      {"is required", "err.required"},
      {"must not contain control characters", "err.control"},
      {"may hold only lower-case letters a-z, digits, '-' and '_'", "err.token_chars"},
      {"must be a phone number of digits, spaces and + - ( ) .", "err.phone"},
      {"must be an email address such as name@example.org", "err.email"},
      {"is required when the preferred contact is phone or sms", "err.phone_needed"},
      {"is required when the preferred contact is email", "err.email_needed"},
      {"must be after window.start", "err.window_order"},
      {"is in the past", "err.window_past"},
      {"must be a number between -90 and 90", "err.lat"},
      {"must be a number between -180 and 180", "err.lon"},
      {"must be a language tag such as \"en\", \"es\" or \"pt-BR\"", "err.language"},
      {"is taken; choose another", "err.handle_taken"},
      {"is listed twice", "err.listed_twice"},
      {"is one of the most common passwords; choose another", "err.password_common"},
  };
  for (const auto& [text, key] : kExact) {
    if (m == text) return Translate(lang, key);
  }
  if (StartsWith(m, "must be one of this hub's categories")) return Translate(lang, "err.category");
  if (auto n = Between(m, "must be at most ", " characters")) return Translate(lang, "err.too_long", {{"n", *n}});
  if (auto n = Between(m, "must be at least ", " characters")) return Translate(lang, "err.too_short", {{"n", *n}});
  if (auto range = Between(m, "must be between ", "")) {
    size_t and_at = range->find(" and ");
    if (and_at != std::string::npos) {
      return Translate(lang, "err.range", {{"min", range->substr(0, and_at)}, {"max", range->substr(and_at + 5)}});
    }
  }
  return Translate(lang, "err.check");
}

std::string KindMessage(Lang lang, StatusKind kind) {
  switch (kind) {
    case StatusKind::kOk: return "";
    case StatusKind::kInvalid: return Translate(lang, "err.kind.invalid");
    case StatusKind::kNotFound: return Translate(lang, "err.kind.not_found");
    case StatusKind::kConflict: return Translate(lang, "err.kind.conflict");
    case StatusKind::kForbidden: return Translate(lang, "err.kind.forbidden");
    case StatusKind::kUnauthenticated: return Translate(lang, "err.kind.unauthenticated");
    case StatusKind::kRateLimited: return Translate(lang, "err.kind.rate_limited");
    case StatusKind::kTooLarge: return Translate(lang, "err.kind.too_large");
    case StatusKind::kUnavailable: return Translate(lang, "err.kind.unavailable");
    case StatusKind::kInternal: return Translate(lang, "err.kind.internal");
  }
  return Translate(lang, "err.kind.internal");
}

void AddStatusErrors(Lang lang, const Status& status, const std::map<std::string, std::string>& inputs,
                     FormErrors& errors) {
  if (status.ok()) return;
  bool unplaced = status.fields().empty();
  for (const FieldError& f : status.fields()) {
    auto it = inputs.find(f.field);
    if (it == inputs.end()) {
      unplaced = true;
      continue;
    }
    errors.Add(it->second, TranslateFieldMessage(lang, f.message));
  }
  if (unplaced && errors.form().empty()) errors.SetForm(KindMessage(lang, status.kind()));
}

}  // namespace kin::web
