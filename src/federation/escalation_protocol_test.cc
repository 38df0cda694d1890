// Escalation between several hubs in one process over a fake network (src/testing/fake_federation.h): every
// message crosses as JSON text through the codec, and the contact is sealed and opened with libsodium.
#include <gtest/gtest.h>

#include "testing/fake_federation.h"

namespace kin::federation {
namespace {

using kin::testing::FakeFederation;
using Hub = FakeFederation::Hub;

constexpr LatLon kLavapies{40.4087, -3.7009};
constexpr LatLon kEmbajadores{40.4040, -3.7020};  // ~0.5 km away
constexpr LatLon kArganzuela{40.3980, -3.6950};   // ~1.3 km away
constexpr LatLon kTetuan{40.4600, -3.7000};       // ~5.7 km away
constexpr LatLon kBarcelona{41.3874, 2.1686};

SharedItem NeedAt(LatLon where) {
  SharedItem need;
  need.kind = SharedKind::kNeed;
  need.local_id = "n-1";
  need.category = "groceries";
  need.quantity = 3;
  need.urgency = "high";
  need.language = "es";
  need.area = SharedArea{CoarsenForSharing(where), SharedRadiusMeters(0)};
  return need;
}

Contact Person() {
  Contact c;
  c.preferred = ContactMethod::kPhone;
  c.phone = "+34 600 111 222";
  c.address = "Calle del Ave María 12, 3º";
  return c;
}

const std::string kNeedId = "https://lavapies.example/hubs/lavapies/shared/needs/n-1";

// Home hub A escalates to B and C (both within reach); D is followed but too far away.
struct Star {
  FakeFederation net;
  Hub& a = net.AddHub("lavapies", kLavapies, 3000);
  Hub& b = net.AddHub("embajadores", kEmbajadores, 3000);
  Hub& c = net.AddHub("arganzuela", kArganzuela, 3000);
  Hub& d = net.AddHub("barcelona", kBarcelona, 20000);
  Star() {
    for (Hub* h : {&b, &c, &d}) {
      net.Follow(a, *h);
      net.Follow(*h, a);
    }
    a.contacts[kNeedId] = Person();
  }
  void Escalate() {
    ASSERT_TRUE(net.Apply(a, a.book.Escalate(kNeedId, NeedAt(kLavapies), a.followed, net.now)).ok());
  }
};

void ExpectNoContactIn(const Hub& hub) {
  for (const std::string& json : hub.received_json) {
    EXPECT_EQ(json.find("\"ContactHandover\"]"), std::string::npos) << hub.actor << " received a hand-over";
    EXPECT_EQ(json.find("600 111 222"), std::string::npos) << hub.actor << " saw the phone number";
  }
  EXPECT_TRUE(hub.opened_contacts.empty());
}

TEST(EscalationProtocol, OffersOnlyToFollowedHubsWithinReachAndWithoutPersonalData) {
  Star s;
  s.Escalate();
  ASSERT_EQ(s.net.in_flight().size(), 2u);
  s.net.DeliverAll();
  EXPECT_TRUE(s.b.Saw(EscalationEventType::kOfferReceived));
  EXPECT_TRUE(s.c.Saw(EscalationEventType::kOfferReceived));
  EXPECT_TRUE(s.d.received_json.empty()) << "Barcelona is out of reach";
  for (const Hub* h : {&s.b, &s.c}) {
    ASSERT_EQ(h->received_json.size(), 1u);
    EXPECT_EQ(h->received_json[0].find("Ave Mar"), std::string::npos);
    EXPECT_EQ(h->book.Find(kNeedId)->state, EscalationState::kReceived);
  }
}

// Both B and C accept; C's acceptance reaches A first and wins. B's arrives late and is refused; B is told.
void RunFirstAcceptanceWins(FakeFederation& net, Hub& a, Hub& b, Hub& c, Hub& d) {
  ASSERT_TRUE(net.Apply(b, b.book.AcceptHere(kNeedId, net.now)).ok());
  ASSERT_TRUE(net.Apply(c, c.book.AcceptHere(kNeedId, net.now)).ok());
  ASSERT_TRUE(net.Prioritise(c.actor, a.actor, MessageType::kAccept)) << "C's acceptance overtakes B's";
  net.DeliverAll();
  const Escalation* home = a.book.Find(kNeedId);
  EXPECT_EQ(home->taker, c.actor);
  EXPECT_EQ(home->state, EscalationState::kAwaitingConfirm);
  int taken_events = 0;
  for (const auto& e : a.events) taken_events += e.type == EscalationEventType::kTakenBy;
  EXPECT_EQ(taken_events, 1) << "one winner, announced once";
  EXPECT_EQ(b.book.Find(kNeedId)->state, EscalationState::kClosed) << "the other hub is told";
  EXPECT_TRUE(b.Saw(EscalationEventType::kLost));
  EXPECT_EQ(c.book.Find(kNeedId)->state, EscalationState::kAccepted) << "the winner waits for the hand-over";
  EXPECT_TRUE(c.opened_contacts.empty()) << "no contact before the home coordinator confirms";

  ASSERT_TRUE(net.Apply(a, a.book.ConfirmHandover(kNeedId, net.now)).ok());
  net.DeliverAll();
  EXPECT_EQ(a.book.Find(kNeedId)->state, EscalationState::kHandedOver);
  EXPECT_EQ(c.book.Find(kNeedId)->state, EscalationState::kWon);
  ASSERT_EQ(c.opened_contacts.count(kNeedId), 1u);
  EXPECT_EQ(c.opened_contacts[kNeedId], Person());
  EXPECT_NE(c.received_json.back().find("\"ContactHandover\"]"), std::string::npos);
  ExpectNoContactIn(b);
  ExpectNoContactIn(d);
  for (const Hub* h : {&a, &b, &c, &d}) EXPECT_TRUE(h->refused.empty()) << h->actor << ": " << h->refused[0].ToString();
}

TEST(EscalationProtocol, TwoHubsAcceptAndTheFirstToArriveWins) {
  Star s;
  s.Escalate();
  s.net.DeliverAll();
  RunFirstAcceptanceWins(s.net, s.a, s.b, s.c, s.d);
}

TEST(EscalationProtocol, DeliveringEveryMessageTwiceChangesNothing) {
  Star s;
  s.net.deliver_twice = true;
  s.Escalate();
  s.net.DeliverAll();
  RunFirstAcceptanceWins(s.net, s.a, s.b, s.c, s.d);
  int offers_received = 0;
  for (const auto& e : s.b.events) offers_received += e.type == EscalationEventType::kOfferReceived;
  EXPECT_EQ(offers_received, 1);
  EXPECT_EQ(s.c.opened_contacts.size(), 1u);
}

TEST(EscalationProtocol, RedeliveringEverythingAfterARestartChangesNothing) {
  Star s;
  s.Escalate();
  s.net.DeliverAll();
  RunFirstAcceptanceWins(s.net, s.a, s.b, s.c, s.d);
  std::map<std::string, EscalationState> before;
  std::map<std::string, size_t> events_before;
  for (Hub* h : {&s.a, &s.b, &s.c, &s.d}) {
    if (h->book.Find(kNeedId)) before[h->actor] = h->book.Find(kNeedId)->state;
    events_before[h->actor] = h->events.size();
  }
  for (Hub* h : {&s.a, &s.b, &s.c, &s.d}) {
    s.net.Restart(*h);
    s.net.RedeliverAll(*h);
  }
  EXPECT_TRUE(s.net.in_flight().empty()) << "a redelivered message made a hub send something: "
                                         << s.net.in_flight().front().json;
  for (Hub* h : {&s.a, &s.b, &s.c, &s.d}) {
    if (h->book.Find(kNeedId)) {
      EXPECT_EQ(h->book.Find(kNeedId)->state, before[h->actor]) << h->actor;
    }
    EXPECT_EQ(h->events.size(), events_before[h->actor]) << h->actor;
    EXPECT_TRUE(h->refused.empty()) << h->actor << ": " << h->refused[0].ToString();
  }
  EXPECT_EQ(s.c.opened_contacts.size(), 1u);
}

TEST(EscalationProtocol, HomeCoordinatorDecliningTheHandOverKeepsTheContactHome) {
  Star s;
  s.Escalate();
  s.net.DeliverAll();
  ASSERT_TRUE(s.net.Apply(s.c, s.c.book.AcceptHere(kNeedId, s.net.now)).ok());
  ASSERT_TRUE(s.net.Apply(s.b, s.b.book.DeclineHere(kNeedId, s.net.now)).ok());
  s.net.DeliverAll();
  ASSERT_EQ(s.a.book.Find(kNeedId)->state, EscalationState::kAwaitingConfirm);

  ASSERT_TRUE(s.net.Apply(s.a, s.a.book.DeclineHandover(kNeedId, s.net.now)).ok());
  s.net.DeliverAll();
  EXPECT_EQ(s.a.book.Find(kNeedId)->state, EscalationState::kWithdrawn);
  EXPECT_EQ(s.c.book.Find(kNeedId)->state, EscalationState::kClosed);
  EXPECT_TRUE(s.c.Saw(EscalationEventType::kLost));
  for (const Hub* h : {&s.b, &s.c, &s.d}) ExpectNoContactIn(*h);
  EXPECT_EQ(s.a.book.ConfirmHandover(kNeedId, s.net.now).status().kind(), StatusKind::kConflict);
}

TEST(EscalationProtocol, HomeHubHearsWhenEveryoneDeclines) {
  Star s;
  s.Escalate();
  s.net.DeliverAll();
  ASSERT_TRUE(s.net.Apply(s.b, s.b.book.DeclineHere(kNeedId, s.net.now)).ok());
  s.net.DeliverAll();
  EXPECT_FALSE(s.a.Saw(EscalationEventType::kAllDeclined));
  ASSERT_TRUE(s.net.Apply(s.c, s.c.book.DeclineHere(kNeedId, s.net.now)).ok());
  s.net.DeliverAll();
  EXPECT_TRUE(s.a.Saw(EscalationEventType::kAllDeclined));
  EXPECT_EQ(s.a.book.Find(kNeedId)->state, EscalationState::kOffered) << "the need stays with its home hub";
}

// A -> B -> C: C is beyond A's reach, B sends the need on, C takes it. The hand-over travels through B, which
// cannot read it.
TEST(EscalationProtocol, ARelayedNeedReachesAHubTwoHopsAwayAndOnlyItCanOpenTheContact) {
  FakeFederation net;
  Hub& a = net.AddHub("lavapies", kLavapies, 3000);
  Hub& b = net.AddHub("embajadores", kEmbajadores, 3000);
  Hub& c = net.AddHub("tetuan", kTetuan, 8000);
  net.Follow(a, b);
  net.Follow(b, a);
  net.Follow(b, c);
  net.Follow(c, b);
  a.contacts[kNeedId] = Person();
  ASSERT_TRUE(net.Apply(a, a.book.Escalate(kNeedId, NeedAt(kLavapies), a.followed, net.now)).ok());
  net.DeliverAll();
  EXPECT_TRUE(c.received_json.empty()) << "A does not follow C";
  ASSERT_TRUE(net.Apply(b, b.book.Forward(kNeedId, b.followed, net.now)).ok());
  net.DeliverAll();
  ASSERT_NE(c.book.Find(kNeedId), nullptr);
  EXPECT_EQ(c.book.Find(kNeedId)->hops, 2);
  EXPECT_EQ(c.book.Find(kNeedId)->origin, a.actor);

  ASSERT_TRUE(net.Apply(c, c.book.AcceptHere(kNeedId, net.now)).ok());
  net.DeliverAll();
  EXPECT_EQ(a.book.Find(kNeedId)->taker, c.actor);
  ASSERT_TRUE(net.Apply(a, a.book.ConfirmHandover(kNeedId, net.now)).ok());
  net.DeliverAll();
  EXPECT_EQ(c.book.Find(kNeedId)->state, EscalationState::kWon);
  EXPECT_EQ(c.opened_contacts[kNeedId], Person());
  EXPECT_EQ(b.book.Find(kNeedId)->state, EscalationState::kClosed);

  // B carried the sealed contact but cannot open it.
  std::string sealed;
  for (const std::string& json : b.received_json) {
    auto m = ReadEscalationMessage(boost::json::parse(json));
    if (m.ok() && m->type == MessageType::kHandover) sealed = m->sealed_contact;
  }
  ASSERT_FALSE(sealed.empty());
  EXPECT_FALSE(OpenContact(sealed, kNeedId, b.keys).ok());
  EXPECT_TRUE(OpenContact(sealed, kNeedId, c.keys).ok());
  EXPECT_FALSE(OpenContact(sealed, kNeedId + "-other", c.keys).ok()) << "bound to its escalation";
  EXPECT_TRUE(b.opened_contacts.empty());
}

// A -> B -> C -> A: every hub follows the next, all within reach, and the hop limit is high enough not to
// matter. C has no one new to send the need to; a C that sends it back to A anyway is refused.
TEST(EscalationProtocol, ALoopIsStoppedByTheSeenListAndTheOriginRefusingItsOwnNeed) {
  FakeFederation net;
  EscalationOptions far{.hop_limit = 10};
  Hub& a = net.AddHub("lavapies", kLavapies, 3000, far);
  Hub& b = net.AddHub("embajadores", kEmbajadores, 3000, far);
  Hub& c = net.AddHub("arganzuela", kArganzuela, 3000, far);
  net.Follow(a, b);
  net.Follow(b, c);
  net.Follow(c, a);
  net.Follow(b, a);
  net.Follow(c, b);
  ASSERT_TRUE(net.Apply(a, a.book.Escalate(kNeedId, NeedAt(kLavapies), a.followed, net.now)).ok());
  net.DeliverAll();
  ASSERT_TRUE(net.Apply(b, b.book.Forward(kNeedId, b.followed, net.now)).ok());
  net.DeliverAll();
  ASSERT_NE(c.book.Find(kNeedId), nullptr);
  auto again = c.book.Forward(kNeedId, c.followed, net.now);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().kind(), StatusKind::kNotFound) << "A and B already saw it";

  EscalationMessage back;
  back.type = MessageType::kOffer;
  back.id = c.actor + "/rogue-1";
  back.from = c.actor;
  back.to = a.actor;
  back.escalation = kNeedId;
  back.origin = a.actor;
  back.hops = 3;
  back.seen = {a.actor, b.actor, c.actor};
  back.need = NeedAt(kLavapies);
  back.need.local_id = kNeedId;
  net.Inject(back);
  net.DeliverAll();
  EXPECT_EQ(a.book.Find(kNeedId)->state, EscalationState::kOffered) << "A's own record is untouched";
  ASSERT_FALSE(a.events.empty());
  EXPECT_EQ(a.events.back().type, EscalationEventType::kRefused);
  EXPECT_EQ(a.events.back().reason, RejectReason::kOrigin);

  // The same need reaching B a second way is refused as a duplicate.
  back.id = c.actor + "/rogue-2";
  back.to = b.actor;
  net.Inject(back);
  net.DeliverAll();
  EXPECT_EQ(b.events.back().type, EscalationEventType::kRefused);
  EXPECT_EQ(b.events.back().reason, RejectReason::kDuplicate);
  EXPECT_EQ(b.book.Find(kNeedId)->upstream, a.actor) << "B still answers to A";
}

TEST(EscalationProtocol, TheHopLimitStopsForwarding) {
  FakeFederation net;
  Hub& a = net.AddHub("lavapies", kLavapies, 3000);
  Hub& b = net.AddHub("embajadores", kEmbajadores, 3000);
  Hub& c = net.AddHub("arganzuela", kArganzuela, 3000);
  Hub& d = net.AddHub("tetuan", kTetuan, 9000);
  net.Follow(a, b);
  net.Follow(b, c);
  net.Follow(c, d);
  ASSERT_TRUE(net.Apply(a, a.book.Escalate(kNeedId, NeedAt(kLavapies), a.followed, net.now)).ok());
  net.DeliverAll();
  ASSERT_TRUE(net.Apply(b, b.book.Forward(kNeedId, b.followed, net.now)).ok());
  net.DeliverAll();
  auto third = c.book.Forward(kNeedId, c.followed, net.now);
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.status().kind(), StatusKind::kConflict) << third.status().ToString();
  EXPECT_TRUE(d.received_json.empty());

  // An Offer that claims to come further than the limit is refused with a reason.
  EscalationMessage far;
  far.type = MessageType::kOffer;
  far.id = c.actor + "/m-far";
  far.from = c.actor;
  far.to = d.actor;
  far.escalation = kNeedId;
  far.origin = a.actor;
  far.hops = 3;
  far.seen = {a.actor, b.actor, c.actor};
  far.need = NeedAt(kLavapies);
  far.need.local_id = kNeedId;
  net.Inject(far);
  net.DeliverAll();
  EXPECT_EQ(d.book.Find(kNeedId), nullptr);
  EXPECT_EQ(d.events.back().reason, RejectReason::kHopLimit);
  EXPECT_NE(c.received_json.back().find("\"reason\":\"hop-limit\""), std::string::npos) << "C hears why";
}

TEST(EscalationProtocol, AnAcceptanceFromAHubNeverOfferedTheNeedIsRefusedWithoutChange) {
  Star s;
  s.Escalate();
  s.net.DeliverAll();
  EscalationMessage fake;
  fake.type = MessageType::kAccept;
  fake.id = s.d.actor + "/m-1";
  fake.from = s.d.actor;
  fake.to = s.a.actor;
  fake.escalation = kNeedId;
  fake.origin = s.a.actor;
  fake.taker = s.d.actor;
  s.net.Inject(fake);
  s.net.DeliverAll();
  ASSERT_EQ(s.a.refused.size(), 1u);
  EXPECT_EQ(s.a.refused[0].kind(), StatusKind::kForbidden);
  EXPECT_EQ(s.a.book.Find(kNeedId)->state, EscalationState::kOffered);
  EXPECT_TRUE(s.a.book.Find(kNeedId)->taker.empty());
}

TEST(EscalationProtocol, ANeedMetAtHomeIsWithdrawnEverywhereAndALateAcceptanceLearnsIt) {
  Star s;
  s.Escalate();
  s.net.DeliverAll();
  ASSERT_TRUE(s.net.Apply(s.b, s.b.book.AcceptHere(kNeedId, s.net.now)).ok());
  // The need is met at home while B's acceptance is still on its way.
  ASSERT_TRUE(s.net.Apply(s.a, s.a.book.CloseAtHome(kNeedId, s.net.now)).ok());
  s.net.DeliverAll();
  EXPECT_EQ(s.a.book.Find(kNeedId)->state, EscalationState::kWithdrawn);
  EXPECT_TRUE(s.a.book.Find(kNeedId)->taker.empty()) << "an acceptance after the close wins nothing";
  for (Hub* h : {&s.b, &s.c}) {
    EXPECT_EQ(h->book.Find(kNeedId)->state, EscalationState::kClosed) << h->actor;
    EXPECT_TRUE(h->Saw(EscalationEventType::kLost)) << h->actor;
    ExpectNoContactIn(*h);
  }
  EXPECT_EQ(s.a.book.CloseAtHome(kNeedId, s.net.now).status().kind(), StatusKind::kConflict);
  EXPECT_EQ(s.c.book.AcceptHere(kNeedId, s.net.now).status().kind(), StatusKind::kConflict);
}

// B sends the need on to C and then accepts it itself; C accepts too. B's own acceptance reaches A first and
// wins; C is told it lost, and the contact goes to B only.
TEST(EscalationProtocol, ARelayThatAcceptsItselfWinsAndItsDownstreamIsTold) {
  FakeFederation net;
  Hub& a = net.AddHub("lavapies", kLavapies, 3000);
  Hub& b = net.AddHub("embajadores", kEmbajadores, 3000);
  Hub& c = net.AddHub("tetuan", kTetuan, 8000);
  net.Follow(a, b);
  net.Follow(b, c);
  a.contacts[kNeedId] = Person();
  ASSERT_TRUE(net.Apply(a, a.book.Escalate(kNeedId, NeedAt(kLavapies), a.followed, net.now)).ok());
  net.DeliverAll();
  ASSERT_TRUE(net.Apply(b, b.book.Forward(kNeedId, b.followed, net.now)).ok());
  net.DeliverAll();
  ASSERT_TRUE(net.Apply(b, b.book.AcceptHere(kNeedId, net.now)).ok());
  ASSERT_TRUE(net.Apply(c, c.book.AcceptHere(kNeedId, net.now)).ok());
  net.DeliverAll();
  EXPECT_EQ(a.book.Find(kNeedId)->taker, b.actor);
  EXPECT_EQ(c.book.Find(kNeedId)->state, EscalationState::kClosed) << "C's relayed acceptance was refused";
  EXPECT_TRUE(c.Saw(EscalationEventType::kLost));
  ASSERT_TRUE(net.Apply(a, a.book.ConfirmHandover(kNeedId, net.now)).ok());
  net.DeliverAll();
  EXPECT_EQ(b.book.Find(kNeedId)->state, EscalationState::kWon);
  EXPECT_EQ(b.opened_contacts[kNeedId], Person());
  ExpectNoContactIn(c);
  for (const Hub* h : {&a, &b, &c}) EXPECT_TRUE(h->refused.empty()) << h->actor << ": " << h->refused[0].ToString();
}

TEST(Escalation, RefusesNeedsWithoutAnAreaOrWithNobodyInReach) {
  EscalationBook book("https://a.example/hubs/a");
  SharedItem need = NeedAt(kLavapies);
  need.area.reset();
  auto no_area = book.Escalate(kNeedId, need, {}, Timestamp{});
  ASSERT_FALSE(no_area.ok());
  EXPECT_EQ(no_area.status().fields().at(0).field, "location");
  auto nobody = book.Escalate(kNeedId, NeedAt(kLavapies), {{"https://bcn.example/hubs/b", kBarcelona, 50000}},
                              Timestamp{});
  EXPECT_EQ(nobody.status().kind(), StatusKind::kNotFound);
  EXPECT_EQ(book.Find(kNeedId), nullptr) << "nothing recorded when nothing was sent";
}

TEST(Escalation, HubsWithinReachAreListedNearestFirst) {
  SharedArea area{kLavapies, 1500};
  std::vector<KnownHub> hubs{{"far", kTetuan, 8000}, {"near", kEmbajadores, 1000}, {"none", std::nullopt, 1e6},
                             {"short", kTetuan, 1000}};
  EXPECT_EQ(HubsWithinReach(area, hubs, {}), (std::vector<std::string>{"near", "far"}));
  EXPECT_EQ(HubsWithinReach(area, hubs, {"near"}), (std::vector<std::string>{"far"}));
}

TEST(Escalation, IsDueOnceTheHubsDelayHasPassed) {
  Timestamp opened{Seconds{1000}};
  EXPECT_FALSE(EscalationDue(opened, Seconds{3600}, opened + Seconds{3599}));
  EXPECT_TRUE(EscalationDue(opened, Seconds{3600}, opened + Seconds{3600}));
  EXPECT_FALSE(EscalationDue(opened, Seconds{0}, opened + Seconds{999999})) << "no delay: manual only";
}

}  // namespace
}  // namespace kin::federation
