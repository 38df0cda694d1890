// Stock: what a free store, pantry or solidarity kitchen holds, and every movement of it.
//
// Quantities are exact whole numbers in the item's smallest unit (grams, tins, bags): never
// floating point, never negative. A movement is a donation (in), a distribution (out, optionally
// against a need) or a count (the quantity found on the shelf, with a reason, replacing what the
// books said).
#ifndef KIN_CORE_STOCK_H_
#define KIN_CORE_STOCK_H_

#include <cstdint>
#include <optional>
#include <string>

#include "core/calendar_date.h"
#include "core/ids.h"
#include "core/need.h"
#include "core/status.h"
#include "core/time.h"

namespace kin {

using StockItemId = Id<struct StockItemTag>;

// The largest quantity one item holds or one movement moves; far beyond any pantry, small enough
// that sums of movements never overflow int64.
constexpr int64_t kMaxStockQuantity = 1'000'000'000;

struct StockItemDetails {
  std::string name;                 // what people call it: "Rice, 1 kg bags"
  std::string category;             // a short word for grouping: "dry-food", "hygiene", "baby"
  std::string unit;                 // the smallest unit counted: "bag", "tin", "g"
  std::string place;                // where it is kept: "back shelf", "church basement"
  std::optional<Date> best_before;  // expiry or best-before date of what is on the shelf
  int64_t low_at = 0;  // a low-stock alert when the quantity falls to this or below; 0: no alert
};

struct StockItem {
  StockItemId id;
  HubId hub;
  StockItemDetails details;
  int64_t quantity = 0;
  Timestamp created_at{};
  Timestamp updated_at{};
};

enum class StockMoveKind { kDonation, kDistribution, kCount };
const char* StockMoveKindName(StockMoveKind k);
std::optional<StockMoveKind> ParseStockMoveKind(const std::string& name);

struct StockMove {
  int64_t seq = 0;  // assigned by the store, increasing
  HubId hub;
  StockItemId item;
  StockMoveKind kind = StockMoveKind::kDonation;
  int64_t delta = 0;           // signed change: +donated, -distributed, counted - before
  int64_t quantity_after = 0;  // what the item held afterwards
  std::optional<NeedId> need;  // a distribution against a need
  std::string note;            // donation note or count reason; no personal data
  std::string actor;           // member id
  Timestamp at{};
};

Status ValidateStockItemDetails(const StockItemDetails& d);

// The quantity after receiving `amount` (field "quantity": 1..kMaxStockQuantity, and the total must
// stay within it). Invalid names the field.
Result<int64_t> QuantityAfterDonation(int64_t current, int64_t amount);

// The quantity after giving out `amount`: invalid when amount < 1; kConflict naming what is left
// when the item holds less than `amount`. Never negative.
Result<int64_t> QuantityAfterDistribution(int64_t current, int64_t amount, const std::string& unit);

// A count states what is on the shelf (0..kMaxStockQuantity) and why it differs ("reason",
// required).
Status ValidateCount(int64_t counted, const std::string& reason);

// A donation's optional note.
Status ValidateDonationNote(const std::string& note);

bool IsLowStock(const StockItem& item);
// True when a change from `before` to `after` takes the item into low stock (so the alert is raised
// once).
bool BecameLow(int64_t before, int64_t after, int64_t low_at);
// Has a best-before date on or before `last_day` and is still on the shelf.
bool ExpiresBy(const StockItem& item, Date last_day);

// A need may be marked fulfilled by a distribution from stock while nobody has taken it as a task
// (open). A need with a helper is completed through the helper's match instead; a closed need takes
// nothing more.
Status CheckFulfilFromStock(NeedStatus status);
// Distributions against a need that is closed are refused: the need is over.
Status CheckDistributeAgainst(NeedStatus status);

}  // namespace kin

#endif  // KIN_CORE_STOCK_H_
