// Federation (issue 10): which offers and needs each hub shares. Ids only; see migration 11.
#include <string>

#include "store/sqlite_query.h"
#include "store/sqlite_tx.h"

namespace kin::sqlite {
namespace {

Result<SharedRecord> ReadShared(Stmt& st) {
  SharedRecord r;
  r.hub = HubId{st.Text(0)};
  r.kind = st.Text(1);
  r.local_id = st.Text(2);
  r.object_id = st.Text(3);
  r.shared_by = st.Text(4);
  r.shared_at = Timestamp{Seconds{st.Int64(5)}};
  return r;
}

}  // namespace

std::optional<SharedRecord> SqliteTx::GetSharedRecord(const HubId& hub, const std::string& kind,
                                                      const std::string& local_id) {
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT hub, kind, local_id, object_id, shared_by, shared_at FROM federation_shared "
                      "WHERE hub = ?1 AND kind = ?2 AND local_id = ?3",
                      std::nullopt);
  st.BindText(1, hub.value).BindText(2, kind).BindText(3, local_id);
  Result<SharedRecord> r = One<SharedRecord>(conn_, st, ReadShared, "not shared");
  if (r.status().kind() == StatusKind::kNotFound) return std::nullopt;
  if (!r.ok()) {
    Fail(r.status());
    return std::nullopt;
  }
  return *r;
}

Status SqliteTx::InsertSharedRecord(const SharedRecord& r) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO federation_shared (hub, kind, local_id, object_id, shared_by, shared_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  st.BindText(1, r.hub.value)
      .BindText(2, r.kind)
      .BindText(3, r.local_id)
      .BindText(4, r.object_id)
      .BindText(5, r.shared_by)
      .BindInt64(6, r.shared_at.time_since_epoch().count());
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {{"federation_shared.hub", "the item is already shared"}}, "");
}

Status SqliteTx::DeleteSharedRecord(const HubId& hub, const std::string& kind, const std::string& local_id) {
  KIN_PREPARE_OR_RETURN(st, conn_, "DELETE FROM federation_shared WHERE hub = ?1 AND kind = ?2 AND local_id = ?3");
  st.BindText(1, hub.value).BindText(2, kind).BindText(3, local_id);
  if (st.Step() != SQLITE_DONE) return Error(conn_.db(), "unsharing an item");
  if (conn_.Changes() == 0) return Status::NotFound("the item is not shared");
  return Status::Ok();
}

}  // namespace kin::sqlite
