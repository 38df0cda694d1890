#include "core/suggestion.h"

#include <array>
#include <utility>

namespace kin {
namespace {

constexpr std::array<std::pair<SuggestionStatus, const char*>, 4> kStatusNames{{
    {SuggestionStatus::kSuggested, "suggested"},
    {SuggestionStatus::kConfirmed, "confirmed"},
    {SuggestionStatus::kAccepted, "accepted"},
    {SuggestionStatus::kDeclined, "declined"},
}};

constexpr std::array<std::pair<UnmetCause, const char*>, 7> kCauseNames{{
    {UnmetCause::kNoCategory, "category_nobody_offers"},
    {UnmetCause::kOutOfReach, "no_helper_within_reach"},
    {UnmetCause::kWindowTooTight, "window_too_tight"},
    {UnmetCause::kNoLanguage, "no_shared_language"},
    {UnmetCause::kRequirement, "requirement_not_met"},
    {UnmetCause::kDeclined, "declined_by_all"},
    {UnmetCause::kCapacityUsedUp, "capacity_used_up"},
}};

template <typename E, size_t N>
const char* NameOf(const std::array<std::pair<E, const char*>, N>& names, E value) {
  for (const auto& [v, name] : names) {
    if (v == value) return name;
  }
  return "unknown";
}

template <typename E, size_t N>
std::optional<E> Parse(const std::array<std::pair<E, const char*>, N>& names, const std::string& name) {
  for (const auto& [v, n] : names) {
    if (name == n) return v;
  }
  return std::nullopt;
}

}  // namespace

const char* SuggestionStatusName(SuggestionStatus s) { return NameOf(kStatusNames, s); }
std::optional<SuggestionStatus> ParseSuggestionStatus(const std::string& name) { return Parse(kStatusNames, name); }
const char* UnmetCauseName(UnmetCause c) { return NameOf(kCauseNames, c); }
std::optional<UnmetCause> ParseUnmetCause(const std::string& name) { return Parse(kCauseNames, name); }

Status CheckSuggestionTransition(SuggestionStatus from, SuggestionStatus to) {
  if (from == SuggestionStatus::kSuggested && to != SuggestionStatus::kSuggested) return Status::Ok();
  return Status::Conflict(std::string("the suggestion is already ") + SuggestionStatusName(from));
}

}  // namespace kin
