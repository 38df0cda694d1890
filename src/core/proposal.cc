#include "core/proposal.h"

#include <set>

#include "core/validation.h"

namespace kin {
namespace {

template <typename Enum, size_t N>
std::optional<Enum> ParseByName(const std::string& name, const Enum (&all)[N], const char* (*to_name)(Enum)) {
  for (Enum e : all) {
    if (name == to_name(e)) return e;
  }
  return std::nullopt;
}

constexpr ProposalStatus kStatuses[] = {ProposalStatus::kDraft, ProposalStatus::kOpen, ProposalStatus::kClosed};
constexpr CountingMethod kMethods[] = {CountingMethod::kConsent, CountingMethod::kMajority, CountingMethod::kApproval,
                                       CountingMethod::kScore,   CountingMethod::kDot,      CountingMethod::kIrv,
                                       CountingMethod::kStv,     CountingMethod::kSchulze};
constexpr ElectorateKind kElectorates[] = {ElectorateKind::kMembers, ElectorateKind::kRole};
constexpr ResultsVisibility kVisibilities[] = {ResultsVisibility::kAlways, ResultsVisibility::kAfterVoting,
                                               ResultsVisibility::kAfterClosing};
constexpr MajorityRule kMajorities[] = {MajorityRule::kSimple, MajorityRule::kTwoThirds,
                                        MajorityRule::kThreeQuarters};

}  // namespace

const char* ProposalStatusName(ProposalStatus s) {
  switch (s) {
    case ProposalStatus::kDraft: return "draft";
    case ProposalStatus::kOpen: return "open";
    case ProposalStatus::kClosed: return "closed";
  }
  return "draft";
}
std::optional<ProposalStatus> ParseProposalStatus(const std::string& name) {
  return ParseByName(name, kStatuses, ProposalStatusName);
}

const char* ProposalKindName(ProposalKind k) {
  switch (k) {
    case ProposalKind::kDecision: return "decision";
    case ProposalKind::kElection: return "election";
    case ProposalKind::kRecall: return "recall";
  }
  return "decision";
}
std::optional<ProposalKind> ParseProposalKind(const std::string& name) {
  constexpr ProposalKind kKinds[] = {ProposalKind::kDecision, ProposalKind::kElection, ProposalKind::kRecall};
  return ParseByName(name, kKinds, ProposalKindName);
}

const char* CountingMethodName(CountingMethod m) {
  switch (m) {
    case CountingMethod::kConsent: return "consent";
    case CountingMethod::kMajority: return "majority";
    case CountingMethod::kApproval: return "approval";
    case CountingMethod::kScore: return "score";
    case CountingMethod::kDot: return "dot";
    case CountingMethod::kIrv: return "irv";
    case CountingMethod::kStv: return "stv";
    case CountingMethod::kSchulze: return "schulze";
  }
  return "consent";
}
std::optional<CountingMethod> ParseCountingMethod(const std::string& name) {
  return ParseByName(name, kMethods, CountingMethodName);
}

const char* ElectorateKindName(ElectorateKind k) { return k == ElectorateKind::kMembers ? "members" : "role"; }
std::optional<ElectorateKind> ParseElectorateKind(const std::string& name) {
  return ParseByName(name, kElectorates, ElectorateKindName);
}

const char* ResultsVisibilityName(ResultsVisibility v) {
  switch (v) {
    case ResultsVisibility::kAlways: return "always";
    case ResultsVisibility::kAfterVoting: return "after_voting";
    case ResultsVisibility::kAfterClosing: return "after_closing";
  }
  return "after_closing";
}
std::optional<ResultsVisibility> ParseResultsVisibility(const std::string& name) {
  return ParseByName(name, kVisibilities, ResultsVisibilityName);
}

const char* MajorityRuleName(MajorityRule r) {
  switch (r) {
    case MajorityRule::kSimple: return "simple";
    case MajorityRule::kTwoThirds: return "two_thirds";
    case MajorityRule::kThreeQuarters: return "three_quarters";
  }
  return "simple";
}
std::optional<MajorityRule> ParseMajorityRule(const std::string& name) {
  return ParseByName(name, kMajorities, MajorityRuleName);
}

bool MethodHasOptions(CountingMethod m) { return m != CountingMethod::kConsent && m != CountingMethod::kMajority; }

bool MethodIsRanked(CountingMethod m) {
  return m == CountingMethod::kIrv || m == CountingMethod::kStv || m == CountingMethod::kSchulze;
}

bool MethodHasSeats(CountingMethod m) { return MethodHasOptions(m) && m != CountingMethod::kIrv; }

int QuorumRequired(const Quorum& quorum, int electorate) {
  long long by_share = (static_cast<long long>(quorum.percent) * electorate + 99) / 100;
  return static_cast<int>(std::max<long long>(quorum.count, by_share));
}

Status ValidateProposalDetails(const ProposalDetails& d, Timestamp now) {
  FieldErrors errors;
  CheckText("title", d.title, 200, /*required=*/true, errors);
  CheckText("text", d.text, 20000, /*required=*/false, errors);
  if (MethodHasOptions(d.method)) {
    if (d.options.size() < 2 || d.options.size() > 50) {
      errors.Add("options", std::string("must list 2 to 50 options for ") + CountingMethodName(d.method));
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < d.options.size(); ++i) {
      std::string field = "options[" + std::to_string(i) + "]";
      CheckText(field, d.options[i], 200, /*required=*/true, errors);
      if (!seen.insert(d.options[i]).second) errors.Add(field, "repeats an earlier option; options must differ");
    }
  } else if (!d.options.empty()) {
    errors.Add("options", std::string("must be empty: ") + CountingMethodName(d.method) +
                              " answers the proposal itself, not a choice among options");
  }
  if (MethodHasSeats(d.method)) {
    int most = std::max<int>(1, static_cast<int>(d.options.size()) - 1);
    if (d.seats < 1 || d.seats > most) {
      errors.Add("seats", "must be between 1 and " + std::to_string(most) + " (fewer than the options)");
    }
  } else if (d.seats != 1) {
    errors.Add("seats", std::string("must be 1: ") + CountingMethodName(d.method) + " chooses one result");
  }
  if (d.method == CountingMethod::kScore) CheckRange("max_score", d.max_score, 1, 10, errors);
  if (d.method == CountingMethod::kDot) CheckRange("dots", d.dots, 1, 100, errors);
  if (d.electorate == ElectorateKind::kRole && d.electorate_role == Role::kMember) {
    errors.Add("electorate_role", "must be intake or coordinator; use electorate \"members\" for every member");
  }
  if (d.opens_at && *d.opens_at < now) errors.Add("opens_at", "must not be in the past");
  if (d.closes_at <= now) errors.Add("closes_at", "must be in the future");
  if (d.opens_at && d.closes_at <= *d.opens_at) errors.Add("closes_at", "must be after opens_at");
  if (d.review_at && *d.review_at <= d.closes_at) errors.Add("review_at", "must be after closes_at");
  CheckRange("quorum.count", d.quorum.count, 0, 100000, errors);
  CheckRange("quorum.percent", d.quorum.percent, 0, 100, errors);
  switch (d.kind) {
    case ProposalKind::kDecision:
      if (!d.candidates.empty()) errors.Add("candidates", "are only for elections");
      if (!d.mandate.empty()) errors.Add("mandate", "is only for elections");
      if (!d.recall_delegate.empty()) errors.Add("recall_delegate", "is only for recalls");
      break;
    case ProposalKind::kElection:
      if (d.method != CountingMethod::kStv && d.method != CountingMethod::kApproval) {
        errors.Add("method", "must be stv or approval for an election");
      }
      if (d.candidates.size() < 2 || d.candidates.size() > 50) errors.Add("candidates", "must list 2 to 50 members");
      for (size_t i = 0; i < d.candidates.size(); ++i) {
        for (size_t j = 0; j < i; ++j) {
          if (d.candidates[i] == d.candidates[j]) {
            errors.Add("candidates[" + std::to_string(i) + "]", "repeats an earlier candidate");
          }
        }
      }
      CheckText("mandate", d.mandate, 2000, /*required=*/true, errors);
      if (!d.recall_delegate.empty()) errors.Add("recall_delegate", "is only for recalls");
      break;
    case ProposalKind::kRecall:
      if (d.method != CountingMethod::kMajority) errors.Add("method", "must be majority for a recall");
      if (d.recall_delegate.empty()) errors.Add("recall_delegate", "is required: the delegate to recall");
      if (!d.candidates.empty()) errors.Add("candidates", "are only for elections");
      if (!d.mandate.empty()) errors.Add("mandate", "is only for elections");
      break;
  }
  if (d.anonymous && d.visibility == ResultsVisibility::kAlways) {
    errors.Add("visibility", "must be after_voting or after_closing for an anonymous proposal: a tally that "
                             "moves with each vote shows how each voter voted");
  }
  return errors.ToStatus();
}

Status CheckProposalEdit(const Proposal& before, const ProposalDetails& after) {
  if (before.status != ProposalStatus::kDraft) {
    return Status::Conflict(std::string("the proposal is ") + ProposalStatusName(before.status) +
                            "; only a draft may be changed");
  }
  if (before.details.anonymous != after.anonymous) {
    return Status::InvalidField("anonymous", "is fixed when the proposal is created");
  }
  return Status::Ok();
}

Status CheckProposalTransition(const Proposal& p, ProposalStatus to, Timestamp now) {
  if (p.status == ProposalStatus::kDraft && to == ProposalStatus::kOpen) {
    if (p.details.closes_at <= now) {
      return Status::Conflict("the closing time has passed; change closes_at before opening");
    }
    return Status::Ok();
  }
  if (p.status == ProposalStatus::kOpen && to == ProposalStatus::kClosed) return Status::Ok();
  return Status::Conflict(std::string("the proposal is ") + ProposalStatusName(p.status) + "; it cannot become " +
                          ProposalStatusName(to));
}

Status CheckVotingOpen(const Proposal& p, Timestamp now) {
  if (p.status == ProposalStatus::kDraft) return Status::Conflict("voting has not opened yet");
  if (p.status == ProposalStatus::kClosed || now >= p.details.closes_at) {
    return Status::Conflict("voting has closed");
  }
  return Status::Ok();
}

Status CheckResultsVisible(const Proposal& p, bool has_voted) {
  if (p.status == ProposalStatus::kClosed) return Status::Ok();
  if (p.status == ProposalStatus::kDraft) return Status::Conflict("the proposal has not opened yet");
  switch (p.details.visibility) {
    case ResultsVisibility::kAlways: return Status::Ok();
    case ResultsVisibility::kAfterVoting:
      if (has_voted) return Status::Ok();
      return Status::Conflict("results are shown once you have voted, and to everyone after closing");
    case ResultsVisibility::kAfterClosing: break;
  }
  return Status::Conflict("results are shown after the proposal closes");
}

}  // namespace kin
