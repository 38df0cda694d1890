// Federation (issue 10): key pairs (private keys sealed like contact details), the remote actor cache, follows
// between hubs, received activity ids, the delivery queue and the hubs' outboxes.
#include <algorithm>
#include <string>

#include "store/sqlite_delivery_queue.h"
#include "store/sqlite_query.h"
#include "store/sqlite_tx.h"

namespace kin::sqlite {
namespace {

std::string AssociatedKey(const std::string& owner) { return "federation_keys:" + owner; }

int64_t Secs(Timestamp t) { return t.time_since_epoch().count(); }
Timestamp At(int64_t s) { return Timestamp{Seconds{s}}; }

constexpr const char* kActorColumns =
    "id, type, key_id, public_pem, inbox, shared_inbox, preferred_username, name, fetched_at";

Result<RemoteActor> ReadActor(Stmt& st) {
  RemoteActor a;
  a.id = st.Text(0);
  a.type = st.Text(1);
  a.key_id = st.Text(2);
  a.public_pem = st.Text(3);
  a.inbox = st.Text(4);
  a.shared_inbox = st.Text(5);
  a.preferred_username = st.Text(6);
  a.name = st.Text(7);
  a.fetched_at = At(st.Int64(8));
  return a;
}

constexpr const char* kFollowColumns =
    "hub, direction, remote_actor, remote_handle, state, follow_activity_id, created_at, updated_at";

Result<HubFollow> ReadFollow(Stmt& st) {
  HubFollow f;
  f.hub = HubId{st.Text(0)};
  std::optional<FollowDirection> d = ParseFollowDirection(st.Text(1));
  std::optional<FollowState> s = ParseFollowState(st.Text(4));
  if (!d || !s) return Status::Internal("a follow row has an unknown direction or state");
  f.direction = *d;
  f.remote_actor = st.Text(2);
  f.remote_handle = st.Text(3);
  f.state = *s;
  f.follow_activity_id = st.Text(5);
  f.created_at = At(st.Int64(6));
  f.updated_at = At(st.Int64(7));
  return f;
}

constexpr const char* kDeliveryColumns = KIN_DELIVERY_COLUMNS;

Result<Delivery> ReadDelivery(Stmt& st) {
  Delivery d;
  d.seq = st.Int64(0);
  d.activity_id = st.Text(1);
  d.inbox = st.Text(2);
  d.body = st.Text(3);
  d.signer = st.Text(4);
  d.created_at = At(st.Int64(5));
  d.next_attempt_at = At(st.Int64(6));
  d.attempts = static_cast<int>(st.Int64(7));
  d.last_error = st.Text(8);
  if (!st.IsNull(9)) d.delivered_at = At(st.Int64(9));
  if (!st.IsNull(10)) d.gave_up_at = At(st.Int64(10));
  return d;
}

constexpr const char* kOutboxColumns = "hub, activity_id, type, body, is_public, published_at";

Result<OutboxActivity> ReadOutboxActivity(Stmt& s) {
  return OutboxActivity{HubId{s.Text(0)}, s.Text(1), s.Text(2), s.Text(3), s.Int64(4) != 0, At(s.Int64(5))};
}

}  // namespace

std::optional<FederationKey> SqliteTx::GetFederationKey(const std::string& owner) {
  KIN_PREPARE_OR_FAIL(st, "SELECT public_pem, private_sealed, created_at FROM federation_keys WHERE owner = ?1",
                      std::nullopt);
  st.BindText(1, owner);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return std::nullopt;
  if (rc != SQLITE_ROW) {
    Fail(Error(conn_.db(), "reading a federation key"));
    return std::nullopt;
  }
  Result<std::string> secret = box_.Open(st.Blob(1), AssociatedKey(owner));
  if (!secret.ok()) {
    Fail(Status::Internal("federation key of " + owner + ": " + secret.status().message()));
    return std::nullopt;
  }
  FederationKey key;
  key.owner = owner;
  key.public_pem = st.Text(0);
  key.private_pem = std::move(*secret);
  key.created_at = At(st.Int64(2));
  return key;
}

std::optional<RemoteActor> SqliteTx::GetRemoteActor(const std::string& id) {
  static const std::string sql = std::string("SELECT ") + kActorColumns + " FROM remote_actors WHERE id = ?1";
  KIN_PREPARE_OR_FAIL(st, sql.c_str(), std::nullopt);
  st.BindText(1, id);
  Result<RemoteActor> a = One<RemoteActor>(conn_, st, ReadActor, "no such actor");
  if (a.status().kind() == StatusKind::kNotFound) return std::nullopt;
  if (!a.ok()) {
    Fail(a.status());
    return std::nullopt;
  }
  return *a;
}

std::optional<RemoteActor> SqliteTx::GetRemoteActorByKey(const std::string& key_id) {
  static const std::string sql =
      std::string("SELECT ") + kActorColumns + " FROM remote_actors WHERE key_id = ?1 ORDER BY fetched_at DESC";
  KIN_PREPARE_OR_FAIL(st, sql.c_str(), std::nullopt);
  st.BindText(1, key_id);
  Result<RemoteActor> a = One<RemoteActor>(conn_, st, ReadActor, "no such key");
  if (a.status().kind() == StatusKind::kNotFound) return std::nullopt;
  if (!a.ok()) {
    Fail(a.status());
    return std::nullopt;
  }
  return *a;
}

std::optional<HubFollow> SqliteTx::GetHubFollow(const HubId& hub, FollowDirection direction,
                                                const std::string& remote_actor) {
  static const std::string sql = std::string("SELECT ") + kFollowColumns +
                                 " FROM hub_follows WHERE hub = ?1 AND direction = ?2 AND remote_actor = ?3";
  KIN_PREPARE_OR_FAIL(st, sql.c_str(), std::nullopt);
  st.BindText(1, hub.value).BindText(2, FollowDirectionName(direction)).BindText(3, remote_actor);
  Result<HubFollow> f = One<HubFollow>(conn_, st, ReadFollow, "no such follow");
  if (f.status().kind() == StatusKind::kNotFound) return std::nullopt;
  if (!f.ok()) {
    Fail(f.status());
    return std::nullopt;
  }
  return *f;
}

std::vector<HubFollow> SqliteTx::ListHubFollows(const HubId& hub) {
  static const std::string sql =
      std::string("SELECT ") + kFollowColumns + " FROM hub_follows WHERE hub = ?1 ORDER BY seq LIMIT 1000";
  KIN_PREPARE_OR_FAIL(st, sql.c_str(), {});
  st.BindText(1, hub.value);
  return CollectAll<HubFollow>(conn_, st, ReadFollow, [this](Status s) { Fail(std::move(s)); });
}

bool SqliteTx::HasReceivedActivity(const std::string& activity_id) {
  KIN_PREPARE_OR_FAIL(st, "SELECT 1 FROM federation_received WHERE activity_id = ?1", false);
  st.BindText(1, activity_id);
  int rc = st.Step();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) Fail(Error(conn_.db(), "reading received activities"));
  return rc == SQLITE_ROW;
}

std::vector<Delivery> SqliteTx::ListDueDeliveries(Timestamp now, int limit) {
  // A run holds one sending thread until it ends; this keeps a tick of the queue short.
  constexpr int kMaxPerInbox = 16;
  std::vector<Delivery> heads;
  {
    KIN_PREPARE_OR_FAIL(st, kDueDeliveryHeadsSql, {});
    st.BindInt64(1, Secs(now)).BindInt64(2, limit);
    heads = CollectAll<Delivery>(conn_, st, ReadDelivery, [this](Status s) { Fail(std::move(s)); });
  }
  // Every due inbox's head is taken before any inbox's second row, so a long queue never crowds out another inbox.
  int room = limit - static_cast<int>(heads.size());
  std::vector<Delivery> out;
  for (Delivery& head : heads) {
    const std::string inbox = head.inbox;
    const int64_t seq = head.seq;
    out.push_back(std::move(head));
    const int take = std::min(room, kMaxPerInbox - 1);
    if (take <= 0) continue;
    KIN_PREPARE_OR_FAIL(st, kPendingDeliveriesAfterSql, {});
    st.BindText(1, inbox).BindInt64(2, seq).BindInt64(3, take);
    for (Delivery& next : CollectAll<Delivery>(conn_, st, ReadDelivery, [this](Status s) { Fail(std::move(s)); })) {
      if (next.next_attempt_at > now) break;  // still waiting out its own backoff: it and those behind it wait
      out.push_back(std::move(next));
      --room;
    }
  }
  return out;
}

std::vector<Delivery> SqliteTx::ListDeliveriesOf(const std::string& activity_id) {
  static const std::string sql = std::string("SELECT ") + kDeliveryColumns +
                                 " FROM federation_deliveries WHERE activity_id = ?1 ORDER BY seq LIMIT 1000";
  KIN_PREPARE_OR_FAIL(st, sql.c_str(), {});
  st.BindText(1, activity_id);
  return CollectAll<Delivery>(conn_, st, ReadDelivery, [this](Status s) { Fail(std::move(s)); });
}

std::vector<DeliveryQueueLine> SqliteTx::SummarizeDeliveries(Timestamp since) {
  // A pending row's error says why an inbox is stuck; with none pending, the latest given up says why it failed.
  // The next try is the oldest pending row's: the rows behind it wait for it (ListDueDeliveries).
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT inbox, "
                      "SUM(delivered_at IS NULL AND gave_up_at IS NULL), "
                      "MIN(CASE WHEN delivered_at IS NULL AND gave_up_at IS NULL THEN created_at END), "
                      "(SELECT h.next_attempt_at FROM federation_deliveries h WHERE h.inbox = d.inbox "
                      " AND h.delivered_at IS NULL AND h.gave_up_at IS NULL ORDER BY h.seq LIMIT 1), "
                      "SUM(delivered_at >= ?1), SUM(gave_up_at >= ?1), "
                      "(SELECT e.last_error FROM federation_deliveries e WHERE e.inbox = d.inbox "
                      " AND e.last_error <> '' AND e.delivered_at IS NULL "
                      " ORDER BY e.gave_up_at IS NULL DESC, e.seq DESC LIMIT 1) "
                      "FROM federation_deliveries d GROUP BY inbox "
                      "HAVING SUM(delivered_at IS NULL AND gave_up_at IS NULL) > 0 OR SUM(delivered_at >= ?1) > 0 "
                      "OR SUM(gave_up_at >= ?1) > 0 "
                      "ORDER BY 2 DESC, 6 DESC, inbox LIMIT 1000",
                      {});
  st.BindInt64(1, Secs(since));
  return CollectAll<DeliveryQueueLine>(
      conn_, st,
      [](Stmt& row) -> Result<DeliveryQueueLine> {
        DeliveryQueueLine line;
        line.inbox = row.Text(0);
        line.pending = row.Int64(1);
        if (!row.IsNull(2)) line.oldest_pending = At(row.Int64(2));
        if (!row.IsNull(3)) line.next_attempt = At(row.Int64(3));
        line.delivered = row.Int64(4);
        line.gave_up = row.Int64(5);
        if (!row.IsNull(6)) line.last_error = row.Text(6);
        return line;
      },
      [this](Status s) { Fail(std::move(s)); });
}

std::vector<OutboxActivity> SqliteTx::ListPublicOutbox(const HubId& hub, int limit) {
  static const std::string sql = std::string("SELECT ") + kOutboxColumns +
                                 " FROM federation_outbox WHERE hub = ?1 AND is_public = 1 ORDER BY seq DESC LIMIT ?2";
  KIN_PREPARE_OR_FAIL(st, sql.c_str(), {});
  st.BindText(1, hub.value).BindInt64(2, limit);
  return CollectAll<OutboxActivity>(conn_, st, ReadOutboxActivity, [this](Status s) { Fail(std::move(s)); });
}

std::optional<OutboxActivity> SqliteTx::GetPublicOutboxActivity(const HubId& hub, const std::string& activity_id) {
  static const std::string sql = std::string("SELECT ") + kOutboxColumns +
                                 " FROM federation_outbox WHERE activity_id = ?1 AND hub = ?2 AND is_public = 1";
  KIN_PREPARE_OR_FAIL(st, sql.c_str(), std::nullopt);
  st.BindText(1, activity_id).BindText(2, hub.value);
  std::vector<OutboxActivity> found =
      CollectAll<OutboxActivity>(conn_, st, ReadOutboxActivity, [this](Status s) { Fail(std::move(s)); });
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

int64_t SqliteTx::CountPublicOutbox(const HubId& hub) {
  KIN_PREPARE_OR_FAIL(st, "SELECT count(*) FROM federation_outbox WHERE hub = ?1 AND is_public = 1", 0);
  st.BindText(1, hub.value);
  if (st.Step() != SQLITE_ROW) {
    Fail(Error(conn_.db(), "counting the outbox"));
    return 0;
  }
  return st.Int64(0);
}

Status SqliteTx::DeleteOutboxActivitiesOf(const HubId& hub, const std::string& object_id) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "DELETE FROM federation_outbox WHERE hub = ?1 AND type IN ('Create', 'Update') "
                        "AND json_extract(body, '$.object.id') = ?2");
  st.BindText(1, hub.value).BindText(2, object_id);
  if (st.Step() != SQLITE_DONE) return Error(conn_.db(), "deleting superseded outbox activities");
  return Status::Ok();
}

Status SqliteTx::InsertFederationKey(const FederationKey& key) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO federation_keys (owner, public_pem, private_sealed, created_at) "
                        "VALUES (?1, ?2, ?3, ?4)");
  st.BindText(1, key.owner)
      .BindText(2, key.public_pem)
      .BindBlob(3, box_.Seal(key.private_pem, AssociatedKey(key.owner)))
      .BindInt64(4, Secs(key.created_at));
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {{"federation_keys.owner", key.owner + " already has a key"}}, "");
}

Status SqliteTx::PutRemoteActor(const RemoteActor& a) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO remote_actors (id, type, key_id, public_pem, inbox, shared_inbox, "
                        "preferred_username, name, fetched_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                        "ON CONFLICT (id) DO UPDATE SET type = excluded.type, key_id = excluded.key_id, "
                        "public_pem = excluded.public_pem, inbox = excluded.inbox, "
                        "shared_inbox = excluded.shared_inbox, preferred_username = excluded.preferred_username, "
                        "name = excluded.name, fetched_at = excluded.fetched_at");
  st.BindText(1, a.id)
      .BindText(2, a.type)
      .BindText(3, a.key_id)
      .BindText(4, a.public_pem)
      .BindText(5, a.inbox)
      .BindText(6, a.shared_inbox)
      .BindText(7, a.preferred_username)
      .BindText(8, a.name)
      .BindInt64(9, Secs(a.fetched_at));
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {}, "");
}

Status SqliteTx::PutHubFollow(const HubFollow& f) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO hub_follows (hub, direction, remote_actor, remote_handle, state, "
                        "follow_activity_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                        "ON CONFLICT (hub, direction, remote_actor) DO UPDATE SET "
                        "remote_handle = excluded.remote_handle, state = excluded.state, "
                        "follow_activity_id = excluded.follow_activity_id, updated_at = excluded.updated_at");
  st.BindText(1, f.hub.value)
      .BindText(2, FollowDirectionName(f.direction))
      .BindText(3, f.remote_actor)
      .BindText(4, f.remote_handle)
      .BindText(5, FollowStateName(f.state))
      .BindText(6, f.follow_activity_id)
      .BindInt64(7, Secs(f.created_at))
      .BindInt64(8, Secs(f.updated_at));
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {}, "hub not found");
}

Status SqliteTx::DeleteHubFollow(const HubId& hub, FollowDirection direction, const std::string& remote_actor) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "DELETE FROM hub_follows WHERE hub = ?1 AND direction = ?2 AND remote_actor = ?3");
  st.BindText(1, hub.value).BindText(2, FollowDirectionName(direction)).BindText(3, remote_actor);
  if (st.Step() != SQLITE_DONE) return Error(conn_.db(), "deleting a follow");
  if (conn_.Changes() == 0) return Status::NotFound("no such follow");
  return Status::Ok();
}

Status SqliteTx::InsertReceivedActivity(const std::string& activity_id, Timestamp at) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO federation_received (activity_id, received_at) VALUES (?1, ?2)");
  st.BindText(1, activity_id).BindInt64(2, Secs(at));
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {{"federation_received.activity_id", "the activity was received before"}}, "");
}

Result<int64_t> SqliteTx::InsertDelivery(const Delivery& d) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO federation_deliveries (activity_id, inbox, body, signer, created_at, "
                        "next_attempt_at, attempts, last_error) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  st.BindText(1, d.activity_id)
      .BindText(2, d.inbox)
      .BindText(3, d.body)
      .BindText(4, d.signer)
      .BindInt64(5, Secs(d.created_at))
      .BindInt64(6, Secs(d.next_attempt_at))
      .BindInt64(7, d.attempts)
      .BindText(8, d.last_error);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return conn_.LastInsertRowid();
  return WriteFailed(
      rc, {{"federation_deliveries.activity_id, federation_deliveries.inbox", "already queued for that inbox"}}, "");
}

Status SqliteTx::UpdateDelivery(const Delivery& d) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "UPDATE federation_deliveries SET next_attempt_at = ?2, attempts = ?3, last_error = ?4, "
                        "delivered_at = ?5, gave_up_at = ?6 WHERE seq = ?1");
  st.BindInt64(1, d.seq).BindInt64(2, Secs(d.next_attempt_at)).BindInt64(3, d.attempts).BindText(4, d.last_error);
  if (d.delivered_at) st.BindInt64(5, Secs(*d.delivered_at));
  else st.BindNull(5);
  if (d.gave_up_at) st.BindInt64(6, Secs(*d.gave_up_at));
  else st.BindNull(6);
  return Update(st, {}, "no such delivery");
}

Result<int> SqliteTx::ForgetDeliveryBodies(Timestamp finished_before) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "UPDATE federation_deliveries SET body = '' WHERE body <> '' "
                        "AND COALESCE(delivered_at, gave_up_at) < ?1");
  st.BindInt64(1, Secs(finished_before));
  if (st.Step() != SQLITE_DONE) return Error(conn_.db(), "forgetting delivered bodies");
  return conn_.Changes();
}

Status SqliteTx::InsertOutboxActivity(const OutboxActivity& a) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO federation_outbox (hub, activity_id, type, body, is_public, published_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  st.BindText(1, a.hub.value)
      .BindText(2, a.activity_id)
      .BindText(3, a.type)
      .BindText(4, a.body)
      .BindInt64(5, a.is_public ? 1 : 0)
      .BindInt64(6, Secs(a.published_at));
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {{"federation_outbox.activity_id", "an activity with that id was published before"}},
                     "hub not found");
}

}  // namespace kin::sqlite
