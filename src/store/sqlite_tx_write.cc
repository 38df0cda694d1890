// The write half of SqliteTx. Each write is one statement, so a failed one leaves nothing behind by itself; the
// store's per-closure savepoint undoes the rest of a failed closure.
#include <string>

#include "store/sqlite_rows.h"
#include "store/sqlite_tx.h"

namespace kin::sqlite {
namespace {

std::string Quoted(const std::string& s) { return "'" + s + "'"; }

}  // namespace

Status SqliteTx::WriteFailed(int rc, std::initializer_list<Unique> uniques, const std::string& missing_ref) {
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
    // SQLite names the constraint as "UNIQUE constraint failed: table.column[, table.column]".
    std::string message = sqlite3_errmsg(conn_.db());
    size_t colon = message.rfind(": ");
    std::string which = colon == std::string::npos ? message : message.substr(colon + 2);
    for (const Unique& u : uniques) {
      if (which == u.constraint) return Status::Conflict(u.message);
    }
    return Status::Conflict("already exists (" + which + ")");
  }
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) return Status::NotFound(missing_ref);
  return Error(conn_.db(), "write failed");
}

Status SqliteTx::Update(Stmt& st, std::initializer_list<Unique> uniques, const std::string& not_found) {
  int rc = st.Step();
  if (rc != SQLITE_DONE) return WriteFailed(rc, uniques, "a row it refers to does not exist");
  if (conn_.Changes() == 0) return Status::NotFound(not_found);
  return Status::Ok();
}

Status SqliteTx::InsertHub(const Hub& hub) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO hubs (id, slug, name, description, area_lat, area_lon, area_radius_km, "
                        "languages, time_zone, categories, retention_days, intake_open, created_at, share_description) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  BindHub(st, hub);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc,
                     {{"hubs.id", "a hub with id " + Quoted(hub.id.value) + " already exists"},
                      {"hubs.slug", "a hub with slug " + Quoted(hub.slug) + " already exists"}},
                     "");
}

Status SqliteTx::UpdateHub(const Hub& hub) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "UPDATE hubs SET slug = ?2, name = ?3, description = ?4, area_lat = ?5, area_lon = ?6, "
                        "area_radius_km = ?7, languages = ?8, time_zone = ?9, categories = ?10, "
                        "retention_days = ?11, intake_open = ?12, created_at = ?13, share_description = ?14 "
                        "WHERE id = ?1");
  BindHub(st, hub);
  return Update(st, {{"hubs.slug", "a hub with slug " + Quoted(hub.slug) + " already exists"}}, "hub not found");
}

Status SqliteTx::InsertMember(const Member& member) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO members (id, handle, display_name, languages, contact_sealed, password_hash, "
                        "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  BindMember(st, member, box_);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc,
                     {{"members.id", "a member with id " + Quoted(member.id.value) + " already exists"},
                      {"members.handle", "a member with handle " + Quoted(member.handle) + " already exists"}},
                     "");
}

Status SqliteTx::UpdateMember(const Member& member) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "UPDATE members SET handle = ?2, display_name = ?3, languages = ?4, contact_sealed = ?5, "
                        "password_hash = ?6, created_at = ?7 WHERE id = ?1");
  BindMember(st, member, box_);
  return Update(st, {{"members.handle", "a member with handle " + Quoted(member.handle) + " already exists"}},
                "member not found");
}

Status SqliteTx::PutMembership(const Membership& m) {
  // Upsert keeps joined_at and the row's seq (its place in member lists) when only the roles change.
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO memberships (hub, member, roles, joined_at) VALUES (?1, ?2, ?3, ?4) "
                        "ON CONFLICT (hub, member) DO UPDATE SET roles = excluded.roles");
  st.BindText(1, m.hub.value)
      .BindText(2, m.member.value)
      .BindInt64(3, m.roles.bits())
      .BindInt64(4, m.joined_at.time_since_epoch().count());
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {}, "hub or member not found");
}

Status SqliteTx::RemoveMembership(const HubId& hub, const MemberId& member) {
  KIN_PREPARE_OR_RETURN(st, conn_, "DELETE FROM memberships WHERE hub = ?1 AND member = ?2");
  st.BindText(1, hub.value).BindText(2, member.value);
  int rc = st.Step();
  if (rc != SQLITE_DONE) return WriteFailed(rc, {}, "");
  return Status::Ok();
}

Status SqliteTx::InsertNeed(const Need& need) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO needs (id, hub, category, description, quantity, urgency, window_start, "
                        "window_end, place, language, accessibility, private_sealed, approx_lat, approx_lon, "
                        "status, source, requester, status_token_hash, created_at, updated_at, redacted_at) VALUES (?1, "
                        "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)");
  BindNeed(st, need, box_);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc,
                     {{"needs.id", "a need with id " + Quoted(need.id.value) + " already exists"},
                      {"needs.status_token_hash", "a need with this status token already exists"}},
                     "the need's hub or requester does not exist");
}

Status SqliteTx::UpdateNeed(const Need& need) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "UPDATE needs SET hub = ?2, category = ?3, description = ?4, quantity = ?5, urgency = ?6, "
                        "window_start = ?7, window_end = ?8, place = ?9, language = ?10, accessibility = ?11, "
                        "private_sealed = ?12, approx_lat = ?13, approx_lon = ?14, status = ?15, source = ?16, "
                        "requester = ?17, status_token_hash = ?18, created_at = ?19, updated_at = ?20, "
                        "redacted_at = ?21 WHERE id = ?1");
  BindNeed(st, need, box_);
  return Update(st, {{"needs.status_token_hash", "a need with this status token already exists"}},
                "need not found");
}

Status SqliteTx::InsertOffer(const Offer& offer) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO offers (id, hub, member, category, description, capacity_amount, "
                        "capacity_unit, capacity_period, skills, languages, area_lat, area_lon, area_radius_km, "
                        "availability, status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                        "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
  BindOffer(st, offer);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {{"offers.id", "an offer with id " + Quoted(offer.id.value) + " already exists"}},
                     "the offer's hub or member does not exist");
}

Status SqliteTx::UpdateOffer(const Offer& offer) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "UPDATE offers SET hub = ?2, member = ?3, category = ?4, description = ?5, "
                        "capacity_amount = ?6, capacity_unit = ?7, capacity_period = ?8, skills = ?9, "
                        "languages = ?10, area_lat = ?11, area_lon = ?12, area_radius_km = ?13, "
                        "availability = ?14, status = ?15, created_at = ?16, updated_at = ?17 WHERE id = ?1");
  BindOffer(st, offer);
  return Update(st, {}, "offer not found");
}

Status SqliteTx::InsertMatch(const Match& match) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO matches (id, hub, need, offer, helper, proposed_by, origin, status, note, "
                        "reason, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                        "?12)");
  BindMatch(st, match);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc,
                     {{"matches.id", "a match with id " + Quoted(match.id.value) + " already exists"},
                      {"matches.need", "the need already has an active match"}},
                     "the match's hub, need, offer or helper does not exist");
}

Status SqliteTx::UpdateMatch(const Match& match) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "UPDATE matches SET hub = ?2, need = ?3, offer = ?4, helper = ?5, proposed_by = ?6, "
                        "origin = ?7, status = ?8, note = ?9, reason = ?10, created_at = ?11, updated_at = ?12 "
                        "WHERE id = ?1");
  BindMatch(st, match);
  return Update(st, {{"matches.need", "the need already has an active match"}}, "match not found");
}

Status SqliteTx::AppendEvent(Event event) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO events (hub, at, actor, type, subject, detail) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  st.BindText(1, event.hub.value)
      .BindInt64(2, event.at.time_since_epoch().count())
      .BindText(3, event.actor)
      .BindText(4, event.type)
      .BindText(5, event.subject)
      .BindText(6, event.detail);
  int rc = st.Step();
  if (rc != SQLITE_DONE) return WriteFailed(rc, {}, "");
  event.seq = conn_.LastInsertRowid();
  return Status::Ok();
}

Status SqliteTx::ClearEventDetails(const HubId& hub, const std::string& subject) {
  KIN_PREPARE_OR_RETURN(st, conn_, "UPDATE events SET detail = '' WHERE hub = ?1 AND subject = ?2");
  st.BindText(1, hub.value).BindText(2, subject);
  int rc = st.Step();
  if (rc != SQLITE_DONE) return WriteFailed(rc, {}, "");
  return Status::Ok();
}

Status SqliteTx::AppendContactAccess(const ContactAccess& access) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO contact_access (hub, need, reader, reason, at) VALUES (?1, ?2, ?3, ?4, ?5)");
  st.BindText(1, access.hub.value)
      .BindText(2, access.need.value)
      .BindText(3, access.reader.value)
      .BindText(4, access.reason)
      .BindInt64(5, access.at.time_since_epoch().count());
  int rc = st.Step();
  if (rc != SQLITE_DONE) return WriteFailed(rc, {}, "the need or hub of a contact access record does not exist");
  return Status::Ok();
}

Status SqliteTx::InsertSession(const Session& session) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO sessions (token_hash, member, kind, label, created_at, expires_at, revoked) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  BindSession(st, session);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {{"sessions.token_hash", "a session with this token already exists"}},
                     "the session's member does not exist");
}

Status SqliteTx::RevokeSession(const std::string& token_hash) {
  KIN_PREPARE_OR_RETURN(st, conn_, "UPDATE sessions SET revoked = 1 WHERE token_hash = ?1");
  st.BindText(1, token_hash);
  return Update(st, {}, "session not found");
}

Status SqliteTx::RevokeSessionsOf(const MemberId& member) {
  KIN_PREPARE_OR_RETURN(st, conn_, "UPDATE sessions SET revoked = 1 WHERE member = ?1 AND revoked = 0");
  st.BindText(1, member.value);
  int rc = st.Step();
  if (rc != SQLITE_DONE) return WriteFailed(rc, {}, "");
  return Status::Ok();
}

Status SqliteTx::InsertInvite(const Invite& invite) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO invites (id, token_hash, kind, hub, role, member, created_by, created_at, "
                        "expires_at, uses_left) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  BindInvite(st, invite);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc,
                     {{"invites.id", "an invite with id " + Quoted(invite.id.value) + " already exists"},
                      {"invites.token_hash", "an invite with this token already exists"}},
                     "the invite's hub or member does not exist");
}

Status SqliteTx::UpdateInvite(const Invite& invite) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "UPDATE invites SET token_hash = ?2, kind = ?3, hub = ?4, role = ?5, member = ?6, "
                        "created_by = ?7, created_at = ?8, expires_at = ?9, uses_left = ?10 WHERE id = ?1");
  BindInvite(st, invite);
  return Update(st, {{"invites.token_hash", "an invite with this token already exists"}}, "invite not found");
}

}  // namespace kin::sqlite
