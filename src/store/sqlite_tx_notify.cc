// Notifications in SQLite: the outbox, reminder offsets and hub mail servers (migration 3; message parameters and
// the mail server's sign-in, its password sealed, migration 9), and the query the reminder sweep runs over sign-ups.
#include <string>

#include "store/sqlite_codec.h"
#include "store/sqlite_query.h"
#include "store/sqlite_tx.h"

namespace kin::sqlite {
namespace {

#define KIN_OUTBOX_COLUMNS                                                                                       \
  "seq, id, hub, member, channel, kind, subject, body, dedupe_key, created_at, sent_at, attempts, last_error, "  \
  "params"

Timestamp At(int64_t seconds) { return Timestamp(Seconds(seconds)); }

// Binds a sealed password to its hub, as key rotation reads it ("<table>:<key column>").
std::string SmtpPasswordAssociated(const HubId& hub) { return "hub_smtp:" + hub.value; }

// Parameters as "key=value" lines; a backslash escapes itself and a line break ("\\n") in values.
std::string EncodeParams(const MessageParams& params) {
  std::string out;
  for (const auto& [key, value] : params) {
    out += key + "=";
    for (char c : value) {
      if (c == '\\') {
        out += "\\\\";
      } else if (c == '\n') {
        out += "\\n";
      } else {
        out += c;
      }
    }
    out += '\n';
  }
  return out;
}

MessageParams DecodeParams(const std::string& text) {
  MessageParams out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    const size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string value;
    for (size_t i = eq + 1; i < line.size(); ++i) {
      if (line[i] == '\\' && i + 1 < line.size()) {
        value += line[i + 1] == 'n' ? '\n' : line[i + 1];
        ++i;
      } else {
        value += line[i];
      }
    }
    out.emplace_back(line.substr(0, eq), std::move(value));
  }
  return out;
}

OutboxMessage ReadOutbox(const Stmt& s) {
  OutboxMessage m;
  m.id = MessageId{s.Text(1)};
  m.hub = HubId{s.Text(2)};
  m.member = MemberId{s.Text(3)};
  m.channel = s.Text(4);
  m.kind = s.Text(5);
  m.subject = s.Text(6);
  m.body = s.Text(7);
  m.dedupe_key = s.Text(8);
  m.created_at = At(s.Int64(9));
  if (!s.IsNull(10)) m.sent_at = At(s.Int64(10));
  m.attempts = static_cast<int>(s.Int64(11));
  m.last_error = s.Text(12);
  m.params = DecodeParams(s.Text(13));
  return m;
}

}  // namespace

std::vector<Signup> SqliteTx::ListSignupsStarting(Timestamp from, Timestamp to) {
  // Reads ids, then each row through GetSignup so there is one mapping of sign-up rows (the window is small).
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT id FROM shift_signups WHERE starts_at >= ?1 AND starts_at < ?2 AND "
                      "status != 'withdrawn' ORDER BY starts_at, seq",
                      std::vector<Signup>{});
  st.BindInt64(1, from.time_since_epoch().count()).BindInt64(2, to.time_since_epoch().count());
  std::vector<std::string> ids;
  for (int rc = st.Step(); rc != SQLITE_DONE; rc = st.Step()) {
    if (rc != SQLITE_ROW) {
      Fail(Error(conn_.db(), "listing upcoming sign-ups failed"));
      return {};
    }
    ids.push_back(st.Text(0));
  }
  std::vector<Signup> out;
  for (const std::string& id : ids) {
    Result<Signup> s = GetSignup(SignupId{id});
    if (!s.ok()) {
      Fail(s.status());
      break;
    }
    out.push_back(std::move(s).value());
  }
  return out;
}

std::optional<std::vector<Minutes>> SqliteTx::GetReminderOffsets(const MemberId& member) {
  KIN_PREPARE_OR_FAIL(st, "SELECT offsets FROM reminder_offsets WHERE member = ?1", std::nullopt);
  st.BindText(1, member.value);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return std::nullopt;
  if (rc != SQLITE_ROW) {
    Fail(Error(conn_.db(), "reading reminder offsets failed"));
    return std::nullopt;
  }
  std::vector<Minutes> out;
  const std::string text = st.Text(0);
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(Minutes(std::stoll(text.substr(start, end - start))));
    start = end + 1;
  }
  return out;
}

std::optional<SmtpSettings> SqliteTx::GetSmtpSettings(const HubId& hub) {
  KIN_PREPARE_OR_FAIL(st, "SELECT host, port, from_address, username, password_sealed FROM hub_smtp WHERE hub = ?1",
                      std::nullopt);
  st.BindText(1, hub.value);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return std::nullopt;
  if (rc != SQLITE_ROW) {
    Fail(Error(conn_.db(), "reading the mail server failed"));
    return std::nullopt;
  }
  SmtpSettings out{st.Text(0), static_cast<int>(st.Int64(1)), st.Text(2), st.Text(3), ""};
  if (!st.IsNull(4)) {
    Result<std::string> password = box_.Open(st.Blob(4), SmtpPasswordAssociated(hub));
    if (!password.ok()) {
      Fail(Status::Internal("mail server password of hub " + hub.value + ": " + password.status().message()));
      return std::nullopt;
    }
    out.password = std::move(*password);
  }
  return out;
}

Page<OutboxMessage> SqliteTx::ListOutboxOf(const MemberId& member, const PageRequest& page) {
  std::optional<int64_t> before = SeqBefore(page);
  if (!before) return {};
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT " KIN_OUTBOX_COLUMNS " FROM outbox WHERE member = ?1 AND seq < ?2 ORDER BY seq DESC "
                      "LIMIT ?3",
                      Page<OutboxMessage>{});
  const int limit = PageLimit(page);
  st.BindText(1, member.value).BindInt64(2, *before).BindInt64(3, limit + 1);
  Page<OutboxMessage> out;
  int64_t last_seq = 0;
  for (int rc = st.Step(); rc != SQLITE_DONE; rc = st.Step()) {
    if (rc != SQLITE_ROW) {
      Fail(Error(conn_.db(), "listing messages failed"));
      break;
    }
    if (static_cast<int>(out.items.size()) == limit) {
      out.next = EncodeCursor(last_seq);
      break;
    }
    last_seq = st.Int64(0);
    out.items.push_back(ReadOutbox(st));
  }
  return out;
}

std::vector<OutboxMessage> SqliteTx::ListUnsent(int limit, int max_attempts) {
  // Only hubs with a mail server: messages of the others stay in the app and must not crowd out sendable ones.
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT " KIN_OUTBOX_COLUMNS " FROM outbox WHERE sent_at IS NULL AND attempts < ?2 AND "
                      "hub IN (SELECT hub FROM hub_smtp) ORDER BY seq LIMIT ?1",
                      std::vector<OutboxMessage>{});
  st.BindInt64(1, limit).BindInt64(2, max_attempts);
  std::vector<OutboxMessage> out;
  for (int rc = st.Step(); rc != SQLITE_DONE; rc = st.Step()) {
    if (rc != SQLITE_ROW) {
      Fail(Error(conn_.db(), "listing unsent messages failed"));
      break;
    }
    out.push_back(ReadOutbox(st));
  }
  return out;
}

Status SqliteTx::InsertOutbox(const OutboxMessage& m) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO outbox (id, hub, member, channel, kind, subject, body, dedupe_key, created_at, "
                        "sent_at, attempts, last_error, params) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                        "?12, ?13)");
  st.BindText(1, m.id.value)
      .BindText(2, m.hub.value)
      .BindText(3, m.member.value)
      .BindText(4, m.channel)
      .BindText(5, m.kind)
      .BindText(6, m.subject)
      .BindText(7, m.body)
      .BindText(8, m.dedupe_key)
      .BindInt64(9, m.created_at.time_since_epoch().count());
  if (m.sent_at) st.BindInt64(10, m.sent_at->time_since_epoch().count()); else st.BindNull(10);
  st.BindInt64(11, m.attempts).BindText(12, m.last_error).BindText(13, EncodeParams(m.params));
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {{"outbox.dedupe_key", "this message was already queued"}}, "hub or member not found");
}

Status SqliteTx::UpdateOutbox(const OutboxMessage& m) {
  KIN_PREPARE_OR_RETURN(st, conn_, "UPDATE outbox SET sent_at = ?2, attempts = ?3, last_error = ?4 WHERE id = ?1");
  st.BindText(1, m.id.value);
  if (m.sent_at) st.BindInt64(2, m.sent_at->time_since_epoch().count()); else st.BindNull(2);
  st.BindInt64(3, m.attempts).BindText(4, m.last_error);
  return Update(st, {}, "message not found");
}

Status SqliteTx::PutReminderOffsets(const MemberId& member, const std::vector<Minutes>& offsets) {
  std::string text;
  for (Minutes o : offsets) text += (text.empty() ? "" : " ") + std::to_string(o.count());
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO reminder_offsets (member, offsets) VALUES (?1, ?2) "
                        "ON CONFLICT (member) DO UPDATE SET offsets = excluded.offsets");
  st.BindText(1, member.value).BindText(2, text);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {}, "member not found");
}

Status SqliteTx::PutSmtpSettings(const HubId& hub, const std::optional<SmtpSettings>& settings) {
  if (!settings) {
    KIN_PREPARE_OR_RETURN(st, conn_, "DELETE FROM hub_smtp WHERE hub = ?1");
    st.BindText(1, hub.value);
    int rc = st.Step();
    return rc == SQLITE_DONE ? Status::Ok() : WriteFailed(rc, {}, "");
  }
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO hub_smtp (hub, host, port, from_address, username, password_sealed) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                        "ON CONFLICT (hub) DO UPDATE SET host = excluded.host, port = excluded.port, "
                        "from_address = excluded.from_address, username = excluded.username, "
                        "password_sealed = excluded.password_sealed");
  st.BindText(1, hub.value).BindText(2, settings->host).BindInt64(3, settings->port).BindText(4, settings->from);
  st.BindText(5, settings->username);
  if (settings->password.empty()) {
    st.BindNull(6);
  } else {
    st.BindBlob(6, box_.Seal(settings->password, SmtpPasswordAssociated(hub)));
  }
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {}, "hub not found");
}

}  // namespace kin::sqlite
