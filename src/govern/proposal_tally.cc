#include "govern/proposal_tally.h"

#include <optional>
#include <string>

#include "govern/approval.h"
#include "govern/consent.h"
#include "govern/dot_voting.h"
#include "govern/irv.h"
#include "govern/majority.h"
#include "govern/schulze.h"
#include "govern/score.h"
#include "govern/stv.h"

namespace kin::govern {
namespace {

Status TallyConsent(const std::vector<Ballot>& ballots, Outcome& out) {
  std::vector<ConsentVote> votes;
  votes.reserve(ballots.size());
  for (const Ballot& b : ballots) {
    ConsentPosition p = b.position == "block"     ? ConsentPosition::kBlock
                        : b.position == "object"  ? ConsentPosition::kObject
                        : b.position == "abstain" ? ConsentPosition::kAbstain
                                                  : ConsentPosition::kAgree;
    votes.push_back({p, b.reason});
  }
  Result<ConsentResult> r = CountConsent(votes);
  if (!r.ok()) return r.status();
  out.passes = r->passes;
  out.totals = {{"agree", std::to_string(r->agree)},
                {"abstain", std::to_string(r->abstain)},
                {"object", std::to_string(r->object)},
                {"block", std::to_string(r->block)}};
  out.objections = r->objections;
  out.blocks = r->blocks;
  return Status::Ok();
}

Status TallyMajority(const ProposalDetails& d, const std::vector<Ballot>& ballots, Outcome& out) {
  std::vector<MajorityChoice> votes;
  votes.reserve(ballots.size());
  for (const Ballot& b : ballots) {
    votes.push_back(b.position == "yes"  ? MajorityChoice::kYes
                    : b.position == "no" ? MajorityChoice::kNo
                                         : MajorityChoice::kAbstain);
  }
  MajorityOptions options = d.majority == MajorityRule::kTwoThirds       ? QualifiedMajority(Rational(2, 3))
                            : d.majority == MajorityRule::kThreeQuarters ? QualifiedMajority(Rational(3, 4))
                                                                         : SimpleMajority();
  Result<MajorityResult> r = CountMajority(votes, options);
  if (!r.ok()) return r.status();
  out.passes = r->passes;
  out.totals = {{"yes", std::to_string(r->yes)}, {"no", std::to_string(r->no)}, {"abstain", std::to_string(r->abstain)}};
  out.notes.push_back("yes share " + r->share.ToString() + " (" + r->share.ToDecimal(4) + "); passes " +
                      (options.strictly_above ? "above " : "at or above ") + options.threshold.ToString());
  return Status::Ok();
}

void FromOptionResult(const ProposalDetails& d, const OptionResult& r, Outcome& out) {
  for (size_t i = 0; i < d.options.size(); ++i) out.totals.push_back({d.options[i], std::to_string(r.totals[i])});
  out.ranking = r.ranking;
  out.winners = r.winners;
  out.notes = r.notes;
  out.passes = !r.winners.empty();
}

Status TallyOptions(const ProposalDetails& d, const std::vector<Ballot>& ballots, Outcome& out) {
  int n = static_cast<int>(d.options.size());
  Result<OptionResult> r = Status::Internal("no option method");
  if (d.method == CountingMethod::kApproval) {
    std::vector<std::vector<int>> marks;
    for (const Ballot& b : ballots) marks.push_back(b.approve);
    r = CountApproval(n, marks, d.seats);
  } else if (d.method == CountingMethod::kScore) {
    std::vector<std::vector<std::optional<int>>> marks;
    for (const Ballot& b : ballots) marks.emplace_back(b.scores.begin(), b.scores.end());
    r = CountScore(n, marks, {0, d.max_score, d.seats});
  } else {
    std::vector<std::vector<int>> marks;
    for (const Ballot& b : ballots) marks.push_back(b.dots);
    r = CountDots(n, marks, {d.dots, 0, d.seats});
  }
  if (!r.ok()) return r.status();
  FromOptionResult(d, *r, out);
  return Status::Ok();
}

BallotSet RankedSet(const ProposalDetails& d, const std::vector<Ballot>& ballots) {
  BallotSet set;
  set.candidates = d.options;
  set.withdrawn.assign(d.options.size(), false);
  set.seats = d.seats;
  for (const Ballot& b : ballots) {
    RankedBallot rb;
    for (int option : b.ranking) rb.ranks.push_back({option});
    set.ballots.push_back(std::move(rb));
  }
  return set;
}

void FromCountResult(const ProposalDetails& d, const CountResult& r, Outcome& out) {
  const Scale scale(r.decimals);
  for (const CountRound& round : r.rounds) {
    OutcomeRound o;
    o.round = round.round;
    o.threshold = scale.Format(round.threshold);
    o.votes.assign(d.options.size(), "");
    for (const CandidateVotes& cv : round.tally) o.votes[cv.candidate] = scale.Format(cv.votes);
    o.elected = round.elected;
    o.eliminated = round.eliminated;
    o.inactive = scale.Format(round.inactive.Total());
    o.notes = round.notes;
    out.rounds.push_back(std::move(o));
  }
  if (!out.rounds.empty()) {
    for (size_t i = 0; i < d.options.size(); ++i) out.totals.push_back({d.options[i], out.rounds.front().votes[i]});
  }
  out.winners = r.winners;
  out.passes = !r.winners.empty();
}

Status TallyRanked(const ProposalDetails& d, const std::vector<Ballot>& ballots, Outcome& out) {
  BallotSet set = RankedSet(d, ballots);
  if (d.method == CountingMethod::kSchulze) {
    Result<SchulzeResult> r = CountSchulze(set, d.seats);
    if (!r.ok()) return r.status();
    // How many options each beats by the strongest paths: the shape of the ranking in one number per option.
    std::vector<int> beats(d.options.size(), 0);
    for (size_t a = 0; a < r->candidates.size(); ++a) {
      for (size_t b = 0; b < r->candidates.size(); ++b) {
        if (a != b && r->strongest[a][b] > r->strongest[b][a]) ++beats[r->candidates[a]];
      }
    }
    for (size_t i = 0; i < d.options.size(); ++i) out.totals.push_back({d.options[i], std::to_string(beats[i])});
    out.ranking = r->ranking;
    out.winners = r->winners;
    out.notes = r->notes;
    out.passes = !r->winners.empty();
    return Status::Ok();
  }
  RankedCountOptions options;
  options.seats = d.seats;
  options.decimals = d.method == CountingMethod::kStv ? 5 : 0;
  Result<CountResult> r = d.method == CountingMethod::kStv ? CountStv(set, options) : CountIrv(set, options);
  if (!r.ok()) return r.status();
  FromCountResult(d, *r, out);
  return Status::Ok();
}

}  // namespace

Result<Outcome> TallyProposal(const ProposalDetails& d, const std::vector<Ballot>& ballots, int electorate) {
  Outcome out;
  out.electorate = electorate;
  out.participants = static_cast<int>(ballots.size());
  out.quorum_required = QuorumRequired(d.quorum, electorate);
  out.quorum_reached = out.participants >= out.quorum_required;
  Status s;
  switch (d.method) {
    case CountingMethod::kConsent: s = TallyConsent(ballots, out); break;
    case CountingMethod::kMajority: s = TallyMajority(d, ballots, out); break;
    case CountingMethod::kApproval:
    case CountingMethod::kScore:
    case CountingMethod::kDot: s = TallyOptions(d, ballots, out); break;
    case CountingMethod::kIrv:
    case CountingMethod::kStv:
    case CountingMethod::kSchulze: s = TallyRanked(d, ballots, out); break;
  }
  if (!s.ok()) return s;
  if (!out.quorum_reached) {
    out.passes = false;
    out.winners.clear();
    out.notes.push_back("did not reach quorum: " + std::to_string(out.participants) + " of " +
                        std::to_string(out.quorum_required) + " ballots needed");
  }
  return out;
}

}  // namespace kin::govern
