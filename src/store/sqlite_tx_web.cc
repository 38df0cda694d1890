// SqliteTx for the web app's own tables: needs merged as duplicates (need_duplicates) and members' notification
// choices (notify_choices).
#include "store/sqlite_tx.h"

namespace kin::sqlite {

std::optional<NeedId> SqliteTx::GetDuplicateOf(const NeedId& need) {
  Result<Stmt> st = conn_.Prepare("SELECT kept FROM need_duplicates WHERE need = ?1");
  if (!st.ok()) {
    Fail(st.status());
    return std::nullopt;
  }
  st->BindText(1, need.value);
  int rc = st->Step();
  if (rc == SQLITE_ROW) return NeedId{st->Text(0)};
  if (rc != SQLITE_DONE) Fail(Error(conn_.db(), "cannot read need_duplicates"));
  return std::nullopt;
}

NotifyChoices SqliteTx::GetNotifyChoices(const MemberId& member) {
  NotifyChoices c;
  Result<Stmt> st =
      conn_.Prepare("SELECT fitting_needs, pairings, own_needs FROM notify_choices WHERE member = ?1");
  if (!st.ok()) {
    Fail(st.status());
    return c;
  }
  st->BindText(1, member.value);
  int rc = st->Step();
  if (rc == SQLITE_ROW) {
    c.fitting_needs = st->Int64(0) != 0;
    c.pairings = st->Int64(1) != 0;
    c.own_needs = st->Int64(2) != 0;
  } else if (rc != SQLITE_DONE) {
    Fail(Error(conn_.db(), "cannot read notify_choices"));
  }
  return c;
}

Status SqliteTx::InsertDuplicate(const NeedId& need, const NeedId& kept, const std::string& by, Timestamp at) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO need_duplicates (need, kept, merged_by, merged_at) VALUES (?1, ?2, ?3, ?4)");
  st.BindText(1, need.value).BindText(2, kept.value).BindText(3, by).BindInt64(4, at.time_since_epoch().count());
  int rc = st.Step();
  if (rc != SQLITE_DONE) {
    return WriteFailed(rc, {{"need_duplicates.need", "the need was already merged"}}, "need not found");
  }
  return Status::Ok();
}

Status SqliteTx::PutNotifyChoices(const MemberId& member, const NotifyChoices& c, Timestamp at) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO notify_choices (member, fitting_needs, pairings, own_needs, updated_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(member) DO UPDATE SET "
                        "fitting_needs = excluded.fitting_needs, pairings = excluded.pairings, "
                        "own_needs = excluded.own_needs, updated_at = excluded.updated_at");
  st.BindText(1, member.value)
      .BindInt64(2, c.fitting_needs)
      .BindInt64(3, c.pairings)
      .BindInt64(4, c.own_needs)
      .BindInt64(5, at.time_since_epoch().count());
  int rc = st.Step();
  if (rc != SQLITE_DONE) return WriteFailed(rc, {}, "member not found");
  return Status::Ok();
}

Status SqliteTx::DeleteNotifyChoices(const MemberId& member) {
  KIN_PREPARE_OR_RETURN(st, conn_, "DELETE FROM notify_choices WHERE member = ?1");
  st.BindText(1, member.value);
  int rc = st.Step();
  if (rc != SQLITE_DONE) return WriteFailed(rc, {}, "");
  return Status::Ok();
}

}  // namespace kin::sqlite
