// Shared resources in SQLite: stock items and their movements.
#include <string>

#include "store/sqlite_query.h"
#include "store/sqlite_tx.h"

namespace kin::sqlite {
namespace {

#define KIN_STOCK_ITEM_COLUMNS                                                             \
  "seq, id, hub, name, category, unit, place, best_before, low_at, quantity, created_at, " \
  "updated_at"
#define KIN_STOCK_MOVE_COLUMNS "seq, hub, item, kind, delta, quantity_after, need, note, actor, at"

Timestamp TimeAt(const Stmt& st, int col) { return Timestamp(Seconds(st.Int64(col))); }

StockItem ReadStockItem(const Stmt& st) {
  StockItem item;
  item.id.value = st.Text(1);
  item.hub.value = st.Text(2);
  StockItemDetails& d = item.details;
  d.name = st.Text(3);
  d.category = st.Text(4);
  d.unit = st.Text(5);
  d.place = st.Text(6);
  if (!st.IsNull(7)) d.best_before = Date(std::chrono::days(st.Int64(7)));
  d.low_at = st.Int64(8);
  item.quantity = st.Int64(9);
  item.created_at = TimeAt(st, 10);
  item.updated_at = TimeAt(st, 11);
  return item;
}

Result<StockMove> ReadStockMove(const Stmt& st) {
  StockMove m;
  m.seq = st.Int64(0);
  m.hub.value = st.Text(1);
  m.item.value = st.Text(2);
  std::optional<StockMoveKind> kind = ParseStockMoveKind(st.Text(3));
  if (!kind) return Status::Internal("unknown stock movement kind " + st.Text(3));
  m.kind = *kind;
  m.delta = st.Int64(4);
  m.quantity_after = st.Int64(5);
  if (!st.IsNull(6)) m.need = NeedId{st.Text(6)};
  m.note = st.Text(7);
  m.actor = st.Text(8);
  m.at = TimeAt(st, 9);
  return m;
}

void BindStockItem(Stmt& st, const StockItem& item) {
  const StockItemDetails& d = item.details;
  st.BindText(1, item.id.value)
      .BindText(2, item.hub.value)
      .BindText(3, d.name)
      .BindText(4, d.category)
      .BindText(5, d.unit)
      .BindText(6, d.place);
  if (d.best_before) {
    st.BindInt64(7, d.best_before->time_since_epoch().count());
  } else {
    st.BindNull(7);
  }
  st.BindInt64(8, d.low_at)
      .BindInt64(9, item.quantity)
      .BindInt64(10, item.created_at.time_since_epoch().count())
      .BindInt64(11, item.updated_at.time_since_epoch().count());
}

}  // namespace

Result<StockItem> SqliteTx::GetStockItem(const StockItemId& id) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "SELECT " KIN_STOCK_ITEM_COLUMNS " FROM stock_items WHERE id = ?1");
  st.BindText(1, id.value);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::NotFound("stock item not found");
  if (rc != SQLITE_ROW) return Error(conn_.db(), "query failed");
  return ReadStockItem(st);
}

Page<StockItem> SqliteTx::ListStockItems(const HubId& hub, const StockFilter& filter,
                                         const PageRequest& page) {
  std::optional<int64_t> before = SeqBefore(page);
  if (!before) return {};
  KIN_PREPARE_OR_FAIL(st,
                                "SELECT " KIN_STOCK_ITEM_COLUMNS
                                " FROM stock_items WHERE hub = ?1 AND seq < ?2 "
                                "AND (?3 IS NULL OR category = ?3) "
                                "AND (?4 = 0 OR (low_at > 0 AND quantity <= low_at)) "
                                "ORDER BY seq DESC LIMIT ?5",
                                Page<StockItem>{});
  int limit = PageLimit(page);
  st.BindText(1, hub.value).BindInt64(2, *before).BindTextOrNull(3, filter.category.value_or(""));
  st.BindInt64(4, filter.low_only ? 1 : 0).BindInt64(5, limit + 1);
  return Collect<StockItem>(
      conn_, st, limit, [](const Stmt& s) -> Result<StockItem> { return ReadStockItem(s); },
      [this](Status s) { Fail(std::move(s)); });
}

std::vector<StockItem> SqliteTx::ListExpiringStock(const HubId& hub, Date last_day, int limit) {
  KIN_PREPARE_OR_FAIL(
      st,
      "SELECT " KIN_STOCK_ITEM_COLUMNS
      " FROM stock_items WHERE hub = ?1 "
      "AND best_before IS NOT NULL AND best_before <= ?2 AND quantity > 0 "
      "ORDER BY best_before, seq LIMIT ?3",
      std::vector<StockItem>{});
  st.BindText(1, hub.value).BindInt64(2, last_day.time_since_epoch().count()).BindInt64(3, limit);
  return CollectAll<StockItem>(
      conn_, st, [](const Stmt& s) -> Result<StockItem> { return ReadStockItem(s); },
      [this](Status s) { Fail(std::move(s)); });
}

Page<StockMove> SqliteTx::ListStockMoves(const HubId& hub, const std::optional<StockItemId>& item,
                                         const PageRequest& page) {
  std::optional<int64_t> before = SeqBefore(page);
  if (!before) return {};
  KIN_PREPARE_OR_FAIL(st,
                                "SELECT " KIN_STOCK_MOVE_COLUMNS
                                " FROM stock_moves WHERE hub = ?1 AND seq < ?2 "
                                "AND (?3 IS NULL OR item = ?3) ORDER BY seq DESC LIMIT ?4",
                                Page<StockMove>{});
  int limit = PageLimit(page);
  st.BindText(1, hub.value).BindInt64(2, *before).BindTextOrNull(3, item ? item->value : "");
  st.BindInt64(4, limit + 1);
  return Collect<StockMove>(
      conn_, st, limit, [](const Stmt& s) { return ReadStockMove(s); },
      [this](Status s) { Fail(std::move(s)); });
}

Status SqliteTx::InsertStockItem(const StockItem& item) {
  KIN_PREPARE_OR_RETURN(
      st, conn_,
      "INSERT INTO stock_items (id, hub, name, category, unit, place, best_before, low_at, "
      "quantity, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  BindStockItem(st, item);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  if (rc == SQLITE_CONSTRAINT_CHECK) return Status::Conflict("a stock quantity cannot be negative");
  return WriteFailed(rc, {{"stock_items.id", "a stock item with this id already exists"}},
                     "hub not found");
}

Status SqliteTx::UpdateStockItem(const StockItem& item) {
  KIN_PREPARE_OR_RETURN(
      st, conn_,
      "UPDATE stock_items SET hub = ?2, name = ?3, category = ?4, unit = ?5, place = ?6, "
      "best_before = ?7, low_at = ?8, quantity = ?9, created_at = ?10, updated_at = ?11 "
      "WHERE id = ?1");
  BindStockItem(st, item);
  int rc = st.Step();
  if (rc == SQLITE_CONSTRAINT_CHECK) return Status::Conflict("a stock quantity cannot be negative");
  if (rc != SQLITE_DONE) return WriteFailed(rc, {}, "a row it refers to does not exist");
  if (conn_.Changes() == 0) return Status::NotFound("stock item not found");
  return Status::Ok();
}

Result<int64_t> SqliteTx::AppendStockMove(const StockMove& move) {
  KIN_PREPARE_OR_RETURN(
      st, conn_,
      "INSERT INTO stock_moves (hub, item, kind, delta, quantity_after, need, note, actor, at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  st.BindText(1, move.hub.value)
      .BindText(2, move.item.value)
      .BindText(3, StockMoveKindName(move.kind))
      .BindInt64(4, move.delta)
      .BindInt64(5, move.quantity_after)
      .BindTextOrNull(6, move.need ? move.need->value : "")
      .BindText(7, move.note)
      .BindText(8, move.actor)
      .BindInt64(9, move.at.time_since_epoch().count());
  int rc = st.Step();
  if (rc == SQLITE_CONSTRAINT_CHECK) return Status::Conflict("a stock quantity cannot be negative");
  if (rc != SQLITE_DONE) return WriteFailed(rc, {}, "the stock item or need does not exist");
  return conn_.LastInsertRowid();
}

}  // namespace kin::sqlite
