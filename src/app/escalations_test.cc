// Escalation wired into the app: three kin servers in one process over the fake network, each with its own
// store. Offers reach the followed hubs within reach, the first acceptance wins, the contact goes sealed to the
// winner only after the home coordinator confirms, and the winner gets a need of its own.
#include "app/escalations.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include <boost/json.hpp>

#include "app/app.h"
#include "federation/contact_handover.h"
#include "testing/fake_clock.h"
#include "testing/fake_network.h"
#include "testing/temp_store.h"

namespace kin {
namespace {

namespace fed = kin::federation;
using testing::FakeClock;
using testing::FakeNetwork;
using testing::TempStore;

constexpr char kPassword[] = "long enough password";
constexpr char kPhone[] = "+34 600 987 654";

struct Server {
  Server(const std::string& host, const std::string& slug, LatLon area, FakeClock& clock, FakeNetwork& net)
      : host(host), slug(slug), app(temp.store(), clock, Cheap()) {
    FederationConfig config;
    config.public_url = "https://" + host;
    config.http = &net;
    app.federation.Configure(config);
    HubSettings settings;
    settings.name = "Hub " + slug;
    settings.area_center = area;
    settings.area_radius_km = 4;
    EXPECT_TRUE(app.hubs.CreateAsAdmin(slug, settings).ok());
    Result<InviteGrant> invite = app.hubs.InviteAsAdmin(slug, Role::kCoordinator, 1, 1);
    Result<JoinResult> joined = app.accounts.Join(Caller{}, {invite->token, "coord-" + slug, "C", kPassword, {}});
    EXPECT_TRUE(joined.ok()) << joined.status().ToString();
    coordinator = Caller{joined->membership.member};
    Result<InviteGrant> member_invite = app.hubs.InviteAsAdmin(slug, Role::kMember, 1, 1);
    Result<JoinResult> m = app.accounts.Join(Caller{}, {member_invite->token, "member-" + slug, "M", kPassword, {}});
    EXPECT_TRUE(m.ok());
    member = Caller{m->membership.member};
    net.Add(host, testing::FederationServer(app));
  }
  static AppOptions Cheap() {
    AppOptions o;
    o.password_cost = {1, 8 * 1024};
    return o;
  }
  std::string actor() const { return "https://" + host + "/federation/hubs/" + slug; }
  std::vector<EscalationView> list() {
    Result<std::vector<EscalationView>> v = app.escalations.List(coordinator, slug);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : std::vector<EscalationView>{};
  }
  std::vector<std::string> events_of(const std::string& type) {
    std::vector<std::string> out;
    Result<Page<Event>> page = app.hubs.Events(coordinator, slug, PageRequest{"", 200});
    EXPECT_TRUE(page.ok());
    for (const Event& e : page->items) {
      if (e.type == type) out.push_back(e.subject + " " + e.detail);
    }
    return out;
  }
  std::string db_bytes() {
    EXPECT_TRUE(temp.store().Checkpoint().ok());
    std::ifstream file(temp.db_path(), std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  }

  std::string host, slug;
  TempStore temp;
  App app;
  Caller coordinator, member;
};

constexpr LatLon kHome{40.4087, -3.7009};
constexpr LatLon kNear{40.4040, -3.7020};
constexpr LatLon kOther{40.3980, -3.6950};

class EscalationsTest : public ::testing::Test {
 protected:
  EscalationsTest()
      : a_("a.example", "alpha", kHome, clock_, net_), b_("b.example", "beta", kNear, clock_, net_),
        c_("c.example", "gamma", kOther, clock_, net_) {}

  void DeliverAll() {
    for (int round = 0; round < 6; ++round) {
      for (Server* s : {&a_, &b_, &c_}) ASSERT_TRUE(s->app.federation.DeliverDue().ok());
    }
  }
  void Follow(Server& from, Server& to) {
    ASSERT_TRUE(from.app.federation.FollowRemote(from.coordinator, from.slug, "@" + to.slug + "@" + to.host).ok());
    DeliverAll();
    ASSERT_TRUE(to.app.federation.Approve(to.coordinator, to.slug, from.actor()).ok());
    DeliverAll();
  }
  // A need asked at A by its member, with a phone and an exact place.
  NeedId AskAtHome() {
    NeedDetails d;
    d.category = "groceries";
    d.description = "food for the week";
    d.quantity = 3;
    d.urgency = Urgency::kHigh;
    d.location = LatLon{40.4090, -3.7012};
    d.contact.preferred = ContactMethod::kPhone;
    d.contact.phone = kPhone;
    Result<NeedView> v = a_.app.needs.Create(a_.member, "alpha", d, false);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v->need.id;
  }
  static std::optional<EscalationView> Incoming(const std::vector<EscalationView>& list) {
    for (const EscalationView& v : list) if (v.stored.role == "remote") return v;
    return std::nullopt;
  }
  void SetUp() override {
    Follow(a_, b_);
    Follow(a_, c_);
  }

  FakeClock clock_;
  FakeNetwork net_;
  Server a_, b_, c_;
};

TEST_F(EscalationsTest, ActorDocumentPublishesAContactKeySealedAtRest) {
  boost::json::object doc = boost::json::parse(*b_.app.federation.HubActor("beta")).as_object();
  Result<std::string> key = fed::ReadContactKey(doc, b_.actor());
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  HubId hub;
  ASSERT_TRUE(b_.app.store().Read([&](ReadTx& tx) -> Status {
    Result<Hub> h = tx.GetHubBySlug("beta");
    if (h.ok()) hub = h->id;
    return h.status();
  }).ok());
  Result<ContactKeyRecord> pair = b_.app.escalations.ContactKeyOf(hub);
  ASSERT_TRUE(pair.ok());
  EXPECT_EQ(pair->public_key, *key);
  EXPECT_EQ(pair->secret_key.size(), 32u);
  EXPECT_EQ(b_.db_bytes().find(pair->secret_key), std::string::npos);
  // The key is made once: the document keeps publishing the same one.
  boost::json::object again = boost::json::parse(*b_.app.federation.HubActor("beta")).as_object();
  EXPECT_EQ(*fed::ReadContactKey(again, b_.actor()), *key);
}

TEST_F(EscalationsTest, FirstAcceptanceWinsAndTheContactGoesSealedToTheWinnerOnlyAfterConfirming) {
  NeedId need = AskAtHome();
  Result<EscalationView> started = a_.app.escalations.Escalate(a_.coordinator, need);
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  EXPECT_EQ(started->record.downstream.size(), 2u);
  EXPECT_EQ(started->stored.state, "offered");
  DeliverAll();

  std::optional<EscalationView> at_b = Incoming(b_.list());
  std::optional<EscalationView> at_c = Incoming(c_.list());
  ASSERT_TRUE(at_b && at_c);
  EXPECT_EQ(at_b->record.origin, a_.actor());
  EXPECT_EQ(at_b->record.need.category, "groceries");
  std::string key_b = at_b->stored.key, key_c = at_c->stored.key;
  EXPECT_EQ(b_.events_of("escalation.offered_here").size(), 1u);

  // Members may not decide; other hubs' coordinators do not see it.
  EXPECT_EQ(b_.app.escalations.Accept(b_.member, "beta", key_b).status().kind(), StatusKind::kForbidden);
  EXPECT_EQ(b_.app.escalations.Accept(c_.coordinator, "beta", key_b).status().kind(), StatusKind::kNotFound);

  ASSERT_TRUE(b_.app.escalations.Accept(b_.coordinator, "beta", key_b).ok());
  DeliverAll();
  // C accepts too late: A refuses it as taken, and C was told it lost.
  Result<EscalationView> late = c_.app.escalations.Accept(c_.coordinator, "gamma", key_c);
  EXPECT_TRUE(!late.ok() || late->stored.state == "closed" || late->stored.state == "accepted");
  DeliverAll();
  EXPECT_EQ(c_.app.escalations.Get(c_.coordinator, "gamma", key_c)->stored.state, "closed");
  EXPECT_FALSE(c_.events_of("escalation.lost").empty());

  std::vector<EscalationView> home = a_.list();
  ASSERT_EQ(home.size(), 1u);
  EXPECT_EQ(home[0].stored.state, "awaiting_confirm");
  EXPECT_EQ(home[0].record.taker, b_.actor());
  // Nothing reached B yet: the contact waits for the home coordinator.
  EXPECT_EQ(b_.db_bytes().find(kPhone), std::string::npos);

  Result<EscalationView> confirmed = a_.app.escalations.ConfirmHandover(a_.coordinator, "alpha", home[0].stored.key);
  ASSERT_TRUE(confirmed.ok()) << confirmed.status().ToString();
  EXPECT_EQ(confirmed->stored.state, "handed_over");
  DeliverAll();

  // The home need is kept, closed, and its log says where it went; the read of its contact is logged.
  Result<NeedView> at_home = a_.app.needs.Get(a_.coordinator, need);
  ASSERT_TRUE(at_home.ok());
  EXPECT_EQ(at_home->need.status, NeedStatus::kCancelled);
  EXPECT_EQ(a_.events_of("escalation.handed_over"), std::vector<std::string>{need.value + " " + b_.actor()});
  Result<Page<ContactAccess>> reads = a_.app.needs.AccessLog(a_.coordinator, need, PageRequest{"", 50});
  ASSERT_TRUE(reads.ok());
  int handover_reads = 0;
  for (const ContactAccess& r : reads->items) handover_reads += r.reason == "escalation hand-over to " + b_.actor();
  EXPECT_EQ(handover_reads, 1);

  // B has a need of its own whose contact, read by B's coordinator the normal way, is the person's.
  EscalationView won = *Incoming(b_.list());
  EXPECT_EQ(won.stored.state, "won");
  ASSERT_FALSE(won.stored.need.empty());
  Result<NeedView> taken = b_.app.needs.Get(b_.coordinator, NeedId{won.stored.need});
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  EXPECT_TRUE(taken->contact_visible);
  EXPECT_EQ(taken->need.details.contact.phone, kPhone);
  EXPECT_EQ(taken->need.details.category, "groceries");
  EXPECT_EQ(taken->need.details.quantity, 3);
  EXPECT_EQ(taken->need.details.urgency, Urgency::kHigh);
  EXPECT_EQ(taken->need.status, NeedStatus::kOpen);
  ASSERT_TRUE(taken->need.details.location);
  EXPECT_NEAR(taken->need.details.location->lat, 40.4090, 1e-9);

  // C never saw the contact; no event anywhere names it; B keeps it sealed at rest.
  EXPECT_EQ(c_.db_bytes().find(kPhone), std::string::npos);
  EXPECT_EQ(b_.db_bytes().find(kPhone), std::string::npos);
  for (Server* s : {&a_, &b_, &c_}) {
    Result<Page<Event>> page = s->app.hubs.Events(s->coordinator, s->slug, PageRequest{"", 200});
    for (const Event& e : page->items) EXPECT_EQ(e.detail.find(kPhone), std::string::npos) << e.type;
  }
}

TEST_F(EscalationsTest, DecliningTheHandoverKeepsTheNeedHomeAndANewRoundCanStart) {
  NeedId need = AskAtHome();
  ASSERT_TRUE(a_.app.escalations.Escalate(a_.coordinator, need).ok());
  EXPECT_EQ(a_.app.escalations.Escalate(a_.coordinator, need).status().kind(), StatusKind::kConflict);
  DeliverAll();
  ASSERT_TRUE(b_.app.escalations.Accept(b_.coordinator, "beta", Incoming(b_.list())->stored.key).ok());
  DeliverAll();
  std::string key = a_.list()[0].stored.key;
  Result<EscalationView> declined = a_.app.escalations.DeclineHandover(a_.coordinator, "alpha", key);
  ASSERT_TRUE(declined.ok()) << declined.status().ToString();
  EXPECT_EQ(declined->stored.state, "withdrawn");
  DeliverAll();
  EXPECT_EQ(a_.app.needs.Get(a_.coordinator, need)->need.status, NeedStatus::kOpen);
  EXPECT_EQ(Incoming(b_.list())->stored.state, "closed");
  EXPECT_TRUE(Incoming(b_.list())->stored.need.empty());
  // Trying again is a new round with its own id.
  Result<EscalationView> again = a_.app.escalations.Escalate(a_.coordinator, need);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_NE(again->stored.id.find("#round-2"), std::string::npos);
}

TEST_F(EscalationsTest, TheSweeperEscalatesAfterTheDelayAndWithdrawsWhatWasMetAtHome) {
  ASSERT_TRUE(a_.app.escalations.SetSettings(a_.coordinator, "alpha", 1, 2).ok());
  EXPECT_EQ(a_.app.escalations.SetSettings(a_.coordinator, "alpha", -1, 2).status().kind(), StatusKind::kInvalid);
  EXPECT_EQ(a_.app.escalations.SetSettings(a_.coordinator, "alpha", 1, 9).status().kind(), StatusKind::kInvalid);
  EXPECT_EQ(a_.app.escalations.SetSettings(a_.member, "alpha", 1, 2).status().kind(), StatusKind::kForbidden);
  NeedId need = AskAtHome();
  EXPECT_EQ(*a_.app.escalations.EscalateDue(), 0);  // not yet an hour
  clock_.Advance(Seconds(3601));
  EXPECT_EQ(*a_.app.escalations.EscalateDue(), 1);
  EXPECT_EQ(*a_.app.escalations.EscalateDue(), 0);  // once per need
  DeliverAll();
  ASSERT_TRUE(Incoming(b_.list()).has_value());
  EXPECT_EQ(a_.events_of("escalation.started").size(), 1u);

  // Met at home (cancelled by the person): every hub asked hears it is withdrawn.
  ASSERT_TRUE(a_.app.needs.Cancel(a_.member, need, "found help").ok());
  EXPECT_EQ(*a_.app.escalations.EscalateDue(), 1);
  DeliverAll();
  EXPECT_EQ(a_.list()[0].stored.state, "withdrawn");
  EXPECT_EQ(Incoming(b_.list())->stored.state, "closed");
  EXPECT_EQ(Incoming(c_.list())->stored.state, "closed");
}

// Each sweep reads the followed hubs' actor documents; they come from the cache for a day, not from the network.
TEST_F(EscalationsTest, EscalatingReadsFollowedHubsFromTheCacheUntilItIsADayOld) {
  auto fetches_of = [this](const Server& s) {
    int n = 0;
    for (const fed::OutboundRequest& r : net_.sent()) n += r.method == "GET" && r.url == s.actor();
    return n;
  };
  int b_before = fetches_of(b_), c_before = fetches_of(c_);
  ASSERT_TRUE(a_.app.escalations.Escalate(a_.coordinator, AskAtHome()).ok());
  ASSERT_TRUE(a_.app.escalations.Escalate(a_.coordinator, AskAtHome()).ok());
  EXPECT_EQ(fetches_of(b_), b_before);  // following fetched them a moment ago
  EXPECT_EQ(fetches_of(c_), c_before);
  clock_.Advance(Seconds(24 * 3600 + 1));
  ASSERT_TRUE(a_.app.escalations.Escalate(a_.coordinator, AskAtHome()).ok());
  ASSERT_TRUE(a_.app.escalations.Escalate(a_.coordinator, AskAtHome()).ok());
  EXPECT_EQ(fetches_of(b_), b_before + 1);  // stale: fetched once, then cached again
  EXPECT_EQ(fetches_of(c_), c_before + 1);
  DeliverAll();
  EXPECT_EQ(Incoming(b_.list()).has_value(), true);
}

TEST_F(EscalationsTest, HubsThatDoNotFollowBackOrAreOutOfReachAreNotAsked) {
  // Only A follows B and C; B and C follow nobody: a need at B cannot escalate (no followed hub).
  NeedDetails d;
  d.category = "rides";
  d.description = "a ride";
  d.location = kNear;
  Result<NeedView> v = b_.app.needs.Create(b_.member, "beta", d, false);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(b_.app.escalations.Escalate(b_.coordinator, v->need.id).status().kind(), StatusKind::kNotFound);
  // A need with no place cannot escalate.
  d.location.reset();
  Result<NeedView> nowhere = a_.app.needs.Create(a_.member, "alpha", d, false);
  ASSERT_TRUE(nowhere.ok());
  EXPECT_EQ(a_.app.escalations.Escalate(a_.coordinator, nowhere->need.id).status().kind(), StatusKind::kInvalid);
}

TEST_F(EscalationsTest, AForwardedNeedReachesAHubTheHomeDoesNotFollowAndTheContactPassesTheRelaySealed) {
  Server d("d.example", "delta", kNear, clock_, net_);
  Follow(b_, d);
  NeedId need = AskAtHome();
  ASSERT_TRUE(a_.app.escalations.Escalate(a_.coordinator, need).ok());
  DeliverAll();
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(d.app.federation.DeliverDue().ok());
  std::string at_b = Incoming(b_.list())->stored.key;
  // Members may not send it on.
  EXPECT_EQ(b_.app.escalations.Forward(b_.member, "beta", at_b).status().kind(), StatusKind::kForbidden);
  Result<EscalationView> forwarded = b_.app.escalations.Forward(b_.coordinator, "beta", at_b);
  ASSERT_TRUE(forwarded.ok()) << forwarded.status().ToString();
  EXPECT_EQ(forwarded->record.downstream, std::vector<std::string>{d.actor()});
  auto deliver = [&] {
    for (int round = 0; round < 6; ++round) {
      for (Server* s : {&a_, &b_, &c_, &d}) ASSERT_TRUE(s->app.federation.DeliverDue().ok());
    }
  };
  deliver();
  std::optional<EscalationView> at_d = Incoming(d.list());
  ASSERT_TRUE(at_d.has_value());
  EXPECT_EQ(at_d->record.hops, 2);
  EXPECT_EQ(at_d->record.upstream, b_.actor());
  EXPECT_EQ(at_d->record.origin, a_.actor());
  // At hop 2 with the default limit, delta may not send it further.
  EXPECT_EQ(d.app.escalations.Forward(d.coordinator, "delta", at_d->stored.key).status().kind(),
            StatusKind::kConflict);
  ASSERT_TRUE(d.app.escalations.Accept(d.coordinator, "delta", at_d->stored.key).ok());
  deliver();
  EscalationView home = a_.list()[0];
  EXPECT_EQ(home.stored.state, "awaiting_confirm");
  EXPECT_EQ(home.record.taker, d.actor());
  ASSERT_TRUE(a_.app.escalations.ConfirmHandover(a_.coordinator, "alpha", home.stored.key).ok());
  deliver();
  EscalationView won = *Incoming(d.list());
  EXPECT_EQ(won.stored.state, "won");
  Result<NeedView> taken = d.app.needs.Get(d.coordinator, NeedId{won.stored.need});
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  EXPECT_EQ(taken->need.details.contact.phone, kPhone);
  // Beta relayed the sealed contact without a need of its own, and its database never held the phone.
  EXPECT_EQ(Incoming(b_.list())->stored.state, "closed");
  EXPECT_TRUE(Incoming(b_.list())->stored.need.empty());
  EXPECT_EQ(b_.db_bytes().find(kPhone), std::string::npos);
}

TEST_F(EscalationsTest, AReplayedOfferChangesNothing) {
  NeedId need = AskAtHome();
  ASSERT_TRUE(a_.app.escalations.Escalate(a_.coordinator, need).ok());
  // The Offer to beta, as it went over the network.
  DeliverAll();
  std::vector<fed::OutboundRequest> sent = net_.sent();
  auto offer = std::find_if(sent.begin(), sent.end(), [&](const fed::OutboundRequest& r) {
    return r.method == "POST" && r.url.find("b.example") != std::string::npos &&
           r.body.find("\"type\":\"Offer\"") != std::string::npos;
  });
  ASSERT_NE(offer, sent.end());
  std::vector<EscalationView> before = b_.list();
  size_t events = b_.events_of("escalation.offered_here").size();
  Result<fed::InboundResponse> again = net_.Send(*offer);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->status, 200);  // received before
  DeliverAll();
  ASSERT_EQ(b_.list().size(), before.size());
  EXPECT_EQ(b_.list()[0].stored.record, before[0].stored.record);
  EXPECT_EQ(b_.events_of("escalation.offered_here").size(), events);
}

}  // namespace
}  // namespace kin
