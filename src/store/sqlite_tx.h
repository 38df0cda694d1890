// ReadTx and WriteTx over one SQLite connection. The store opens and ends the transaction around it; this class
// only runs statements inside it.
#ifndef KIN_STORE_SQLITE_TX_H_
#define KIN_STORE_SQLITE_TX_H_

#include <cstdint>
#include <initializer_list>
#include <string>

#include "crypto/secret_box.h"
#include "store/sqlite_db.h"
#include "store/store.h"

namespace kin::sqlite {

// Used as a ReadTx on a read-only connection and as a WriteTx on the writer's connection. Not thread-safe.
class SqliteTx final : public WriteTx {
 public:
  SqliteTx(Connection& conn, const SecretBox& box) : conn_(conn), box_(box) {}

  // The first error met by a call with no Status to return it in (lists, optional lookups); see store.h.
  const Status& failure() const { return failure_; }
  void ClearFailure() { failure_ = Status::Ok(); }

  Result<Hub> GetHub(const HubId& id) override;
  Result<Hub> GetHubBySlug(const std::string& slug) override;
  Page<Hub> ListHubs(const PageRequest& page) override;

  Result<Member> GetMember(const MemberId& id) override;
  Result<Member> GetMemberByHandle(const std::string& handle) override;
  std::optional<Membership> GetMembership(const HubId& hub, const MemberId& member) override;
  std::vector<Membership> ListMembershipsOf(const MemberId& member) override;
  Page<MemberInHub> ListMembers(const HubId& hub, const PageRequest& page) override;

  Result<Need> GetNeed(const NeedId& id) override;
  Result<Need> GetNeedByStatusTokenHash(const std::string& token_hash) override;
  Page<Need> ListNeeds(const HubId& hub, const NeedFilter& filter, const PageRequest& page) override;

  Result<Offer> GetOffer(const OfferId& id) override;
  Page<Offer> ListOffers(const HubId& hub, const OfferFilter& filter, const PageRequest& page) override;

  Result<Match> GetMatch(const MatchId& id) override;
  std::optional<Match> GetActiveMatchForNeed(const NeedId& need) override;
  Page<Match> ListMatches(const HubId& hub, const MatchFilter& filter, const PageRequest& page) override;

  Page<Event> ListEvents(const HubId& hub, const PageRequest& page) override;
  std::vector<HubId> HubsWithEventsAfter(int64_t after_seq, int64_t& last_seq) override;

  Page<ContactAccess> ListContactAccess(const HubId& hub, const std::optional<NeedId>& need,
                                        const PageRequest& page) override;
  std::vector<NeedId> ListNeedsToRedact(const HubId& hub, Timestamp closed_before, int limit) override;
  Result<Session> GetSession(const std::string& token_hash) override;
  std::vector<Session> ListSessionsOf(const MemberId& member) override;
  Result<Invite> GetInviteByTokenHash(const std::string& token_hash) override;

  // Allocation suggestions (sqlite_tx_suggestions.cc).
  Result<Suggestion> GetSuggestion(const SuggestionId& id) override;
  Page<Suggestion> ListSuggestions(const HubId& hub, const SuggestionFilter& filter,
                                   const PageRequest& page) override;
  std::vector<UnmetNeed> ListUnmetNeeds(const HubId& hub) override;
  Status InsertSuggestion(const Suggestion& suggestion) override;
  Status UpdateSuggestion(const Suggestion& suggestion) override;
  Status DeleteSuggestion(const SuggestionId& id) override;
  Status DeleteSuggestionsForNeed(const NeedId& need) override;
  Status DeleteSuggestionsOfHelper(const MemberId& helper) override;
  Status ReplaceUnmetNeeds(const HubId& hub, const std::vector<UnmetNeed>& unmet) override;

  Status InsertHub(const Hub& hub) override;
  Status UpdateHub(const Hub& hub) override;
  Status InsertMember(const Member& member) override;
  Status UpdateMember(const Member& member) override;
  Status PutMembership(const Membership& membership) override;
  Status RemoveMembership(const HubId& hub, const MemberId& member) override;
  Status InsertNeed(const Need& need) override;
  Status UpdateNeed(const Need& need) override;
  Status InsertOffer(const Offer& offer) override;
  Status UpdateOffer(const Offer& offer) override;
  Status InsertMatch(const Match& match) override;
  Status UpdateMatch(const Match& match) override;
  Status AppendEvent(Event event) override;
  Status ClearEventDetails(const HubId& hub, const std::string& subject) override;
  Status AppendContactAccess(const ContactAccess& access) override;
  Status InsertSession(const Session& session) override;
  Status RevokeSession(const std::string& token_hash) override;
  Status RevokeSessionsOf(const MemberId& member) override;
  Status InsertInvite(const Invite& invite) override;
  Status UpdateInvite(const Invite& invite) override;

  // Key rotation (safety): sqlite_tx_key_rotation.cc
  std::map<uint32_t, int64_t> CountSealedValuesByKey() override;
  Result<ResealProgress> ResealValues(const ResealCursor& from, int limit) override;
  // Shifts (issue 6), in sqlite_tx_shifts.cc.
  ShiftPolicy GetShiftPolicy(const HubId& hub) override;
  Result<Shift> GetShift(const ShiftId& id) override;
  Page<Shift> ListShifts(const HubId& hub, const PageRequest& page) override;
  Result<Signup> GetSignup(const SignupId& id) override;
  std::vector<Signup> ListOccurrenceSignups(const ShiftId& shift, LocalSeconds occurrence) override;
  std::vector<Signup> ListShiftSignups(const ShiftId& shift, Timestamp from, Timestamp to) override;
  std::vector<Signup> ListMemberSignups(const MemberId& member, Timestamp from, Timestamp to) override;
  Result<Swap> GetSwap(const SwapId& id) override;
  std::vector<Swap> ListOpenSwapsOf(const MemberId& member) override;
  Status PutShiftPolicy(const HubId& hub, const ShiftPolicy& policy) override;
  Status InsertShift(const Shift& shift) override;
  Status UpdateShift(const Shift& shift) override;
  Status InsertSignup(const Signup& signup) override;
  Status UpdateSignup(const Signup& signup) override;
  Status InsertSwap(const Swap& swap) override;
  Status UpdateSwap(const Swap& swap) override;
  // Assemblies (sqlite_tx_govern.cc)
  Result<Proposal> GetProposal(const ProposalId& id) override;
  Page<Proposal> ListProposals(const HubId& hub, std::optional<ProposalStatus> status,
                               const PageRequest& page) override;
  std::vector<ProposalId> ListProposalsDue(ProposalStatus status, Timestamp now, int limit) override;
  bool InElectorate(const ProposalId& proposal, const MemberId& member) override;
  bool HasVoted(const ProposalId& proposal, const MemberId& member) override;
  std::vector<Ballot> ListBallots(const ProposalId& proposal) override;
  std::vector<std::pair<MemberId, Ballot>> ListRecordedVotes(const ProposalId& proposal) override;
  Status InsertProposal(const Proposal& proposal) override;
  Status UpdateProposal(const Proposal& proposal) override;
  AssemblySettings GetAssemblySettings(const HubId& hub) override;
  Result<Delegate> GetDelegate(const DelegateId& id) override;
  std::vector<Delegate> ListDelegates(const HubId& hub) override;
  std::vector<std::pair<ProposalId, Ballot>> ListRecordedVotesOf(const MemberId& member) override;
  std::vector<ProposalId> ListParticipationOf(const MemberId& member) override;
  std::vector<Vouch> ListVouchesOf(const MemberId& member) override;
  Status InsertDelegate(const Delegate& delegate) override;
  Status UpdateDelegate(const Delegate& delegate) override;
  Result<int> FreezeElectorate(const ProposalId& proposal, const HubId& hub, Role role, Timestamp joined_by,
                               int vouches_needed) override;
  Status PutAssemblySettings(const HubId& hub, const AssemblySettings& settings) override;
  Status InsertVouch(const Vouch& vouch) override;
  Status RecordParticipation(const ProposalId& proposal, const MemberId& member) override;
  Status InsertBallot(const ProposalId& proposal, const BallotId& id, const Ballot& ballot) override;
  Status RecordVote(const ProposalId& proposal, const MemberId& member, const BallotId& ballot) override;
  // Shared resources: stock (sqlite_tx_resources.cc).
  Result<StockItem> GetStockItem(const StockItemId& id) override;
  Page<StockItem> ListStockItems(const HubId& hub, const StockFilter& filter, const PageRequest& page) override;
  std::vector<StockItem> ListExpiringStock(const HubId& hub, Date last_day, int limit) override;
  Page<StockMove> ListStockMoves(const HubId& hub, const std::optional<StockItemId>& item,
                                 const PageRequest& page) override;
  Status InsertStockItem(const StockItem& item) override;
  Status UpdateStockItem(const StockItem& item) override;
  Result<int64_t> AppendStockMove(const StockMove& move) override;
  // Web app (sqlite_tx_web.cc): duplicates and notification choices.
  std::optional<NeedId> GetDuplicateOf(const NeedId& need) override;
  NotifyChoices GetNotifyChoices(const MemberId& member) override;
  Status InsertDuplicate(const NeedId& need, const NeedId& kept, const std::string& by, Timestamp at) override;
  Status PutNotifyChoices(const MemberId& member, const NotifyChoices& choices, Timestamp at) override;
  Status DeleteNotifyChoices(const MemberId& member) override;

  // Two-step sign-in (safety): sqlite_tx_two_factor.cc
  std::optional<TotpEnrolment> GetTotp(const MemberId& member) override;
  HubSecurity GetHubSecurity(const HubId& hub) override;
  Status PutTotp(const TotpEnrolment& enrolment) override;
  Status DeleteTotp(const MemberId& member) override;
  Status PutHubSecurity(const HubSecurity& security) override;

  // Shared resources: library of things (sqlite_tx_library.cc).
  Result<Lendable> GetLendable(const LendableId& id) override;
  Page<Lendable> ListLendables(const HubId& hub, const LendableFilter& filter, const PageRequest& page) override;
  Result<Loan> GetLoan(const LoanId& id) override;
  Page<Loan> ListLoans(const HubId& hub, const LoanFilter& filter, const PageRequest& page) override;
  std::vector<Loan> ListLoansHoldingWindow(const LendableId& item) override;
  std::vector<Loan> ListOverdueLoans(const HubId& hub, Timestamp now, int limit) override;
  std::vector<WaitlistEntry> ListWaitlist(const LendableId& item) override;
  std::vector<LoanReminder> ListLoanReminders(const HubId& hub, bool unsent_only, int limit) override;
  Status InsertLendable(const Lendable& item) override;
  Status UpdateLendable(const Lendable& item) override;
  Status InsertLoan(const Loan& loan) override;
  Status UpdateLoan(const Loan& loan) override;
  Status AddToWaitlist(const WaitlistEntry& entry) override;
  Status RemoveFromWaitlist(const LendableId& item, const MemberId& member) override;
  Result<bool> InsertLoanReminder(const LoanReminder& reminder) override;

  // Shared resources: capacity (sqlite_tx_capacity.cc).
  Result<CapacityPool> GetCapacityPool(const CapacityPoolId& id) override;
  Page<CapacityPool> ListCapacityPools(const HubId& hub, const PageRequest& page) override;
  std::optional<CapacitySlot> GetCapacitySlot(const CapacityPoolId& pool, Date date, const std::string& label) override;
  std::vector<CapacitySlot> ListCapacitySlots(const HubId& hub, const std::optional<CapacityPoolId>& pool, Date from,
                                              Date to) override;
  Result<CapacityAllocation> GetCapacityAllocation(const CapacityAllocationId& id) override;
  Page<CapacityAllocation> ListCapacityAllocations(const CapacityPoolId& pool, const PageRequest& page) override;
  Status InsertCapacityPool(const CapacityPool& pool) override;
  Status PutCapacitySlot(const CapacitySlot& slot) override;
  Status InsertCapacityAllocation(const CapacityAllocation& allocation) override;
  Status UpdateCapacityAllocation(const CapacityAllocation& allocation) override;
  Result<MemberId> GetCalendarTokenMember(const std::string& token_hash) override;
  Status PutCalendarToken(const MemberId& member, const std::string& token_hash, Timestamp at) override;
  Status DeleteCalendarToken(const MemberId& member) override;
  std::vector<Signup> ListSignupsStarting(Timestamp from, Timestamp to) override;
  std::vector<Signup> ListHoursDone(const HubId& hub, Timestamp from, Timestamp to) override;
  std::optional<std::vector<Minutes>> GetReminderOffsets(const MemberId& member) override;
  std::optional<SmtpSettings> GetSmtpSettings(const HubId& hub) override;
  Page<OutboxMessage> ListOutboxOf(const MemberId& member, const PageRequest& page) override;
  std::vector<OutboxMessage> ListUnsent(int limit, int max_attempts) override;
  Status InsertOutbox(const OutboxMessage& message) override;
  Status UpdateOutbox(const OutboxMessage& message) override;
  Status PutReminderOffsets(const MemberId& member, const std::vector<Minutes>& offsets) override;
  Status PutSmtpSettings(const HubId& hub, const std::optional<SmtpSettings>& settings) override;
  // Notifications: assembly notices and who an empty-slot alert fits (sqlite_tx_notices.cc).
  bool OutboxHasKey(const std::string& dedupe_key) override;
  std::vector<MemberId> ListElectorate(const ProposalId& proposal) override;
  std::vector<Proposal> ListOpenProposalsClosingBefore(Timestamp by, int limit) override;
  std::vector<std::pair<MemberId, std::string>> ListConfirmedQualifications(const HubId& hub) override;

  // Federation (sqlite_tx_federation.cc).
  std::optional<FederationKey> GetFederationKey(const std::string& owner) override;
  std::optional<RemoteActor> GetRemoteActor(const std::string& id) override;
  std::optional<RemoteActor> GetRemoteActorByKey(const std::string& key_id) override;
  std::optional<HubFollow> GetHubFollow(const HubId& hub, FollowDirection direction,
                                        const std::string& remote_actor) override;
  std::vector<HubFollow> ListHubFollows(const HubId& hub) override;
  bool HasReceivedActivity(const std::string& activity_id) override;
  std::vector<Delivery> ListDueDeliveries(Timestamp now, int limit) override;
  std::vector<Delivery> ListDeliveriesOf(const std::string& activity_id) override;
  std::vector<DeliveryQueueLine> SummarizeDeliveries(Timestamp since) override;
  std::vector<OutboxActivity> ListPublicOutbox(const HubId& hub, int limit) override;
  int64_t CountPublicOutbox(const HubId& hub) override;
  std::optional<OutboxActivity> GetPublicOutboxActivity(const HubId& hub, const std::string& activity_id) override;
  Status DeleteOutboxActivitiesOf(const HubId& hub, const std::string& object_id) override;
  Status InsertFederationKey(const FederationKey& key) override;
  Status PutRemoteActor(const RemoteActor& actor) override;
  Status PutHubFollow(const HubFollow& follow) override;
  Status DeleteHubFollow(const HubId& hub, FollowDirection direction, const std::string& remote_actor) override;
  Status InsertReceivedActivity(const std::string& activity_id, Timestamp at) override;
  Result<int64_t> InsertDelivery(const Delivery& delivery) override;
  Status UpdateDelivery(const Delivery& delivery) override;
  Result<int> ForgetDeliveryBodies(Timestamp finished_before) override;
  Status InsertOutboxActivity(const OutboxActivity& activity) override;

  // Federation: shared offers and needs (sqlite_tx_sharing.cc).
  std::optional<SharedRecord> GetSharedRecord(const HubId& hub, const std::string& kind,
                                              const std::string& local_id) override;
  Status InsertSharedRecord(const SharedRecord& record) override;
  Status DeleteSharedRecord(const HubId& hub, const std::string& kind, const std::string& local_id) override;

  // Federation: escalation of unmet needs (sqlite_tx_escalation.cc).
  EscalationSettings GetEscalationSettings(const HubId& hub) override;
  std::vector<std::pair<HubId, EscalationSettings>> ListAutoEscalatingHubs() override;
  std::optional<ContactKeyRecord> GetContactKey(const HubId& hub) override;
  Result<StoredEscalation> GetEscalation(const HubId& hub, const std::string& id) override;
  Result<StoredEscalation> GetEscalationByKey(const std::string& key) override;
  std::vector<StoredEscalation> ListEscalations(const HubId& hub) override;
  std::vector<StoredEscalation> ListEscalationsOfNeed(const HubId& hub, const std::string& need) override;
  Status PutEscalationSettings(const HubId& hub, const EscalationSettings& settings) override;
  Status InsertContactKey(const ContactKeyRecord& key) override;
  Status PutEscalation(const StoredEscalation& escalation) override;

  // Federation: shared with our hubs, and remote actor documents (sqlite_tx_received_shares.cc).
  std::optional<ReceivedShare> FindReceivedShare(const HubId& hub, const std::string& object_id) override;
  std::vector<ReceivedShare> ListReceivedShares(const HubId& hub, int limit) override;
  std::vector<HubId> ListHubsFollowingActor(const std::string& remote_actor) override;
  std::vector<std::pair<std::string, std::string>> ListFederatedActorDocuments(int limit) override;
  std::vector<SharedRecord> ListSharedRecords(const HubId& hub, int limit) override;
  Status PutReceivedShare(const ReceivedShare& share) override;
  Status DeleteReceivedShare(const HubId& hub, const std::string& object_id) override;
  Status PutRemoteActorDocument(const std::string& actor, const std::string& document, Timestamp at) override;
  // The cache of remote actors (sqlite_tx_actor_cache.cc).
  std::optional<std::pair<std::string, Timestamp>> GetRemoteActorDocument(const std::string& actor) override;
  Result<int> PruneRemoteActors(int keep, const std::string& except) override;
  // Federation: delivery order per target inbox (sqlite_tx_delivery_order.cc).
  Result<int> GiveUpDeliveriesBehind(const std::string& inbox, int64_t seq, Timestamp queued_before, Timestamp at,
                                     const std::string& error) override;
  // Councils of hubs (sqlite_tx_councils.cc).
  Result<Council> GetCouncil(const CouncilId& id) override;
  std::optional<Council> GetCouncilByUrl(const HubId& hub, const std::string& url) override;
  std::vector<Council> ListCouncilsByUrl(const std::string& url) override;
  std::vector<Council> ListCouncils(const HubId& hub) override;
  int64_t CountPendingCouncilInvitations(const HubId& hub, const std::string& host_actor) override;
  std::optional<CouncilMember> GetCouncilMember(const CouncilId& council, const std::string& actor) override;
  std::vector<CouncilMember> ListCouncilMembers(const CouncilId& council) override;
  std::optional<std::pair<CouncilId, std::string>> GetCouncilOfProposal(const ProposalId& proposal) override;
  std::optional<ProposalId> GetCouncilProposalByUrl(const CouncilId& council, const std::string& url) override;
  std::vector<ProposalId> ListCouncilProposals(const CouncilId& council) override;
  bool InCouncilElectorate(const ProposalId& proposal, const std::string& actor) override;
  std::vector<CouncilVote> ListCouncilVotes(const ProposalId& proposal) override;
  std::vector<CouncilVote> ListCouncilVotesOfDelegate(const DelegateId& delegate) override;
  std::vector<ProposalId> ListCouncilProposalsDue(Timestamp now, int limit) override;
  Status InsertCouncil(const Council& council) override;
  Status UpdateCouncil(const Council& council) override;
  Status PutCouncilMember(const CouncilMember& member) override;
  Status LinkCouncilProposal(const ProposalId& proposal, const CouncilId& council, const std::string& url) override;
  Status AddToCouncilElectorate(const ProposalId& proposal, const std::string& actor) override;
  Status InsertCouncilVote(const CouncilVote& vote) override;
  Status ReplaceCouncilVotes(const ProposalId& proposal, const std::vector<CouncilVote>& votes) override;
  // Council reminders (sqlite_tx_council_notices.cc).
  std::vector<ProposalId> ListCouncilProposalsClosingBetween(Timestamp now, Timestamp by, int limit,
                                                             int offset) override;
 private:
  Status LoadShiftParts(Shift& shift);
  Status WriteShiftParts(const Shift& shift);

  // Which unique constraint ("table.column" as SQLite names it) means what, for a Conflict message.
  struct Unique {
    const char* constraint;
    std::string message;
  };

  void Fail(Status s) {
    if (failure_.ok()) failure_ = std::move(s);
  }
  // Maps a failed INSERT/UPDATE step: duplicate -> kConflict, missing referenced row -> kNotFound(missing_ref).
  Status WriteFailed(int rc, std::initializer_list<Unique> uniques, const std::string& missing_ref);
  // Steps an UPDATE; kNotFound(not_found) when it matched no row.
  Status Update(Stmt& st, std::initializer_list<Unique> uniques, const std::string& not_found);

  Connection& conn_;
  const SecretBox& box_;
  Status failure_;
};

// The bounds a list query uses for `seq` from a page request; nullopt for a malformed cursor.
std::optional<int64_t> SeqBefore(const PageRequest& page);  // newest first: rows with seq < bound
std::optional<int64_t> SeqAfter(const PageRequest& page);   // oldest first: rows with seq > bound
int PageLimit(const PageRequest& page);                      // clamped to a sane range

}  // namespace kin::sqlite

#endif  // KIN_STORE_SQLITE_TX_H_
