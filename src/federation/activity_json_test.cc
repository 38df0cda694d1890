// The documents kin writes read back the way a peer reads them, and what kin reads is checked field by field.
#include "federation/activity_json.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace kin::federation {
namespace {

namespace json = boost::json;

ActorDescription Hub() {
  ActorDescription a;
  a.id = "https://aid.example/federation/hubs/riverside";
  a.type = "Group";
  a.preferred_username = "riverside";
  a.name = "Riverside Mutual Aid";
  a.url = "https://aid.example/h/riverside";
  a.inbox = a.id + "/inbox";
  a.outbox = a.id + "/outbox";
  a.followers = a.id + "/followers";
  a.following = a.id + "/following";
  a.shared_inbox = "https://aid.example/federation/inbox";
  a.key_id = a.id + "#main-key";
  a.public_pem = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n";
  a.area_center = LatLon{40.416812, -3.703790};
  a.area_radius_km = 3;
  return a;
}

TEST(ActivityJson, ActorDocumentCarriesWhatMastodonAndFedifyNeed) {
  json::object o = json::parse(ActorJson(Hub())).as_object();
  EXPECT_EQ(o.at("type"), "Group");
  EXPECT_EQ(o.at("preferredUsername"), "riverside");
  EXPECT_EQ(o.at("inbox"), "https://aid.example/federation/hubs/riverside/inbox");
  EXPECT_EQ(o.at("endpoints").at("sharedInbox"), "https://aid.example/federation/inbox");
  EXPECT_EQ(o.at("publicKey").at("owner"), o.at("id"));
  EXPECT_EQ(o.at("manuallyApprovesFollowers"), true);
  EXPECT_DOUBLE_EQ(o.at("location").at("latitude").as_double(), 40.42);  // about a kilometre, no finer
  EXPECT_DOUBLE_EQ(o.at("location").at("longitude").as_double(), -3.70);

  // What a peer reads of it.
  Result<RemoteActor> back = ParseActorDocument(ActorJson(Hub()));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->id, Hub().id);
  EXPECT_EQ(back->key_id, Hub().key_id);
  EXPECT_EQ(back->public_pem, Hub().public_pem);
  EXPECT_EQ(back->shared_inbox, Hub().shared_inbox);
  EXPECT_EQ(back->type, "Group");
}

TEST(ActivityJson, ActorDocumentsMissingWhatKinReliesOnAreRefusedNamingTheField) {
  auto without = [](const char* field) {
    json::object o = json::parse(ActorJson(Hub())).as_object();
    o.erase(field);
    return json::serialize(o);
  };
  EXPECT_EQ(ParseActorDocument(without("inbox")).status().fields().at(0).field, "inbox");
  EXPECT_EQ(ParseActorDocument(without("publicKey")).status().fields().at(0).field, "publicKey");
  json::object o = json::parse(ActorJson(Hub())).as_object();
  o["publicKey"].as_object()["owner"] = "https://evil.example/actor";
  EXPECT_EQ(ParseActorDocument(json::serialize(o)).status().fields().at(0).field, "publicKey.owner");
  EXPECT_FALSE(ParseActorDocument("[1]").ok());
  EXPECT_FALSE(ParseActorDocument("{").ok());
}

TEST(ActivityJson, WebFingerSelfLinkRoundTrips) {
  std::string jrd = WebFingerJson("acct:riverside@aid.example", Hub().id, Hub().url);
  json::object o = json::parse(jrd).as_object();
  EXPECT_EQ(o.at("subject"), "acct:riverside@aid.example");
  EXPECT_EQ(*ParseWebFingerSelf(jrd), Hub().id);
  EXPECT_FALSE(ParseWebFingerSelf(R"({"links":[{"rel":"self","type":"text/html","href":"x"}]})").ok());
}

TEST(ActivityJson, FollowAnswerAndUndoEmbedTheFollow) {
  FollowRef f{"https://b.example/federation/activities/1", "https://b.example/federation/hubs/b", Hub().id};
  Result<IncomingActivity> follow = ParseActivity(FollowJson(f));
  ASSERT_TRUE(follow.ok());
  EXPECT_EQ(follow->type, "Follow");
  EXPECT_EQ(follow->object_id, Hub().id);
  EXPECT_FALSE(follow->object_embedded);

  Result<IncomingActivity> accept = ParseActivity(AnswerJson("Accept", Hub().id + "#accepts/1", Hub().id, f));
  ASSERT_TRUE(accept.ok());
  EXPECT_EQ(accept->type, "Accept");
  EXPECT_EQ(accept->actor, Hub().id);
  EXPECT_TRUE(accept->object_embedded);
  EXPECT_EQ(accept->object_id, f.id);
  EXPECT_EQ(accept->object_type, "Follow");
  EXPECT_EQ(accept->object_author, f.actor);
  EXPECT_EQ(accept->object_object, Hub().id);

  Result<IncomingActivity> undo = ParseActivity(UndoJson("https://b.example/federation/activities/2", f));
  ASSERT_TRUE(undo.ok());
  EXPECT_EQ(undo->actor, f.actor);
  EXPECT_EQ(undo->object_type, "Follow");
}

TEST(ActivityJson, ActivitiesWithoutIdTypeActorOrObjectAreRefusedNamingTheField) {
  EXPECT_EQ(ParseActivity(R"({"type":"Follow","actor":"a","object":"b"})").status().fields().at(0).field, "id");
  EXPECT_EQ(ParseActivity(R"({"id":"i","actor":"a","object":"b"})").status().fields().at(0).field, "type");
  EXPECT_EQ(ParseActivity(R"({"id":"i","type":"Follow","object":"b"})").status().fields().at(0).field, "actor");
  EXPECT_EQ(ParseActivity(R"({"id":"i","type":"Follow","actor":"a"})").status().fields().at(0).field, "object");
  // An actor given as an object is read by its id.
  EXPECT_EQ(ParseActivity(R"({"id":"i","type":"Follow","actor":{"id":"a"},"object":"b"})")->actor, "a");
}

TEST(ActivityJson, MediaTypes) {
  EXPECT_TRUE(IsActivityMediaType("application/activity+json"));
  EXPECT_TRUE(IsActivityMediaType("application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\""));
  EXPECT_TRUE(IsActivityMediaType("Application/JSON; charset=utf-8"));
  EXPECT_FALSE(IsActivityMediaType("text/plain"));
  EXPECT_FALSE(IsActivityMediaType(""));
}

}  // namespace
}  // namespace kin::federation
