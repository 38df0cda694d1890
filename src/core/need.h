// A need: what someone asks for, and its lifecycle.
//
//   open -> matched -> in_progress -> fulfilled
//   open | matched | in_progress -> cancelled
//   open -> expired                        (its time window has passed)
//   matched | in_progress -> open          (the helper declined or released it, with a reason)
//   matched -> fulfilled                   (done without a recorded start)
#ifndef KIN_CORE_NEED_H_
#define KIN_CORE_NEED_H_

#include <cstdint>
#include <optional>
#include <string>

#include "core/contact.h"
#include "core/geo.h"
#include "core/hub.h"
#include "core/ids.h"
#include "core/status.h"
#include "core/time.h"

namespace kin {

enum class NeedStatus { kOpen, kMatched, kInProgress, kFulfilled, kCancelled, kExpired };
enum class Urgency { kLow, kNormal, kHigh, kCritical };
enum class NeedSource { kMember, kIntake, kPublic };  // who entered it: a member, intake on someone's behalf, or
                                                      // the public form without an account

const char* NeedStatusName(NeedStatus s);
std::optional<NeedStatus> ParseNeedStatus(const std::string& name);
const char* UrgencyName(Urgency u);
std::optional<Urgency> ParseUrgency(const std::string& name);
const char* NeedSourceName(NeedSource s);
std::optional<NeedSource> ParseNeedSource(const std::string& name);

bool IsClosed(NeedStatus s);  // fulfilled, cancelled or expired: no further transitions

// What a person may say about their need. The same shape is used to create and (as a whole) to update.
struct NeedDetails {
  std::string category;
  std::string description;
  int quantity = 1;  // in the need's own terms: 4 people, 2 rides
  Urgency urgency = Urgency::kNormal;
  std::optional<TimeWindow> window;
  std::string place;  // neighbourhood or cross streets; visible to fellow members
  std::optional<LatLon> location;  // exact; encrypted, approximated for display
  std::string language;            // empty: the hub's default
  std::string accessibility;       // notes such as "step-free access", "deaf: text only"
  Contact contact;
};

struct Need {
  NeedId id;
  HubId hub;
  NeedDetails details;
  std::optional<LatLon> approx_location;  // Approximate(details.location); what members see and filter by
  NeedStatus status = NeedStatus::kOpen;
  NeedSource source = NeedSource::kMember;
  std::optional<MemberId> requester;  // the member who asked, if they have an account
  std::string status_token_hash;      // hash of the private status token of a public request, else empty
  Timestamp created_at{};
  Timestamp updated_at{};
  std::optional<Timestamp> redacted_at;  // set once personal data was removed after the retention period
};

// Validates details against the hub's settings (categories). `now` checks that a new window is not all past.
Status ValidateNeedDetails(const NeedDetails& d, const HubSettings& hub, Timestamp now);

// Ok when the lifecycle allows `from -> to`; else kConflict naming both states.
Status CheckNeedTransition(NeedStatus from, NeedStatus to);

// A need whose window has ended while still open expires.
bool ShouldExpire(const Need& need, Timestamp now);

// A closed need's personal data is kept `retention_days` after it closed (its last update), then redacted.
bool DueForRedaction(const Need& need, int retention_days, Timestamp now);

// Removes everything that could identify or locate the person: contact, exact and approximate place, free text
// and the status link. Category, quantity, urgency, status and times stay, so the hub's counts remain true.
void RedactPersonalData(Need& need, Timestamp now);

}  // namespace kin

#endif  // KIN_CORE_NEED_H_
