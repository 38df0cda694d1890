#include "federation/council_codec.h"

#include <gtest/gtest.h>

namespace kin::federation {
namespace {

CouncilMessage AResult() {
  CouncilMessage m;
  m.kind = CouncilMessageKind::kResult;
  m.id = "https://a.example/federation/hubs/alpha/activities/act_1";
  m.actor = "https://a.example/federation/hubs/alpha";
  m.to = "https://b.example/federation/hubs/beta";
  m.council = m.actor + "/councils/cncl_1";
  m.proposal = m.council + "/proposals/prop_1";
  m.details.title = "Pool the vans";
  m.details.text = "One **route**.";
  m.details.method = CountingMethod::kApproval;
  m.details.options = {"Saturday", "Sunday"};
  m.details.anonymous = false;
  m.details.closes_at = Timestamp(Seconds(1795000000));
  m.details.quorum = {2, 50};
  m.electorate = 3;
  m.opened_at = Timestamp(Seconds(1794990000));
  m.closed_at = Timestamp(Seconds(1795000000));
  Ballot b;
  b.approve = {0, 1};
  m.ballots.push_back({m.to, "Hub beta", "Ana", b});
  return m;
}

TEST(CouncilCodec, AResultReadsBackAsWritten) {
  CouncilMessage m = AResult();
  Result<CouncilMessage> back = ReadCouncilMessage(CouncilMessageJson(m));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->kind, CouncilMessageKind::kResult);
  EXPECT_EQ(back->council, m.council);
  EXPECT_EQ(back->proposal, m.proposal);
  EXPECT_EQ(back->details.title, m.details.title);
  EXPECT_EQ(back->details.text, m.details.text);
  EXPECT_EQ(back->details.options, m.details.options);
  EXPECT_EQ(back->details.closes_at, m.details.closes_at);
  EXPECT_EQ(back->details.quorum, m.details.quorum);
  EXPECT_FALSE(back->details.anonymous);
  EXPECT_EQ(back->electorate, 3);
  EXPECT_EQ(back->closed_at, m.closed_at);
  ASSERT_EQ(back->ballots.size(), 1u);
  EXPECT_EQ(back->ballots[0].delegate_name, "Ana");
  EXPECT_EQ(back->ballots[0].ballot, m.ballots[0].ballot);
}

TEST(CouncilCodec, EveryKindReadsBackAsItsKind) {
  for (CouncilMessageKind kind : {CouncilMessageKind::kInvite, CouncilMessageKind::kAccept, CouncilMessageKind::kReject,
                                  CouncilMessageKind::kProposal, CouncilMessageKind::kBallot}) {
    CouncilMessage m = AResult();
    m.kind = kind;
    m.council_name = "Food council";
    m.delegate_name = "Ana";
    m.ballot.position = "yes";
    Result<CouncilMessage> back = ReadCouncilMessage(CouncilMessageJson(m));
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(back->kind, kind);
    EXPECT_EQ(back->to, m.to);
  }
}

TEST(CouncilCodec, BadMessagesNameTheField) {
  struct Case {
    std::string body, field;
  };
  const std::string head = R"({"id":"https://b/x","actor":"https://b/a","to":"https://a/h","council":"https://a/h/councils/c",)";
  for (const Case& c : std::vector<Case>{
           {R"({"id":"https://b/x","actor":"https://b/a","to":"https://a/h","type":"Accept","object":"x"})", "council"},
           {head + R"("type":"Create","object":{"type":"Note","delegate":"A","ballot":{}}})", "object.inReplyTo"},
           {head + R"("type":"Create","object":{"type":"Note","inReplyTo":"p","delegate":"A","ballot":{"ranking":["x"]}}})",
            "object.ballot.ranking"},
           {head + R"("type":"Create","object":{"type":"Question","id":"p","name":"T","method":"lottery"}})",
            "object.method"},
           {head + R"("type":"Like","object":"x"})", "type"},
       }) {
    Result<CouncilMessage> m = ReadCouncilMessage(c.body);
    ASSERT_FALSE(m.ok()) << c.body;
    ASSERT_FALSE(m.status().fields().empty()) << m.status().ToString();
    EXPECT_EQ(m.status().fields()[0].field, c.field) << c.body;
  }
  EXPECT_FALSE(ReadCouncilMessage("not json").ok());
}

TEST(CouncilCodec, LeaveAndRemoveReadBackAndARemoveMustNameTheHubItIsAddressedTo) {
  CouncilMessage leave = AResult();
  leave.kind = CouncilMessageKind::kLeave;
  std::swap(leave.actor, leave.to);
  Result<CouncilMessage> back = ReadCouncilMessage(CouncilMessageJson(leave));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->kind, CouncilMessageKind::kLeave);
  EXPECT_EQ(back->council, leave.council);
  EXPECT_NE(CouncilMessageJson(leave).find("\"type\":\"Leave\""), std::string::npos);

  CouncilMessage remove = AResult();
  remove.kind = CouncilMessageKind::kRemove;
  std::string json = CouncilMessageJson(remove);
  back = ReadCouncilMessage(json);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->kind, CouncilMessageKind::kRemove);
  EXPECT_NE(json.find("\"target\":\"" + remove.council + "\""), std::string::npos);
  // A Remove naming another hub than the one it is addressed to is refused, naming the field.
  size_t at = json.find("\"object\":\"" + remove.to + "\"");
  ASSERT_NE(at, std::string::npos);
  json.replace(at, 10 + remove.to.size() + 1, "\"object\":\"https://c.example/federation/hubs/gamma\"");
  back = ReadCouncilMessage(json);
  ASSERT_FALSE(back.ok());
  EXPECT_NE(back.status().ToString().find("object"), std::string::npos) << back.status().ToString();
}

}  // namespace
}  // namespace kin::federation
