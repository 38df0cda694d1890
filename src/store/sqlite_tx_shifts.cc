// Shifts (issue 6) in SQLite: policies, shifts with their slots and overrides, sign-ups and swaps. Local times
// are stored as seconds of the hub's wall clock; instants as Unix seconds (see migration 3).
#include <string>

#include "store/sqlite_codec.h"
#include "store/sqlite_query.h"
#include "store/sqlite_tx.h"

namespace kin::sqlite {
namespace {

#define KIN_SHIFT_COLUMNS                                                                                  \
  "seq, id, hub, name, place, description, dtstart, duration_minutes, rrule, exdates, popular, created_by, " \
  "created_at, updated_at"
#define KIN_SIGNUP_COLUMNS                                                                                 \
  "seq, id, hub, shift, occurrence, role, member, status, starts_at, ends_at, local_start, popular, "        \
  "checked_in_at, minutes_done, no_show_by, created_at, updated_at"
#define KIN_SWAP_COLUMNS "seq, id, hub, signup, from_member, to_member, exchange, status, created_at, decided_at"

Timestamp At(int64_t seconds) { return Timestamp(Seconds(seconds)); }
int64_t Unix(Timestamp t) { return t.time_since_epoch().count(); }
LocalSeconds Local(int64_t seconds) { return LocalSeconds(Seconds(seconds)); }
int64_t LocalCount(LocalSeconds t) { return t.time_since_epoch().count(); }

std::string EncodeLocals(const std::vector<LocalSeconds>& times) {
  std::string out;
  for (LocalSeconds t : times) out += (out.empty() ? "" : " ") + std::to_string(LocalCount(t));
  return out;
}

Result<std::vector<LocalSeconds>> DecodeLocals(const std::string& text) {
  std::vector<LocalSeconds> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    try {
      out.push_back(Local(std::stoll(text.substr(start, end - start))));
    } catch (const std::exception&) {
      return Status::Internal("malformed exdates in the shifts table");
    }
    start = end + 1;
  }
  return out;
}

Result<Shift> ReadShift(const Stmt& s) {
  Shift shift;
  shift.id = ShiftId{s.Text(1)};
  shift.hub = HubId{s.Text(2)};
  shift.details.name = s.Text(3);
  shift.details.place = s.Text(4);
  shift.details.description = s.Text(5);
  shift.details.dtstart = Local(s.Int64(6));
  shift.details.duration = Minutes(s.Int64(7));
  shift.details.rrule = s.Text(8);
  Result<std::vector<LocalSeconds>> exdates = DecodeLocals(s.Text(9));
  if (!exdates.ok()) return exdates.status();
  shift.details.exdates = *exdates;
  shift.details.popular = s.Int64(10) != 0;
  shift.created_by = MemberId{s.Text(11)};
  shift.created_at = At(s.Int64(12));
  shift.updated_at = At(s.Int64(13));
  return shift;
}

void BindShift(Stmt& st, const Shift& shift) {
  const ShiftDetails& d = shift.details;
  st.BindText(1, shift.id.value)
      .BindText(2, shift.hub.value)
      .BindText(3, d.name)
      .BindText(4, d.place)
      .BindText(5, d.description)
      .BindInt64(6, LocalCount(d.dtstart))
      .BindInt64(7, d.duration.count())
      .BindText(8, d.rrule)
      .BindText(9, EncodeLocals(d.exdates))
      .BindInt64(10, d.popular ? 1 : 0)
      .BindText(11, shift.created_by.value)
      .BindInt64(12, Unix(shift.created_at))
      .BindInt64(13, Unix(shift.updated_at));
}

Result<Signup> ReadSignup(const Stmt& s) {
  Signup g;
  g.id = SignupId{s.Text(1)};
  g.hub = HubId{s.Text(2)};
  g.shift = ShiftId{s.Text(3)};
  g.occurrence = Local(s.Int64(4));
  g.role = s.Text(5);
  g.member = MemberId{s.Text(6)};
  std::optional<SignupStatus> status = ParseSignupStatus(s.Text(7));
  if (!status) return Status::Internal("unknown sign-up status in the database: " + s.Text(7));
  g.status = *status;
  g.start = At(s.Int64(8));
  g.end = At(s.Int64(9));
  g.local_start = Local(s.Int64(10));
  g.popular = s.Int64(11) != 0;
  if (!s.IsNull(12)) g.checked_in_at = At(s.Int64(12));
  if (!s.IsNull(13)) g.minutes_done = static_cast<int>(s.Int64(13));
  if (!s.IsNull(14)) g.no_show_by = MemberId{s.Text(14)};
  g.created_at = At(s.Int64(15));
  g.updated_at = At(s.Int64(16));
  return g;
}

void BindSignup(Stmt& st, const Signup& g) {
  st.BindText(1, g.id.value)
      .BindText(2, g.hub.value)
      .BindText(3, g.shift.value)
      .BindInt64(4, LocalCount(g.occurrence))
      .BindText(5, g.role)
      .BindText(6, g.member.value)
      .BindText(7, SignupStatusName(g.status))
      .BindInt64(8, Unix(g.start))
      .BindInt64(9, Unix(g.end))
      .BindInt64(10, LocalCount(g.local_start))
      .BindInt64(11, g.popular ? 1 : 0);
  if (g.checked_in_at) st.BindInt64(12, Unix(*g.checked_in_at)); else st.BindNull(12);
  if (g.minutes_done) st.BindInt64(13, *g.minutes_done); else st.BindNull(13);
  if (g.no_show_by) st.BindText(14, g.no_show_by->value); else st.BindNull(14);
  st.BindInt64(15, Unix(g.created_at)).BindInt64(16, Unix(g.updated_at));
}

Result<Swap> ReadSwap(const Stmt& s) {
  Swap w;
  w.id = SwapId{s.Text(1)};
  w.hub = HubId{s.Text(2)};
  w.signup = SignupId{s.Text(3)};
  w.from = MemberId{s.Text(4)};
  w.to = MemberId{s.Text(5)};
  if (!s.IsNull(6)) w.exchange = SignupId{s.Text(6)};
  const std::string status = s.Text(7);
  if (status == "proposed") {
    w.status = SwapStatus::kProposed;
  } else if (status == "accepted") {
    w.status = SwapStatus::kAccepted;
  } else if (status == "declined") {
    w.status = SwapStatus::kDeclined;
  } else {
    return Status::Internal("unknown swap status in the database: " + status);
  }
  w.created_at = At(s.Int64(8));
  if (!s.IsNull(9)) w.decided_at = At(s.Int64(9));
  return w;
}

void BindSwap(Stmt& st, const Swap& w) {
  st.BindText(1, w.id.value)
      .BindText(2, w.hub.value)
      .BindText(3, w.signup.value)
      .BindText(4, w.from.value)
      .BindText(5, w.to.value);
  if (w.exchange) st.BindText(6, w.exchange->value); else st.BindNull(6);
  st.BindText(7, SwapStatusName(w.status)).BindInt64(8, Unix(w.created_at));
  if (w.decided_at) st.BindInt64(9, Unix(*w.decided_at)); else st.BindNull(9);
}

template <typename T, typename ReadRow>
Result<T> OneRow(Connection& conn, Stmt& st, ReadRow read, const char* not_found) {
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::NotFound(not_found);
  if (rc != SQLITE_ROW) return Error(conn.db(), "query failed");
  return read(st);
}

// Every row of a bound statement; the first error ends the list and goes to `fail`.
template <typename T, typename ReadRow, typename Fail>
std::vector<T> AllRows(Connection& conn, Stmt& st, ReadRow read, Fail fail) {
  std::vector<T> out;
  for (;;) {
    int rc = st.Step();
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) {
      fail(Error(conn.db(), "list query failed"));
      break;
    }
    Result<T> item = read(st);
    if (!item.ok()) {
      fail(item.status());
      break;
    }
    out.push_back(std::move(item).value());
  }
  return out;
}

}  // namespace

ShiftPolicy SqliteTx::GetShiftPolicy(const HubId& hub) {
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT withdraw_cutoff_minutes, opens_before_minutes, popular_cap, cap_period "
                      "FROM shift_policies WHERE hub = ?1",
                      ShiftPolicy{});
  st.BindText(1, hub.value);
  ShiftPolicy p;
  int rc = st.Step();
  if (rc == SQLITE_DONE) return p;
  if (rc != SQLITE_ROW) {
    Fail(Error(conn_.db(), "reading the shift policy failed"));
    return p;
  }
  p.withdraw_cutoff = Minutes(st.Int64(0));
  p.opens_before = Minutes(st.Int64(1));
  p.popular_cap = static_cast<int>(st.Int64(2));
  p.cap_period = ParseCapPeriod(st.Text(3)).value_or(CapPeriod::kWeek);
  return p;
}

Status SqliteTx::LoadShiftParts(Shift& shift) {
  {
    KIN_PREPARE_OR_RETURN(st, conn_,
                          "SELECT role, qualification, min_people, max_people FROM shift_slots WHERE shift = ?1 "
                          "ORDER BY position");
    st.BindText(1, shift.id.value);
    for (int rc = st.Step(); rc != SQLITE_DONE; rc = st.Step()) {
      if (rc != SQLITE_ROW) return Error(conn_.db(), "reading shift slots failed");
      shift.details.slots.push_back({st.Text(0), st.Text(1), static_cast<int>(st.Int64(2)),
                                     static_cast<int>(st.Int64(3))});
    }
  }
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "SELECT recurrence_id, cancelled, new_start FROM shift_overrides WHERE shift = ?1 "
                        "ORDER BY recurrence_id");
  st.BindText(1, shift.id.value);
  for (int rc = st.Step(); rc != SQLITE_DONE; rc = st.Step()) {
    if (rc != SQLITE_ROW) return Error(conn_.db(), "reading shift overrides failed");
    ShiftOverride o;
    o.recurrence_id = Local(st.Int64(0));
    o.cancelled = st.Int64(1) != 0;
    if (!st.IsNull(2)) o.start = Local(st.Int64(2));
    shift.overrides.push_back(o);
  }
  return Status::Ok();
}

Result<Shift> SqliteTx::GetShift(const ShiftId& id) {
  Result<Shift> shift = [&]() -> Result<Shift> {
    KIN_PREPARE_OR_RETURN(st, conn_, "SELECT " KIN_SHIFT_COLUMNS " FROM shifts WHERE id = ?1");
    st.BindText(1, id.value);
    return OneRow<Shift>(conn_, st, ReadShift, "shift not found");
  }();
  if (!shift.ok()) return shift;
  Status s = LoadShiftParts(*shift);
  if (!s.ok()) return s;
  return shift;
}

Page<Shift> SqliteTx::ListShifts(const HubId& hub, const PageRequest& page) {
  std::optional<int64_t> after = SeqAfter(page);
  if (!after) return {};
  Page<Shift> out;
  {
    KIN_PREPARE_OR_FAIL(st,
                        "SELECT " KIN_SHIFT_COLUMNS " FROM shifts WHERE hub = ?1 AND seq > ?2 ORDER BY seq "
                        "LIMIT ?3",
                        Page<Shift>{});
    const int limit = PageLimit(page);
    st.BindText(1, hub.value).BindInt64(2, *after).BindInt64(3, limit + 1);
    out = Collect<Shift>(conn_, st, limit, [](const Stmt& row) { return ReadShift(row); },
                         [this](Status s) { Fail(std::move(s)); });
  }
  for (Shift& shift : out.items) {
    Status s = LoadShiftParts(shift);
    if (!s.ok()) Fail(s);
  }
  return out;
}

Result<Signup> SqliteTx::GetSignup(const SignupId& id) {
  KIN_PREPARE_OR_RETURN(st, conn_, "SELECT " KIN_SIGNUP_COLUMNS " FROM shift_signups WHERE id = ?1");
  st.BindText(1, id.value);
  return OneRow<Signup>(conn_, st, ReadSignup, "sign-up not found");
}

std::vector<Signup> SqliteTx::ListOccurrenceSignups(const ShiftId& shift, LocalSeconds occurrence) {
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT " KIN_SIGNUP_COLUMNS " FROM shift_signups WHERE shift = ?1 AND occurrence = ?2 "
                      "ORDER BY seq",
                      std::vector<Signup>{});
  st.BindText(1, shift.value).BindInt64(2, LocalCount(occurrence));
  return AllRows<Signup>(conn_, st, ReadSignup, [this](Status s) { Fail(std::move(s)); });
}

std::vector<Signup> SqliteTx::ListShiftSignups(const ShiftId& shift, Timestamp from, Timestamp to) {
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT " KIN_SIGNUP_COLUMNS " FROM shift_signups WHERE shift = ?1 AND starts_at >= ?2 "
                      "AND starts_at < ?3 AND status != 'withdrawn' ORDER BY starts_at, seq",
                      std::vector<Signup>{});
  st.BindText(1, shift.value).BindInt64(2, Unix(from)).BindInt64(3, Unix(to));
  return AllRows<Signup>(conn_, st, ReadSignup, [this](Status s) { Fail(std::move(s)); });
}

std::vector<Signup> SqliteTx::ListMemberSignups(const MemberId& member, Timestamp from, Timestamp to) {
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT " KIN_SIGNUP_COLUMNS " FROM shift_signups WHERE member = ?1 AND ends_at > ?2 "
                      "AND starts_at < ?3 AND status != 'withdrawn' ORDER BY starts_at, seq",
                      std::vector<Signup>{});
  st.BindText(1, member.value).BindInt64(2, Unix(from)).BindInt64(3, Unix(to));
  return AllRows<Signup>(conn_, st, ReadSignup, [this](Status s) { Fail(std::move(s)); });
}

std::vector<Signup> SqliteTx::ListHoursDone(const HubId& hub, Timestamp from, Timestamp to) {
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT " KIN_SIGNUP_COLUMNS " FROM shift_signups WHERE hub = ?1 AND starts_at >= ?2 AND "
                      "starts_at < ?3 AND status = 'confirmed' AND minutes_done IS NOT NULL ORDER BY starts_at, seq",
                      std::vector<Signup>{});
  st.BindText(1, hub.value).BindInt64(2, Unix(from)).BindInt64(3, Unix(to));
  return AllRows<Signup>(conn_, st, ReadSignup, [this](Status s) { Fail(std::move(s)); });
}

Result<Swap> SqliteTx::GetSwap(const SwapId& id) {
  KIN_PREPARE_OR_RETURN(st, conn_, "SELECT " KIN_SWAP_COLUMNS " FROM shift_swaps WHERE id = ?1");
  st.BindText(1, id.value);
  return OneRow<Swap>(conn_, st, ReadSwap, "swap not found");
}

std::vector<Swap> SqliteTx::ListOpenSwapsOf(const MemberId& member) {
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT " KIN_SWAP_COLUMNS " FROM shift_swaps WHERE status = 'proposed' AND "
                      "(from_member = ?1 OR to_member = ?1) ORDER BY seq",
                      std::vector<Swap>{});
  st.BindText(1, member.value);
  return AllRows<Swap>(conn_, st, ReadSwap, [this](Status s) { Fail(std::move(s)); });
}

Status SqliteTx::PutShiftPolicy(const HubId& hub, const ShiftPolicy& p) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO shift_policies (hub, withdraw_cutoff_minutes, opens_before_minutes, "
                        "popular_cap, cap_period) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (hub) DO UPDATE SET "
                        "withdraw_cutoff_minutes = excluded.withdraw_cutoff_minutes, opens_before_minutes = "
                        "excluded.opens_before_minutes, popular_cap = excluded.popular_cap, cap_period = "
                        "excluded.cap_period");
  st.BindText(1, hub.value)
      .BindInt64(2, p.withdraw_cutoff.count())
      .BindInt64(3, p.opens_before.count())
      .BindInt64(4, p.popular_cap)
      .BindText(5, CapPeriodName(p.cap_period));
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {}, "hub not found");
}

Status SqliteTx::WriteShiftParts(const Shift& shift) {
  {
    KIN_PREPARE_OR_RETURN(del, conn_, "DELETE FROM shift_slots WHERE shift = ?1");
    del.BindText(1, shift.id.value);
    if (int rc = del.Step(); rc != SQLITE_DONE) return WriteFailed(rc, {}, "");
  }
  {
    KIN_PREPARE_OR_RETURN(del, conn_, "DELETE FROM shift_overrides WHERE shift = ?1");
    del.BindText(1, shift.id.value);
    if (int rc = del.Step(); rc != SQLITE_DONE) return WriteFailed(rc, {}, "");
  }
  for (size_t i = 0; i < shift.details.slots.size(); ++i) {
    const ShiftSlot& slot = shift.details.slots[i];
    KIN_PREPARE_OR_RETURN(st, conn_,
                          "INSERT INTO shift_slots (shift, position, role, qualification, min_people, "
                          "max_people) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    st.BindText(1, shift.id.value)
        .BindInt64(2, static_cast<int64_t>(i))
        .BindText(3, slot.role)
        .BindText(4, slot.qualification)
        .BindInt64(5, slot.min_people)
        .BindInt64(6, slot.max_people);
    if (int rc = st.Step(); rc != SQLITE_DONE) {
      return WriteFailed(rc, {{"shift_slots.shift, shift_slots.role", "two slots have the role " + slot.role}}, "");
    }
  }
  for (const ShiftOverride& o : shift.overrides) {
    KIN_PREPARE_OR_RETURN(st, conn_,
                          "INSERT INTO shift_overrides (shift, recurrence_id, cancelled, new_start) "
                          "VALUES (?1, ?2, ?3, ?4)");
    st.BindText(1, shift.id.value).BindInt64(2, LocalCount(o.recurrence_id)).BindInt64(3, o.cancelled ? 1 : 0);
    if (o.start) st.BindInt64(4, LocalCount(*o.start)); else st.BindNull(4);
    if (int rc = st.Step(); rc != SQLITE_DONE) {
      return WriteFailed(rc, {{"shift_overrides.shift, shift_overrides.recurrence_id",
                               "that occurrence already has a change"}}, "");
    }
  }
  return Status::Ok();
}

Status SqliteTx::InsertShift(const Shift& shift) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO shifts (id, hub, name, place, description, dtstart, duration_minutes, rrule, "
                        "exdates, popular, created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                        "?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  BindShift(st, shift);
  int rc = st.Step();
  if (rc != SQLITE_DONE) {
    return WriteFailed(rc, {{"shifts.id", "a shift with id '" + shift.id.value + "' already exists"}},
                       "the shift's hub does not exist");
  }
  return WriteShiftParts(shift);
}

Status SqliteTx::UpdateShift(const Shift& shift) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "UPDATE shifts SET hub = ?2, name = ?3, place = ?4, description = ?5, dtstart = ?6, "
                        "duration_minutes = ?7, rrule = ?8, exdates = ?9, popular = ?10, created_by = ?11, "
                        "created_at = ?12, updated_at = ?13 WHERE id = ?1");
  BindShift(st, shift);
  Status s = Update(st, {}, "shift not found");
  if (!s.ok()) return s;
  return WriteShiftParts(shift);
}

Status SqliteTx::InsertSignup(const Signup& g) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO shift_signups (id, hub, shift, occurrence, role, member, status, starts_at, "
                        "ends_at, local_start, popular, checked_in_at, minutes_done, no_show_by, created_at, "
                        "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                        "?16)");
  BindSignup(st, g);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc,
                     {{"shift_signups.shift, shift_signups.occurrence, shift_signups.member",
                       "you are already signed up for this occurrence"},
                      {"shift_signups.id", "a sign-up with id '" + g.id.value + "' already exists"}},
                     "the sign-up's shift, hub or member does not exist");
}

Status SqliteTx::UpdateSignup(const Signup& g) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "UPDATE shift_signups SET hub = ?2, shift = ?3, occurrence = ?4, role = ?5, member = ?6, "
                        "status = ?7, starts_at = ?8, ends_at = ?9, local_start = ?10, popular = ?11, "
                        "checked_in_at = ?12, minutes_done = ?13, no_show_by = ?14, created_at = ?15, "
                        "updated_at = ?16 WHERE id = ?1");
  BindSignup(st, g);
  return Update(st,
                {{"shift_signups.shift, shift_signups.occurrence, shift_signups.member",
                  "that person already has a place on this occurrence"}},
                "sign-up not found");
}

Status SqliteTx::InsertSwap(const Swap& w) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO shift_swaps (id, hub, signup, from_member, to_member, exchange, status, "
                        "created_at, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  BindSwap(st, w);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {{"shift_swaps.id", "a swap with id '" + w.id.value + "' already exists"}},
                     "the swap's sign-up does not exist");
}

Status SqliteTx::UpdateSwap(const Swap& w) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "UPDATE shift_swaps SET hub = ?2, signup = ?3, from_member = ?4, to_member = ?5, "
                        "exchange = ?6, status = ?7, created_at = ?8, decided_at = ?9 WHERE id = ?1");
  BindSwap(st, w);
  return Update(st, {}, "swap not found");
}

Result<MemberId> SqliteTx::GetCalendarTokenMember(const std::string& token_hash) {
  KIN_PREPARE_OR_RETURN(st, conn_, "SELECT member FROM calendar_tokens WHERE token_hash = ?1");
  st.BindText(1, token_hash);
  return OneRow<MemberId>(conn_, st, [](const Stmt& s) -> Result<MemberId> { return MemberId{s.Text(0)}; },
                          "no such calendar");
}

Status SqliteTx::PutCalendarToken(const MemberId& member, const std::string& token_hash, Timestamp at) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO calendar_tokens (member, token_hash, created_at) VALUES (?1, ?2, ?3) "
                        "ON CONFLICT (member) DO UPDATE SET token_hash = excluded.token_hash, "
                        "created_at = excluded.created_at");
  st.BindText(1, member.value).BindText(2, token_hash).BindInt64(3, Unix(at));
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {{"calendar_tokens.token_hash", "this calendar token is already in use"}},
                     "member not found");
}

Status SqliteTx::DeleteCalendarToken(const MemberId& member) {
  KIN_PREPARE_OR_RETURN(st, conn_, "DELETE FROM calendar_tokens WHERE member = ?1");
  st.BindText(1, member.value);
  int rc = st.Step();
  if (rc != SQLITE_DONE) return WriteFailed(rc, {}, "");
  return Status::Ok();
}

}  // namespace kin::sqlite
