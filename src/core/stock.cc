#include "core/stock.h"

#include "core/validation.h"

namespace kin {

const char* StockMoveKindName(StockMoveKind k) {
  switch (k) {
    case StockMoveKind::kDonation:
      return "donation";
    case StockMoveKind::kDistribution:
      return "distribution";
    case StockMoveKind::kCount:
      return "count";
  }
  return "donation";
}

std::optional<StockMoveKind> ParseStockMoveKind(const std::string& name) {
  for (StockMoveKind k :
       {StockMoveKind::kDonation, StockMoveKind::kDistribution, StockMoveKind::kCount}) {
    if (name == StockMoveKindName(k)) return k;
  }
  return std::nullopt;
}

Status ValidateStockItemDetails(const StockItemDetails& d) {
  FieldErrors errors;
  CheckText("name", d.name, 200, /*required=*/true, errors);
  CheckToken("category", d.category, 40, errors);
  CheckToken("unit", d.unit, 20, errors);
  CheckText("place", d.place, 200, /*required=*/false, errors);
  CheckRange("low_at", d.low_at, 0, kMaxStockQuantity, errors);
  return errors.ToStatus();
}

Result<int64_t> QuantityAfterDonation(int64_t current, int64_t amount) {
  if (amount < 1 || amount > kMaxStockQuantity) {
    return Status::InvalidField(
        "quantity", "must be a whole number from 1 to " + std::to_string(kMaxStockQuantity));
  }
  if (current > kMaxStockQuantity - amount) {
    return Status::InvalidField("quantity", "would take the item above " +
                                                std::to_string(kMaxStockQuantity) +
                                                " in total; it holds " + std::to_string(current));
  }
  return current + amount;
}

Result<int64_t> QuantityAfterDistribution(int64_t current, int64_t amount,
                                          const std::string& unit) {
  if (amount < 1 || amount > kMaxStockQuantity) {
    return Status::InvalidField(
        "quantity", "must be a whole number from 1 to " + std::to_string(kMaxStockQuantity));
  }
  if (amount > current) {
    return Status::Conflict("only " + std::to_string(current) + " " + unit +
                            " left; cannot give out " + std::to_string(amount));
  }
  return current - amount;
}

Status ValidateCount(int64_t counted, const std::string& reason) {
  FieldErrors errors;
  CheckRange("quantity", counted, 0, kMaxStockQuantity, errors);
  CheckText("reason", reason, 500, /*required=*/true, errors);
  return errors.ToStatus();
}

Status ValidateDonationNote(const std::string& note) {
  FieldErrors errors;
  CheckText("note", note, 500, /*required=*/false, errors);
  return errors.ToStatus();
}

bool IsLowStock(const StockItem& item) {
  return item.details.low_at > 0 && item.quantity <= item.details.low_at;
}

bool BecameLow(int64_t before, int64_t after, int64_t low_at) {
  return low_at > 0 && after <= low_at && before > low_at;
}

bool ExpiresBy(const StockItem& item, Date last_day) {
  return item.quantity > 0 && item.details.best_before && *item.details.best_before <= last_day;
}

Status CheckFulfilFromStock(NeedStatus status) {
  if (status == NeedStatus::kOpen) return Status::Ok();
  if (IsClosed(status)) {
    return Status::Conflict(std::string("the need is already ") + NeedStatusName(status));
  }
  return Status::Conflict(std::string("the need is ") + NeedStatusName(status) +
                          ": a helper has it, so they mark it done through their match");
}

Status CheckDistributeAgainst(NeedStatus status) {
  if (IsClosed(status)) {
    return Status::Conflict(std::string("the need is already ") + NeedStatusName(status));
  }
  return Status::Ok();
}

}  // namespace kin
