// Councils across servers in one process (each its own store, one clock) over the fake network: invitations and
// answers, a proposal reaching every member hub, one ballot per hub cast by its delegate, the sweeper closing at
// closes_at, the same outcome on every hub, and two hubs of one server federating through the same path.
#include "app/councils.h"

#include <gtest/gtest.h>

#include "app/app.h"
#include "testing/fake_clock.h"
#include "testing/fake_network.h"
#include "testing/temp_store.h"

namespace kin {
namespace {

using testing::FakeClock;
using testing::FakeNetwork;
using testing::TempStore;

constexpr char kPassword[] = "long enough password";

AppOptions Cheap() {
  AppOptions o;
  o.password_cost = {1, 8 * 1024};
  return o;
}

// One kin server; hubs are added with a coordinator each.
struct Server {
  Server(const std::string& host, FakeClock& clock, FakeNetwork& net) : host(host), app(temp.store(), clock, Cheap()) {
    FederationConfig config;
    config.public_url = "https://" + host;
    config.http = &net;
    app.federation.Configure(config);
    net.Add(host, testing::FederationServer(app));
  }

  Caller AddHub(const std::string& slug) {
    HubSettings settings;
    settings.name = "Hub " + slug;
    EXPECT_TRUE(app.hubs.CreateAsAdmin(slug, settings).ok());
    return Join(slug, Role::kCoordinator, "coord-" + slug);
  }
  Caller Join(const std::string& slug, Role role, const std::string& handle, std::vector<std::string> languages = {}) {
    Result<InviteGrant> invite = app.hubs.InviteAsAdmin(slug, role, 1, 1);
    Result<JoinResult> joined = app.accounts.Join(Caller{}, {invite->token, handle, handle, kPassword, languages});
    EXPECT_TRUE(joined.ok()) << joined.status().ToString();
    return Caller{joined->membership.member};
  }
  // Elects `who` the hub's delegate in its own assembly (the coordinator stands too and loses).
  DelegateId Elect(const std::string& slug, const Caller& coordinator, const Caller& who) {
    ProposalDetails d;
    d.kind = ProposalKind::kElection;
    d.title = "Delegate";
    d.method = CountingMethod::kApproval;
    d.candidates = {*who.member, *coordinator.member};
    d.mandate = "Speak for us";
    d.closes_at = app.clock().Now() + Seconds(3600);
    Result<ProposalView> p = app.assembly.Create(coordinator, slug, d);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    EXPECT_TRUE(app.assembly.Open(coordinator, p->proposal.id).ok());
    Ballot b;
    b.approve = {0};
    EXPECT_TRUE(app.assembly.Vote(coordinator, p->proposal.id, b).ok());
    EXPECT_TRUE(app.assembly.Close(coordinator, p->proposal.id).ok());
    Result<std::vector<DelegateView>> delegates = app.assembly.Delegates(coordinator, slug);
    for (const DelegateView& v : *delegates) {
      if (v.delegate.member == *who.member) return v.delegate.id;
    }
    ADD_FAILURE() << "no delegate elected";
    return DelegateId{};
  }
  void Deliver() { ASSERT_TRUE(app.federation.DeliverDue().ok()); }
  std::vector<OutboxMessage> Messages(const Caller& who, const std::string& kind) {
    std::vector<OutboxMessage> out;
    Result<Page<OutboxMessage>> mine = app.notifications.Mine(who, {});
    EXPECT_TRUE(mine.ok());
    for (OutboxMessage& m : mine->items) {
      if (m.kind == kind) out.push_back(std::move(m));
    }
    return out;
  }
  std::string actor(const std::string& slug) const { return "https://" + host + "/federation/hubs/" + slug; }
  // The hub's row for the council at `url`.
  Council CouncilAt(const Caller& caller, const std::string& slug, const std::string& url) {
    Result<std::vector<Council>> list = app.councils.List(caller, slug);
    EXPECT_TRUE(list.ok());
    for (const Council& c : *list) {
      if (c.url == url) return c;
    }
    ADD_FAILURE() << slug << " does not know " << url;
    return Council{};
  }

  std::string host;
  TempStore temp;
  App app;
};

class CouncilsTest : public ::testing::Test {
 protected:
  CouncilsTest() : a_("a.example", clock_, net_), b_("b.example", clock_, net_) {
    alpha_ = a_.AddHub("alpha");
    alpha2_ = a_.AddHub("alpha2");  // a second hub on the host's own server
    beta_ = b_.AddHub("beta");
  }
  void DeliverAll() {
    for (int i = 0; i < 3; ++i) {
      a_.Deliver();
      b_.Deliver();
    }
  }

  // Alpha convenes a council that beta (another server) and alpha2 (alpha's server) join; returns the host's id
  // and fills the members' rows.
  CouncilId Joined(Council* at_beta, Council* at_alpha2) {
    Result<CouncilView> convened = a_.app.councils.Convene(alpha_, "alpha", "Food council");
    EXPECT_TRUE(convened.ok()) << convened.status().ToString();
    EXPECT_TRUE(a_.app.councils.Invite(alpha_, convened->council.id, "@beta@b.example").ok());
    EXPECT_TRUE(a_.app.councils.Invite(alpha_, convened->council.id, a_.actor("alpha2")).ok());
    DeliverAll();
    *at_beta = b_.CouncilAt(beta_, "beta", convened->council.url);
    *at_alpha2 = a_.CouncilAt(alpha2_, "alpha2", convened->council.url);
    EXPECT_TRUE(b_.app.councils.Answer(beta_, at_beta->id, true).ok());
    EXPECT_TRUE(a_.app.councils.Answer(alpha2_, at_alpha2->id, true).ok());
    DeliverAll();
    return convened->council.id;
  }
  ProposalDetails Question(const std::string& title, Seconds lasts) {
    ProposalDetails d;
    d.title = title;
    d.method = CountingMethod::kMajority;
    d.closes_at = clock_.Now() + lasts;
    return d;
  }
  // Drafts and opens a proposal; returns the host's copy.
  CouncilProposalView OpenQuestion(const CouncilId& host, const std::string& title, Seconds lasts) {
    Result<CouncilProposalView> drafted = a_.app.councils.CreateProposal(alpha_, host, Question(title, lasts));
    EXPECT_TRUE(drafted.ok()) << drafted.status().ToString();
    Result<CouncilProposalView> opened = a_.app.councils.Open(alpha_, host, drafted->proposal.id);
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    DeliverAll();
    return *opened;
  }
  // A member hub's copy of the proposal at `url`.
  CouncilProposalView CopyAt(Server& s, const Caller& who, const CouncilId& id, const std::string& url) {
    Result<std::vector<CouncilProposalView>> list = s.app.councils.ListProposals(who, id);
    EXPECT_TRUE(list.ok());
    for (const CouncilProposalView& v : *list) {
      if (v.url == url) return v;
    }
    ADD_FAILURE() << "no copy of " << url;
    return CouncilProposalView{};
  }

  FakeClock clock_;
  FakeNetwork net_;
  Server a_, b_;
  Caller alpha_, alpha2_, beta_;
};

TEST_F(CouncilsTest, MemberHubsHereAndElsewhereVoteThroughTheirDelegatesAndHoldTheHostsOutcome) {
  Result<CouncilView> convened = a_.app.councils.Convene(alpha_, "alpha", "Food council");
  ASSERT_TRUE(convened.ok()) << convened.status().ToString();
  const CouncilId host_id = convened->council.id;
  const std::string url = convened->council.url;
  // Only the host's coordinators invite, and only hubs.
  Caller alpha_member = a_.Join("alpha", Role::kMember, "alpha-member");
  EXPECT_EQ(a_.app.councils.Invite(alpha_member, host_id, "@beta@b.example").status().kind(), StatusKind::kForbidden);
  ASSERT_TRUE(a_.app.councils.Invite(alpha_, host_id, "@beta@b.example").ok());
  ASSERT_TRUE(a_.app.councils.Invite(alpha_, host_id, a_.actor("alpha2")).ok());
  EXPECT_EQ(a_.app.councils.Invite(alpha_, host_id, a_.actor("alpha")).status().kind(), StatusKind::kInvalid);
  DeliverAll();

  Council at_beta = b_.CouncilAt(beta_, "beta", url);
  Council at_alpha2 = a_.CouncilAt(alpha2_, "alpha2", url);
  EXPECT_EQ(at_beta.standing, CouncilStanding::kInvited);
  EXPECT_EQ(at_alpha2.standing, CouncilStanding::kInvited);
  ASSERT_TRUE(b_.app.councils.Answer(beta_, at_beta.id, true).ok());
  ASSERT_TRUE(a_.app.councils.Answer(alpha2_, at_alpha2.id, true).ok());
  EXPECT_EQ(b_.app.councils.Answer(beta_, at_beta.id, false).status().kind(), StatusKind::kConflict);
  DeliverAll();
  Result<CouncilView> host = a_.app.councils.Get(alpha_, host_id);
  ASSERT_EQ(host->members.size(), 2u);
  for (const CouncilMember& m : host->members) EXPECT_EQ(m.state, CouncilMemberState::kMember) << m.actor;

  Caller beta_delegate = b_.Join("beta", Role::kMember, "beta-delegate");
  DelegateId beta_delegate_id = b_.Elect("beta", beta_, beta_delegate);
  Caller alpha2_delegate = a_.Join("alpha2", Role::kMember, "alpha2-delegate");
  a_.Elect("alpha2", alpha2_, alpha2_delegate);

  ProposalDetails d;
  d.title = "Share one van";
  d.method = CountingMethod::kApproval;
  d.options = {"Saturday", "Sunday", "Both"};
  d.closes_at = clock_.Now() + Seconds(600);
  d.visibility = ResultsVisibility::kAfterClosing;
  Result<CouncilProposalView> drafted = a_.app.councils.CreateProposal(alpha_, host_id, d);
  ASSERT_TRUE(drafted.ok()) << drafted.status().ToString();
  EXPECT_FALSE(drafted->proposal.details.anonymous);
  // A council proposal stays out of the hub's own assembly.
  EXPECT_EQ(a_.app.assembly.Get(alpha_, drafted->proposal.id).status().kind(), StatusKind::kNotFound);
  Result<CouncilProposalView> opened = a_.app.councils.Open(alpha_, host_id, drafted->proposal.id);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->proposal.electorate_size, 3);
  DeliverAll();

  Result<std::vector<CouncilProposalView>> at_b = b_.app.councils.ListProposals(beta_delegate, at_beta.id);
  ASSERT_EQ(at_b->size(), 1u);
  const CouncilProposalView& pb = at_b->front();
  // Beta's delegate hears that a council vote is open; beta's coordinator, who is no delegate, does not.
  ASSERT_EQ(b_.Messages(beta_delegate, "council_proposal.opened").size(), 1u);
  EXPECT_EQ(b_.Messages(beta_delegate, "council_proposal.opened")[0].subject, "Council vote open: Share one van");
  EXPECT_TRUE(b_.Messages(beta_, "council_proposal.opened").empty());
  EXPECT_EQ(pb.url, opened->url);
  EXPECT_TRUE(pb.may_vote);
  Ballot weekend;
  weekend.approve = {0, 2};
  Ballot out_of_range;
  out_of_range.approve = {7};
  EXPECT_EQ(b_.app.councils.Vote(beta_, at_beta.id, pb.proposal.id, weekend).status().kind(), StatusKind::kForbidden);
  EXPECT_EQ(b_.app.councils.Vote(beta_delegate, at_beta.id, pb.proposal.id, out_of_range).status().kind(),
            StatusKind::kInvalid);
  ASSERT_TRUE(b_.app.councils.Vote(beta_delegate, at_beta.id, pb.proposal.id, weekend).ok());
  EXPECT_EQ(b_.app.councils.Vote(beta_delegate, at_beta.id, pb.proposal.id, weekend).status().kind(),
            StatusKind::kConflict);
  Result<std::vector<CouncilProposalView>> at_a2 = a_.app.councils.ListProposals(alpha2_delegate, at_alpha2.id);
  ASSERT_EQ(at_a2->size(), 1u);
  Ballot sunday;
  sunday.approve = {1};
  ASSERT_TRUE(a_.app.councils.Vote(alpha2_delegate, at_alpha2.id, at_a2->front().proposal.id, sunday).ok());
  // The host hub votes too, through its own delegate, without leaving the server.
  Caller alpha_delegate = a_.Join("alpha", Role::kMember, "alpha-delegate");
  a_.Elect("alpha", alpha_, alpha_delegate);
  EXPECT_EQ(a_.app.councils.Vote(alpha_, host_id, drafted->proposal.id, sunday).status().kind(),
            StatusKind::kForbidden);  // a coordinator who is no delegate
  ASSERT_TRUE(a_.app.councils.Vote(alpha_delegate, host_id, drafted->proposal.id, sunday).ok());
  DeliverAll();
  EXPECT_EQ(a_.app.councils.GetProposal(alpha_, host_id, drafted->proposal.id)->proposal.ballots_cast, 3);

  // The minute sweeper closes at closes_at and the outcome reaches both member hubs.
  EXPECT_EQ(*a_.app.councils.CloseDue(), 0);
  clock_.Advance(Seconds(601));
  EXPECT_EQ(*a_.app.councils.CloseDue(), 1);
  DeliverAll();
  Result<CouncilProposalView> host_view = a_.app.councils.GetProposal(alpha_, host_id, drafted->proposal.id);
  Result<CouncilProposalView> beta_view = b_.app.councils.GetProposal(beta_, at_beta.id, pb.proposal.id);
  ASSERT_TRUE(host_view->proposal.outcome && beta_view->proposal.outcome);
  EXPECT_EQ(beta_view->proposal.status, ProposalStatus::kClosed);
  EXPECT_EQ(host_view->proposal.outcome->participants, 3);
  EXPECT_EQ(host_view->proposal.outcome->winners, std::vector<int>{1});  // Saturday 1, Sunday 2, Both 1
  EXPECT_EQ(beta_view->proposal.outcome->winners, host_view->proposal.outcome->winners);
  EXPECT_EQ(beta_view->proposal.outcome->totals.size(), host_view->proposal.outcome->totals.size());
  ASSERT_EQ(beta_view->votes.size(), 3u);
  // Every member of beta hears the outcome, once, counted in hubs.
  for (const Caller& who : {beta_, beta_delegate}) {
    std::vector<OutboxMessage> result = b_.Messages(who, "council_proposal.closed");
    ASSERT_EQ(result.size(), 1u);
    EXPECT_NE(result[0].body.find("3 of 3 hubs voted"), std::string::npos) << result[0].body;
  }

  // Beta's members see how their delegate voted in the council.
  Caller beta_member = b_.Join("beta", Role::kMember, "beta-member");
  Result<std::vector<DelegateVote>> votes = b_.app.assembly.DelegateVotes(beta_member, beta_delegate_id);
  ASSERT_TRUE(votes.ok());
  ASSERT_EQ(votes->size(), 1u);
  EXPECT_EQ(votes->front().council, "Food council");
  EXPECT_EQ(votes->front().ballot, weekend);
  // A member of another hub cannot.
  EXPECT_EQ(a_.app.assembly.DelegateVotes(alpha_, beta_delegate_id).status().kind(), StatusKind::kNotFound);
}

TEST_F(CouncilsTest, OpeningNeedsAMemberHubAndOnlyTheHostsCoordinatorsManage) {
  Result<CouncilView> convened = a_.app.councils.Convene(alpha_, "alpha", "Council");
  ASSERT_TRUE(convened.ok());
  EXPECT_EQ(a_.app.councils.Convene(alpha_, "alpha", "  ").status().kind(), StatusKind::kInvalid);
  ProposalDetails d;
  d.title = "Q";
  d.method = CountingMethod::kMajority;
  d.closes_at = clock_.Now() + Seconds(600);
  Result<CouncilProposalView> p = a_.app.councils.CreateProposal(alpha_, convened->council.id, d);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(a_.app.councils.Open(alpha_, convened->council.id, p->proposal.id).status().kind(), StatusKind::kConflict);
  d.kind = ProposalKind::kRecall;
  EXPECT_EQ(a_.app.councils.CreateProposal(alpha_, convened->council.id, d).status().kind(), StatusKind::kInvalid);
  // Another hub's coordinator on the same server cannot see it.
  EXPECT_EQ(a_.app.councils.Get(alpha2_, convened->council.id).status().kind(), StatusKind::kNotFound);
}

TEST_F(CouncilsTest, DelegatesOfHubsThatHaveNotVotedHearOnceThatAVoteClosesSoonInTheirLanguage) {
  Council at_beta, at_alpha2;
  CouncilId host = Joined(&at_beta, &at_alpha2);
  Caller beta_delegate = b_.Join("beta", Role::kMember, "beta-delegate", {"es"});  // reads Spanish
  b_.Elect("beta", beta_, beta_delegate);
  Caller alpha2_delegate = a_.Join("alpha2", Role::kMember, "alpha2-delegate");
  a_.Elect("alpha2", alpha2_, alpha2_delegate);
  Caller alpha_delegate = a_.Join("alpha", Role::kMember, "alpha-delegate");
  a_.Elect("alpha", alpha_, alpha_delegate);

  CouncilProposalView opened = OpenQuestion(host, "Share one van", Seconds(72 * 3600));
  CouncilProposalView at_a2 = CopyAt(a_, alpha2_delegate, at_alpha2.id, opened.url);
  Ballot yes;
  yes.position = "yes";
  ASSERT_TRUE(a_.app.councils.Vote(alpha2_delegate, at_alpha2.id, at_a2.proposal.id, yes).ok());
  // Nothing before the day before closing.
  EXPECT_EQ(*a_.app.councils.RemindClosing(), 0);
  EXPECT_EQ(*b_.app.councils.RemindClosing(), 0);
  clock_.Advance(Seconds(48 * 3600 + 60));
  // Alpha2 voted; alpha (the host, on the same server) and beta have not: one delegate each is told.
  EXPECT_EQ(*a_.app.councils.RemindClosing(), 1);
  EXPECT_EQ(*b_.app.councils.RemindClosing(), 1);
  EXPECT_EQ(*a_.app.councils.RemindClosing(), 0);  // once per proposal and delegate
  EXPECT_EQ(*b_.app.councils.RemindClosing(), 0);
  EXPECT_TRUE(a_.Messages(alpha2_delegate, "council_proposal.closing_soon").empty());
  ASSERT_EQ(a_.Messages(alpha_delegate, "council_proposal.closing_soon").size(), 1u);
  EXPECT_EQ(a_.Messages(alpha_delegate, "council_proposal.closing_soon")[0].subject,
            "Council vote closes soon: Share one van");
  std::vector<OutboxMessage> es = b_.Messages(beta_delegate, "council_proposal.closing_soon");
  ASSERT_EQ(es.size(), 1u);
  EXPECT_EQ(es[0].subject, "La votación del consejo cierra pronto: Share one van");
  EXPECT_NE(es[0].body.find("Food council"), std::string::npos) << es[0].body;
  EXPECT_TRUE(b_.Messages(beta_, "council_proposal.closing_soon").empty());  // a coordinator, no delegate

  // A vote shorter than two days is announced halfway, not the moment it opens.
  OpenQuestion(host, "Sunday too?", Seconds(4 * 3600));
  EXPECT_EQ(*b_.app.councils.RemindClosing(), 0);
  clock_.Advance(Seconds(2 * 3600 + 1));
  EXPECT_EQ(*b_.app.councils.RemindClosing(), 1);
  // After closing nobody is reminded, and everyone in each hub hears the outcome in hubs.
  clock_.Advance(Seconds(24 * 3600));
  EXPECT_EQ(*a_.app.councils.CloseDue(), 2);
  DeliverAll();
  EXPECT_EQ(*b_.app.councils.RemindClosing(), 0);
  std::vector<OutboxMessage> results = b_.Messages(beta_, "council_proposal.closed");
  ASSERT_EQ(results.size(), 2u);
  for (const OutboxMessage& m : results) EXPECT_NE(m.body.find("hubs voted"), std::string::npos) << m.body;
  EXPECT_EQ(b_.Messages(beta_delegate, "council_proposal.closed").size(), 2u);
}

TEST_F(CouncilsTest, ProposalsRemindedAlreadyNeverKeepLaterOnesFromTheirReminder) {
  Council at_beta, at_alpha2;
  CouncilId host = Joined(&at_beta, &at_alpha2);
  Caller beta_delegate = b_.Join("beta", Role::kMember, "beta-delegate");
  b_.Elect("beta", beta_, beta_delegate);
  OpenQuestion(host, "First", Seconds(30 * 3600));
  DeliverAll();
  clock_.Advance(Seconds(15 * 3600 + 60));  // "First" is past its halfway mark, 15 h before it closes
  EXPECT_EQ(*b_.app.councils.RemindClosing(1), 1);
  OpenQuestion(host, "Second", Seconds(20 * 3600));
  OpenQuestion(host, "Third", Seconds(22 * 3600));
  DeliverAll();
  clock_.Advance(Seconds(11 * 3600 + 1800));  // both past halfway; "First" still open, closing soonest
  // Batches of one: "First", reminded already and closing soonest, heads every batch; the others still come.
  EXPECT_EQ(*b_.app.councils.RemindClosing(1), 2);
  EXPECT_EQ(*b_.app.councils.RemindClosing(1), 0);
  EXPECT_EQ(b_.Messages(beta_delegate, "council_proposal.closing_soon").size(), 3u);
}

TEST_F(CouncilsTest, AHubThatLeavesOrIsRemovedKeepsItsPlaceOnlyInProposalsAlreadyOpen) {
  Council at_beta, at_alpha2;
  CouncilId host = Joined(&at_beta, &at_alpha2);
  Caller beta_delegate = b_.Join("beta", Role::kMember, "beta-delegate");
  b_.Elect("beta", beta_, beta_delegate);
  CouncilProposalView before = OpenQuestion(host, "Before leaving", Seconds(3600));
  EXPECT_EQ(before.proposal.electorate_size, 3);

  // Only beta's coordinators leave, and the host cannot leave its own council.
  EXPECT_EQ(b_.app.councils.Leave(beta_delegate, at_beta.id).status().kind(), StatusKind::kForbidden);
  EXPECT_EQ(a_.app.councils.Leave(alpha_, host).status().kind(), StatusKind::kConflict);
  Result<CouncilView> left = b_.app.councils.Leave(beta_, at_beta.id);
  ASSERT_TRUE(left.ok()) << left.status().ToString();
  EXPECT_EQ(left->council.standing, CouncilStanding::kLeft);
  EXPECT_EQ(b_.app.councils.Leave(beta_, at_beta.id).status().kind(), StatusKind::kConflict);
  DeliverAll();
  Result<CouncilView> at_host = a_.app.councils.Get(alpha_, host);
  for (const CouncilMember& m : at_host->members) {
    EXPECT_EQ(m.state, m.actor == b_.actor("beta") ? CouncilMemberState::kLeft : CouncilMemberState::kMember);
  }

  // The proposal opened before still counts beta: its delegate votes and the host takes the ballot.
  CouncilProposalView copy = CopyAt(b_, beta_delegate, at_beta.id, before.url);
  EXPECT_TRUE(copy.may_vote);
  Ballot no;
  no.position = "no";
  ASSERT_TRUE(b_.app.councils.Vote(beta_delegate, at_beta.id, copy.proposal.id, no).ok());
  DeliverAll();
  EXPECT_EQ(a_.app.councils.GetProposal(alpha_, host, before.proposal.id)->proposal.ballots_cast, 1);

  // A proposal opened afterwards leaves beta out and never reaches it.
  CouncilProposalView after = OpenQuestion(host, "After leaving", Seconds(3600));
  EXPECT_EQ(after.proposal.electorate_size, 2);
  Result<std::vector<CouncilProposalView>> at_b = b_.app.councils.ListProposals(beta_, at_beta.id);
  ASSERT_EQ(at_b->size(), 1u);

  // The host removes alpha2 and tells it; it too keeps its place in the proposals already open.
  EXPECT_EQ(a_.app.councils.Remove(alpha2_, host, a_.actor("alpha2")).status().kind(), StatusKind::kNotFound);
  EXPECT_EQ(a_.app.councils.Remove(alpha2_, at_alpha2.id, a_.actor("alpha")).status().kind(),
            StatusKind::kForbidden);  // a member hub removes nobody
  EXPECT_EQ(a_.app.councils.Remove(alpha_, host, "https://nowhere.example/x").status().kind(), StatusKind::kInvalid);
  Result<CouncilMember> removed = a_.app.councils.Remove(alpha_, host, a_.actor("alpha2"));
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(removed->state, CouncilMemberState::kRemoved);
  EXPECT_EQ(a_.app.councils.Remove(alpha_, host, a_.actor("alpha2")).status().kind(), StatusKind::kConflict);
  EXPECT_EQ(a_.app.councils.Remove(alpha_, host, b_.actor("beta")).status().kind(), StatusKind::kConflict);
  DeliverAll();
  EXPECT_EQ(a_.CouncilAt(alpha2_, "alpha2", at_alpha2.url).standing,
            CouncilStanding::kRemoved);
  // With no member hub left, nothing more can open.
  Result<CouncilProposalView> lonely = a_.app.councils.CreateProposal(alpha_, host, Question("Alone", Seconds(600)));
  ASSERT_TRUE(lonely.ok());
  EXPECT_EQ(a_.app.councils.Open(alpha_, host, lonely->proposal.id).status().kind(), StatusKind::kConflict);

  // Closing sends the outcome to beta, which left but was in the electorate; everyone in beta hears it.
  ASSERT_TRUE(a_.app.councils.Close(alpha_, host, before.proposal.id).ok());
  DeliverAll();
  CouncilProposalView closed = CopyAt(b_, beta_, at_beta.id, before.url);
  EXPECT_EQ(closed.proposal.status, ProposalStatus::kClosed);
  EXPECT_EQ(closed.proposal.outcome->participants, 1);
  EXPECT_EQ(b_.Messages(beta_, "council_proposal.closed").size(), 1u);

  // Beta may be invited again, and rejoins.
  ASSERT_TRUE(a_.app.councils.Invite(alpha_, host, "@beta@b.example").ok());
  DeliverAll();
  EXPECT_EQ(b_.CouncilAt(beta_, "beta", at_beta.url).standing, CouncilStanding::kInvited);
  ASSERT_TRUE(b_.app.councils.Answer(beta_, at_beta.id, true).ok());
  DeliverAll();
  EXPECT_EQ(a_.app.councils.Open(alpha_, host, lonely->proposal.id)->proposal.electorate_size, 2);
}

// The host invites beta while beta's server is down, then removes it before it ever heard: the Remove must not
// overtake the Invite when both are retried, or beta would answer an invitation to a council it was removed from.
TEST_F(CouncilsTest, AnInviteRetriedAfterItFailedStillReachesTheHubBeforeTheRemoveThatFollowedIt) {
  Result<CouncilView> convened = a_.app.councils.Convene(alpha_, "alpha", "Food council");
  ASSERT_TRUE(convened.ok()) << convened.status().ToString();
  ASSERT_TRUE(a_.app.councils.Invite(alpha_, convened->council.id, "@beta@b.example").ok());
  net_.SetDown("b.example", true);
  a_.Deliver();  // the Invite fails: tried again in 30 s
  clock_.Advance(Seconds(31));
  a_.Deliver();  // and again: in 60 s
  ASSERT_TRUE(a_.app.councils.Remove(alpha_, convened->council.id, b_.actor("beta")).ok());
  net_.SetDown("b.example", false);
  a_.Deliver();  // beta's server is back and the Remove is due, but it waits behind the Invite
  clock_.Advance(Seconds(61));
  a_.Deliver();
  Council at_beta = b_.CouncilAt(beta_, "beta", convened->council.url);
  EXPECT_EQ(at_beta.standing, CouncilStanding::kRemoved);
  EXPECT_FALSE(b_.app.councils.Answer(beta_, at_beta.id, true).ok());
}

TEST_F(CouncilsTest, OneServerCannotFillAHubWithInvitations) {
  // Beta joins one council; then alpha invites it to 21 more and beta never answers.
  Council at_beta, at_alpha2;
  Joined(&at_beta, &at_alpha2);
  for (int i = 0; i < 21; ++i) {
    Result<CouncilView> c = a_.app.councils.Convene(alpha_, "alpha", "Council " + std::to_string(i));
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    ASSERT_TRUE(a_.app.councils.Invite(alpha_, c->council.id, "@beta@b.example").ok());
  }
  DeliverAll();
  Result<std::vector<Council>> at_b = b_.app.councils.List(beta_, "beta");
  ASSERT_TRUE(at_b.ok());
  ASSERT_EQ(at_b->size(), 21u);  // the council beta is in, and 20 invitations: the 21st was refused
  EXPECT_EQ(at_b->front().url, at_beta.url);  // listed first, however many invitations came after it
  EXPECT_EQ(at_b->front().standing, CouncilStanding::kMember);
  for (size_t i = 1; i < at_b->size(); ++i) EXPECT_EQ((*at_b)[i].standing, CouncilStanding::kInvited);
}

TEST_F(CouncilsTest, RemovingAndInvitingAHubAgainDoesNotTakeAwayItsVoteOnProposalsAlreadyOpen) {
  Council at_beta, at_alpha2;
  CouncilId host = Joined(&at_beta, &at_alpha2);
  Caller beta_delegate = b_.Join("beta", Role::kMember, "beta-delegate");
  b_.Elect("beta", beta_, beta_delegate);
  CouncilProposalView open = OpenQuestion(host, "Open before the removal", Seconds(3600));
  ASSERT_TRUE(a_.app.councils.Remove(alpha_, host, b_.actor("beta")).ok());
  DeliverAll();
  ASSERT_TRUE(a_.app.councils.Invite(alpha_, host, "@beta@b.example").ok());
  DeliverAll();
  EXPECT_EQ(b_.CouncilAt(beta_, "beta", at_beta.url).standing, CouncilStanding::kInvited);

  // Invited again, not yet answered: beta still votes on the proposal it was in the electorate of, and hears it
  // closes soon.
  CouncilProposalView copy = CopyAt(b_, beta_delegate, at_beta.id, open.url);
  EXPECT_TRUE(copy.may_vote);
  clock_.Advance(Seconds(3000));
  ASSERT_TRUE(b_.app.councils.RemindClosing().ok());
  EXPECT_EQ(b_.Messages(beta_delegate, "council_proposal.closing_soon").size(), 1u);
  Ballot no;
  no.position = "no";
  ASSERT_TRUE(b_.app.councils.Vote(beta_delegate, at_beta.id, copy.proposal.id, no).ok());
  DeliverAll();
  EXPECT_EQ(a_.app.councils.GetProposal(alpha_, host, open.proposal.id)->proposal.ballots_cast, 1);
  ASSERT_TRUE(a_.app.councils.Close(alpha_, host, open.proposal.id).ok());
  DeliverAll();
  CouncilProposalView closed = CopyAt(b_, beta_, at_beta.id, open.url);
  EXPECT_EQ(closed.proposal.status, ProposalStatus::kClosed);
  EXPECT_EQ(closed.proposal.outcome->participants, 1);
  EXPECT_EQ(closed.proposal.outcome->electorate, 3);
}

}  // namespace
}  // namespace kin
