// Federation (issue 10): escalation of unmet needs between hubs. Settings, each hub's contact key pair (the
// secret half sealed like contact details) and the escalation records; see migration 12.
#include <string>

#include "store/sqlite_query.h"
#include "store/sqlite_tx.h"

namespace kin::sqlite {
namespace {

std::string KeyAssociatedData(const HubId& hub) { return "escalation_keys:" + hub.value; }

constexpr const char* kColumns = "seq, key, hub, id, role, state, need, record, updated_at";

Result<StoredEscalation> ReadEscalation(Stmt& st) {
  StoredEscalation e;
  e.key = st.Text(1);
  e.hub = HubId{st.Text(2)};
  e.id = st.Text(3);
  e.role = st.Text(4);
  e.state = st.Text(5);
  e.need = st.Text(6);
  e.record = st.Text(7);
  e.updated_at = Timestamp{Seconds{st.Int64(8)}};
  return e;
}

}  // namespace

EscalationSettings SqliteTx::GetEscalationSettings(const HubId& hub) {
  EscalationSettings settings;
  KIN_PREPARE_OR_FAIL(st, "SELECT delay_seconds, hop_limit FROM escalation_settings WHERE hub = ?1", settings);
  st.BindText(1, hub.value);
  int rc = st.Step();
  if (rc == SQLITE_ROW) {
    settings.delay = Seconds{st.Int64(0)};
    settings.hop_limit = static_cast<int>(st.Int64(1));
  } else if (rc != SQLITE_DONE) {
    Fail(Error(conn_.db(), "reading escalation settings"));
  }
  return settings;
}

std::vector<std::pair<HubId, EscalationSettings>> SqliteTx::ListAutoEscalatingHubs() {
  std::vector<std::pair<HubId, EscalationSettings>> out;
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT hub, delay_seconds, hop_limit FROM escalation_settings WHERE delay_seconds > 0 "
                      "ORDER BY hub",
                      out);
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    EscalationSettings s;
    s.delay = Seconds{st.Int64(1)};
    s.hop_limit = static_cast<int>(st.Int64(2));
    out.emplace_back(HubId{st.Text(0)}, s);
  }
  if (rc != SQLITE_DONE) Fail(Error(conn_.db(), "listing escalating hubs"));
  return out;
}

std::optional<ContactKeyRecord> SqliteTx::GetContactKey(const HubId& hub) {
  KIN_PREPARE_OR_FAIL(st, "SELECT public_key, secret_sealed, created_at FROM escalation_keys WHERE hub = ?1",
                      std::nullopt);
  st.BindText(1, hub.value);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return std::nullopt;
  if (rc != SQLITE_ROW) {
    Fail(Error(conn_.db(), "reading a contact key"));
    return std::nullopt;
  }
  Result<std::string> secret = box_.Open(st.Blob(1), KeyAssociatedData(hub));
  if (!secret.ok()) {
    Fail(Status::Internal("contact key of " + hub.value + ": " + secret.status().message()));
    return std::nullopt;
  }
  return ContactKeyRecord{hub, st.Blob(0), std::move(*secret), Timestamp{Seconds{st.Int64(2)}}};
}

Result<StoredEscalation> SqliteTx::GetEscalation(const HubId& hub, const std::string& id) {
  static const std::string sql = std::string("SELECT ") + kColumns + " FROM escalations WHERE hub = ?1 AND id = ?2";
  KIN_PREPARE_OR_RETURN(st, conn_, sql.c_str());
  st.BindText(1, hub.value).BindText(2, id);
  return One<StoredEscalation>(conn_, st, ReadEscalation, "no such escalation");
}

Result<StoredEscalation> SqliteTx::GetEscalationByKey(const std::string& key) {
  static const std::string sql = std::string("SELECT ") + kColumns + " FROM escalations WHERE key = ?1";
  KIN_PREPARE_OR_RETURN(st, conn_, sql.c_str());
  st.BindText(1, key);
  return One<StoredEscalation>(conn_, st, ReadEscalation, "no such escalation");
}

std::vector<StoredEscalation> SqliteTx::ListEscalations(const HubId& hub) {
  static const std::string sql = std::string("SELECT ") + kColumns +
                                 " FROM escalations WHERE hub = ?1 ORDER BY updated_at DESC, seq DESC LIMIT 500";
  KIN_PREPARE_OR_FAIL(st, sql.c_str(), {});
  st.BindText(1, hub.value);
  return CollectAll<StoredEscalation>(conn_, st, ReadEscalation, [this](Status s) { Fail(std::move(s)); });
}

std::vector<StoredEscalation> SqliteTx::ListEscalationsOfNeed(const HubId& hub, const std::string& need) {
  static const std::string sql =
      std::string("SELECT ") + kColumns + " FROM escalations WHERE hub = ?1 AND need = ?2 ORDER BY seq";
  KIN_PREPARE_OR_FAIL(st, sql.c_str(), {});
  st.BindText(1, hub.value).BindText(2, need);
  return CollectAll<StoredEscalation>(conn_, st, ReadEscalation, [this](Status s) { Fail(std::move(s)); });
}

Status SqliteTx::PutEscalationSettings(const HubId& hub, const EscalationSettings& s) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO escalation_settings (hub, delay_seconds, hop_limit) VALUES (?1, ?2, ?3) "
                        "ON CONFLICT (hub) DO UPDATE SET delay_seconds = excluded.delay_seconds, "
                        "hop_limit = excluded.hop_limit");
  st.BindText(1, hub.value).BindInt64(2, s.delay.count()).BindInt64(3, s.hop_limit);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {}, "no such hub");
}

Status SqliteTx::InsertContactKey(const ContactKeyRecord& key) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO escalation_keys (hub, public_key, secret_sealed, created_at) "
                        "VALUES (?1, ?2, ?3, ?4)");
  st.BindText(1, key.hub.value)
      .BindBlob(2, key.public_key)
      .BindBlob(3, box_.Seal(key.secret_key, KeyAssociatedData(key.hub)))
      .BindInt64(4, key.created_at.time_since_epoch().count());
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {{"escalation_keys.hub", "the hub already has a contact key"}}, "no such hub");
}

Status SqliteTx::PutEscalation(const StoredEscalation& e) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO escalations (key, hub, id, role, state, need, record, updated_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                        "ON CONFLICT (hub, id) DO UPDATE SET role = excluded.role, state = excluded.state, "
                        "need = excluded.need, record = excluded.record, updated_at = excluded.updated_at");
  st.BindText(1, e.key)
      .BindText(2, e.hub.value)
      .BindText(3, e.id)
      .BindText(4, e.role)
      .BindText(5, e.state)
      .BindText(6, e.need)
      .BindText(7, e.record)
      .BindInt64(8, e.updated_at.time_since_epoch().count());
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {{"escalations.key", "that escalation key is taken"}}, "no such hub");
}

}  // namespace kin::sqlite
