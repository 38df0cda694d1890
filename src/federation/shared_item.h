// What a hub shares with the hubs (and Mastodon users) following it: one offer or need, stripped to what a
// stranger on another server may see. Pure: no JSON, no clock (times come in on the source records).
//
// Never shared: names, contact details, exact or 500 m places, who asked or offered, free-text descriptions
// (unless the hub marked that item's text public). The place is coarsened to a grid of about 2 km
// (kSharingCellMeters) and published with a radius that covers the whole cell, so a reader learns the district,
// not the street.
#ifndef KIN_FEDERATION_SHARED_ITEM_H_
#define KIN_FEDERATION_SHARED_ITEM_H_

#include <optional>
#include <string>

#include "core/geo.h"
#include "core/hub.h"
#include "core/need.h"
#include "core/offer.h"
#include "core/status.h"
#include "core/time.h"

namespace kin::federation {

enum class SharedKind { kOffer, kNeed };  // FEP-0837 Proposal purpose "offer" / "request"

inline constexpr Meters kSharingCellMeters = 2000;

// Snaps a point to the centre of a ~2 km grid cell (rows of equal latitude, columns ~2 km wide at that row's
// latitude), rounded to 3 decimals. Deterministic, so an item's published area never drifts between updates.
LatLon CoarsenForSharing(const LatLon& point);

// Radius that covers the coarsened cell (half its diagonal) plus the item's own radius.
Meters SharedRadiusMeters(Meters own_radius);

struct SharedArea {
  LatLon center;         // CoarsenForSharing of what the hub knew
  Meters radius_m = 0;   // > 0
  bool operator==(const SharedArea&) const = default;
};

// The item as published. `local_id` is the offer or need id on the home hub; the codec turns it into URLs.
struct SharedItem {
  SharedKind kind = SharedKind::kOffer;
  std::string local_id;
  std::string category;                // the hub's category word: "food", "rides"
  double quantity = 1;                 // > 0: 10 (meals), 2 (rides)
  std::string unit = "one";            // the helper's word or "one"; never money
  std::optional<double> available;     // offers: what is still free this period, when known
  std::string period;                  // offers: "once", "day", "week", "month"; needs: empty
  std::string urgency;                 // needs: "low" .. "critical"; offers: empty
  std::optional<SharedArea> area;      // absent when the hub knew no place
  std::string language;                // BCP 47 tag of name/summary/public text, the hub's language
  std::string public_text;             // empty unless the hub marked the description public
  Timestamp published{};
  Timestamp updated{};
  bool operator==(const SharedItem&) const = default;
};

struct SharingOptions {
  bool share_description = false;  // copy the free-text description (the hub marked it public)
};

// An active offer as shared. kInvalid (field "status") when the offer is paused: paused offers are withdrawn.
Result<SharedItem> ShareOffer(const Offer& offer, const HubSettings& hub, const SharingOptions& options = {});

// An open need as shared: only what the approximate place and category tell. kInvalid (field "status") unless
// the need is open, and (field "redacted_at") once its personal data was redacted.
Result<SharedItem> ShareNeed(const Need& need, const HubSettings& hub, const SharingOptions& options = {});

// Checks an item read from the wire: category and unit non-empty and short, quantity finite and > 0, area in
// range. Errors name the field.
Status ValidateSharedItem(const SharedItem& item);

const char* SharedKindPurpose(SharedKind kind);  // "offer" / "request"
std::optional<SharedKind> ParseSharedKindPurpose(const std::string& purpose);

}  // namespace kin::federation

#endif  // KIN_FEDERATION_SHARED_ITEM_H_
