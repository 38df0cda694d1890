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
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/assembly_settings.h"
#include "core/ballot.h"
#include "core/capacity.h"
#include "core/contact_access.h"
#include "core/council.h"
#include "core/delegate.h"
#include "core/escalation_record.h"
#include "core/credential.h"
#include "core/event.h"
#include "core/federation.h"
#include "core/received_share.h"
#include "core/hub.h"
#include "core/library.h"
#include "core/match.h"
#include "core/member.h"
#include "core/need.h"
#include "core/notification.h"
#include "core/offer.h"
#include "core/shift.h"
#include "core/proposal.h"
#include "core/preferences.h"
#include "core/status.h"
#include "core/suggestion.h"
#include "core/stock.h"
#include "core/two_factor.h"

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

struct SuggestionFilter {
  std::optional<NeedId> need;
  std::optional<MemberId> helper;
  std::optional<SuggestionStatus> status;
};

// Key rotation (safety): where a re-sealing pass stands. Sealed columns are visited in a fixed order, each by seq.
struct ResealCursor {
  int column = 0;     // index into the backend's list of sealed columns
  int64_t after = 0;  // seq of the last row visited in that column
};

struct ResealProgress {
  int resealed = 0;    // values re-sealed in this batch
  ResealCursor next;   // where the next batch starts
  bool done = false;   // every sealed column visited to its end
};

// Shared resources: which stock items a list shows.
struct StockFilter {
  std::optional<std::string> category;
  bool low_only = false;  // only items at or below their low-stock mark
};

// Shared resources: which things and loans a list shows.
struct LendableFilter {
  std::optional<std::string> category;
  std::optional<LendableStatus> status;
};

struct LoanFilter {
  std::optional<LendableId> item;
  std::optional<MemberId> borrower;
  std::optional<LoanStatus> status;
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
  // The hubs with events after `after_seq` (an event's seq, or 0), and in `last_seq` the newest event's seq (or
  // `after_seq` when there is none): how a background job notices which hubs changed.
  virtual std::vector<HubId> HubsWithEventsAfter(int64_t after_seq, int64_t& last_seq) = 0;

  // Who read whose contact details, newest first; all of a hub's, or one need's when `need` is set.
  virtual Page<ContactAccess> ListContactAccess(const HubId& hub, const std::optional<NeedId>& need,
                                                const PageRequest& page) = 0;
  // Closed needs of `hub` not yet redacted whose last change was at or before `closed_before`, oldest first.
  virtual std::vector<NeedId> ListNeedsToRedact(const HubId& hub, Timestamp closed_before, int limit) = 0;

  virtual Result<Session> GetSession(const std::string& token_hash) = 0;
  // Every session and API token of a member, newest first, revoked and expired ones included.
  virtual std::vector<Session> ListSessionsOf(const MemberId& member) = 0;
  virtual Result<Invite> GetInviteByTokenHash(const std::string& token_hash) = 0;

  // Allocation suggestions.
  virtual Result<Suggestion> GetSuggestion(const SuggestionId& id) = 0;
  // Newest first.
  virtual Page<Suggestion> ListSuggestions(const HubId& hub, const SuggestionFilter& filter,
                                           const PageRequest& page) = 0;
  // Why each of the hub's open needs got no suggestion at the last run, by need id.
  virtual std::vector<UnmetNeed> ListUnmetNeeds(const HubId& hub) = 0;

  // --- Key rotation (safety) ---
  // How many stored sealed values (contact details and every other sealed secret) name each key id.
  virtual std::map<uint32_t, int64_t> CountSealedValuesByKey() = 0;
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
  // --- Assemblies: proposals and ballots (docs/assemblies.md) ---
  virtual Result<Proposal> GetProposal(const ProposalId& id) = 0;
  // Newest first; all statuses when `status` is empty.
  virtual Page<Proposal> ListProposals(const HubId& hub, std::optional<ProposalStatus> status,
                                       const PageRequest& page) = 0;
  // Across hubs, oldest deadline first: drafts whose opens_at has come and whose closes_at has not (status
  // kDraft), or open proposals whose closes_at has come (status kOpen).
  virtual std::vector<ProposalId> ListProposalsDue(ProposalStatus status, Timestamp now, int limit) = 0;
  virtual bool InElectorate(const ProposalId& proposal, const MemberId& member) = 0;
  virtual bool HasVoted(const ProposalId& proposal, const MemberId& member) = 0;
  // Every ballot of a proposal, in the order of their random ids; ballots carry no voter.
  virtual std::vector<Ballot> ListBallots(const ProposalId& proposal) = 0;
  // Open proposals only (nothing is recorded for anonymous ones): each voter's ballot, by member id.
  virtual std::vector<std::pair<MemberId, Ballot>> ListRecordedVotes(const ProposalId& proposal) = 0;
  // --- Shared resources: stock ---
  virtual Result<StockItem> GetStockItem(const StockItemId& id) = 0;
  // Newest first.
  virtual Page<StockItem> ListStockItems(const HubId& hub, const StockFilter& filter, const PageRequest& page) = 0;
  // Items still on the shelf (quantity > 0) whose best-before date is on or before `last_day`, soonest first, at
  // most `limit`.
  virtual std::vector<StockItem> ListExpiringStock(const HubId& hub, Date last_day, int limit) = 0;
  // Newest first; every movement of the hub, or one item's when `item` is set.
  virtual Page<StockMove> ListStockMoves(const HubId& hub, const std::optional<StockItemId>& item,
                                         const PageRequest& page) = 0;
  // Web app: needs merged as duplicates, and members' notification choices.
  // The need `need` was merged into, when it was closed as a duplicate.
  virtual std::optional<NeedId> GetDuplicateOf(const NeedId& need) = 0;
  // Defaults (nothing chosen) for a member who never saved any.
  virtual NotifyChoices GetNotifyChoices(const MemberId& member) = 0;
  // --- Two-step sign-in (safety) ---
  virtual std::optional<TotpEnrolment> GetTotp(const MemberId& member) = 0;
  // The hub's rules; the defaults when none were set.
  virtual HubSecurity GetHubSecurity(const HubId& hub) = 0;
  virtual Result<Delegate> GetDelegate(const DelegateId& id) = 0;
  // A hub's delegates, active and recalled, newest first (at most 500).
  virtual std::vector<Delegate> ListDelegates(const HubId& hub) = 0;
  // A member's ballots on proposals that are not anonymous, newest proposal first (at most 500).
  virtual std::vector<std::pair<ProposalId, Ballot>> ListRecordedVotesOf(const MemberId& member) = 0;
  // For a person's own export: the proposals they took part in (not how they voted on secret ballots), and the
  // vouches they gave or received.
  virtual std::vector<ProposalId> ListParticipationOf(const MemberId& member) = 0;
  virtual std::vector<Vouch> ListVouchesOf(const MemberId& member) = 0;
  // The hub's settings, or the defaults when it never set them.
  virtual AssemblySettings GetAssemblySettings(const HubId& hub) = 0;
  // --- Shared resources: library of things ---
  virtual Result<Lendable> GetLendable(const LendableId& id) = 0;
  // Newest first.
  virtual Page<Lendable> ListLendables(const HubId& hub, const LendableFilter& filter, const PageRequest& page) = 0;
  virtual Result<Loan> GetLoan(const LoanId& id) = 0;
  // Newest first.
  virtual Page<Loan> ListLoans(const HubId& hub, const LoanFilter& filter, const PageRequest& page) = 0;
  // The item's reserved and out loans, earliest first: the calendar new reservations are checked against.
  virtual std::vector<Loan> ListLoansHoldingWindow(const LendableId& item) = 0;
  // Loans out past their due time, most overdue first; one hub's, or every hub's when `hub` is empty.
  virtual std::vector<Loan> ListOverdueLoans(const HubId& hub, Timestamp now, int limit) = 0;
  // Oldest first.
  virtual std::vector<WaitlistEntry> ListWaitlist(const LendableId& item) = 0;
  // Oldest first; only those not yet sent when `unsent_only`.
  virtual std::vector<LoanReminder> ListLoanReminders(const HubId& hub, bool unsent_only, int limit) = 0;

  // --- Shared resources: capacity ---
  virtual Result<CapacityPool> GetCapacityPool(const CapacityPoolId& id) = 0;
  // Newest first.
  virtual Page<CapacityPool> ListCapacityPools(const HubId& hub, const PageRequest& page) = 0;
  virtual std::optional<CapacitySlot> GetCapacitySlot(const CapacityPoolId& pool, Date date,
                                                      const std::string& label) = 0;
  // Slots dated from..to (inclusive) of the hub, or of one pool when `pool` is set; by date, then pool, then label.
  virtual std::vector<CapacitySlot> ListCapacitySlots(const HubId& hub, const std::optional<CapacityPoolId>& pool,
                                                      Date from, Date to) = 0;
  virtual Result<CapacityAllocation> GetCapacityAllocation(const CapacityAllocationId& id) = 0;
  // Newest first.
  virtual Page<CapacityAllocation> ListCapacityAllocations(const CapacityPoolId& pool, const PageRequest& page) = 0;
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

  // --- Federation (issue 10): keys, remote actors, follows between hubs, received ids, deliveries, outbox ---
  virtual std::optional<FederationKey> GetFederationKey(const std::string& owner) = 0;
  virtual std::optional<RemoteActor> GetRemoteActor(const std::string& id) = 0;
  virtual std::optional<RemoteActor> GetRemoteActorByKey(const std::string& key_id) = 0;
  virtual std::optional<HubFollow> GetHubFollow(const HubId& hub, FollowDirection direction,
                                                const std::string& remote_actor) = 0;
  // Every follow of the hub in both directions, oldest first (at most 1000).
  virtual std::vector<HubFollow> ListHubFollows(const HubId& hub) = 0;
  virtual bool HasReceivedActivity(const std::string& activity_id) = 0;
  // What the delivery queue may send at `now`, at most `limit` rows, in runs of one target inbox each. Deliveries
  // to one inbox go in the order they were queued: a row is never listed while an older row to its inbox is
  // pending (neither delivered nor given up). A run is an inbox's oldest pending row when it is due, then the rows
  // queued after it that are due too, oldest first (at most 16); runs come soonest due first, and every due
  // inbox's first row before any inbox's second.
  virtual std::vector<Delivery> ListDueDeliveries(Timestamp now, int limit) = 0;
  // Every delivery of one activity, by seq.
  virtual std::vector<Delivery> ListDeliveriesOf(const std::string& activity_id) = 0;
  // Per target inbox with deliveries pending, or finished since `since`: the operator's view of the queue, the
  // inboxes with most pending first.
  virtual std::vector<DeliveryQueueLine> SummarizeDeliveries(Timestamp since) = 0;
  // The hub's public outbox, newest first, and how many it holds.
  virtual std::vector<OutboxActivity> ListPublicOutbox(const HubId& hub, int limit) = 0;
  virtual int64_t CountPublicOutbox(const HubId& hub) = 0;
  // One activity of the hub's public outbox by its id, so peers can dereference it; nullopt when there is none.
  virtual std::optional<OutboxActivity> GetPublicOutboxActivity(const HubId& hub, const std::string& activity_id) = 0;
  // --- Notifications: assembly notices and who an empty-slot alert fits (docs/notifications.md) ---
  // Whether a message with this dedupe_key was ever queued.
  virtual bool OutboxHasKey(const std::string& dedupe_key) = 0;
  // The members of a proposal's electorate, frozen when it opened.
  virtual std::vector<MemberId> ListElectorate(const ProposalId& proposal) = 0;
  // Open proposals in every hub whose closes_at is before `by`, soonest first, at most `limit`.
  virtual std::vector<Proposal> ListOpenProposalsClosingBefore(Timestamp by, int limit) = 0;
  // Each (member, qualification) of the hub where the member confirmed holding the qualification by taking a
  // place in a slot that states it (withdrawn places count: they confirmed it then).
  virtual std::vector<std::pair<MemberId, std::string>> ListConfirmedQualifications(const HubId& hub) = 0;

  // --- Federation: shared offers and needs (issue 10) ---
  // kind is "offer" or "need".
  virtual std::optional<SharedRecord> GetSharedRecord(const HubId& hub, const std::string& kind,
                                                      const std::string& local_id) = 0;

  // --- Federation: escalation of unmet needs (issue 10) ---
  // The hub's choices; the defaults when it never set them.
  virtual EscalationSettings GetEscalationSettings(const HubId& hub) = 0;
  // Hubs whose escalation delay is not 0 (they escalate on their own), with their settings.
  virtual std::vector<std::pair<HubId, EscalationSettings>> ListAutoEscalatingHubs() = 0;
  virtual std::optional<ContactKeyRecord> GetContactKey(const HubId& hub) = 0;
  // kNotFound when the hub takes no part in it.
  virtual Result<StoredEscalation> GetEscalation(const HubId& hub, const std::string& id) = 0;
  virtual Result<StoredEscalation> GetEscalationByKey(const std::string& key) = 0;
  // Every escalation of the hub, most recently changed first (at most 500).
  virtual std::vector<StoredEscalation> ListEscalations(const HubId& hub) = 0;
  // The escalations of one need at its home hub (or the one that created it at a taker), oldest first.
  virtual std::vector<StoredEscalation> ListEscalationsOfNeed(const HubId& hub, const std::string& need) = 0;
  // --- Federation: offers and needs shared with our hubs by the hubs they follow, and the directory ---
  virtual std::optional<ReceivedShare> FindReceivedShare(const HubId& hub, const std::string& object_id) = 0;
  // Newest update first, at most `limit`.
  virtual std::vector<ReceivedShare> ListReceivedShares(const HubId& hub, int limit) = 0;
  // Our hubs whose follow of `remote_actor` is accepted: the only hubs that keep what it shares.
  virtual std::vector<HubId> ListHubsFollowingActor(const std::string& remote_actor) = 0;
  // Every hub of every server any of our hubs follows or is followed by (accepted), with its actor document as
  // last fetched; actors whose document was never kept are left out. Oldest first, at most `limit`.
  virtual std::vector<std::pair<std::string, std::string>> ListFederatedActorDocuments(int limit) = 0;
  // What the hub shares with its followers, newest first, at most `limit`.
  virtual std::vector<SharedRecord> ListSharedRecords(const HubId& hub, int limit) = 0;
  // --- Councils of hubs (docs/assemblies.md, "Councils") ---
  virtual Result<Council> GetCouncil(const CouncilId& id) = 0;
  virtual std::optional<Council> GetCouncilByUrl(const HubId& hub, const std::string& url) = 0;
  // Every row with this url (the host's and local members'), oldest first.
  virtual std::vector<Council> ListCouncilsByUrl(const std::string& url) = 0;
  // Councils the hub hosts or belongs to (or left), then invitations and the rest; newest first; at most 500.
  virtual std::vector<Council> ListCouncils(const HubId& hub) = 0;
  // Invitations the hub has not answered: from `host_actor`, or from anyone when it is empty.
  virtual int64_t CountPendingCouncilInvitations(const HubId& hub, const std::string& host_actor) = 0;
  virtual std::optional<CouncilMember> GetCouncilMember(const CouncilId& council, const std::string& actor) = 0;
  virtual std::vector<CouncilMember> ListCouncilMembers(const CouncilId& council) = 0;  // by invitation time
  // The council a proposal belongs to, and the proposal's council-wide url; nullopt for a hub's own proposal.
  virtual std::optional<std::pair<CouncilId, std::string>> GetCouncilOfProposal(const ProposalId& proposal) = 0;
  virtual std::optional<ProposalId> GetCouncilProposalByUrl(const CouncilId& council, const std::string& url) = 0;
  virtual std::vector<ProposalId> ListCouncilProposals(const CouncilId& council) = 0;  // newest first, at most 500
  virtual bool InCouncilElectorate(const ProposalId& proposal, const std::string& actor) = 0;
  virtual std::vector<CouncilVote> ListCouncilVotes(const ProposalId& proposal) = 0;  // by hub actor
  // The council ballots this hub's delegate cast, newest proposal first (at most 500).
  virtual std::vector<CouncilVote> ListCouncilVotesOfDelegate(const DelegateId& delegate) = 0;
  // Open council proposals this server hosts whose closes_at has come.
  virtual std::vector<ProposalId> ListCouncilProposalsDue(Timestamp now, int limit) = 0;
  // --- Council reminders (docs/assemblies.md, "Councils") ---
  // Open council proposals of any local hub (host or member copy) with now < closes_at <= by, soonest first.
  virtual std::vector<ProposalId> ListCouncilProposalsClosingBetween(Timestamp now, Timestamp by, int limit,
                                                                     int offset) = 0;
  // --- Federation: the cache of remote actors (docs/federation.md, "Remote actors are cached") ---
  // The actor document of `actor` as last fetched, and when; nullopt when none was kept.
  virtual std::optional<std::pair<std::string, Timestamp>> GetRemoteActorDocument(const std::string& actor) = 0;
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

  // Allocation suggestions. A second 'suggested' row for the same need and offer is a kConflict.
  virtual Status InsertSuggestion(const Suggestion& suggestion) = 0;
  virtual Status UpdateSuggestion(const Suggestion& suggestion) = 0;
  virtual Status DeleteSuggestion(const SuggestionId& id) = 0;
  // Every suggestion about a need (its personal data is being redacted) or made to a helper (who left).
  virtual Status DeleteSuggestionsForNeed(const NeedId& need) = 0;
  virtual Status DeleteSuggestionsOfHelper(const MemberId& helper) = 0;
  // Replaces the hub's reasons for unmet needs with `unmet`.
  virtual Status ReplaceUnmetNeeds(const HubId& hub, const std::vector<UnmetNeed>& unmet) = 0;

  // --- Key rotation (safety) ---
  // Opens and re-seals, under the store's current sealing key, the sealed values after `from` that another key
  // sealed, visiting at most `limit` rows; the value stays bound to its row. Fails with kInternal (changing
  // nothing) when a value cannot be opened with any key of the ring.
  virtual Result<ResealProgress> ResealValues(const ResealCursor& from, int limit) = 0;
  // --- Shifts (issue 6). A shift's slots and overrides are written with it. A second active sign-up of one
  // member for one occurrence is a kConflict. ---
  virtual Status PutShiftPolicy(const HubId& hub, const ShiftPolicy& policy) = 0;
  virtual Status InsertShift(const Shift& shift) = 0;
  virtual Status UpdateShift(const Shift& shift) = 0;
  virtual Status InsertSignup(const Signup& signup) = 0;
  virtual Status UpdateSignup(const Signup& signup) = 0;
  virtual Status InsertSwap(const Swap& swap) = 0;
  virtual Status UpdateSwap(const Swap& swap) = 0;
  // --- Assemblies: proposals and ballots ---
  virtual Status InsertProposal(const Proposal& proposal) = 0;
  virtual Status UpdateProposal(const Proposal& proposal) = 0;
  // Freezes the electorate of `proposal`: the members of `hub` holding `role` who joined at or before
  // `joined_by`, or who hold at least `vouches_needed` vouches from members who joined by then. Returns how many.
  // Call once, when the proposal opens.
  virtual Result<int> FreezeElectorate(const ProposalId& proposal, const HubId& hub, Role role, Timestamp joined_by,
                                       int vouches_needed) = 0;
  virtual Status PutAssemblySettings(const HubId& hub, const AssemblySettings& settings) = 0;
  // kConflict when the voucher has already vouched for the member.
  virtual Status InsertVouch(const Vouch& vouch) = 0;
  // Marks that `member` has voted; kConflict if they already had.
  virtual Status RecordParticipation(const ProposalId& proposal, const MemberId& member) = 0;
  // Stores a ballot with no trace of its voter.
  virtual Status InsertBallot(const ProposalId& proposal, const BallotId& id, const Ballot& ballot) = 0;
  // Open proposals only: links a voter to their ballot.
  virtual Status RecordVote(const ProposalId& proposal, const MemberId& member, const BallotId& ballot) = 0;
  // --- Shared resources: stock ---
  // The database refuses a negative quantity (kConflict), as a last guard behind core's rules.
  virtual Status InsertStockItem(const StockItem& item) = 0;
  virtual Status UpdateStockItem(const StockItem& item) = 0;
  // Returns the seq the store assigned.
  virtual Result<int64_t> AppendStockMove(const StockMove& move) = 0;
  // Web app: needs merged as duplicates, and members' notification choices.
  // Records that `need` is a duplicate of `kept`; kConflict when `need` was already merged.
  virtual Status InsertDuplicate(const NeedId& need, const NeedId& kept, const std::string& by, Timestamp at) = 0;
  virtual Status PutNotifyChoices(const MemberId& member, const NotifyChoices& choices, Timestamp at) = 0;
  virtual Status DeleteNotifyChoices(const MemberId& member) = 0;
  // --- Two-step sign-in (safety) ---
  virtual Status PutTotp(const TotpEnrolment& enrolment) = 0;  // insert or replace the member's enrolment
  virtual Status DeleteTotp(const MemberId& member) = 0;       // nothing to delete is fine
  virtual Status PutHubSecurity(const HubSecurity& security) = 0;
  // --- Shared resources: library of things ---
  virtual Status InsertLendable(const Lendable& item) = 0;
  virtual Status UpdateLendable(const Lendable& item) = 0;
  virtual Status InsertLoan(const Loan& loan) = 0;
  virtual Status UpdateLoan(const Loan& loan) = 0;
  // kConflict when the member already waits for the item.
  virtual Status AddToWaitlist(const WaitlistEntry& entry) = 0;
  // kNotFound when the member was not waiting.
  virtual Status RemoveFromWaitlist(const LendableId& item, const MemberId& member) = 0;
  // Records a reminder unless one of the same kind exists for the loan; returns whether it was new.
  virtual Result<bool> InsertLoanReminder(const LoanReminder& reminder) = 0;
  virtual Status InsertDelegate(const Delegate& delegate) = 0;
  virtual Status UpdateDelegate(const Delegate& delegate) = 0;
  // --- Shared resources: capacity ---
  virtual Status InsertCapacityPool(const CapacityPool& pool) = 0;
  // Inserts or replaces the slot's capacity and allocated count; kConflict if allocated would exceed capacity.
  virtual Status PutCapacitySlot(const CapacitySlot& slot) = 0;
  virtual Status InsertCapacityAllocation(const CapacityAllocation& allocation) = 0;
  virtual Status UpdateCapacityAllocation(const CapacityAllocation& allocation) = 0;
  // Sets the member's one calendar token (replacing any earlier one), or removes it.
  virtual Status PutCalendarToken(const MemberId& member, const std::string& token_hash, Timestamp at) = 0;
  virtual Status DeleteCalendarToken(const MemberId& member) = 0;
  // kConflict when a message with the same dedupe_key was ever queued.
  virtual Status InsertOutbox(const OutboxMessage& message) = 0;
  virtual Status UpdateOutbox(const OutboxMessage& message) = 0;  // sent_at, attempts, last_error
  virtual Status PutReminderOffsets(const MemberId& member, const std::vector<Minutes>& offsets) = 0;
  virtual Status PutSmtpSettings(const HubId& hub, const std::optional<SmtpSettings>& settings) = 0;  // nullopt: remove

  // --- Federation (issue 10) ---
  // kConflict when the owner already has a key (another request made one first).
  virtual Status InsertFederationKey(const FederationKey& key) = 0;
  virtual Status PutRemoteActor(const RemoteActor& actor) = 0;  // insert or replace, by id
  virtual Status PutHubFollow(const HubFollow& follow) = 0;     // insert or replace, by (hub, direction, actor)
  virtual Status DeleteHubFollow(const HubId& hub, FollowDirection direction, const std::string& remote_actor) = 0;
  // kConflict when the activity was received before.
  virtual Status InsertReceivedActivity(const std::string& activity_id, Timestamp at) = 0;
  // Assigns delivery.seq through the result; kConflict when the activity is already queued for that inbox.
  virtual Result<int64_t> InsertDelivery(const Delivery& delivery) = 0;
  virtual Status UpdateDelivery(const Delivery& delivery) = 0;  // by seq: attempts, times, last error
  // Empties the bodies of deliveries delivered or given up before `finished_before`; returns how many.
  virtual Result<int> ForgetDeliveryBodies(Timestamp finished_before) = 0;
  // kConflict on a second activity with the same id.
  virtual Status InsertOutboxActivity(const OutboxActivity& activity) = 0;
  // Deletes the hub's Create and Update activities of the object `object_id`: superseded by a newer Update, or
  // withdrawn by a Delete, they must not keep serving (or keeping) what the object said.
  virtual Status DeleteOutboxActivitiesOf(const HubId& hub, const std::string& object_id) = 0;

  // --- Federation: shared offers and needs (issue 10) ---
  // kConflict when the item is already shared; DeleteSharedRecord is kNotFound when it was not.
  virtual Status InsertSharedRecord(const SharedRecord& record) = 0;
  virtual Status DeleteSharedRecord(const HubId& hub, const std::string& kind, const std::string& local_id) = 0;

  // --- Federation: escalation of unmet needs (issue 10) ---
  virtual Status PutEscalationSettings(const HubId& hub, const EscalationSettings& settings) = 0;
  // kConflict when the hub already has one.
  virtual Status InsertContactKey(const ContactKeyRecord& key) = 0;
  // Inserts or replaces (by hub and id; the key of an existing row is kept).
  virtual Status PutEscalation(const StoredEscalation& escalation) = 0;
  // --- Federation: offers and needs shared with our hubs, and remote actor documents ---
  virtual Status PutReceivedShare(const ReceivedShare& share) = 0;  // insert or replace, by (hub, object_id)
  // kNotFound when the hub kept no such item.
  virtual Status DeleteReceivedShare(const HubId& hub, const std::string& object_id) = 0;
  virtual Status PutRemoteActorDocument(const std::string& actor, const std::string& document, Timestamp at) = 0;
  // --- Councils of hubs ---
  // kConflict when the hub already has a row for the council's url.
  virtual Status InsertCouncil(const Council& council) = 0;
  virtual Status UpdateCouncil(const Council& council) = 0;
  virtual Status PutCouncilMember(const CouncilMember& member) = 0;  // insert or replace, by (council, actor)
  virtual Status LinkCouncilProposal(const ProposalId& proposal, const CouncilId& council, const std::string& url) = 0;
  virtual Status AddToCouncilElectorate(const ProposalId& proposal, const std::string& actor) = 0;
  // kConflict when the hub already has a ballot on the proposal.
  virtual Status InsertCouncilVote(const CouncilVote& vote) = 0;
  // Replaces every ballot of the proposal (a member hub storing the host's count).
  virtual Status ReplaceCouncilVotes(const ProposalId& proposal, const std::vector<CouncilVote>& votes) = 0;
  // --- Federation: the cache of remote actors ---
  // Keeps at most `keep` remote actors (and their documents) that no hub of ours follows or is followed by, in
  // any state, besides `except` (the one just fetched), which stays: the least recently fetched go first.
  // Anyone can make us fetch an actor (by signing with its key), so the cache must not grow without bound.
  // Returns how many actors were removed.
  virtual Result<int> PruneRemoteActors(int keep, const std::string& except) = 0;
  // --- Federation: delivery order per target inbox (docs/federation.md, "Delivery") ---
  // Gives up, at `at` and with `error`, the pending deliveries to `inbox` queued after row `seq` and before
  // `queued_before`: they waited behind row `seq`, just given up because the inbox kept failing, and would be given
  // up at their first failure. Returns how many.
  virtual Result<int> GiveUpDeliveriesBehind(const std::string& inbox, int64_t seq, Timestamp queued_before,
                                             Timestamp at, const std::string& error) = 0;
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
