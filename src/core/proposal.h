// A proposal: a question put to a hub's assembly, with its counting method, electorate, quorum, times and the
// rules for who sees results when. Lifecycle: draft -> open -> closed. Only a draft may change; opening freezes
// the electorate; closing counts the ballots once and keeps the outcome (see outcome.h).
#ifndef KIN_CORE_PROPOSAL_H_
#define KIN_CORE_PROPOSAL_H_

#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/member.h"
#include "core/outcome.h"
#include "core/status.h"
#include "core/time.h"

namespace kin {

using ProposalId = Id<struct ProposalTag>;

enum class ProposalStatus { kDraft, kOpen, kClosed };

// What closing the proposal does besides recording its outcome.
enum class ProposalKind {
  kDecision,  // nothing more
  kElection,  // elects delegates: the winning candidates become delegates with the proposal's mandate
  kRecall,    // recalls a delegate when it passes
};

enum class CountingMethod {
  kConsent,   // agree / abstain / object / block; passes without a block
  kMajority,  // yes / no / abstain against a threshold
  kApproval,  // approve any number of options
  kScore,     // a score per option
  kDot,       // spread a number of dots over the options
  kIrv,       // ranked, one winner
  kStv,       // ranked, several seats
  kSchulze,   // ranked, Condorcet
};

// Which members may vote. Frozen into a list of members when the proposal opens.
enum class ElectorateKind {
  kMembers,  // every member of the hub
  kRole,     // members holding `electorate_role`
};

// When results (the running count while open, the outcome after) are shown to members.
enum class ResultsVisibility {
  kAlways,        // from the start; not allowed for anonymous proposals (a moving tally betrays single ballots)
  kAfterVoting,   // to a member once they have voted, and to everyone after closing
  kAfterClosing,  // to everyone, only after closing
};

const char* ProposalStatusName(ProposalStatus s);
std::optional<ProposalStatus> ParseProposalStatus(const std::string& name);
const char* ProposalKindName(ProposalKind k);
std::optional<ProposalKind> ParseProposalKind(const std::string& name);
const char* CountingMethodName(CountingMethod m);
std::optional<CountingMethod> ParseCountingMethod(const std::string& name);
const char* ElectorateKindName(ElectorateKind k);
std::optional<ElectorateKind> ParseElectorateKind(const std::string& name);
const char* ResultsVisibilityName(ResultsVisibility v);
std::optional<ResultsVisibility> ParseResultsVisibility(const std::string& name);

// Ranked and option methods choose among options; consent and majority answer the proposal itself.
bool MethodHasOptions(CountingMethod m);
bool MethodIsRanked(CountingMethod m);
// Approval, score, dot, STV and Schulze can fill several seats; the others fill one.
bool MethodHasSeats(CountingMethod m);

// Participation needed for a result to count. Both zero: no quorum.
struct Quorum {
  int count = 0;    // at least this many ballots (0..100000)
  int percent = 0;  // and at least this share of the electorate, rounded up (0..100)
  bool operator==(const Quorum&) const = default;
};

// Ballots needed out of an electorate of `electorate` members: the larger of the two rules.
int QuorumRequired(const Quorum& quorum, int electorate);

// Majority thresholds as the assembly names them.
enum class MajorityRule { kSimple, kTwoThirds, kThreeQuarters };
const char* MajorityRuleName(MajorityRule r);
std::optional<MajorityRule> ParseMajorityRule(const std::string& name);

struct ProposalDetails {
  ProposalKind kind = ProposalKind::kDecision;
  std::vector<MemberId> candidates;    // kElection: members standing, 2..50; options are their names, in order
  std::string mandate;                 // kElection: what the delegates are sent to do (1..2000); else empty
  std::string recall_delegate;         // kRecall: the delegate id to recall; else empty
  std::string title;                   // 1..200
  std::string text;                    // Markdown, 0..20000; rendered without raw HTML
  CountingMethod method = CountingMethod::kConsent;
  std::vector<std::string> options;    // 2..50 distinct for option and ranked methods; none otherwise
  int seats = 1;                       // 1..options-1 where MethodHasSeats, else 1
  MajorityRule majority = MajorityRule::kSimple;  // kMajority only
  int max_score = 5;                   // kScore: scores run 0..max_score (1..10)
  int dots = 5;                        // kDot: dots each voter may place (1..100)
  ElectorateKind electorate = ElectorateKind::kMembers;
  Role electorate_role = Role::kMember;  // kRole: intake or coordinator
  std::optional<Timestamp> opens_at;   // when the sweeper opens it; empty: a coordinator opens it by hand
  Timestamp closes_at{};               // required; after opens_at
  Quorum quorum;
  ResultsVisibility visibility = ResultsVisibility::kAfterClosing;
  bool anonymous = true;               // fixed at creation: ballots are kept apart from voters
  std::optional<Timestamp> review_at;  // when the outcome should be looked at again; after closes_at
};

struct Proposal {
  ProposalId id;
  HubId hub;
  MemberId author;
  ProposalDetails details;
  ProposalStatus status = ProposalStatus::kDraft;
  int electorate_size = 0;  // frozen at opening
  int ballots_cast = 0;
  Timestamp created_at{};
  Timestamp updated_at{};
  std::optional<Timestamp> opened_at;
  std::optional<Timestamp> closed_at;
  std::optional<Outcome> outcome;  // set at closing
};

// Field errors name the JSON field ("options[2]", "quorum.percent"). `now` rejects times in the past for new
// and edited drafts.
Status ValidateProposalDetails(const ProposalDetails& d, Timestamp now);

// A draft may be edited; anonymity is fixed once created (`before` is what was stored).
Status CheckProposalEdit(const Proposal& before, const ProposalDetails& after);

// draft -> open requires closes_at in the future; open -> closed at any time; anything else is a conflict.
Status CheckProposalTransition(const Proposal& p, ProposalStatus to, Timestamp now);

// Whether a ballot may be cast now: the proposal is open and its closing time has not come.
Status CheckVotingOpen(const Proposal& p, Timestamp now);

// Whether results may be shown to a member who has (or has not) voted.
Status CheckResultsVisible(const Proposal& p, bool has_voted);

}  // namespace kin

#endif  // KIN_CORE_PROPOSAL_H_
