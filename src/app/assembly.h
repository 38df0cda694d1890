// A hub's assembly: proposals from draft to outcome, the frozen electorate, and ballots that keep no trace of
// their voter when the proposal is anonymous. Rules are in core/proposal.h and core/ballot.h; counting is
// govern/proposal_tally.h. See docs/assemblies.md.
#ifndef KIN_APP_ASSEMBLY_H_
#define KIN_APP_ASSEMBLY_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/caller.h"
#include "app/context.h"
#include "core/assembly_settings.h"
#include "core/ballot.h"
#include "core/delegate.h"
#include "core/proposal.h"

namespace kin {

// Fields to change in a draft; empty optionals stay as they are.
struct ProposalPatch {
  std::optional<ProposalKind> kind;
  std::optional<std::vector<MemberId>> candidates;
  std::optional<std::string> mandate;
  std::optional<std::string> recall_delegate;
  std::optional<std::string> title;
  std::optional<std::string> text;
  std::optional<CountingMethod> method;
  std::optional<std::vector<std::string>> options;
  std::optional<int> seats;
  std::optional<MajorityRule> majority;
  std::optional<int> max_score;
  std::optional<int> dots;
  std::optional<ElectorateKind> electorate;
  std::optional<Role> electorate_role;
  std::optional<std::optional<Timestamp>> opens_at;  // null clears it
  std::optional<Timestamp> closes_at;
  std::optional<Quorum> quorum;
  std::optional<ResultsVisibility> visibility;
  std::optional<bool> anonymous;
  std::optional<std::optional<Timestamp>> review_at;  // null clears it

  void ApplyTo(ProposalDetails& d) const;
};

// A proposal as one member sees it.
struct ProposalView {
  Proposal proposal;
  bool may_vote = false;        // in the frozen electorate, not yet voted, voting open
  bool has_voted = false;
  bool may_manage = false;      // coordinator: may open and close; author or coordinator may edit a draft
  bool results_visible = false;
};

// A delegate with the name members know them by.
struct DelegateView {
  Delegate delegate;
  std::string display_name;
};

// A delegate's recorded vote on a proposal that is not anonymous.
struct DelegateVote {
  ProposalId proposal;
  std::string title;
  std::vector<std::string> options;
  Ballot ballot;
  std::string council;     // the council's name when the vote was cast in a council; empty for the hub's own
  std::string council_id;  // the local council id, with council
};

// A ballot with its voter, for proposals that are not anonymous.
struct RecordedVote {
  MemberId member;
  std::string display_name;
  Ballot ballot;
};

class Assembly {
 public:
  explicit Assembly(AppContext& ctx) : ctx_(ctx) {}

  // Any member drafts a proposal.
  Result<ProposalView> Create(const Caller& caller, const std::string& hub_slug, const ProposalDetails& details);
  Result<ProposalView> Get(const Caller& caller, const ProposalId& id);
  Result<Page<ProposalView>> List(const Caller& caller, const std::string& hub_slug,
                                  std::optional<ProposalStatus> status, const PageRequest& page);
  // The author or a coordinator changes a draft.
  Result<ProposalView> Update(const Caller& caller, const ProposalId& id, const ProposalPatch& patch);
  // A coordinator opens a draft now (freezing its electorate) or closes an open proposal early (counting it).
  // The member who started a recall may open it too, so that no coordinator can sit on a recall.
  Result<ProposalView> Open(const Caller& caller, const ProposalId& id);
  Result<ProposalView> Close(const Caller& caller, const ProposalId& id);

  // One ballot per member of the frozen electorate, while voting is open.
  Result<ProposalView> Vote(const Caller& caller, const ProposalId& id, const Ballot& ballot);

  // The stored outcome once closed; while open, a count of the ballots so far, if the proposal shows results.
  Result<Outcome> Results(const Caller& caller, const ProposalId& id);
  // Who voted how, for proposals that are not anonymous, under the same visibility rule as results.
  Result<std::vector<RecordedVote>> Votes(const Caller& caller, const ProposalId& id);

  // The hub's waiting period and vouching rule; members read them, coordinators change them.
  Result<AssemblySettings> Settings(const Caller& caller, const std::string& hub_slug);
  Result<AssemblySettings> PutSettings(const Caller& caller, const std::string& hub_slug,
                                       const AssemblySettings& settings);
  // A member past the waiting period vouches for another member of the hub, admitting them to electorates of
  // proposals that open later once they hold enough vouches.
  Status Vouch(const Caller& caller, const std::string& hub_slug, const MemberId& member);

  // The hub's delegates, active and recalled (members).
  Result<std::vector<DelegateView>> Delegates(const Caller& caller, const std::string& hub_slug);
  // How a delegate voted on proposals that are not anonymous and whose results are public (closed, or shown
  // always), wherever they were cast: for the members of the hub the delegate represents.
  Result<std::vector<DelegateVote>> DelegateVotes(const Caller& caller, const DelegateId& id);

  // For the minute sweeper: opens drafts whose opens_at has come and closes proposals whose closes_at has come.
  // Returns how many changed.
  Result<int> OpenDue();
  Result<int> CloseDue();
  // For the minute sweeper: tells members of open proposals' electorates who have not voted that voting closes
  // soon (core/proposal_notice.h says when), once each. Returns how many messages were queued.
  Result<int> RemindClosing();

 private:
  Result<int> SweepDue(ProposalStatus due);

  AppContext& ctx_;
};

}  // namespace kin

#endif  // KIN_APP_ASSEMBLY_H_
