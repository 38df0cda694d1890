// Offers and needs other hubs share with a hub that follows them (issue 10), as the receiving hub keeps them.
// Plain values: only what a FEP-0837 Proposal carries (federation/shared_item.h), so nothing personal ever
// arrives and nothing needs sealing. The rule of which copy wins is here; reading the wire is federation's.
#ifndef KIN_CORE_RECEIVED_SHARE_H_
#define KIN_CORE_RECEIVED_SHARE_H_

#include <optional>
#include <string>

#include "core/geo.h"
#include "core/ids.h"
#include "core/time.h"

namespace kin {

struct ReceivedShare {
  HubId hub;                        // the receiving hub (ours)
  std::string object_id;            // the Proposal's id on the sending hub's server
  std::string remote_actor;         // the sending hub's actor: the only one that may update or delete it
  std::string kind;                 // "offer" or "need"
  std::string category;             // the sender's category word
  double quantity = 1;              // > 0
  std::string unit;                 // "meal", "one"
  std::optional<double> available;  // offers: what is still free this period, when said
  std::string period;               // offers: "once", "day", "week", "month"; may be empty
  std::string urgency;              // needs: "low" .. "critical"; may be empty
  std::optional<LatLon> center;     // the ~2 km cell it was coarsened to; absent when the hub knew no place
  Meters radius_m = 0;              // covers the whole cell
  std::string name;                 // the sender's one-line summary, plain text
  std::string summary;              // the public description, when the sender marked it public; plain text
  std::string language;             // of name and summary
  Timestamp published{};
  Timestamp updated{};
  Timestamp received_at{};
};

enum class ReceivedShareVerdict {
  kStore,    // new, or newer than the copy kept: keep this one
  kStale,    // not newer than the copy kept: an older or repeated update; keep the copy
  kForeign,  // the copy kept came from another hub: nobody but its own hub may replace it
};

// Whether `incoming` (from `incoming.remote_actor`) replaces `kept`. An Update that arrives before its Create (or
// after a follow began) still stores the item. Times are whole seconds, so an Update stamped in the same second
// as the kept copy is applied (a change right after sharing), while a Create is not (a late Create after its
// Update must not undo it).
ReceivedShareVerdict DecideReceivedShare(const std::optional<ReceivedShare>& kept, const ReceivedShare& incoming,
                                         bool is_update);

}  // namespace kin

#endif  // KIN_CORE_RECEIVED_SHARE_H_
