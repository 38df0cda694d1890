// Federation (issue 10): what the hubs ours follow share with them, and the actor documents of remote hubs for
// the directory. See migration 12.
#include <string>
#include <utility>
#include <vector>

#include "store/sqlite_query.h"
#include "store/sqlite_tx.h"

namespace kin::sqlite {
namespace {

constexpr const char* kColumns =
    "seq, hub, object_id, remote_actor, kind, category, quantity, unit, available, period, urgency, lat, lon, "
    "radius_m, name, summary, language, published_at, updated_at, received_at";

Timestamp At(int64_t s) { return Timestamp{Seconds{s}}; }
int64_t Secs(Timestamp t) { return t.time_since_epoch().count(); }

Result<ReceivedShare> ReadReceived(Stmt& st) {
  ReceivedShare r;
  r.hub = HubId{st.Text(1)};
  r.object_id = st.Text(2);
  r.remote_actor = st.Text(3);
  r.kind = st.Text(4);
  r.category = st.Text(5);
  r.quantity = st.Double(6);
  r.unit = st.Text(7);
  if (!st.IsNull(8)) r.available = st.Double(8);
  r.period = st.Text(9);
  r.urgency = st.Text(10);
  if (!st.IsNull(11) && !st.IsNull(12)) r.center = LatLon{st.Double(11), st.Double(12)};
  r.radius_m = st.Double(13);
  r.name = st.Text(14);
  r.summary = st.Text(15);
  r.language = st.Text(16);
  r.published = At(st.Int64(17));
  r.updated = At(st.Int64(18));
  r.received_at = At(st.Int64(19));
  return r;
}

}  // namespace

std::optional<ReceivedShare> SqliteTx::FindReceivedShare(const HubId& hub, const std::string& object_id) {
  KIN_PREPARE_OR_FAIL(st,
                      (std::string("SELECT ") + kColumns +
                       " FROM federation_received_shares WHERE hub = ?1 AND object_id = ?2")
                          .c_str(),
                      std::nullopt);
  st.BindText(1, hub.value).BindText(2, object_id);
  Result<ReceivedShare> r = One<ReceivedShare>(conn_, st, ReadReceived, "not kept");
  if (r.status().kind() == StatusKind::kNotFound) return std::nullopt;
  if (!r.ok()) {
    Fail(r.status());
    return std::nullopt;
  }
  return *r;
}

std::vector<ReceivedShare> SqliteTx::ListReceivedShares(const HubId& hub, int limit) {
  KIN_PREPARE_OR_FAIL(st,
                      (std::string("SELECT ") + kColumns +
                       " FROM federation_received_shares WHERE hub = ?1 ORDER BY updated_at DESC, seq DESC LIMIT ?2")
                          .c_str(),
                      {});
  st.BindText(1, hub.value).BindInt64(2, limit);
  return CollectAll<ReceivedShare>(conn_, st, ReadReceived, [this](Status s) { Fail(std::move(s)); });
}

std::vector<HubId> SqliteTx::ListHubsFollowingActor(const std::string& remote_actor) {
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT hub FROM hub_follows WHERE direction = 'following' AND state = 'accepted' "
                      "AND remote_actor = ?1 ORDER BY seq",
                      {});
  st.BindText(1, remote_actor);
  return CollectAll<HubId>(
      conn_, st, [](Stmt& s) -> Result<HubId> { return HubId{s.Text(0)}; }, [this](Status s) { Fail(std::move(s)); });
}

std::vector<std::pair<std::string, std::string>> SqliteTx::ListFederatedActorDocuments(int limit) {
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT d.id, d.document FROM remote_actor_documents d WHERE EXISTS ("
                      "SELECT 1 FROM hub_follows f WHERE f.remote_actor = d.id AND f.state = 'accepted') "
                      "ORDER BY d.seq LIMIT ?1",
                      {});
  st.BindInt64(1, limit);
  using Pair = std::pair<std::string, std::string>;
  return CollectAll<Pair>(
      conn_, st, [](Stmt& s) -> Result<Pair> { return Pair{s.Text(0), s.Text(1)}; },
      [this](Status s) { Fail(std::move(s)); });
}

std::vector<SharedRecord> SqliteTx::ListSharedRecords(const HubId& hub, int limit) {
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT hub, kind, local_id, object_id, shared_by, shared_at FROM federation_shared "
                      "WHERE hub = ?1 ORDER BY shared_at DESC, local_id LIMIT ?2",
                      {});
  st.BindText(1, hub.value).BindInt64(2, limit);
  return CollectAll<SharedRecord>(
      conn_, st,
      [](Stmt& s) -> Result<SharedRecord> {
        return SharedRecord{HubId{s.Text(0)}, s.Text(1), s.Text(2), s.Text(3), s.Text(4), At(s.Int64(5))};
      },
      [this](Status s) { Fail(std::move(s)); });
}

Status SqliteTx::PutReceivedShare(const ReceivedShare& r) {
  KIN_PREPARE_OR_RETURN(
      st, conn_,
      "INSERT INTO federation_received_shares (hub, object_id, remote_actor, kind, category, quantity, unit, "
      "available, period, urgency, lat, lon, radius_m, name, summary, language, published_at, updated_at, "
      "received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19) "
      "ON CONFLICT (hub, object_id) DO UPDATE SET remote_actor = excluded.remote_actor, kind = excluded.kind, "
      "category = excluded.category, quantity = excluded.quantity, unit = excluded.unit, "
      "available = excluded.available, period = excluded.period, urgency = excluded.urgency, lat = excluded.lat, "
      "lon = excluded.lon, radius_m = excluded.radius_m, name = excluded.name, summary = excluded.summary, "
      "language = excluded.language, published_at = excluded.published_at, updated_at = excluded.updated_at, "
      "received_at = excluded.received_at");
  st.BindText(1, r.hub.value)
      .BindText(2, r.object_id)
      .BindText(3, r.remote_actor)
      .BindText(4, r.kind)
      .BindText(5, r.category)
      .BindDouble(6, r.quantity)
      .BindText(7, r.unit);
  if (r.available) {
    st.BindDouble(8, *r.available);
  } else {
    st.BindNull(8);
  }
  st.BindText(9, r.period).BindText(10, r.urgency);
  if (r.center) {
    st.BindDouble(11, r.center->lat).BindDouble(12, r.center->lon);
  } else {
    st.BindNull(11).BindNull(12);
  }
  st.BindDouble(13, r.radius_m)
      .BindText(14, r.name)
      .BindText(15, r.summary)
      .BindText(16, r.language)
      .BindInt64(17, Secs(r.published))
      .BindInt64(18, Secs(r.updated))
      .BindInt64(19, Secs(r.received_at));
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {}, "the receiving hub does not exist");
}

Status SqliteTx::DeleteReceivedShare(const HubId& hub, const std::string& object_id) {
  KIN_PREPARE_OR_RETURN(st, conn_, "DELETE FROM federation_received_shares WHERE hub = ?1 AND object_id = ?2");
  st.BindText(1, hub.value).BindText(2, object_id);
  if (st.Step() != SQLITE_DONE) return Error(conn_.db(), "deleting a shared item");
  if (conn_.Changes() == 0) return Status::NotFound("the hub kept no such item");
  return Status::Ok();
}

Status SqliteTx::PutRemoteActorDocument(const std::string& actor, const std::string& document, Timestamp at) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO remote_actor_documents (id, document, fetched_at) VALUES (?1, ?2, ?3) "
                        "ON CONFLICT (id) DO UPDATE SET document = excluded.document, "
                        "fetched_at = excluded.fetched_at");
  st.BindText(1, actor).BindText(2, document).BindInt64(3, Secs(at));
  if (st.Step() != SQLITE_DONE) return Error(conn_.db(), "keeping an actor document");
  return Status::Ok();
}

}  // namespace kin::sqlite
