// Shared resources in SQLite: the library of things (lendables, loans, waiting lists, reminders).
#include <string>

#include "store/sqlite_query.h"
#include "store/sqlite_tx.h"

namespace kin::sqlite {
namespace {

#define KIN_LENDABLE_COLUMNS                                                                       \
  "seq, id, hub, name, category, description, condition, max_loan_days, buffer_hours, borrowers, " \
  "status, "                                                                                       \
  "created_at, updated_at"
#define KIN_LOAN_COLUMNS                                                                      \
  "seq, id, hub, item, borrower, start_at, end_at, status, out_condition, return_condition, " \
  "checked_out_at, returned_at, created_at, updated_at"
#define KIN_REMINDER_COLUMNS "seq, hub, loan, member, kind, due_at, created_at, sent_at"

Timestamp TimeAt(const Stmt& st, int col) { return Timestamp(Seconds(st.Int64(col))); }
std::optional<Timestamp> OptionalTimeAt(const Stmt& st, int col) {
  if (st.IsNull(col)) return std::nullopt;
  return TimeAt(st, col);
}
int64_t Secs(Timestamp t) { return t.time_since_epoch().count(); }

Result<Lendable> ReadLendable(const Stmt& st) {
  Lendable l;
  l.id.value = st.Text(1);
  l.hub.value = st.Text(2);
  LendableDetails& d = l.details;
  d.name = st.Text(3);
  d.category = st.Text(4);
  d.description = st.Text(5);
  d.condition = st.Text(6);
  d.max_loan_days = static_cast<int>(st.Int64(7));
  d.buffer_hours = static_cast<int>(st.Int64(8));
  std::optional<BorrowRule> rule = ParseBorrowRule(st.Text(9));
  std::optional<LendableStatus> status = ParseLendableStatus(st.Text(10));
  if (!rule || !status) return Status::Internal("unreadable lendable row " + l.id.value);
  d.borrowers = *rule;
  l.status = *status;
  l.created_at = TimeAt(st, 11);
  l.updated_at = TimeAt(st, 12);
  return l;
}

void BindLendable(Stmt& st, const Lendable& l) {
  const LendableDetails& d = l.details;
  st.BindText(1, l.id.value)
      .BindText(2, l.hub.value)
      .BindText(3, d.name)
      .BindText(4, d.category)
      .BindText(5, d.description)
      .BindText(6, d.condition)
      .BindInt64(7, d.max_loan_days)
      .BindInt64(8, d.buffer_hours)
      .BindText(9, BorrowRuleName(d.borrowers))
      .BindText(10, LendableStatusName(l.status))
      .BindInt64(11, Secs(l.created_at))
      .BindInt64(12, Secs(l.updated_at));
}

Result<Loan> ReadLoan(const Stmt& st) {
  Loan l;
  l.id.value = st.Text(1);
  l.hub.value = st.Text(2);
  l.item.value = st.Text(3);
  l.borrower.value = st.Text(4);
  l.window = {TimeAt(st, 5), TimeAt(st, 6)};
  std::optional<LoanStatus> status = ParseLoanStatus(st.Text(7));
  if (!status) return Status::Internal("unreadable loan row " + l.id.value);
  l.status = *status;
  l.out_condition = st.Text(8);
  l.return_condition = st.Text(9);
  l.checked_out_at = OptionalTimeAt(st, 10);
  l.returned_at = OptionalTimeAt(st, 11);
  l.created_at = TimeAt(st, 12);
  l.updated_at = TimeAt(st, 13);
  return l;
}

void BindLoan(Stmt& st, const Loan& l) {
  st.BindText(1, l.id.value)
      .BindText(2, l.hub.value)
      .BindText(3, l.item.value)
      .BindText(4, l.borrower.value)
      .BindInt64(5, Secs(l.window.start))
      .BindInt64(6, Secs(l.window.end))
      .BindText(7, LoanStatusName(l.status))
      .BindText(8, l.out_condition)
      .BindText(9, l.return_condition);
  if (l.checked_out_at)
    st.BindInt64(10, Secs(*l.checked_out_at));
  else
    st.BindNull(10);
  if (l.returned_at)
    st.BindInt64(11, Secs(*l.returned_at));
  else
    st.BindNull(11);
  st.BindInt64(12, Secs(l.created_at)).BindInt64(13, Secs(l.updated_at));
}

Result<LoanReminder> ReadReminder(const Stmt& st) {
  LoanReminder r;
  r.seq = st.Int64(0);
  r.hub.value = st.Text(1);
  r.loan.value = st.Text(2);
  r.member.value = st.Text(3);
  r.kind = st.Text(4);
  r.due_at = TimeAt(st, 5);
  r.created_at = TimeAt(st, 6);
  r.sent_at = OptionalTimeAt(st, 7);
  return r;
}

}  // namespace

Result<Lendable> SqliteTx::GetLendable(const LendableId& id) {
  KIN_PREPARE_OR_RETURN(st, conn_, "SELECT " KIN_LENDABLE_COLUMNS " FROM lendables WHERE id = ?1");
  st.BindText(1, id.value);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::NotFound("thing not found");
  if (rc != SQLITE_ROW) return Error(conn_.db(), "query failed");
  return ReadLendable(st);
}

Page<Lendable> SqliteTx::ListLendables(const HubId& hub, const LendableFilter& filter,
                                       const PageRequest& page) {
  std::optional<int64_t> before = SeqBefore(page);
  if (!before) return {};
  KIN_PREPARE_OR_FAIL(st,
                                "SELECT " KIN_LENDABLE_COLUMNS
                                " FROM lendables WHERE hub = ?1 AND seq < ?2 "
                                "AND (?3 IS NULL OR category = ?3) AND (?4 IS NULL OR status = ?4) "
                                "ORDER BY seq DESC LIMIT ?5",
                                Page<Lendable>{});
  int limit = PageLimit(page);
  st.BindText(1, hub.value).BindInt64(2, *before).BindTextOrNull(3, filter.category.value_or(""));
  st.BindTextOrNull(4, filter.status ? LendableStatusName(*filter.status) : "")
      .BindInt64(5, limit + 1);
  return Collect<Lendable>(conn_, st, limit, ReadLendable,
                               [this](Status s) { Fail(std::move(s)); });
}

Result<Loan> SqliteTx::GetLoan(const LoanId& id) {
  KIN_PREPARE_OR_RETURN(st, conn_, "SELECT " KIN_LOAN_COLUMNS " FROM loans WHERE id = ?1");
  st.BindText(1, id.value);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::NotFound("loan not found");
  if (rc != SQLITE_ROW) return Error(conn_.db(), "query failed");
  return ReadLoan(st);
}

Page<Loan> SqliteTx::ListLoans(const HubId& hub, const LoanFilter& filter,
                               const PageRequest& page) {
  std::optional<int64_t> before = SeqBefore(page);
  if (!before) return {};
  KIN_PREPARE_OR_FAIL(st,
                                "SELECT " KIN_LOAN_COLUMNS
                                " FROM loans WHERE hub = ?1 AND seq < ?2 "
                                "AND (?3 IS NULL OR item = ?3) AND (?4 IS NULL OR borrower = ?4) "
                                "AND (?5 IS NULL OR status = ?5) ORDER BY seq DESC LIMIT ?6",
                                Page<Loan>{});
  int limit = PageLimit(page);
  st.BindText(1, hub.value).BindInt64(2, *before);
  st.BindTextOrNull(3, filter.item ? filter.item->value : "");
  st.BindTextOrNull(4, filter.borrower ? filter.borrower->value : "");
  st.BindTextOrNull(5, filter.status ? LoanStatusName(*filter.status) : "").BindInt64(6, limit + 1);
  return Collect<Loan>(conn_, st, limit, ReadLoan, [this](Status s) { Fail(std::move(s)); });
}

std::vector<Loan> SqliteTx::ListLoansHoldingWindow(const LendableId& item) {
  KIN_PREPARE_OR_FAIL(st,
                                "SELECT " KIN_LOAN_COLUMNS
                                " FROM loans WHERE item = ?1 "
                                "AND status IN ('reserved', 'out') ORDER BY start_at, seq",
                                std::vector<Loan>{});
  st.BindText(1, item.value);
  return CollectAll<Loan>(conn_, st, ReadLoan, [this](Status s) { Fail(std::move(s)); });
}

std::vector<Loan> SqliteTx::ListOverdueLoans(const HubId& hub, Timestamp now, int limit) {
  KIN_PREPARE_OR_FAIL(st,
                                "SELECT " KIN_LOAN_COLUMNS
                                " FROM loans WHERE status = 'out' AND end_at <= ?1 "
                                "AND (?2 IS NULL OR hub = ?2) ORDER BY end_at, seq LIMIT ?3",
                                std::vector<Loan>{});
  st.BindInt64(1, Secs(now)).BindTextOrNull(2, hub.value).BindInt64(3, limit);
  return CollectAll<Loan>(conn_, st, ReadLoan, [this](Status s) { Fail(std::move(s)); });
}

std::vector<WaitlistEntry> SqliteTx::ListWaitlist(const LendableId& item) {
  KIN_PREPARE_OR_FAIL(
      st,
      "SELECT seq, hub, item, member, created_at FROM loan_waitlist WHERE item = ?1 "
      "ORDER BY seq",
      std::vector<WaitlistEntry>{});
  st.BindText(1, item.value);
  return CollectAll<WaitlistEntry>(
      conn_, st,
      [](const Stmt& s) -> Result<WaitlistEntry> {
        return WaitlistEntry{s.Int64(0), HubId{s.Text(1)}, LendableId{s.Text(2)},
                             MemberId{s.Text(3)}, TimeAt(s, 4)};
      },
      [this](Status s) { Fail(std::move(s)); });
}

std::vector<LoanReminder> SqliteTx::ListLoanReminders(const HubId& hub, bool unsent_only,
                                                      int limit) {
  KIN_PREPARE_OR_FAIL(st,
                                "SELECT " KIN_REMINDER_COLUMNS
                                " FROM loan_reminders WHERE hub = ?1 "
                                "AND (?2 = 0 OR sent_at IS NULL) ORDER BY seq LIMIT ?3",
                                std::vector<LoanReminder>{});
  st.BindText(1, hub.value).BindInt64(2, unsent_only ? 1 : 0).BindInt64(3, limit);
  return CollectAll<LoanReminder>(conn_, st, ReadReminder,
                                  [this](Status s) { Fail(std::move(s)); });
}

Status SqliteTx::InsertLendable(const Lendable& item) {
  KIN_PREPARE_OR_RETURN(
      st, conn_,
      "INSERT INTO lendables (id, hub, name, category, description, condition, max_loan_days, "
      "buffer_hours, borrowers, status, created_at, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  BindLendable(st, item);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {{"lendables.id", "a thing with this id already exists"}},
                     "hub not found");
}

Status SqliteTx::UpdateLendable(const Lendable& item) {
  KIN_PREPARE_OR_RETURN(
      st, conn_,
      "UPDATE lendables SET hub = ?2, name = ?3, category = ?4, description = ?5, condition = ?6, "
      "max_loan_days = ?7, buffer_hours = ?8, borrowers = ?9, status = ?10, created_at = ?11, "
      "updated_at = ?12 WHERE id = ?1");
  BindLendable(st, item);
  return Update(st, {}, "thing not found");
}

Status SqliteTx::InsertLoan(const Loan& loan) {
  KIN_PREPARE_OR_RETURN(
      st, conn_,
      "INSERT INTO loans (id, hub, item, borrower, start_at, end_at, status, out_condition, "
      "return_condition, checked_out_at, returned_at, created_at, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  BindLoan(st, loan);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {{"loans.id", "a loan with this id already exists"}},
                     "the thing or member does not exist");
}

Status SqliteTx::UpdateLoan(const Loan& loan) {
  KIN_PREPARE_OR_RETURN(
      st, conn_,
      "UPDATE loans SET hub = ?2, item = ?3, borrower = ?4, start_at = ?5, end_at = ?6, "
      "status = ?7, out_condition = ?8, return_condition = ?9, checked_out_at = ?10, "
      "returned_at = ?11, created_at = ?12, updated_at = ?13 WHERE id = ?1");
  BindLoan(st, loan);
  return Update(st, {}, "loan not found");
}

Status SqliteTx::AddToWaitlist(const WaitlistEntry& entry) {
  KIN_PREPARE_OR_RETURN(
      st, conn_,
      "INSERT INTO loan_waitlist (hub, item, member, created_at) VALUES (?1, ?2, ?3, ?4)");
  st.BindText(1, entry.hub.value)
      .BindText(2, entry.item.value)
      .BindText(3, entry.member.value)
      .BindInt64(4, Secs(entry.created_at));
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(
      rc, {{"loan_waitlist.item, loan_waitlist.member", "you are already on this waiting list"}},
      "the thing or member does not exist");
}

Status SqliteTx::RemoveFromWaitlist(const LendableId& item, const MemberId& member) {
  KIN_PREPARE_OR_RETURN(st, conn_, "DELETE FROM loan_waitlist WHERE item = ?1 AND member = ?2");
  st.BindText(1, item.value).BindText(2, member.value);
  return Update(st, {}, "you are not on this waiting list");
}

Result<bool> SqliteTx::InsertLoanReminder(const LoanReminder& r) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO loan_reminders (hub, loan, member, kind, due_at, created_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (loan, kind) DO NOTHING");
  st.BindText(1, r.hub.value)
      .BindText(2, r.loan.value)
      .BindText(3, r.member.value)
      .BindText(4, r.kind)
      .BindInt64(5, Secs(r.due_at))
      .BindInt64(6, Secs(r.created_at));
  int rc = st.Step();
  if (rc != SQLITE_DONE) return WriteFailed(rc, {}, "the loan does not exist");
  return conn_.Changes() > 0;
}

}  // namespace kin::sqlite
