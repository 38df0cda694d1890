// Suggestions: the allocation engine (src/match) proposes who could take each open need, and people decide.
//
// The engine runs for a hub whenever something in it changes (a new need, an offer paused, a helper declining)
// and periodically, because waiting raises a need's priority. Each run replaces only the suggestions nobody has
// answered; confirmed, accepted and declined ones stay as the record, and a declined pairing is never proposed
// again. See docs/allocation.md, "In a hub".
#ifndef KIN_APP_SUGGESTIONS_H_
#define KIN_APP_SUGGESTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/context.h"
#include "core/match.h"
#include "core/suggestion.h"

namespace kin {

struct SuggestionRun {
  int open_needs = 0;   // needs the engine considered
  int suggested = 0;    // open suggestions after the run
  int added = 0;        // new since the previous run
  int withdrawn = 0;    // previous suggestions the run replaced
  int unmet = 0;        // open needs left without a suggestion
};

// What a person sees: coordinators every open suggestion of the hub and every unmet need with its cause; a member
// the suggestions made to them.
struct SuggestionBoard {
  std::vector<Suggestion> suggestions;  // most urgent, then longest waiting, first
  std::vector<UnmetNeed> unmet;
};

struct ConfirmOutcome {
  SuggestionId id;
  Status status;      // why it was skipped (taken meanwhile, offer paused...), or ok
  std::optional<Match> match;
};

class Suggestions {
 public:
  explicit Suggestions(AppContext& ctx) : ctx_(ctx) {}

  // Runs the engine for one hub (the system: no caller). Writes only what changed.
  Result<SuggestionRun> Refresh(const HubId& hub);
  // The same, asked for by a coordinator of the hub.
  Result<SuggestionRun> Refresh(const Caller& caller, const std::string& hub_slug);
  // Refreshes every hub with events after `cursor` (0 at start) and moves the cursor; returns the hubs refreshed.
  Result<int> RefreshChanged(int64_t& cursor);
  // Refreshes every hub, first moving `cursor` to the end of the event log, so that RefreshChanged afterwards
  // picks up only what changed since.
  Result<int> RefreshAll(int64_t& cursor);

  Result<SuggestionBoard> Board(const Caller& caller, const std::string& hub_slug);
  Result<Suggestion> Get(const Caller& caller, const SuggestionId& id);

  // A coordinator confirms: the pairing is proposed to the helper, who accepts or declines as for any pairing.
  Result<Suggestion> Confirm(const Caller& caller, const SuggestionId& id);
  // Confirms each of `ids` (every open suggestion of the hub when empty) in one transaction; a suggestion that
  // can no longer be confirmed is skipped with the reason, the others still go through.
  Result<std::vector<ConfirmOutcome>> ConfirmMany(const Caller& caller, const std::string& hub_slug,
                                                  const std::vector<SuggestionId>& ids);
  // The helper takes it: the need is theirs, as if they had claimed it.
  Result<Suggestion> Accept(const Caller& caller, const SuggestionId& id);
  // The helper says no, with a reason; the engine will not propose this pairing again.
  Result<Suggestion> Decline(const Caller& caller, const SuggestionId& id, const std::string& reason);

 private:
  AppContext& ctx_;
};

}  // namespace kin

#endif  // KIN_APP_SUGGESTIONS_H_
