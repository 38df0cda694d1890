// Two-step sign-in (safety): TOTP enrolments, whose secret is sealed like contact details, and hub rules.
#include <string>

#include "store/sqlite_tx.h"

namespace kin::sqlite {
namespace {

std::string AssociatedTotp(const MemberId& member) { return "member_totp:" + member.value; }

}  // namespace

std::optional<TotpEnrolment> SqliteTx::GetTotp(const MemberId& member) {
  Result<Stmt> st = conn_.Prepare(
      "SELECT secret_sealed, confirmed, last_step, created_at FROM member_totp WHERE member = ?1");
  if (!st.ok()) {
    Fail(st.status());
    return std::nullopt;
  }
  st->BindText(1, member.value);
  int rc = st->Step();
  if (rc == SQLITE_DONE) return std::nullopt;
  if (rc != SQLITE_ROW) {
    Fail(Error(conn_.db(), "reading a two-step enrolment"));
    return std::nullopt;
  }
  Result<std::string> secret = box_.Open(st->Blob(0), AssociatedTotp(member));
  if (!secret.ok()) {
    Fail(Status::Internal("two-step secret of member " + member.value + ": " + secret.status().message()));
    return std::nullopt;
  }
  TotpEnrolment e;
  e.member = member;
  e.secret = std::move(*secret);
  e.confirmed = st->Int64(1) != 0;
  e.last_step = st->Int64(2);
  e.created_at = Timestamp{Seconds{st->Int64(3)}};
  return e;
}

HubSecurity SqliteTx::GetHubSecurity(const HubId& hub) {
  HubSecurity security;
  security.hub = hub;
  Result<Stmt> st = conn_.Prepare("SELECT require_coordinator_two_factor FROM hub_security WHERE hub = ?1");
  if (!st.ok()) {
    Fail(st.status());
    return security;
  }
  st->BindText(1, hub.value);
  int rc = st->Step();
  if (rc == SQLITE_ROW) {
    security.require_coordinator_two_factor = st->Int64(0) != 0;
  } else if (rc != SQLITE_DONE) {
    Fail(Error(conn_.db(), "reading a hub's security rules"));
  }
  return security;
}

Status SqliteTx::PutTotp(const TotpEnrolment& e) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO member_totp (member, secret_sealed, confirmed, last_step, created_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (member) DO UPDATE SET "
                        "secret_sealed = excluded.secret_sealed, confirmed = excluded.confirmed, "
                        "last_step = excluded.last_step, created_at = excluded.created_at");
  st.BindText(1, e.member.value)
      .BindBlob(2, box_.Seal(e.secret, AssociatedTotp(e.member)))
      .BindInt64(3, e.confirmed ? 1 : 0)
      .BindInt64(4, e.last_step)
      .BindInt64(5, e.created_at.time_since_epoch().count());
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {}, "member not found");
}

Status SqliteTx::DeleteTotp(const MemberId& member) {
  KIN_PREPARE_OR_RETURN(st, conn_, "DELETE FROM member_totp WHERE member = ?1");
  st.BindText(1, member.value);
  if (st.Step() != SQLITE_DONE) return Error(conn_.db(), "deleting a two-step enrolment");
  return Status::Ok();
}

Status SqliteTx::PutHubSecurity(const HubSecurity& security) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO hub_security (hub, require_coordinator_two_factor) VALUES (?1, ?2) "
                        "ON CONFLICT (hub) DO UPDATE SET "
                        "require_coordinator_two_factor = excluded.require_coordinator_two_factor");
  st.BindText(1, security.hub.value).BindInt64(2, security.require_coordinator_two_factor ? 1 : 0);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {}, "hub not found");
}

}  // namespace kin::sqlite
