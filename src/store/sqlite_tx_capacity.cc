// Shared resources in SQLite: capacity pools, their slots and allocations.
#include <string>

#include "store/sqlite_query.h"
#include "store/sqlite_tx.h"

namespace kin::sqlite {
namespace {

#define KIN_POOL_COLUMNS "seq, id, hub, name, category, unit, description, created_at, updated_at"
#define KIN_SLOT_COLUMNS "seq, pool, hub, day, label, capacity, allocated"
#define KIN_ALLOCATION_COLUMNS \
  "seq, id, hub, pool, day, label, need, quantity, status, actor, created_at, released_at"

Timestamp TimeAt(const Stmt& st, int col) { return Timestamp(Seconds(st.Int64(col))); }
int64_t Secs(Timestamp t) { return t.time_since_epoch().count(); }
int64_t Days(Date d) { return d.time_since_epoch().count(); }
Date DateAt(const Stmt& st, int col) { return Date(std::chrono::days(st.Int64(col))); }

Result<CapacityPool> ReadPool(const Stmt& st) {
  CapacityPool p;
  p.id.value = st.Text(1);
  p.hub.value = st.Text(2);
  p.details.name = st.Text(3);
  p.details.category = st.Text(4);
  p.details.unit = st.Text(5);
  p.details.description = st.Text(6);
  p.created_at = TimeAt(st, 7);
  p.updated_at = TimeAt(st, 8);
  return p;
}

Result<CapacitySlot> ReadSlot(const Stmt& st) {
  CapacitySlot s;
  s.pool.value = st.Text(1);
  s.hub.value = st.Text(2);
  s.date = DateAt(st, 3);
  s.label = st.Text(4);
  s.capacity = static_cast<int>(st.Int64(5));
  s.allocated = static_cast<int>(st.Int64(6));
  return s;
}

Result<CapacityAllocation> ReadAllocation(const Stmt& st) {
  CapacityAllocation a;
  a.id.value = st.Text(1);
  a.hub.value = st.Text(2);
  a.pool.value = st.Text(3);
  a.date = DateAt(st, 4);
  a.label = st.Text(5);
  a.need.value = st.Text(6);
  a.quantity = static_cast<int>(st.Int64(7));
  std::optional<AllocationStatus> status = ParseAllocationStatus(st.Text(8));
  if (!status) return Status::Internal("unreadable allocation row " + a.id.value);
  a.status = *status;
  a.actor = st.Text(9);
  a.created_at = TimeAt(st, 10);
  if (!st.IsNull(11)) a.released_at = TimeAt(st, 11);
  return a;
}

void BindAllocation(Stmt& st, const CapacityAllocation& a) {
  st.BindText(1, a.id.value)
      .BindText(2, a.hub.value)
      .BindText(3, a.pool.value)
      .BindInt64(4, Days(a.date))
      .BindText(5, a.label)
      .BindText(6, a.need.value)
      .BindInt64(7, a.quantity)
      .BindText(8, AllocationStatusName(a.status))
      .BindText(9, a.actor)
      .BindInt64(10, Secs(a.created_at));
  if (a.released_at)
    st.BindInt64(11, Secs(*a.released_at));
  else
    st.BindNull(11);
}

}  // namespace

Result<CapacityPool> SqliteTx::GetCapacityPool(const CapacityPoolId& id) {
  KIN_PREPARE_OR_RETURN(st, conn_, "SELECT " KIN_POOL_COLUMNS " FROM capacity_pools WHERE id = ?1");
  st.BindText(1, id.value);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::NotFound("capacity not found");
  if (rc != SQLITE_ROW) return Error(conn_.db(), "query failed");
  return ReadPool(st);
}

Page<CapacityPool> SqliteTx::ListCapacityPools(const HubId& hub, const PageRequest& page) {
  std::optional<int64_t> before = SeqBefore(page);
  if (!before) return {};
  KIN_PREPARE_OR_FAIL(st,
                                "SELECT " KIN_POOL_COLUMNS
                                " FROM capacity_pools WHERE hub = ?1 AND seq < ?2 "
                                "ORDER BY seq DESC LIMIT ?3",
                                Page<CapacityPool>{});
  int limit = PageLimit(page);
  st.BindText(1, hub.value).BindInt64(2, *before).BindInt64(3, limit + 1);
  return Collect<CapacityPool>(conn_, st, limit, ReadPool,
                                   [this](Status s) { Fail(std::move(s)); });
}

std::optional<CapacitySlot> SqliteTx::GetCapacitySlot(const CapacityPoolId& pool, Date date,
                                                      const std::string& label) {
  KIN_PREPARE_OR_FAIL(st,
                                "SELECT " KIN_SLOT_COLUMNS
                                " FROM capacity_slots WHERE pool = ?1 AND day = ?2 "
                                "AND label = ?3",
                                std::nullopt);
  st.BindText(1, pool.value).BindInt64(2, Days(date)).BindText(3, label);
  std::vector<CapacitySlot> rows =
      CollectAll<CapacitySlot>(conn_, st, ReadSlot, [this](Status s) { Fail(std::move(s)); });
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<CapacitySlot> SqliteTx::ListCapacitySlots(const HubId& hub,
                                                      const std::optional<CapacityPoolId>& pool,
                                                      Date from, Date to) {
  KIN_PREPARE_OR_FAIL(
      st,
      "SELECT " KIN_SLOT_COLUMNS
      " FROM capacity_slots WHERE hub = ?1 AND day >= ?2 "
      "AND day <= ?3 AND (?4 IS NULL OR pool = ?4) ORDER BY day, pool, label",
      std::vector<CapacitySlot>{});
  st.BindText(1, hub.value).BindInt64(2, Days(from)).BindInt64(3, Days(to));
  st.BindTextOrNull(4, pool ? pool->value : "");
  return CollectAll<CapacitySlot>(conn_, st, ReadSlot, [this](Status s) { Fail(std::move(s)); });
}

Result<CapacityAllocation> SqliteTx::GetCapacityAllocation(const CapacityAllocationId& id) {
  KIN_PREPARE_OR_RETURN(
      st, conn_, "SELECT " KIN_ALLOCATION_COLUMNS " FROM capacity_allocations WHERE id = ?1");
  st.BindText(1, id.value);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::NotFound("allocation not found");
  if (rc != SQLITE_ROW) return Error(conn_.db(), "query failed");
  return ReadAllocation(st);
}

Page<CapacityAllocation> SqliteTx::ListCapacityAllocations(const CapacityPoolId& pool,
                                                           const PageRequest& page) {
  std::optional<int64_t> before = SeqBefore(page);
  if (!before) return {};
  KIN_PREPARE_OR_FAIL(st,
                                "SELECT " KIN_ALLOCATION_COLUMNS
                                " FROM capacity_allocations WHERE pool = ?1 "
                                "AND seq < ?2 ORDER BY seq DESC LIMIT ?3",
                                Page<CapacityAllocation>{});
  int limit = PageLimit(page);
  st.BindText(1, pool.value).BindInt64(2, *before).BindInt64(3, limit + 1);
  return Collect<CapacityAllocation>(conn_, st, limit, ReadAllocation,
                                         [this](Status s) { Fail(std::move(s)); });
}

Status SqliteTx::InsertCapacityPool(const CapacityPool& p) {
  KIN_PREPARE_OR_RETURN(
      st, conn_,
      "INSERT INTO capacity_pools (id, hub, name, category, unit, description, created_at, "
      "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  st.BindText(1, p.id.value)
      .BindText(2, p.hub.value)
      .BindText(3, p.details.name)
      .BindText(4, p.details.category)
      .BindText(5, p.details.unit)
      .BindText(6, p.details.description)
      .BindInt64(7, Secs(p.created_at))
      .BindInt64(8, Secs(p.updated_at));
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {{"capacity_pools.id", "capacity with this id already exists"}},
                     "hub not found");
}

Status SqliteTx::PutCapacitySlot(const CapacitySlot& slot) {
  KIN_PREPARE_OR_RETURN(
      st, conn_,
      "INSERT INTO capacity_slots (pool, hub, day, label, capacity, allocated) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (pool, day, label) "
      "DO UPDATE SET capacity = excluded.capacity, allocated = excluded.allocated");
  st.BindText(1, slot.pool.value)
      .BindText(2, slot.hub.value)
      .BindInt64(3, Days(slot.date))
      .BindText(4, slot.label)
      .BindInt64(5, slot.capacity)
      .BindInt64(6, slot.allocated);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  if (rc == SQLITE_CONSTRAINT_CHECK)
    return Status::Conflict("a slot cannot hold more than its capacity");
  return WriteFailed(rc, {}, "capacity not found");
}

Status SqliteTx::InsertCapacityAllocation(const CapacityAllocation& a) {
  KIN_PREPARE_OR_RETURN(
      st, conn_,
      "INSERT INTO capacity_allocations (id, hub, pool, day, label, need, quantity, status, actor, "
      "created_at, released_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  BindAllocation(st, a);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {{"capacity_allocations.id", "an allocation with this id already exists"}},
                     "the capacity or need does not exist");
}

Status SqliteTx::UpdateCapacityAllocation(const CapacityAllocation& a) {
  KIN_PREPARE_OR_RETURN(
      st, conn_,
      "UPDATE capacity_allocations SET hub = ?2, pool = ?3, day = ?4, label = ?5, need = ?6, "
      "quantity = ?7, status = ?8, actor = ?9, created_at = ?10, released_at = ?11 WHERE id = ?1");
  BindAllocation(st, a);
  return Update(st, {}, "allocation not found");
}

}  // namespace kin::sqlite
