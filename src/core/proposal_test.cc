// Proposals: validation naming each field, the lifecycle, quorum and ballot rules per method.
#include <gtest/gtest.h>

#include "core/ballot.h"
#include "core/proposal.h"

namespace kin {
namespace {

const Timestamp kNow{Seconds{1'800'000'000}};

Ballot Rank(std::vector<int> ranking) {
  Ballot b;
  b.ranking = std::move(ranking);
  return b;
}
Ballot Pos(std::string position, std::string reason = "") {
  Ballot b;
  b.position = std::move(position);
  b.reason = std::move(reason);
  return b;
}
Ballot Scores(std::vector<int> scores) {
  Ballot b;
  b.scores = std::move(scores);
  return b;
}
Ballot Dots(std::vector<int> dots) {
  Ballot b;
  b.dots = std::move(dots);
  return b;
}

ProposalDetails Ranked(CountingMethod m = CountingMethod::kIrv) {
  ProposalDetails d;
  d.title = "Which day?";
  d.method = m;
  d.options = {"Mon", "Tue", "Wed"};
  d.closes_at = kNow + Seconds(3600);
  return d;
}

std::vector<std::string> Fields(const Status& s) {
  std::vector<std::string> out;
  for (const FieldError& e : s.fields()) out.push_back(e.field);
  return out;
}

TEST(Proposal, AValidDraftPasses) { EXPECT_TRUE(ValidateProposalDetails(Ranked(), kNow).ok()); }

TEST(Proposal, EachBadFieldIsNamed) {
  struct Case {
    void (*change)(ProposalDetails&);
    const char* field;
  };
  const Case cases[] = {
      {[](ProposalDetails& d) { d.title = ""; }, "title"},
      {[](ProposalDetails& d) { d.options = {"only"}; }, "options"},
      {[](ProposalDetails& d) { d.options = {"a", "a"}; }, "options[1]"},
      {[](ProposalDetails& d) { d.seats = 2; }, "seats"},
      {[](ProposalDetails& d) { d.closes_at = kNow; }, "closes_at"},
      {[](ProposalDetails& d) { d.opens_at = kNow - Seconds(1); }, "opens_at"},
      {[](ProposalDetails& d) { d.review_at = d.closes_at; }, "review_at"},
      {[](ProposalDetails& d) { d.quorum.percent = 101; }, "quorum.percent"},
      {[](ProposalDetails& d) { d.visibility = ResultsVisibility::kAlways; }, "visibility"},
      {[](ProposalDetails& d) { d.electorate = ElectorateKind::kRole; }, "electorate_role"},
      {[](ProposalDetails& d) {
         d.method = CountingMethod::kConsent;
       },
       "options"},
  };
  for (const Case& c : cases) {
    ProposalDetails d = Ranked();
    c.change(d);
    Status s = ValidateProposalDetails(d, kNow);
    EXPECT_EQ(s.kind(), StatusKind::kInvalid) << c.field;
    EXPECT_EQ(Fields(s), std::vector<std::string>{c.field});
  }
}

TEST(Proposal, StvSeatsMustLeaveALoser) {
  ProposalDetails d = Ranked(CountingMethod::kStv);
  d.seats = 2;
  EXPECT_TRUE(ValidateProposalDetails(d, kNow).ok());
  d.seats = 3;
  EXPECT_EQ(Fields(ValidateProposalDetails(d, kNow)), std::vector<std::string>{"seats"});
}

TEST(Proposal, LifecycleGoesDraftOpenClosedOnly) {
  Proposal p;
  p.details = Ranked();
  EXPECT_EQ(CheckProposalTransition(p, ProposalStatus::kClosed, kNow).kind(), StatusKind::kConflict);
  EXPECT_TRUE(CheckProposalTransition(p, ProposalStatus::kOpen, kNow).ok());
  EXPECT_EQ(CheckProposalTransition(p, ProposalStatus::kOpen, p.details.closes_at).kind(), StatusKind::kConflict);
  p.status = ProposalStatus::kOpen;
  EXPECT_EQ(CheckProposalTransition(p, ProposalStatus::kOpen, kNow).kind(), StatusKind::kConflict);
  EXPECT_TRUE(CheckProposalTransition(p, ProposalStatus::kClosed, kNow).ok());
  p.status = ProposalStatus::kClosed;
  EXPECT_EQ(CheckProposalTransition(p, ProposalStatus::kOpen, kNow).kind(), StatusKind::kConflict);
}

TEST(Proposal, OnlyDraftsChangeAndAnonymityIsFixed) {
  Proposal p;
  p.details = Ranked();
  ProposalDetails after = p.details;
  EXPECT_TRUE(CheckProposalEdit(p, after).ok());
  after.anonymous = false;
  EXPECT_EQ(Fields(CheckProposalEdit(p, after)), std::vector<std::string>{"anonymous"});
  p.status = ProposalStatus::kOpen;
  EXPECT_EQ(CheckProposalEdit(p, p.details).kind(), StatusKind::kConflict);
}

TEST(Proposal, VotingStopsAtClosingTimeEvenBeforeTheSweeperCloses) {
  Proposal p;
  p.details = Ranked();
  EXPECT_EQ(CheckVotingOpen(p, kNow).kind(), StatusKind::kConflict);
  p.status = ProposalStatus::kOpen;
  EXPECT_TRUE(CheckVotingOpen(p, kNow).ok());
  EXPECT_EQ(CheckVotingOpen(p, p.details.closes_at).kind(), StatusKind::kConflict);
}

TEST(Proposal, ResultsFollowVisibility) {
  Proposal p;
  p.details = Ranked();
  p.status = ProposalStatus::kOpen;
  p.details.visibility = ResultsVisibility::kAfterClosing;
  EXPECT_FALSE(CheckResultsVisible(p, true).ok());
  p.details.visibility = ResultsVisibility::kAfterVoting;
  EXPECT_FALSE(CheckResultsVisible(p, false).ok());
  EXPECT_TRUE(CheckResultsVisible(p, true).ok());
  p.details.visibility = ResultsVisibility::kAlways;
  EXPECT_TRUE(CheckResultsVisible(p, false).ok());
  p.status = ProposalStatus::kClosed;
  p.details.visibility = ResultsVisibility::kAfterClosing;
  EXPECT_TRUE(CheckResultsVisible(p, false).ok());
}

TEST(Proposal, ElectionsAndRecallsHaveTheirOwnFields) {
  ProposalDetails election = Ranked(CountingMethod::kStv);
  election.kind = ProposalKind::kElection;
  election.candidates = {MemberId{"a"}, MemberId{"b"}, MemberId{"c"}};
  election.mandate = "Ask the council for a cold room";
  EXPECT_TRUE(ValidateProposalDetails(election, kNow).ok());
  election.mandate.clear();
  EXPECT_EQ(Fields(ValidateProposalDetails(election, kNow)), std::vector<std::string>{"mandate"});
  election.mandate = "m";
  election.method = CountingMethod::kIrv;
  EXPECT_EQ(Fields(ValidateProposalDetails(election, kNow)), std::vector<std::string>{"method"});
  election.method = CountingMethod::kStv;
  election.candidates[2] = MemberId{"a"};
  EXPECT_EQ(Fields(ValidateProposalDetails(election, kNow)), std::vector<std::string>{"candidates[2]"});

  ProposalDetails recall = Ranked(CountingMethod::kMajority);
  recall.options.clear();
  recall.kind = ProposalKind::kRecall;
  EXPECT_EQ(Fields(ValidateProposalDetails(recall, kNow)), std::vector<std::string>{"recall_delegate"});
  recall.recall_delegate = "dlg_x";
  EXPECT_TRUE(ValidateProposalDetails(recall, kNow).ok());
  recall.mandate = "m";
  EXPECT_EQ(Fields(ValidateProposalDetails(recall, kNow)), std::vector<std::string>{"mandate"});
}

TEST(Quorum, TheLargerRuleWinsAndSharesRoundUp) {
  EXPECT_EQ(QuorumRequired({}, 10), 0);
  EXPECT_EQ(QuorumRequired({0, 50}, 7), 4);
  EXPECT_EQ(QuorumRequired({5, 10}, 7), 5);
  EXPECT_EQ(QuorumRequired({0, 100}, 0), 0);
}

TEST(Ballot, RankingsNameExistingOptionsOnce) {
  ProposalDetails d = Ranked();
  EXPECT_TRUE(ValidateBallot(d, Rank({2, 0})).ok());
  EXPECT_EQ(Fields(ValidateBallot(d, Rank({0, 3}))), std::vector<std::string>{"ranking[1]"});
  EXPECT_EQ(Fields(ValidateBallot(d, Rank({1, 1}))), std::vector<std::string>{"ranking[1]"});
  EXPECT_EQ(Fields(ValidateBallot(d, Rank({}))), std::vector<std::string>{"ranking"});
  EXPECT_EQ(Fields(ValidateBallot(d, [] { Ballot b = Rank({0}); b.scores = {1, 2, 3}; return b; }())), std::vector<std::string>{"scores"});
}

TEST(Ballot, ConsentObjectionsAndBlocksNeedReasons) {
  ProposalDetails d = Ranked(CountingMethod::kConsent);
  d.options.clear();
  EXPECT_TRUE(ValidateBallot(d, Pos("agree")).ok());
  EXPECT_EQ(Fields(ValidateBallot(d, Pos("object"))), std::vector<std::string>{"reason"});
  EXPECT_EQ(Fields(ValidateBallot(d, Pos("block", " \n"))), std::vector<std::string>{"reason"});
  EXPECT_TRUE(ValidateBallot(d, Pos("block", "unsafe")).ok());
  EXPECT_EQ(Fields(ValidateBallot(d, Pos("yes"))), std::vector<std::string>{"position"});
}

TEST(Ballot, ScoresAndDotsStayWithinTheirLimits) {
  ProposalDetails d = Ranked(CountingMethod::kScore);
  d.max_score = 3;
  EXPECT_TRUE(ValidateBallot(d, Scores({0, 3, 1})).ok());
  EXPECT_EQ(Fields(ValidateBallot(d, Scores({0, 4, 1}))), std::vector<std::string>{"scores[1]"});
  EXPECT_EQ(Fields(ValidateBallot(d, Scores({0, 1}))), std::vector<std::string>{"scores"});
  d.method = CountingMethod::kDot;
  d.dots = 3;
  EXPECT_TRUE(ValidateBallot(d, Dots({1, 0, 2})).ok());
  EXPECT_EQ(Fields(ValidateBallot(d, Dots({2, 0, 2}))), std::vector<std::string>{"dots"});
  EXPECT_EQ(Fields(ValidateBallot(d, Dots({-1, 0, 2}))), std::vector<std::string>{"dots[0]"});
}

}  // namespace
}  // namespace kin
