#include "store/migrations.h"

#include <string>

namespace kin::sqlite {
namespace {

struct Migration {
  int version;
  const char* sql;
};

// Append only: a released migration is never edited, because databases in the field have already applied it.
//
// Conventions: every table has `seq INTEGER PRIMARY KEY` for ordering and cursors, and public ids as TEXT UNIQUE.
// Times are Unix seconds (UTC). Enums are stored by their core names. Lists are length-prefixed text
// ("2:en2:es", see sqlite_codec.h). *_sealed columns hold SecretBox ciphertext of contact details, bound to
// "<table>:<id>". By design there is no column for legal identity, income or immigration status.
constexpr Migration kMigrations[] = {
    {1, R"sql(
CREATE TABLE hubs (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  area_lat REAL,
  area_lon REAL,
  area_radius_km REAL NOT NULL,
  languages TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  categories TEXT NOT NULL,
  retention_days INTEGER NOT NULL,
  intake_open INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE members (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  handle TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  languages TEXT NOT NULL,
  contact_sealed BLOB,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE memberships (
  seq INTEGER PRIMARY KEY,
  hub TEXT NOT NULL REFERENCES hubs(id),
  member TEXT NOT NULL REFERENCES members(id),
  roles INTEGER NOT NULL,
  joined_at INTEGER NOT NULL,
  UNIQUE (hub, member)
);
CREATE INDEX memberships_by_hub ON memberships(hub, seq);
CREATE INDEX memberships_by_member ON memberships(member);

CREATE TABLE needs (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  hub TEXT NOT NULL REFERENCES hubs(id),
  category TEXT NOT NULL,
  description TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  urgency TEXT NOT NULL,
  window_start INTEGER,
  window_end INTEGER,
  place TEXT NOT NULL,
  language TEXT NOT NULL,
  accessibility TEXT NOT NULL,
  private_sealed BLOB,
  approx_lat REAL,
  approx_lon REAL,
  status TEXT NOT NULL,
  source TEXT NOT NULL,
  requester TEXT REFERENCES members(id),
  status_token_hash TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX needs_by_hub ON needs(hub, seq);
CREATE UNIQUE INDEX needs_by_status_token ON needs(status_token_hash) WHERE status_token_hash IS NOT NULL;

CREATE TABLE offers (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  hub TEXT NOT NULL REFERENCES hubs(id),
  member TEXT NOT NULL REFERENCES members(id),
  category TEXT NOT NULL,
  description TEXT NOT NULL,
  capacity_amount INTEGER NOT NULL,
  capacity_unit TEXT NOT NULL,
  capacity_period TEXT NOT NULL,
  skills TEXT NOT NULL,
  languages TEXT NOT NULL,
  area_lat REAL,
  area_lon REAL,
  area_radius_km REAL NOT NULL,
  availability TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX offers_by_hub ON offers(hub, seq);

CREATE TABLE matches (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  hub TEXT NOT NULL REFERENCES hubs(id),
  need TEXT NOT NULL REFERENCES needs(id),
  offer TEXT REFERENCES offers(id),
  helper TEXT NOT NULL REFERENCES members(id),
  proposed_by TEXT NOT NULL,
  origin TEXT NOT NULL,
  status TEXT NOT NULL,
  note TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX matches_by_hub ON matches(hub, seq);
CREATE INDEX matches_by_need ON matches(need);
-- At most one active match per need: the database, not only the app, holds this line under concurrency.
CREATE UNIQUE INDEX matches_one_active_per_need ON matches(need)
  WHERE status IN ('proposed', 'accepted', 'in_progress');

CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  hub TEXT NOT NULL,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  type TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX events_by_hub ON events(hub, seq);

CREATE TABLE sessions (
  seq INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  member TEXT NOT NULL REFERENCES members(id),
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked INTEGER NOT NULL
);
CREATE INDEX sessions_by_member ON sessions(member);

CREATE TABLE invites (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  token_hash TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  hub TEXT REFERENCES hubs(id),
  role INTEGER NOT NULL,
  member TEXT REFERENCES members(id),
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  uses_left INTEGER NOT NULL
);
)sql"},
    {2, R"sql(
-- Retention: when a closed need's personal data was redacted.
ALTER TABLE needs ADD COLUMN redacted_at INTEGER;
CREATE INDEX needs_closed_unredacted ON needs(hub, updated_at)
  WHERE redacted_at IS NULL AND status IN ('fulfilled', 'cancelled', 'expired');

-- Every read of a person's contact details: who, when, for which task.
CREATE TABLE contact_access (
  seq INTEGER PRIMARY KEY,
  hub TEXT NOT NULL REFERENCES hubs(id),
  need TEXT NOT NULL REFERENCES needs(id),
  reader TEXT NOT NULL,
  reason TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX contact_access_by_hub ON contact_access(hub, seq);
CREATE INDEX contact_access_by_need ON contact_access(need, seq);
)sql"},
    {3, R"sql(
-- Shifts (issue 6). Local times (dtstart, exdates, occurrence ids, local starts) are seconds of the hub's wall
-- clock since 1970-01-01T00:00:00 local; instants (starts_at, ends_at, *_at) are Unix seconds.
CREATE TABLE shift_policies (
  hub TEXT PRIMARY KEY REFERENCES hubs(id),
  withdraw_cutoff_minutes INTEGER NOT NULL,
  opens_before_minutes INTEGER NOT NULL,
  popular_cap INTEGER NOT NULL,
  cap_period TEXT NOT NULL
);

CREATE TABLE shifts (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  hub TEXT NOT NULL REFERENCES hubs(id),
  name TEXT NOT NULL,
  place TEXT NOT NULL,
  description TEXT NOT NULL,
  dtstart INTEGER NOT NULL,
  duration_minutes INTEGER NOT NULL,
  rrule TEXT NOT NULL,
  exdates TEXT NOT NULL,
  popular INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX shifts_by_hub ON shifts(hub, seq);

CREATE TABLE shift_slots (
  shift TEXT NOT NULL REFERENCES shifts(id),
  position INTEGER NOT NULL,
  role TEXT NOT NULL,
  qualification TEXT NOT NULL,
  min_people INTEGER NOT NULL,
  max_people INTEGER NOT NULL,
  PRIMARY KEY (shift, role)
);

CREATE TABLE shift_overrides (
  shift TEXT NOT NULL REFERENCES shifts(id),
  recurrence_id INTEGER NOT NULL,
  cancelled INTEGER NOT NULL,
  new_start INTEGER,
  PRIMARY KEY (shift, recurrence_id)
);

CREATE TABLE shift_signups (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  hub TEXT NOT NULL REFERENCES hubs(id),
  shift TEXT NOT NULL REFERENCES shifts(id),
  occurrence INTEGER NOT NULL,
  role TEXT NOT NULL,
  member TEXT NOT NULL REFERENCES members(id),
  status TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  local_start INTEGER NOT NULL,
  popular INTEGER NOT NULL,
  checked_in_at INTEGER,
  minutes_done INTEGER,
  no_show_by TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
-- One active place per member and occurrence; a withdrawn one may be followed by a new sign-up.
CREATE UNIQUE INDEX shift_signups_one_active ON shift_signups(shift, occurrence, member)
  WHERE status != 'withdrawn';
CREATE INDEX shift_signups_by_occurrence ON shift_signups(shift, occurrence, seq);
CREATE INDEX shift_signups_by_shift ON shift_signups(shift, starts_at);
CREATE INDEX shift_signups_by_member ON shift_signups(member, starts_at);

CREATE TABLE shift_swaps (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  hub TEXT NOT NULL REFERENCES hubs(id),
  signup TEXT NOT NULL REFERENCES shift_signups(id),
  from_member TEXT NOT NULL,
  to_member TEXT NOT NULL,
  exchange TEXT REFERENCES shift_signups(id),
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  decided_at INTEGER
);
CREATE INDEX shift_swaps_open_from ON shift_swaps(from_member) WHERE status = 'proposed';
CREATE INDEX shift_swaps_open_to ON shift_swaps(to_member) WHERE status = 'proposed';

-- Notifications: the outbox every capability writes to, per-member reminder offsets, per-hub mail server.
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  hub TEXT NOT NULL REFERENCES hubs(id),
  member TEXT NOT NULL REFERENCES members(id),
  channel TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  dedupe_key TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  attempts INTEGER NOT NULL,
  last_error TEXT NOT NULL
);
CREATE INDEX outbox_by_member ON outbox(member, seq);
CREATE INDEX outbox_unsent ON outbox(seq) WHERE sent_at IS NULL;

CREATE TABLE reminder_offsets (
  member TEXT PRIMARY KEY REFERENCES members(id),
  offsets TEXT NOT NULL
);

CREATE TABLE hub_smtp (
  hub TEXT PRIMARY KEY REFERENCES hubs(id),
  host TEXT NOT NULL,
  port INTEGER NOT NULL,
  from_address TEXT NOT NULL
);

-- One private calendar feed per member, by a revocable token stored only as its hash.
CREATE TABLE calendar_tokens (
  member TEXT PRIMARY KEY REFERENCES members(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
)sql"},
};

}  // namespace

int LatestSchemaVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

Result<int> ReadSchemaVersion(Connection& conn) {
  Result<Stmt> stmt = conn.Prepare("PRAGMA user_version");
  if (!stmt.ok()) return stmt.status();
  if (stmt->Step() != SQLITE_ROW) return Error(conn.db(), "cannot read the schema version");
  return static_cast<int>(stmt->Int64(0));
}

Result<int> ApplyMigrations(Connection& conn) {
  for (const Migration& m : kMigrations) {
    Status s = conn.Script("BEGIN IMMEDIATE");
    if (!s.ok()) return s;
    // Read inside the write transaction so a concurrent migrator cannot have applied this step in between.
    Result<int> version = ReadSchemaVersion(conn);
    if (!version.ok()) {
      conn.Script("ROLLBACK");
      return version.status();
    }
    if (*version > LatestSchemaVersion()) {
      conn.Script("ROLLBACK");
      return Status::Internal("the database has schema version " + std::to_string(*version) +
                              ", newer than this kin understands (" + std::to_string(LatestSchemaVersion()) +
                              "); upgrade kin");
    }
    if (*version >= m.version) {
      conn.Script("ROLLBACK");
      continue;
    }
    s = conn.Script(m.sql);
    if (s.ok()) s = conn.Script(("PRAGMA user_version = " + std::to_string(m.version)).c_str());
    if (s.ok()) s = conn.Script("COMMIT");
    if (!s.ok()) {
      conn.Script("ROLLBACK");
      return Status::Internal("migration " + std::to_string(m.version) + " failed: " + s.message());
    }
  }
  return ReadSchemaVersion(conn);
}

}  // namespace kin::sqlite
