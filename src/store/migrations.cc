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
-- What the allocation engine proposed and what people decided about it. Rows still 'suggested' are replaced at
-- each run; the others are the record of confirmations, acceptances and declines (which the engine respects).
CREATE TABLE suggestions (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  hub TEXT NOT NULL REFERENCES hubs(id),
  need TEXT NOT NULL REFERENCES needs(id),
  offer TEXT NOT NULL REFERENCES offers(id),
  helper TEXT NOT NULL REFERENCES members(id),
  status TEXT NOT NULL,
  distance_m INTEGER NOT NULL,
  shared_languages TEXT NOT NULL,
  urgency TEXT NOT NULL,
  waited_days INTEGER NOT NULL,
  helper_load_after INTEGER NOT NULL,
  helper_capacity INTEGER NOT NULL,
  match TEXT,
  decided_by TEXT,
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX suggestions_by_hub ON suggestions(hub, seq);
CREATE INDEX suggestions_by_need ON suggestions(need);
CREATE INDEX suggestions_by_helper ON suggestions(helper);
CREATE UNIQUE INDEX suggestions_one_open_per_pair ON suggestions(need, offer) WHERE status = 'suggested';

-- Why each open need got no suggestion at the last run.
CREATE TABLE unmet_needs (
  need TEXT PRIMARY KEY REFERENCES needs(id),
  hub TEXT NOT NULL REFERENCES hubs(id),
  cause TEXT NOT NULL,
  computed_at INTEGER NOT NULL
);
CREATE INDEX unmet_needs_by_hub ON unmet_needs(hub);
)sql"},
    {4, R"sql(
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
    {5, R"sql(
-- Assemblies: proposals, the electorate frozen when one opens, and ballots.
CREATE TABLE proposals (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  hub TEXT NOT NULL REFERENCES hubs(id),
  author TEXT NOT NULL REFERENCES members(id),
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  method TEXT NOT NULL,
  options TEXT NOT NULL,
  seats INTEGER NOT NULL,
  majority TEXT NOT NULL,
  max_score INTEGER NOT NULL,
  dots INTEGER NOT NULL,
  electorate TEXT NOT NULL,
  electorate_role INTEGER NOT NULL,
  opens_at INTEGER,
  closes_at INTEGER NOT NULL,
  quorum_count INTEGER NOT NULL,
  quorum_percent INTEGER NOT NULL,
  visibility TEXT NOT NULL,
  anonymous INTEGER NOT NULL,
  review_at INTEGER,
  status TEXT NOT NULL,
  electorate_size INTEGER NOT NULL,
  ballots_cast INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  opened_at INTEGER,
  closed_at INTEGER,
  outcome TEXT,
  kind TEXT NOT NULL,
  candidates TEXT NOT NULL,
  mandate TEXT NOT NULL,
  recall_delegate TEXT NOT NULL
);
CREATE INDEX proposals_by_hub ON proposals(hub, seq);
CREATE INDEX proposals_due ON proposals(status, closes_at);

-- Who may vote, frozen at opening. Keyed by the (random) member id: no order of its own.
CREATE TABLE proposal_electorate (
  proposal TEXT NOT NULL REFERENCES proposals(id),
  member TEXT NOT NULL,
  PRIMARY KEY (proposal, member)
) WITHOUT ROWID;

-- Who has voted, for the one-ballot rule. No time, no order of its own, no ballot id.
CREATE TABLE proposal_participation (
  proposal TEXT NOT NULL REFERENCES proposals(id),
  member TEXT NOT NULL,
  PRIMARY KEY (proposal, member)
) WITHOUT ROWID;

-- Ballots without voters. The key is a fresh random id and the table has no rowid, so rows sit in the order of
-- that random id: neither a column nor the storage order tells when a ballot arrived or whose it is.
CREATE TABLE proposal_ballots (
  proposal TEXT NOT NULL REFERENCES proposals(id),
  id TEXT NOT NULL,
  position TEXT NOT NULL,
  reason TEXT NOT NULL,
  approve TEXT NOT NULL,
  ranking TEXT NOT NULL,
  scores TEXT NOT NULL,
  dots TEXT NOT NULL,
  PRIMARY KEY (proposal, id)
) WITHOUT ROWID;

-- Resisting capture: a hub's waiting period before new members vote, and the vouches that let them vote sooner.
CREATE TABLE assembly_settings (
  hub TEXT PRIMARY KEY REFERENCES hubs(id),
  waiting_days INTEGER NOT NULL,
  vouches_needed INTEGER NOT NULL
);
CREATE TABLE vouches (
  hub TEXT NOT NULL REFERENCES hubs(id),
  member TEXT NOT NULL REFERENCES members(id),
  voucher TEXT NOT NULL REFERENCES members(id),
  at INTEGER NOT NULL,
  PRIMARY KEY (hub, member, voucher)
);

-- Delegates an election made, until recalled.
CREATE TABLE delegates (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  hub TEXT NOT NULL REFERENCES hubs(id),
  member TEXT NOT NULL REFERENCES members(id),
  mandate TEXT NOT NULL,
  elected_by TEXT NOT NULL REFERENCES proposals(id),
  elected_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  recalled_by TEXT,
  ended_at INTEGER
);
CREATE INDEX delegates_by_hub ON delegates(hub, seq);

-- Open (not anonymous) proposals only: which ballot is whose, so the members can see how each voted.
CREATE TABLE proposal_recorded_votes (
  proposal TEXT NOT NULL REFERENCES proposals(id),
  member TEXT NOT NULL,
  ballot TEXT NOT NULL,
  PRIMARY KEY (proposal, member)
) WITHOUT ROWID;
)sql"},
    {6, R"sql(
-- Shared resources: stock items and every movement of them. Quantities are whole numbers in the item's smallest
-- unit; the CHECKs are the last guard behind core's rules that nothing goes negative.
CREATE TABLE stock_items (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  hub TEXT NOT NULL REFERENCES hubs(id),
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  unit TEXT NOT NULL,
  place TEXT NOT NULL,
  best_before INTEGER,  -- days since 1970-01-01
  low_at INTEGER NOT NULL CHECK (low_at >= 0),
  quantity INTEGER NOT NULL CHECK (quantity >= 0),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX stock_items_by_hub ON stock_items(hub, seq);
CREATE INDEX stock_items_expiring ON stock_items(hub, best_before) WHERE best_before IS NOT NULL;

CREATE TABLE stock_moves (
  seq INTEGER PRIMARY KEY,
  hub TEXT NOT NULL REFERENCES hubs(id),
  item TEXT NOT NULL REFERENCES stock_items(id),
  kind TEXT NOT NULL,
  delta INTEGER NOT NULL,
  quantity_after INTEGER NOT NULL CHECK (quantity_after >= 0),
  need TEXT REFERENCES needs(id),
  note TEXT NOT NULL,
  actor TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX stock_moves_by_hub ON stock_moves(hub, seq);
CREATE INDEX stock_moves_by_item ON stock_moves(item, seq);
CREATE INDEX stock_moves_by_need ON stock_moves(need) WHERE need IS NOT NULL;

-- The library of things: what can be borrowed, loans (reservations that become check-outs), who waits, and the
-- reminders the notification outbox sends.
CREATE TABLE lendables (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  hub TEXT NOT NULL REFERENCES hubs(id),
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  description TEXT NOT NULL,
  condition TEXT NOT NULL,
  max_loan_days INTEGER NOT NULL,
  buffer_hours INTEGER NOT NULL,
  borrowers TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX lendables_by_hub ON lendables(hub, seq);

CREATE TABLE loans (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  hub TEXT NOT NULL REFERENCES hubs(id),
  item TEXT NOT NULL REFERENCES lendables(id),
  borrower TEXT NOT NULL REFERENCES members(id),
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL CHECK (end_at > start_at),
  status TEXT NOT NULL,
  out_condition TEXT NOT NULL,
  return_condition TEXT NOT NULL,
  checked_out_at INTEGER,
  returned_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX loans_by_hub ON loans(hub, seq);
CREATE INDEX loans_holding ON loans(item, start_at) WHERE status IN ('reserved', 'out');
CREATE INDEX loans_out_by_due ON loans(end_at) WHERE status = 'out';

CREATE TABLE loan_waitlist (
  seq INTEGER PRIMARY KEY,
  hub TEXT NOT NULL REFERENCES hubs(id),
  item TEXT NOT NULL REFERENCES lendables(id),
  member TEXT NOT NULL REFERENCES members(id),
  created_at INTEGER NOT NULL,
  UNIQUE (item, member)
);

CREATE TABLE loan_reminders (
  seq INTEGER PRIMARY KEY,
  hub TEXT NOT NULL REFERENCES hubs(id),
  loan TEXT NOT NULL REFERENCES loans(id),
  member TEXT NOT NULL REFERENCES members(id),
  kind TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  UNIQUE (loan, kind)
);
CREATE INDEX loan_reminders_unsent ON loan_reminders(seq) WHERE sent_at IS NULL;

-- Capacity: places per date or slot (beds a night, meals a service) and their allocations to needs. `allocated`
-- is kept with the slot in the same transaction as each allocation; the CHECK is the last guard against
-- overbooking.
CREATE TABLE capacity_pools (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  hub TEXT NOT NULL REFERENCES hubs(id),
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  unit TEXT NOT NULL,
  description TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX capacity_pools_by_hub ON capacity_pools(hub, seq);

CREATE TABLE capacity_slots (
  seq INTEGER PRIMARY KEY,
  pool TEXT NOT NULL REFERENCES capacity_pools(id),
  hub TEXT NOT NULL REFERENCES hubs(id),
  day INTEGER NOT NULL,  -- days since 1970-01-01
  label TEXT NOT NULL,   -- '' for the whole day
  capacity INTEGER NOT NULL CHECK (capacity >= 0),
  allocated INTEGER NOT NULL CHECK (allocated >= 0 AND allocated <= capacity),
  UNIQUE (pool, day, label)
);
CREATE INDEX capacity_slots_by_hub_day ON capacity_slots(hub, day);

CREATE TABLE capacity_allocations (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  hub TEXT NOT NULL REFERENCES hubs(id),
  pool TEXT NOT NULL REFERENCES capacity_pools(id),
  day INTEGER NOT NULL,
  label TEXT NOT NULL,
  need TEXT NOT NULL REFERENCES needs(id),
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  status TEXT NOT NULL,
  actor TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  released_at INTEGER
);
CREATE INDEX capacity_allocations_by_pool ON capacity_allocations(pool, seq);
)sql"},
    {7, R"sql(
-- Web app: a need closed as a duplicate points at the one kept (intake merges them).
CREATE TABLE need_duplicates (
  need TEXT PRIMARY KEY REFERENCES needs(id),
  kept TEXT NOT NULL REFERENCES needs(id),
  merged_by TEXT NOT NULL,
  merged_at INTEGER NOT NULL
);
CREATE INDEX need_duplicates_by_kept ON need_duplicates(kept);

-- What each member chose to be told about; no row means nothing.
CREATE TABLE notify_choices (
  member TEXT PRIMARY KEY REFERENCES members(id),
  fitting_needs INTEGER NOT NULL,
  pairings INTEGER NOT NULL,
  own_needs INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
)sql"},
    {8, R"sql(
-- Two-step sign-in (safety): a person's TOTP secret, sealed and bound to "member_totp:<member>", and the step of
-- the last code accepted, so no code works twice.
CREATE TABLE member_totp (
  seq INTEGER PRIMARY KEY,
  member TEXT NOT NULL UNIQUE REFERENCES members(id),
  secret_sealed BLOB NOT NULL,
  confirmed INTEGER NOT NULL,
  last_step INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);

-- A hub's security rules; a hub without a row has the defaults.
CREATE TABLE hub_security (
  seq INTEGER PRIMARY KEY,
  hub TEXT NOT NULL UNIQUE REFERENCES hubs(id),
  require_coordinator_two_factor INTEGER NOT NULL
);
)sql"},
    {9, R"sql(
-- Federation (issue 10). Key pairs of the instance actor ("instance") and of each hub (its id); the private key is
-- sealed and bound to "federation_keys:<owner>".
CREATE TABLE federation_keys (
  seq INTEGER PRIMARY KEY,
  owner TEXT NOT NULL UNIQUE,
  public_pem TEXT NOT NULL,
  private_sealed BLOB NOT NULL,
  created_at INTEGER NOT NULL
);

-- Actors of other servers: their keys (a cache, re-fetched when a signature stops verifying) and inboxes.
CREATE TABLE remote_actors (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  key_id TEXT NOT NULL,
  public_pem TEXT NOT NULL,
  inbox TEXT NOT NULL,
  shared_inbox TEXT NOT NULL,
  preferred_username TEXT NOT NULL,
  name TEXT NOT NULL,
  fetched_at INTEGER NOT NULL
);
CREATE INDEX remote_actors_by_key ON remote_actors(key_id);

-- Ids of activities received, so a replayed activity changes nothing.
CREATE TABLE federation_received (
  seq INTEGER PRIMARY KEY,
  activity_id TEXT NOT NULL UNIQUE,
  received_at INTEGER NOT NULL
);

-- Follows between a hub and remote actors, in either direction.
CREATE TABLE hub_follows (
  seq INTEGER PRIMARY KEY,
  hub TEXT NOT NULL REFERENCES hubs(id),
  direction TEXT NOT NULL CHECK (direction IN ('following', 'follower')),
  remote_actor TEXT NOT NULL,
  remote_handle TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'rejected')),
  follow_activity_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (hub, direction, remote_actor)
);

-- The delivery queue: one row per (activity, target inbox), kept after delivery or giving up as a record.
CREATE TABLE federation_deliveries (
  seq INTEGER PRIMARY KEY,
  activity_id TEXT NOT NULL,
  inbox TEXT NOT NULL,
  body TEXT NOT NULL,
  signer TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  last_error TEXT NOT NULL,
  delivered_at INTEGER,
  gave_up_at INTEGER,
  UNIQUE (activity_id, inbox)
);
CREATE INDEX federation_deliveries_due ON federation_deliveries(next_attempt_at)
  WHERE delivered_at IS NULL AND gave_up_at IS NULL;

-- What each hub published, for its outbox collection.
CREATE TABLE federation_outbox (
  seq INTEGER PRIMARY KEY,
  hub TEXT NOT NULL REFERENCES hubs(id),
  activity_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  body TEXT NOT NULL,
  is_public INTEGER NOT NULL,
  published_at INTEGER NOT NULL
);
CREATE INDEX federation_outbox_by_hub ON federation_outbox(hub, seq);
)sql"},
    {10, R"sql(
-- Notifications: each message keeps its kind's parameters (core/notification_text.h) so it can be rendered in the
-- language its member reads now; a hub's mail server may need a sign-in, whose password is sealed and bound to
-- "hub_smtp:<hub>".
ALTER TABLE outbox ADD COLUMN params TEXT NOT NULL DEFAULT '';
-- Rebuilt with a seq, which key rotation walks sealed columns by.
CREATE TABLE hub_smtp_v9 (
  seq INTEGER PRIMARY KEY,
  hub TEXT NOT NULL UNIQUE REFERENCES hubs(id),
  host TEXT NOT NULL,
  port INTEGER NOT NULL,
  from_address TEXT NOT NULL,
  username TEXT NOT NULL DEFAULT '',
  password_sealed BLOB
);
INSERT INTO hub_smtp_v9 (hub, host, port, from_address) SELECT hub, host, port, from_address FROM hub_smtp;
DROP TABLE hub_smtp;
ALTER TABLE hub_smtp_v9 RENAME TO hub_smtp;
)sql"},
    {11, R"sql(
-- Federation: the offers and needs a hub shares with its followers. Ids only: the published text is rebuilt
-- from the item, stripped of personal data, each time it goes out.
CREATE TABLE federation_shared (
  hub TEXT NOT NULL REFERENCES hubs(id),
  kind TEXT NOT NULL,
  local_id TEXT NOT NULL,
  object_id TEXT NOT NULL,
  shared_by TEXT NOT NULL,
  shared_at INTEGER NOT NULL,
  PRIMARY KEY (hub, kind, local_id)
);
)sql"},
    {12, R"sql(
-- Federation: escalation of unmet needs between hubs. Each hub's choices; its X25519 key pair for contact
-- hand-overs (the secret half sealed, bound to "escalation_keys:<hub>"); and every escalation it takes part in,
-- the state machine's record kept whole as JSON (no contact details: those travel sealed and are never stored here).
CREATE TABLE escalation_settings (
  hub TEXT PRIMARY KEY REFERENCES hubs(id),
  delay_seconds INTEGER NOT NULL,
  hop_limit INTEGER NOT NULL
);
CREATE TABLE escalation_keys (
  seq INTEGER PRIMARY KEY,
  hub TEXT NOT NULL UNIQUE REFERENCES hubs(id),
  public_key BLOB NOT NULL,
  secret_sealed BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE escalations (
  seq INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  hub TEXT NOT NULL REFERENCES hubs(id),
  id TEXT NOT NULL,
  role TEXT NOT NULL,
  state TEXT NOT NULL,
  need TEXT NOT NULL,
  record TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (hub, id)
);
CREATE INDEX escalations_by_need ON escalations(hub, need);
)sql"},
    {13, R"sql(
-- Federation: the offers and needs that hubs a hub follows share with it, one row per receiving hub. Only what a
-- FEP-0837 Proposal carries (no personal data ever arrives), so nothing here is sealed.
CREATE TABLE federation_received_shares (
  seq INTEGER PRIMARY KEY,
  hub TEXT NOT NULL REFERENCES hubs(id),
  object_id TEXT NOT NULL,
  remote_actor TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('offer', 'need')),
  category TEXT NOT NULL,
  quantity REAL NOT NULL,
  unit TEXT NOT NULL,
  available REAL,
  period TEXT NOT NULL,
  urgency TEXT NOT NULL,
  lat REAL,
  lon REAL,
  radius_m REAL NOT NULL,
  name TEXT NOT NULL,
  summary TEXT NOT NULL,
  language TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  UNIQUE (hub, object_id)
);
CREATE INDEX federation_received_shares_by_actor ON federation_received_shares(hub, remote_actor);
-- A hub that stops following another (it unfollows, or the other removes it) drops what that hub shared, in the
-- same transaction as the follow's change, whichever code path changed it.
CREATE TRIGGER federation_received_shares_unfollowed AFTER DELETE ON hub_follows
WHEN OLD.direction = 'following'
BEGIN
  DELETE FROM federation_received_shares WHERE hub = OLD.hub AND remote_actor = OLD.remote_actor;
END;
CREATE TRIGGER federation_received_shares_follow_ended AFTER UPDATE OF state ON hub_follows
WHEN NEW.direction = 'following' AND NEW.state != 'accepted'
BEGIN
  DELETE FROM federation_received_shares WHERE hub = NEW.hub AND remote_actor = NEW.remote_actor;
END;
-- A hub may choose that the offers and needs it shares carry their free-text description (off by default).
ALTER TABLE hubs ADD COLUMN share_description INTEGER NOT NULL DEFAULT 0;
-- The actor documents of remote hubs as last fetched, for the directory (area, categories, languages).
CREATE TABLE remote_actor_documents (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  document TEXT NOT NULL,
  fetched_at INTEGER NOT NULL
);
)sql"},
    {14, R"sql(
-- Councils of hubs (docs/assemblies.md, "Councils"). Each local hub's view of a council is a row: the host's, or
-- a member's (invited, member, declined). Two hubs of one server in one council have two rows with the same url.
CREATE TABLE councils (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  hub TEXT NOT NULL REFERENCES hubs(id),
  url TEXT NOT NULL,
  name TEXT NOT NULL,
  host_actor TEXT NOT NULL,
  host_inbox TEXT NOT NULL,
  standing TEXT NOT NULL,
  joined_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (hub, url)
);
-- The host's record of the hubs it invited.
CREATE TABLE council_members (
  council TEXT NOT NULL REFERENCES councils(id),
  actor TEXT NOT NULL,
  inbox TEXT NOT NULL,
  name TEXT NOT NULL,
  state TEXT NOT NULL,
  invited_at INTEGER NOT NULL,
  answered_at INTEGER,
  PRIMARY KEY (council, actor)
) WITHOUT ROWID;
-- A council proposal is a row of proposals (details, status, outcome) linked here to its council; the host's
-- copy and each member hub's copy share the url.
CREATE TABLE council_proposals (
  proposal TEXT PRIMARY KEY REFERENCES proposals(id),
  council TEXT NOT NULL REFERENCES councils(id),
  url TEXT NOT NULL,
  UNIQUE (council, url)
) WITHOUT ROWID;
-- The member hubs that may vote, frozen when the host opens the proposal.
CREATE TABLE council_electorate (
  proposal TEXT NOT NULL REFERENCES proposals(id),
  actor TEXT NOT NULL,
  PRIMARY KEY (proposal, actor)
) WITHOUT ROWID;
-- One ballot per hub, with the delegate who cast it: council ballots are never anonymous.
CREATE TABLE council_votes (
  proposal TEXT NOT NULL REFERENCES proposals(id),
  hub_actor TEXT NOT NULL,
  hub_name TEXT NOT NULL,
  delegate_name TEXT NOT NULL,
  delegate TEXT NOT NULL,
  position TEXT NOT NULL,
  reason TEXT NOT NULL,
  approve TEXT NOT NULL,
  ranking TEXT NOT NULL,
  scores TEXT NOT NULL,
  dots TEXT NOT NULL,
  cast_at INTEGER NOT NULL,
  PRIMARY KEY (proposal, hub_actor)
) WITHOUT ROWID;
CREATE INDEX council_votes_by_delegate ON council_votes(delegate) WHERE delegate <> '';
)sql"},
    {15, R"sql(
-- Pruning the actor cache asks, per cached actor, whether any hub follows it or is followed by it.
CREATE INDEX hub_follows_by_actor ON hub_follows(remote_actor);
-- Publishing an Update drops the outbox's earlier Create/Update of the same object (DeleteOutboxActivitiesOf
-- uses this very expression).
CREATE INDEX federation_outbox_by_object ON federation_outbox(hub, json_extract(body, '$.object.id'))
  WHERE type IN ('Create', 'Update');
-- The minute sweep empties the bodies of deliveries finished a week ago (ForgetDeliveryBodies, this very
-- expression): only rows still holding a body are indexed, so the sweep never walks the kept record.
CREATE INDEX federation_deliveries_finished_with_body ON federation_deliveries(COALESCE(delivered_at, gave_up_at))
  WHERE body <> '';
)sql"},
    {16, R"sql(
-- Deliveries to one target inbox go in the order they were queued (docs/federation.md, "Delivery"): the queue
-- sends only each inbox's oldest pending row, found through this index (ListDueDeliveries,
-- store/sqlite_delivery_queue.h). It replaces the index by next attempt, which would walk every row waiting behind
-- a dead inbox's oldest on every tick.
CREATE INDEX federation_deliveries_pending_by_inbox ON federation_deliveries(inbox, seq)
  WHERE delivered_at IS NULL AND gave_up_at IS NULL;
DROP INDEX federation_deliveries_due;
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
