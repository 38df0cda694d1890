// A suggestion: the allocation engine proposes that an offer's helper take an open need. People decide: a
// coordinator confirms it (which pairs them, and the helper answers as for any pairing), or the helper accepts it
// (which claims the need) or declines it with a reason (and the engine never proposes that pair again).
//
//   suggested -> confirmed | accepted | declined
//
// Suggestions nobody has answered are replaced whenever the engine runs again; answered ones are kept as the
// record of what people decided.
#ifndef KIN_CORE_SUGGESTION_H_
#define KIN_CORE_SUGGESTION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/need.h"
#include "core/status.h"
#include "core/time.h"

namespace kin {

using SuggestionId = Id<struct SuggestionTag>;

enum class SuggestionStatus { kSuggested, kConfirmed, kAccepted, kDeclined };

const char* SuggestionStatusName(SuggestionStatus s);
std::optional<SuggestionStatus> ParseSuggestionStatus(const std::string& name);

// Why the engine chose this pairing, in terms a coordinator can check.
struct SuggestionWhy {
  int64_t distance_m = 0;                     // helper's area centre to the need's approximate place
  std::vector<std::string> shared_languages;  // empty when the need names no language
  Urgency urgency = Urgency::kNormal;
  int64_t waited_days = 0;
  int helper_load_after = 0;  // tasks the helper would carry this period with this one
  int helper_capacity = 0;    // what the helper said they can carry this period
};

struct Suggestion {
  SuggestionId id;
  HubId hub;
  NeedId need;
  OfferId offer;
  MemberId helper;  // the offer's member
  SuggestionStatus status = SuggestionStatus::kSuggested;
  SuggestionWhy why;
  std::optional<MatchId> match;  // the pairing or claim a confirmation or acceptance made
  std::optional<MemberId> decided_by;
  std::string reason;  // why the helper declined
  Timestamp created_at{};
  Timestamp updated_at{};
};

// Why an open need has no suggestion, so coordinators can act: recruit, widen an area, find an interpreter.
enum class UnmetCause {
  kNoCategory,      // nobody offers this kind of help
  kOutOfReach,      // nobody offering it covers the place
  kWindowTooTight,  // nobody is available inside the time window
  kNoLanguage,      // nobody shares a language with the person
  kRequirement,     // nobody meets a requirement
  kDeclined,        // everyone who could has declined
  kCapacityUsedUp,  // the helpers who could are fully booked by more urgent or longer-waiting needs
};
const char* UnmetCauseName(UnmetCause c);
std::optional<UnmetCause> ParseUnmetCause(const std::string& name);

struct UnmetNeed {
  HubId hub;
  NeedId need;
  UnmetCause cause = UnmetCause::kCapacityUsedUp;
  Timestamp computed_at{};
};

// Ok when `from -> to` is allowed; kConflict otherwise ("already confirmed").
Status CheckSuggestionTransition(SuggestionStatus from, SuggestionStatus to);

}  // namespace kin

#endif  // KIN_CORE_SUGGESTION_H_
