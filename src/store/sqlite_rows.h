// Mapping between domain types and SQLite rows: the column list each SELECT uses, the reader for that list, and
// the binder for INSERT/UPDATE parameters. Sealing and opening of contact details happens here, so no other code
// sees a sealed column.
//
// The column lists are macros so that queries stay string literals (the statement cache is keyed by address).
#ifndef KIN_STORE_SQLITE_ROWS_H_
#define KIN_STORE_SQLITE_ROWS_H_

#include "core/contact_access.h"
#include "core/credential.h"
#include "core/event.h"
#include "core/hub.h"
#include "core/match.h"
#include "core/member.h"
#include "core/need.h"
#include "core/offer.h"
#include "crypto/secret_box.h"
#include "store/sqlite_db.h"

// Each list starts with seq (column 0), which the readers skip and the list functions use for cursors.
#define KIN_HUB_COLUMNS                                                                                           \
  "seq, id, slug, name, description, area_lat, area_lon, area_radius_km, languages, time_zone, categories, " \
  "retention_days, intake_open, created_at, share_description"
#define KIN_MEMBER_COLUMNS "seq, id, handle, display_name, languages, contact_sealed, password_hash, created_at"
#define KIN_MEMBERSHIP_COLUMNS "seq, hub, member, roles, joined_at"
#define KIN_NEED_COLUMNS                                                                                         \
  "seq, id, hub, category, description, quantity, urgency, window_start, window_end, place, language, "      \
  "accessibility, private_sealed, approx_lat, approx_lon, status, source, requester, status_token_hash, "    \
  "created_at, updated_at, redacted_at"
#define KIN_OFFER_COLUMNS                                                                                        \
  "seq, id, hub, member, category, description, capacity_amount, capacity_unit, capacity_period, skills, "   \
  "languages, area_lat, area_lon, area_radius_km, availability, status, created_at, updated_at"
#define KIN_MATCH_COLUMNS \
  "seq, id, hub, need, offer, helper, proposed_by, origin, status, note, reason, created_at, updated_at"
#define KIN_EVENT_COLUMNS "seq, hub, at, actor, type, subject, detail"
#define KIN_CONTACT_ACCESS_COLUMNS "seq, hub, need, reader, reason, at"
#define KIN_SESSION_COLUMNS "seq, token_hash, member, kind, label, created_at, expires_at, revoked"
#define KIN_INVITE_COLUMNS \
  "seq, id, token_hash, kind, hub, role, member, created_by, created_at, expires_at, uses_left"

namespace kin::sqlite {

// Readers take the statement positioned on a row whose columns are the matching list above, starting at `first`
// (where seq is). They fail with kInternal on a value this build cannot interpret or a seal that does not open.
Result<Hub> ReadHub(const Stmt& st, int first = 0);
Result<Member> ReadMember(const Stmt& st, const SecretBox& box, int first = 0);
Result<Membership> ReadMembership(const Stmt& st, int first = 0);
// With `box` null the sealed private details (contact, exact location) are left empty, unopened: lists never
// show them, and not decrypting fifty of them is most of a list's cost.
Result<Need> ReadNeed(const Stmt& st, const SecretBox* box, int first = 0);
Result<Offer> ReadOffer(const Stmt& st, int first = 0);
Result<Match> ReadMatch(const Stmt& st, int first = 0);
Result<Event> ReadEvent(const Stmt& st, int first = 0);
Result<ContactAccess> ReadContactAccess(const Stmt& st, int first = 0);
Result<Session> ReadSession(const Stmt& st, int first = 0);
Result<Invite> ReadInvite(const Stmt& st, int first = 0);

// Binders set parameters ?1.. in the order of the column list without seq; ?1 is always the public id (or the
// token hash for sessions), so an UPDATE ... WHERE id = ?1 shares the binder with its INSERT.
void BindHub(Stmt& st, const Hub& hub);
void BindMember(Stmt& st, const Member& member, const SecretBox& box);
void BindNeed(Stmt& st, const Need& need, const SecretBox& box);
void BindOffer(Stmt& st, const Offer& offer);
void BindMatch(Stmt& st, const Match& match);
void BindSession(Stmt& st, const Session& session);
void BindInvite(Stmt& st, const Invite& invite);

}  // namespace kin::sqlite

#endif  // KIN_STORE_SQLITE_ROWS_H_
