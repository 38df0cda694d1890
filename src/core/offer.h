// An offer: what someone can give, in their own units and at their own pace.
#ifndef KIN_CORE_OFFER_H_
#define KIN_CORE_OFFER_H_

#include <optional>
#include <string>
#include <vector>

#include "core/geo.h"
#include "core/hub.h"
#include "core/ids.h"
#include "core/status.h"
#include "core/time.h"

namespace kin {

enum class OfferStatus { kActive, kPaused };
enum class CapacityPeriod { kOnce, kDay, kWeek, kMonth };

const char* OfferStatusName(OfferStatus s);
std::optional<OfferStatus> ParseOfferStatus(const std::string& name);
const char* CapacityPeriodName(CapacityPeriod p);
std::optional<CapacityPeriod> ParseCapacityPeriod(const std::string& name);

// "3 rides a week", "10 meals once": never money, never a price.
struct Capacity {
  int amount = 1;            // 1..10000
  std::string unit = "task"; // the helper's own word: ride, meal, hour, bed
  CapacityPeriod period = CapacityPeriod::kWeek;
  bool operator==(const Capacity&) const = default;
};

struct OfferDetails {
  std::string category;
  std::string description;
  Capacity capacity;
  std::vector<std::string> skills;     // free words: "car", "spanish", "wheelchair lift"
  std::vector<std::string> languages;  // languages the helper speaks
  std::optional<LatLon> area_center;   // approximate; stored as given after Approximate()
  double area_radius_km = 3;           // (0, 200]
  std::string availability;            // in the helper's words: "weekday evenings"
};

struct Offer {
  OfferId id;
  HubId hub;
  MemberId member;
  OfferDetails details;
  OfferStatus status = OfferStatus::kActive;
  Timestamp created_at{};
  Timestamp updated_at{};
};

Status ValidateOfferDetails(const OfferDetails& d, const HubSettings& hub);

// Pausing a paused offer or resuming an active one is a conflict, so a double click is visible, not silent.
Status CheckOfferTransition(OfferStatus from, OfferStatus to);

}  // namespace kin

#endif  // KIN_CORE_OFFER_H_
