// The repository interface between kin's application layer and a database.
//
// Handlers never see SQL: they read through a ReadTx and change through a WriteTx, both of which speak in domain
// types. The SQLite backend (sqlite_store.h) is the default; a PostgreSQL backend implements the same classes.
//
// Contact details (Contact, Need::details.location, Member::contact) are given and returned in plaintext here;
// the backend encrypts them before they reach the database file and decrypts them on the way out.
//
// Thread-safety: Store is safe to use from many threads. A ReadTx or WriteTx belongs to the call that received it
// and must not escape it.
#ifndef KIN_STORE_STORE_H_
#define KIN_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/contact_access.h"
#include "core/credential.h"
#include "core/event.h"
#include "core/hub.h"
#include "core/match.h"
#include "core/member.h"
#include "core/need.h"
#include "core/notification.h"
#include "core/offer.h"
#include "core/shift.h"
#include "core/status.h"

namespace kin {

// Cursor pagination: `after` is the opaque cursor of the last item of the previous page (empty for the first).
struct PageRequest {
  std::string after;
  int limit = 50;  // 1..200, checked by the caller
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next;  // cursor for the next page; empty when this is the last
};

// True for the empty cursor and for any cursor a list function can return. The HTTP layer checks client-supplied
// cursors with this and rejects the rest as invalid input. A list function given a malformed cursor anyway
// returns an empty last page (never restarts from the beginning, so a client cannot loop forever).
bool IsValidCursor(const std::string& cursor);

struct NeedFilter {
  std::optional<std::string> category;
  std::optional<NeedStatus> status;
  std::optional<Urgency> urgency;
  std::optional<LatLon> near;   // with within_km: only needs whose approximate place is within the radius
  double within_km = 5;
  std::optional<MemberId> requester;  // only needs this member asked for
};

struct OfferFilter {
  std::optional<std::string> category;
  std::optional<OfferStatus> status;
  std::optional<MemberId> member;
};

struct MatchFilter {
  std::optional<NeedId> need;
  std::optional<MemberId> helper;
  std::optional<MatchStatus> status;
};

struct MemberInHub {
  Member member;
  Membership membership;
};

// Functions that return a Page, a vector or an optional have no Status of their own: if one meets a storage error
// (an I/O error, a contact that fails to decrypt), it returns what it read so far and the enclosing Store::Read or
// Store::Write fails with kInternal, discarding the closure's changes. A closure never gets silently wrong data.
class ReadTx {
 public:
  virtual ~ReadTx() = default;

  virtual Result<Hub> GetHub(const HubId& id) = 0;
  virtual Result<Hub> GetHubBySlug(const std::string& slug) = 0;
  virtual Page<Hub> ListHubs(const PageRequest& page) = 0;

  virtual Result<Member> GetMember(const MemberId& id) = 0;
  virtual Result<Member> GetMemberByHandle(const std::string& handle) = 0;
  virtual std::optional<Membership> GetMembership(const HubId& hub, const MemberId& member) = 0;
  virtual std::vector<Membership> ListMembershipsOf(const MemberId& member) = 0;
  virtual Page<MemberInHub> ListMembers(const HubId& hub, const PageRequest& page) = 0;

  virtual Result<Need> GetNeed(const NeedId& id) = 0;
  virtual Result<Need> GetNeedByStatusTokenHash(const std::string& token_hash) = 0;
  // Newest first. Contact details and the exact location are not loaded (lists never show them): fetch one need
  // with GetNeed before changing and saving it.
  virtual Page<Need> ListNeeds(const HubId& hub, const NeedFilter& filter, const PageRequest& page) = 0;

  virtual Result<Offer> GetOffer(const OfferId& id) = 0;
  // Newest first.
  virtual Page<Offer> ListOffers(const HubId& hub, const OfferFilter& filter, const PageRequest& page) = 0;

  virtual Result<Match> GetMatch(const MatchId& id) = 0;
  virtual std::optional<Match> GetActiveMatchForNeed(const NeedId& need) = 0;
  // Newest first.
  virtual Page<Match> ListMatches(const HubId& hub, const MatchFilter& filter, const PageRequest& page) = 0;

  // Oldest first, so a reader can follow the log with the cursor.
  virtual Page<Event> ListEvents(const HubId& hub, const PageRequest& page) = 0;

  // Who read whose contact details, newest first; all of a hub's, or one need's when `need` is set.
  virtual Page<ContactAccess> ListContactAccess(const HubId& hub, const std::optional<NeedId>& need,
                                                const PageRequest& page) = 0;
  // Closed needs of `hub` not yet redacted whose last change was at or before `closed_before`, oldest first.
  virtual std::vector<NeedId> ListNeedsToRedact(const HubId& hub, Timestamp closed_before, int limit) = 0;

  virtual Result<Session> GetSession(const std::string& token_hash) = 0;
  // Every session and API token of a member, newest first, revoked and expired ones included.
  virtual std::vector<Session> ListSessionsOf(const MemberId& member) = 0;
  virtual Result<Invite> GetInviteByTokenHash(const std::string& token_hash) = 0;

  // --- Shifts (issue 6): recurring care and kitchen work, sign-ups, swaps. ---
  // The hub's policy; the defaults of ShiftPolicy when it never set one.
  virtual ShiftPolicy GetShiftPolicy(const HubId& hub) = 0;
  virtual Result<Shift> GetShift(const ShiftId& id) = 0;
  // Oldest first, slots and overrides included.
  virtual Page<Shift> ListShifts(const HubId& hub, const PageRequest& page) = 0;
  virtual Result<Signup> GetSignup(const SignupId& id) = 0;
  // Every sign-up for one occurrence, withdrawn ones included, in the order people signed up.
  virtual std::vector<Signup> ListOccurrenceSignups(const ShiftId& shift, LocalSeconds occurrence) = 0;
  // Active (confirmed or waiting) sign-ups of a shift whose occurrence starts in [from, to), by start.
  virtual std::vector<Signup> ListShiftSignups(const ShiftId& shift, Timestamp from, Timestamp to) = 0;
  // Active sign-ups of a member whose occurrence overlaps [from, to), by start.
  virtual std::vector<Signup> ListMemberSignups(const MemberId& member, Timestamp from, Timestamp to) = 0;
  virtual Result<Swap> GetSwap(const SwapId& id) = 0;
  // Proposed swaps a member made or was asked to take, oldest first.
  virtual std::vector<Swap> ListOpenSwapsOf(const MemberId& member) = 0;
  // The member whose private calendar feed `token_hash` opens; kNotFound when none (or revoked).
  virtual Result<MemberId> GetCalendarTokenMember(const std::string& token_hash) = 0;
  // Active places (in every hub) whose occurrence starts in [from, to), by start: what reminders look at.
  virtual std::vector<Signup> ListSignupsStarting(Timestamp from, Timestamp to) = 0;
  // Confirmed places of a hub with hours recorded whose occurrence starts in [from, to): the care-hours ledger.
  virtual std::vector<Signup> ListHoursDone(const HubId& hub, Timestamp from, Timestamp to) = 0;
  // Notifications: the member's reminder offsets (nullopt: never set), the hub's mail server, the outbox.
  virtual std::optional<std::vector<Minutes>> GetReminderOffsets(const MemberId& member) = 0;
  virtual std::optional<SmtpSettings> GetSmtpSettings(const HubId& hub) = 0;
  // Newest first.
  virtual Page<OutboxMessage> ListOutboxOf(const MemberId& member, const PageRequest& page) = 0;
  // Unsent messages with fewer than `max_attempts` attempts, of hubs that have a mail server, oldest first.
  virtual std::vector<OutboxMessage> ListUnsent(int limit, int max_attempts) = 0;
};

// Inserts fail with kConflict on a duplicate unique key (id, hub slug, member handle, a second active match for a
// need) and leave nothing behind. Updates of a missing row fail with kNotFound.
class WriteTx : public ReadTx {
 public:
  virtual Status InsertHub(const Hub& hub) = 0;
  virtual Status UpdateHub(const Hub& hub) = 0;

  virtual Status InsertMember(const Member& member) = 0;
  virtual Status UpdateMember(const Member& member) = 0;
  virtual Status PutMembership(const Membership& membership) = 0;  // insert or replace roles
  virtual Status RemoveMembership(const HubId& hub, const MemberId& member) = 0;

  virtual Status InsertNeed(const Need& need) = 0;
  virtual Status UpdateNeed(const Need& need) = 0;

  virtual Status InsertOffer(const Offer& offer) = 0;
  virtual Status UpdateOffer(const Offer& offer) = 0;

  virtual Status InsertMatch(const Match& match) = 0;
  virtual Status UpdateMatch(const Match& match) = 0;

  // Assigns event.seq.
  virtual Status AppendEvent(Event event) = 0;
  // Clears the free-text detail of every event about `subject` (retention and deletion; the log is otherwise
  // append-only).
  virtual Status ClearEventDetails(const HubId& hub, const std::string& subject) = 0;

  virtual Status AppendContactAccess(const ContactAccess& access) = 0;

  virtual Status InsertSession(const Session& session) = 0;
  virtual Status RevokeSession(const std::string& token_hash) = 0;
  virtual Status RevokeSessionsOf(const MemberId& member) = 0;

  virtual Status InsertInvite(const Invite& invite) = 0;
  virtual Status UpdateInvite(const Invite& invite) = 0;

  // --- Shifts (issue 6). A shift's slots and overrides are written with it. A second active sign-up of one
  // member for one occurrence is a kConflict. ---
  virtual Status PutShiftPolicy(const HubId& hub, const ShiftPolicy& policy) = 0;
  virtual Status InsertShift(const Shift& shift) = 0;
  virtual Status UpdateShift(const Shift& shift) = 0;
  virtual Status InsertSignup(const Signup& signup) = 0;
  virtual Status UpdateSignup(const Signup& signup) = 0;
  virtual Status InsertSwap(const Swap& swap) = 0;
  virtual Status UpdateSwap(const Swap& swap) = 0;
  // Sets the member's one calendar token (replacing any earlier one), or removes it.
  virtual Status PutCalendarToken(const MemberId& member, const std::string& token_hash, Timestamp at) = 0;
  virtual Status DeleteCalendarToken(const MemberId& member) = 0;
  // kConflict when a message with the same dedupe_key was ever queued.
  virtual Status InsertOutbox(const OutboxMessage& message) = 0;
  virtual Status UpdateOutbox(const OutboxMessage& message) = 0;  // sent_at, attempts, last_error
  virtual Status PutReminderOffsets(const MemberId& member, const std::vector<Minutes>& offsets) = 0;
  virtual Status PutSmtpSettings(const HubId& hub, const std::optional<SmtpSettings>& settings) = 0;  // nullopt: remove
};

struct StoreStats {
  uint64_t commits = 0;         // durable transactions committed
  uint64_t writes = 0;          // write closures applied (several may share one commit)
  double db_seconds_total = 0;  // time spent inside the database, reads and writes
};

class Store {
 public:
  virtual ~Store() = default;

  // Runs `fn` against a consistent snapshot.
  virtual Status Read(const std::function<Status(ReadTx&)>& fn) = 0;

  // Runs `fn` atomically: if it returns a non-ok Status, none of its changes are kept. Returns only after the
  // changes are durable (fsync'd). Concurrent writers may be committed together in one transaction; each still
  // sees the effects of those before it and none of its own failures leak into others.
  virtual Status Write(const std::function<Status(WriteTx&)>& fn) = 0;

  // A consistent copy of the whole database at `path`, safe while serving.
  virtual Status Backup(const std::string& path) = 0;

  // Moves everything written so far into the main database file and empties the log beside it, so that old
  // versions of redacted or deleted data do not linger on disk. kUnavailable when readers kept it from finishing.
  virtual Status Checkpoint() = 0;

  // Changes whenever anything is committed to the database, by this process or another; equal values mean
  // nothing changed in between. For caches of what reads return.
  virtual uint64_t DataVersion() = 0;

  virtual int SchemaVersion() = 0;
  virtual StoreStats Stats() = 0;
};

// Helpers to carry a value out of a Read or Write closure.
template <typename T, typename Fn>
Result<T> ReadValue(Store& store, Fn&& fn) {
  std::optional<T> out;
  Status s = store.Read([&](ReadTx& tx) -> Status {
    Result<T> r = fn(tx);
    if (!r.ok()) return r.status();
    out = std::move(r).value();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return std::move(*out);
}

template <typename T, typename Fn>
Result<T> WriteValue(Store& store, Fn&& fn) {
  std::optional<T> out;
  Status s = store.Write([&](WriteTx& tx) -> Status {
    Result<T> r = fn(tx);
    if (!r.ok()) return r.status();
    out = std::move(r).value();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return std::move(*out);
}

}  // namespace kin

#endif  // KIN_STORE_STORE_H_
