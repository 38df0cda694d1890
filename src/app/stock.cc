#include "app/stock.h"

#include "app/access.h"
#include "app/hub_today.h"
#include "app/stock_notify.h"
#include "crypto/tokens.h"

namespace kin {

void StockItemPatch::ApplyTo(StockItemDetails& d) const {
  if (name) d.name = *name;
  if (category) d.category = *category;
  if (unit) d.unit = *unit;
  if (place) d.place = *place;
  if (best_before) d.best_before = *best_before;
  if (low_at) d.low_at = *low_at;
}

namespace {

constexpr int kMaxExpiringListed = 200;

// An item the caller may know of: one of their hub's. Others are "not found", so ids reveal
// nothing.
Result<StockItem> GetVisibleItem(ReadTx& tx, const Caller& caller, const StockItemId& id) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to see this hub's stock");
  Result<StockItem> item = tx.GetStockItem(id);
  if (!item.ok() || !tx.GetMembership(item->hub, *caller.member))
    return Status::NotFound("stock item not found");
  return item;
}

std::string Amount(int64_t n, const std::string& unit) { return std::to_string(n) + " " + unit; }

// Saves the item's new quantity, the movement and its event (and a low-stock alert when it crossed
// the mark).
Result<StockChange> Apply(WriteTx& tx, StockItem item, StockMove move, Timestamp now,
                          const std::string& event, const std::string& detail) {
  int64_t before = item.quantity;
  item.quantity = move.quantity_after;
  item.updated_at = now;
  move.hub = item.hub;
  move.item = item.id;
  move.delta = move.quantity_after - before;
  move.at = now;
  Status s = tx.UpdateStockItem(item);
  if (s.ok()) {
    Result<int64_t> seq = tx.AppendStockMove(move);
    if (seq.ok())
      move.seq = *seq;
    else
      s = seq.status();
  }
  if (s.ok()) s = RecordEvent(tx, item.hub, now, move.actor, event, item.id.value, detail);
  if (s.ok() && BecameLow(before, item.quantity, item.details.low_at)) {
    s = RecordEvent(tx, item.hub, now, "system", "stock.low", item.id.value,
                    Amount(item.quantity, item.details.unit) + " left of " + item.details.name);
    if (s.ok()) s = QueueStockLow(tx, item, "move-" + std::to_string(move.seq), now);
  }
  if (!s.ok()) return s;
  return StockChange{std::move(item), std::move(move), false};
}

}  // namespace

Result<StockItem> Stock::CreateItem(const Caller& caller, const std::string& hub_slug,
                                    const StockItemDetails& details, int64_t initial_quantity) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<StockItem>(ctx_.store, [&](WriteTx& tx) -> Result<StockItem> {
    Result<HubAccess> access = RequireRoleIn(tx, caller, hub_slug, Role::kIntake);
    if (!access.ok()) return access.status();
    Status s = ValidateStockItemDetails(details);
    if (!s.ok()) return s;
    if (initial_quantity < 0 || initial_quantity > kMaxStockQuantity) {
      return Status::InvalidField(
          "quantity", "must be a whole number from 0 to " + std::to_string(kMaxStockQuantity));
    }
    StockItem item;
    item.id = StockItemId{RandomId("stock")};
    item.hub = access->hub.id;
    item.details = details;
    item.created_at = item.updated_at = now;
    s = tx.InsertStockItem(item);
    if (s.ok())
      s = RecordEvent(tx, access->hub.id, now, caller.actor(), "stock.item_created", item.id.value,
                      details.name);
    if (!s.ok()) return s;
    if (initial_quantity == 0) return item;
    StockMove move;
    move.kind = StockMoveKind::kDonation;
    move.quantity_after = initial_quantity;
    move.actor = caller.actor();
    move.note = "initial stock";
    Result<StockChange> change =
        Apply(tx, item, move, now, "stock.donated", "+" + Amount(initial_quantity, details.unit));
    if (!change.ok()) return change.status();
    return change->item;
  });
}

Result<StockItem> Stock::UpdateItem(const Caller& caller, const StockItemId& id,
                                    const StockItemPatch& patch) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<StockItem>(ctx_.store, [&](WriteTx& tx) -> Result<StockItem> {
    Result<StockItem> item = GetVisibleItem(tx, caller, id);
    if (!item.ok()) return item.status();
    Result<Membership> m = RequireRole(tx, caller, item->hub, Role::kIntake);
    if (!m.ok()) return m.status();
    StockItemDetails details = item->details;
    patch.ApplyTo(details);
    Status s = ValidateStockItemDetails(details);
    if (!s.ok()) return s;
    bool was_low = IsLowStock(*item);
    item->details = std::move(details);
    item->updated_at = now;
    s = tx.UpdateStockItem(*item);
    if (s.ok())
      s = RecordEvent(tx, item->hub, now, caller.actor(), "stock.item_updated", item->id.value);
    if (s.ok() && !was_low && IsLowStock(*item)) {
      s = RecordEvent(
          tx, item->hub, now, "system", "stock.low", item->id.value,
          Amount(item->quantity, item->details.unit) + " left of " + item->details.name);
      if (s.ok())
        s = QueueStockLow(tx, *item, "mark-" + std::to_string(now.time_since_epoch().count()), now);
    }
    if (!s.ok()) return s;
    return *item;
  });
}

Result<StockItem> Stock::GetItem(const Caller& caller, const StockItemId& id) {
  return ReadValue<StockItem>(ctx_.store,
                              [&](ReadTx& tx) { return GetVisibleItem(tx, caller, id); });
}

Result<Page<StockItem>> Stock::ListItems(const Caller& caller, const std::string& hub_slug,
                                         const StockFilter& filter, const PageRequest& page) {
  return ReadValue<Page<StockItem>>(ctx_.store, [&](ReadTx& tx) -> Result<Page<StockItem>> {
    Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
    if (!access.ok()) return access.status();
    return tx.ListStockItems(access->hub.id, filter, page);
  });
}

Result<std::vector<StockItem>> Stock::Expiring(const Caller& caller, const std::string& hub_slug,
                                               int within_days) {
  if (within_days < 0 || within_days > 365)
    return Status::InvalidField("within_days", "must be between 0 and 365");
  Timestamp now = ctx_.clock.Now();
  return ReadValue<std::vector<StockItem>>(
      ctx_.store, [&](ReadTx& tx) -> Result<std::vector<StockItem>> {
        Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
        if (!access.ok()) return access.status();
        Date last_day = HubToday(access->hub, now) + std::chrono::days(within_days);
        return tx.ListExpiringStock(access->hub.id, last_day, kMaxExpiringListed);
      });
}

Result<Page<StockMove>> Stock::Moves(const Caller& caller, const std::string& hub_slug,
                                     const PageRequest& page) {
  return ReadValue<Page<StockMove>>(ctx_.store, [&](ReadTx& tx) -> Result<Page<StockMove>> {
    Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
    if (!access.ok()) return access.status();
    return tx.ListStockMoves(access->hub.id, std::nullopt, page);
  });
}

Result<Page<StockMove>> Stock::ItemMoves(const Caller& caller, const StockItemId& id,
                                         const PageRequest& page) {
  return ReadValue<Page<StockMove>>(ctx_.store, [&](ReadTx& tx) -> Result<Page<StockMove>> {
    Result<StockItem> item = GetVisibleItem(tx, caller, id);
    if (!item.ok()) return item.status();
    return tx.ListStockMoves(item->hub, item->id, page);
  });
}

Result<StockChange> Stock::Donate(const Caller& caller, const StockItemId& id, int64_t quantity,
                                  const std::string& note) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<StockChange>(ctx_.store, [&](WriteTx& tx) -> Result<StockChange> {
    Result<StockItem> item = GetVisibleItem(tx, caller, id);
    if (!item.ok()) return item.status();
    Status s = ValidateDonationNote(note);
    if (!s.ok()) return s;
    Result<int64_t> after = QuantityAfterDonation(item->quantity, quantity);
    if (!after.ok()) return after.status();
    StockMove move;
    move.kind = StockMoveKind::kDonation;
    move.quantity_after = *after;
    move.note = note;
    move.actor = caller.actor();
    return Apply(tx, *item, move, now, "stock.donated", "+" + Amount(quantity, item->details.unit));
  });
}

Result<StockChange> Stock::Distribute(const Caller& caller, const StockItemId& id,
                                      const Distribution& d) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<StockChange>(ctx_.store, [&](WriteTx& tx) -> Result<StockChange> {
    Result<StockItem> item = GetVisibleItem(tx, caller, id);
    if (!item.ok()) return item.status();
    Result<Membership> m = RequireRole(tx, caller, item->hub, Role::kIntake);
    if (!m.ok()) return m.status();
    if (d.fulfil && !d.need)
      return Status::InvalidField("fulfil", "needs a need to mark fulfilled");
    std::optional<Need> need;
    if (d.need) {
      Result<Need> n = tx.GetNeed(*d.need);
      if (!n.ok() || n->hub != item->hub)
        return Status::InvalidField("need", "no such need in this hub");
      Status s = d.fulfil ? CheckFulfilFromStock(n->status) : CheckDistributeAgainst(n->status);
      if (!s.ok()) return s;
      need = std::move(*n);
    }
    // The check and the change below run in this one write closure on the store's single writer, so
    // two distributions of the last items cannot both pass it.
    Result<int64_t> after =
        QuantityAfterDistribution(item->quantity, d.quantity, item->details.unit);
    if (!after.ok()) return after.status();
    StockMove move;
    move.kind = StockMoveKind::kDistribution;
    move.quantity_after = *after;
    move.need = d.need;
    move.actor = caller.actor();
    std::string detail = "-" + Amount(d.quantity, item->details.unit);
    if (need) detail += " for need " + need->id.value;
    Result<StockChange> change = Apply(tx, *item, move, now, "stock.distributed", detail);
    if (!change.ok() || !d.fulfil) return change;
    need->status = NeedStatus::kFulfilled;
    need->updated_at = now;
    Status s = tx.UpdateNeed(*need);
    if (s.ok()) s = SharedItemChanged(ctx_, tx, "need", need->id.value, now);
    if (s.ok())
      s = RecordEvent(tx, need->hub, now, caller.actor(), "need.fulfilled", need->id.value,
                      "from stock " + item->id.value);
    if (!s.ok()) return s;
    change->need_fulfilled = true;
    return change;
  });
}

Result<StockChange> Stock::Count(const Caller& caller, const StockItemId& id, int64_t counted,
                                 const std::string& reason) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<StockChange>(ctx_.store, [&](WriteTx& tx) -> Result<StockChange> {
    Result<StockItem> item = GetVisibleItem(tx, caller, id);
    if (!item.ok()) return item.status();
    Result<Membership> m = RequireRole(tx, caller, item->hub, Role::kCoordinator);
    if (!m.ok()) return m.status();
    Status s = ValidateCount(counted, reason);
    if (!s.ok()) return s;
    StockMove move;
    move.kind = StockMoveKind::kCount;
    move.quantity_after = counted;
    move.note = reason;
    move.actor = caller.actor();
    return Apply(tx, *item, move, now, "stock.counted",
                 "counted " + Amount(counted, item->details.unit) + " (books said " +
                     std::to_string(item->quantity) + "): " + reason);
  });
}

}  // namespace kin
