// When and what members are told about a proposal (issue 8): it opened, it closes soon, it closed with this result.
#ifndef KIN_CORE_PROPOSAL_NOTICE_H_
#define KIN_CORE_PROPOSAL_NOTICE_H_

#include <string>

#include "core/outcome.h"
#include "core/time.h"

namespace kin {

// How long before closing a member who has not voted is told that voting closes soon.
inline constexpr Seconds kClosingSoonLead{24 * 3600};

// The moment of the "closes soon" notice: kClosingSoonLead before closing, or halfway through voting when voting
// lasts less than twice that, so a short vote is not announced as closing the moment it opens.
Timestamp ClosingSoonAt(Timestamp opened_at, Timestamp closes_at);

// The result word the "closed" message carries (core/notification_text.h): "no_quorum" when the quorum was not
// met, "elected" when options were chosen, else "passed" or "failed".
std::string OutcomeResult(const Outcome& outcome);

}  // namespace kin

#endif  // KIN_CORE_PROPOSAL_NOTICE_H_
