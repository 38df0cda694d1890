// The stored form of escalation records: what a restart reads back is what the book held, at every step.
#include "federation/escalation_record_codec.h"

#include <gtest/gtest.h>

#include "testing/fake_federation.h"

namespace kin::federation {
namespace {

using kin::testing::FakeFederation;

void ExpectSame(const Escalation& a, const Escalation& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.role, b.role);
  EXPECT_EQ(a.state, b.state);
  EXPECT_EQ(a.origin, b.origin);
  EXPECT_EQ(a.upstream, b.upstream);
  EXPECT_EQ(a.hops, b.hops);
  EXPECT_EQ(a.seen, b.seen);
  EXPECT_EQ(a.need, b.need);
  EXPECT_EQ(a.downstream, b.downstream);
  EXPECT_EQ(a.declined, b.declined);
  EXPECT_EQ(a.route, b.route);
  EXPECT_EQ(a.refused_takers, b.refused_takers);
  EXPECT_EQ(a.taker, b.taker);
  EXPECT_EQ(a.sent, b.sent);
  EXPECT_EQ(a.opened_at, b.opened_at);
  EXPECT_EQ(a.updated_at, b.updated_at);
}

void ExpectRoundTrips(const EscalationBook& book) {
  for (const auto& [id, e] : book.escalations()) {
    Result<Escalation> back = ReadEscalationRecord(EscalationRecordText(e));
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    ExpectSame(e, *back);
  }
}

TEST(EscalationRecordCodec, RecordsRoundTripAtEveryStepOfAnEscalation) {
  FakeFederation net;
  auto& a = net.AddHub("home", {40.4087, -3.7009}, 3000);
  auto& b = net.AddHub("near", {40.4040, -3.7020}, 3000);
  auto& c = net.AddHub("other", {40.3980, -3.6950}, 3000);
  for (auto* h : {&b, &c}) {
    net.Follow(a, *h);
    net.Follow(*h, a);
  }
  const std::string id = "https://home.example/hubs/home/shared/needs/n-1";
  a.contacts[id] = Contact{ContactMethod::kPhone, "+34 600 111 222", "", "", std::nullopt};
  SharedItem need;
  need.kind = SharedKind::kNeed;
  need.local_id = "n-1";
  need.category = "groceries";
  need.quantity = 2.5;
  need.urgency = "high";
  need.area = SharedArea{CoarsenForSharing({40.4087, -3.7009}), SharedRadiusMeters(0)};
  ASSERT_TRUE(net.Apply(a, a.book.Escalate(id, need, a.followed, net.now)).ok());
  net.DeliverAll();
  ExpectRoundTrips(a.book);
  ExpectRoundTrips(b.book);
  ASSERT_TRUE(net.Apply(b, b.book.AcceptHere(id, net.now)).ok());
  ASSERT_TRUE(net.Apply(c, c.book.AcceptHere(id, net.now)).ok());
  net.DeliverAll();
  ExpectRoundTrips(a.book);
  ExpectRoundTrips(c.book);
  ASSERT_TRUE(net.Apply(a, a.book.ConfirmHandover(id, net.now)).ok());
  net.DeliverAll();
  for (auto* h : {&a, &b, &c}) ExpectRoundTrips(h->book);
  EXPECT_EQ(a.book.Find(id)->refused_takers.size(), 1u);
}

TEST(EscalationRecordCodec, RefusesTextItDidNotWrite) {
  EXPECT_EQ(ReadEscalationRecord("{}").status().kind(), StatusKind::kInternal);
  EXPECT_EQ(ReadEscalationRecord("not json").status().kind(), StatusKind::kInternal);
  EXPECT_FALSE(ParseEscalationState("nonsense").has_value());
  EXPECT_EQ(*ParseEscalationState("awaiting_confirm"), EscalationState::kAwaitingConfirm);
}

}  // namespace
}  // namespace kin::federation
