#include "federation/escalation_codec.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "federation/json_text.h"

namespace kin::federation {
namespace {

namespace json = boost::json;

const std::string kA = "https://a.example/hubs/a";
const std::string kB = "https://b.example/hubs/b";
const std::string kEsc = "https://a.example/hubs/a/shared/needs/n-1";

EscalationMessage Base(MessageType type) {
  EscalationMessage m;
  m.type = type;
  m.id = kA + "/escalation-messages/7";
  m.from = kA;
  m.to = kB;
  m.escalation = kEsc;
  m.origin = kA;
  return m;
}

EscalationMessage Offer() {
  EscalationMessage m = Base(MessageType::kOffer);
  m.hops = 1;
  m.seen = {kA, kB};
  m.need.kind = SharedKind::kNeed;
  m.need.local_id = kEsc;
  m.need.category = "groceries";
  m.need.quantity = 3;
  m.need.urgency = "high";
  m.need.language = "es";
  m.need.area = SharedArea{{40.409, -3.701}, 1494};
  return m;
}

void ExpectSame(const EscalationMessage& a, const EscalationMessage& b) {
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.from, b.from);
  EXPECT_EQ(a.to, b.to);
  EXPECT_EQ(a.escalation, b.escalation);
  EXPECT_EQ(a.origin, b.origin);
  EXPECT_EQ(a.hops, b.hops);
  EXPECT_EQ(a.seen, b.seen);
  EXPECT_EQ(a.need, b.need);
  EXPECT_EQ(a.taker, b.taker);
  EXPECT_EQ(a.reason, b.reason);
  EXPECT_EQ(a.sealed_contact, b.sealed_contact);
}

TEST(EscalationCodec, RoundTripsEveryMessageTypeThroughText) {
  EscalationMessage accept = Base(MessageType::kAccept);
  accept.taker = kB;
  EscalationMessage reject = Base(MessageType::kReject);
  reject.reason = RejectReason::kHopLimit;
  EscalationMessage late = Base(MessageType::kReject);
  late.reason = RejectReason::kTaken;
  late.taker = kB;
  EscalationMessage withdraw = Base(MessageType::kWithdraw);
  withdraw.taker = "https://c.example/hubs/c";
  EscalationMessage handover = Base(MessageType::kHandover);
  handover.taker = kB;
  handover.sealed_contact = "c2VhbGVk";
  for (const EscalationMessage& m : {Offer(), accept, reject, late, withdraw, Base(MessageType::kWithdraw), handover}) {
    std::string text = ToJsonText(EscalationMessageJson(m));
    auto read = ReadEscalationMessage(json::parse(text));
    ASSERT_TRUE(read.ok()) << MessageTypeName(m.type) << ": " << read.status().ToString() << "\n" << text;
    ExpectSame(*read, m);
    EXPECT_TRUE(IsEscalationMessage(json::parse(text)));
  }
}

TEST(EscalationCodec, AnOfferCarriesTheNeedAsAProposalAddressedToTheNeighbourOnly) {
  json::object offer = EscalationMessageJson(Offer());
  EXPECT_EQ(offer.at("type"), "Offer");
  EXPECT_EQ(offer.at("hops"), 1);
  const json::object& need = offer.at("object").as_object();
  EXPECT_EQ(need.at("type"), "Proposal");
  EXPECT_EQ(need.at("id"), kEsc.c_str());
  EXPECT_EQ(need.at("purpose"), "request");
  EXPECT_EQ(ToJsonText(need.at("to")), "[\"" + kB + "\"]") << "not Public: an escalation goes to one hub";
  EXPECT_EQ(ToJsonText(EscalationMessageJson(Base(MessageType::kWithdraw)).at("object")),
            R"j({"type":"Offer","actor":"https://a.example/hubs/a","object":"https://a.example/hubs/a/shared/needs/n-1"})j");
}

TEST(EscalationCodec, RefusesBadMessagesNamingTheField) {
  struct Case {
    const char* name;
    EscalationMessage message;
    void (*mutate)(json::object&);
    const char* field;
  };
  EscalationMessage handover = Base(MessageType::kHandover);
  handover.taker = kB;
  handover.sealed_contact = "x";
  EscalationMessage accept = Base(MessageType::kAccept);
  accept.taker = kB;
  const Case cases[] = {
      {"unknown type", Offer(), [](json::object& a) { a["type"] = "Like"; }, "type"},
      {"id on another host", Offer(), [](json::object& a) { a["id"] = "https://evil.example/m/1"; }, "id"},
      {"need not on its home hub's host", accept,
       [](json::object& a) {
         a["escalation"] = "https://evil.example/needs/1";
         a["object"] = "https://evil.example/needs/1";
       },
       "escalation"},
      {"no escalation", Offer(), [](json::object& a) { a.erase("escalation"); }, "escalation"},
      {"hops zero", Offer(), [](json::object& a) { a["hops"] = 0; }, "hops"},
      {"seen not list", Offer(), [](json::object& a) { a["seen"] = "x"; }, "seen"},
      {"need quantity", Offer(),
       [](json::object& a) {
         a["object"].as_object()["publishes"].as_object()["resourceQuantity"].as_object()["hasNumericalValue"] = "0";
       },
       "object.quantity"},
      {"need of another id", Offer(), [](json::object& a) { a["object"].as_object()["id"] = "https://x/1"; },
       "object.id"},
      {"accept without taker", accept, [](json::object& a) { a.erase("taker"); }, "taker"},
      {"accept of another need", accept, [](json::object& a) { a["object"] = "https://x/2"; }, "object"},
      {"unknown reason", Base(MessageType::kReject), [](json::object& a) { a["reason"] = "bored"; }, "reason"},
      {"undo of a Follow", Base(MessageType::kWithdraw),
       [](json::object& a) { a["object"].as_object()["type"] = "Follow"; }, "object.type"},
      {"hand-over without contact", handover,
       [](json::object& a) { a["object"].as_object().erase("sealedContact"); }, "object.sealedContact"},
      {"hand-over to someone else", handover,
       [](json::object& a) { a["object"].as_object()["taker"] = "https://evil.example/x"; }, "object.taker"},
  };
  for (const Case& c : cases) {
    json::object doc = EscalationMessageJson(c.message);
    c.mutate(doc);
    auto read = ReadEscalationMessage(doc);
    ASSERT_FALSE(read.ok()) << c.name;
    ASSERT_FALSE(read.status().fields().empty()) << c.name;
    EXPECT_EQ(read.status().fields().front().field, c.field) << c.name << ": " << read.status().ToString();
  }
}

}  // namespace
}  // namespace kin::federation
