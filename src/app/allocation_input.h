// The allocation engine's view of a hub: its open needs and active offers as a match::Problem, with the decisions
// people already made (declined pairings) and the load each offer already carries.
//
// kin's tasks are whole: one helper takes one need, and each task counts one unit against the offer's stated
// capacity. A need with no place is taken to be at the hub's centre (for a hub that does not say where it is, the
// middle of its needs), and an offer with no area goes anywhere within 200 km of it; an offer's availability is
// free text, so it constrains nothing here. An offer that names no language speaks the hub's first language.
#ifndef KIN_APP_ALLOCATION_INPUT_H_
#define KIN_APP_ALLOCATION_INPUT_H_

#include <vector>

#include "core/hub.h"
#include "core/match.h"
#include "core/need.h"
#include "core/offer.h"
#include "core/suggestion.h"
#include "match/model.h"

namespace kin {

struct HubAllocationInput {
  match::Problem problem;
  std::vector<Need> needs;    // problem.needs[i] is needs[i]
  std::vector<Offer> offers;  // problem.helpers[i] is offers[i]
};

// How far ahead a need without a time window may be met.
inline constexpr Seconds kOpenEndedHorizon{30 * 24 * 3600};

// Pure. `needs` are the hub's open needs without an active match, `offers` its active offers; `active` the hub's
// active matches (their load); `declined` the pairings helpers turned down (declined suggestions and matches).
HubAllocationInput BuildAllocationInput(const Hub& hub, std::vector<Need> needs, std::vector<Offer> offers,
                                        const std::vector<Match>& active,
                                        const std::vector<match::Declined>& declined, Timestamp now);

UnmetCause UnmetCauseOf(match::UnmetReason reason);

}  // namespace kin

#endif  // KIN_APP_ALLOCATION_INPUT_H_
