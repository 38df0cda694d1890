#include "federation/sharing_codec.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "federation/json_text.h"

namespace kin::federation {
namespace {

namespace json = boost::json;
using std::chrono::sys_days;

const HubUrls kUrls{"https://kin.example/hubs/lavapies", "https://kin.example/hubs/lavapies/followers",
                    "https://kin.example/hubs/lavapies/shared"};

SharedItem MealsOffer() {
  SharedItem item;
  item.kind = SharedKind::kOffer;
  item.local_id = "o-7";
  item.category = "food";
  item.quantity = 10;
  item.unit = "meal";
  item.available = 6;
  item.period = "week";
  item.area = SharedArea{{40.409, -3.701}, 4494};
  item.language = "en";
  item.published = Timestamp{sys_days{std::chrono::year{2026} / 11 / 24}} + std::chrono::hours{10};
  item.updated = item.published;
  return item;
}

SharedItem RideNeed() {
  SharedItem item;
  item.kind = SharedKind::kNeed;
  item.local_id = "n-3";
  item.category = "rides";
  item.quantity = 2;
  item.unit = "one";
  item.urgency = "high";
  item.area = SharedArea{{40.409, -3.701}, 1494};
  item.language = "es";
  item.public_text = "Ir & volver <hospital>";
  item.published = Timestamp{sys_days{std::chrono::year{2026} / 11 / 23}};
  item.updated = item.published + std::chrono::hours{5};
  return item;
}

TEST(SharingCodec, WritesTheFep0837ProposalOfAnOffer) {
  json::object p = ProposalJson(MealsOffer(), kUrls);
  EXPECT_EQ(p.at("@context"), SharingContext());
  json::object rest;  // the document without its context (checked on its own below), in order
  for (const auto& [key, value] : p) {
    if (key != "@context") rest[key] = value;
  }
  EXPECT_EQ(ToJsonText(rest),
            R"j({"id":"https://kin.example/hubs/lavapies/shared/offers/o-7","type":"Proposal",)j"
            R"j("attributedTo":"https://kin.example/hubs/lavapies","name":"Offer: 10 meal a week (food)",)j"
            R"j("nameMap":{"en":"Offer: 10 meal a week (food)"},"purpose":"offer","unitBased":false,)j"
            R"j("publishes":{"id":"https://kin.example/hubs/lavapies/shared/offers/o-7#primary","type":"Intent",)j"
            R"j("action":"transfer","resourceConformsTo":"https://kin.example/hubs/lavapies/categories/food",)j"
            R"j("resourceClassifiedAs":["food"],"resourceQuantity":{"hasUnit":"meal","hasNumericalValue":"10"},)j"
            R"j("availableQuantity":{"hasUnit":"meal","hasNumericalValue":"6"}},)j"
            R"j("published":"2026-11-24T10:00:00Z","updated":"2026-11-24T10:00:00Z",)j"
            R"j("to":["https://www.w3.org/ns/activitystreams#Public","https://kin.example/hubs/lavapies/followers"],)j"
            R"j("period":"week","location":{"type":"Place","name":"approximate area","latitude":40.409,)j"
            R"j("longitude":-3.701,"radius":4494,"units":"m"}})j");
}

TEST(SharingCodec, ContextDeclaresEveryValueFlowsTermUsed) {
  json::value context = SharingContext();
  ASSERT_TRUE(context.is_array());
  EXPECT_EQ(context.as_array()[0], "https://www.w3.org/ns/activitystreams");
  const json::object& terms = context.as_array()[1].as_object();
  for (const char* term : {"Proposal", "Intent", "purpose", "unitBased", "publishes", "action",
                           "resourceConformsTo", "resourceClassifiedAs", "resourceQuantity", "availableQuantity",
                           "hasUnit", "hasNumericalValue", "urgency", "period"}) {
    EXPECT_TRUE(terms.contains(term)) << term;
  }
  EXPECT_EQ(terms.at("vf"), "https://w3id.org/valueflows/ont/vf#");
}

TEST(SharingCodec, WritesASpanishNoteSummaryWithEscapedPublicText) {
  json::object note = NoteJson(RideNeed(), kUrls);
  EXPECT_EQ(ToJsonText(note),
            R"j({"@context":"https://www.w3.org/ns/activitystreams",)j"
            R"j("id":"https://kin.example/hubs/lavapies/shared/needs/n-3/note","type":"Note",)j"
            R"j("attributedTo":"https://kin.example/hubs/lavapies",)j"
            R"j("content":"<p>Necesidad: 2 (rides), urgencia alta</p><p>Cerca de 40.409, -3.701 (zona aproximada, )j"
            R"j(en un radio de unos 1 km)</p><p>Ir &amp; volver &lt;hospital&gt;</p>",)j"
            R"j("contentMap":{"es":"<p>Necesidad: 2 (rides), urgencia alta</p><p>Cerca de 40.409, -3.701 (zona )j"
            R"j(aproximada, en un radio de unos 1 km)</p><p>Ir &amp; volver &lt;hospital&gt;</p>"},)j"
            R"j("url":"https://kin.example/hubs/lavapies/shared/needs/n-3","published":"2026-11-23T00:00:00Z",)j"
            R"j("to":["https://www.w3.org/ns/activitystreams#Public","https://kin.example/hubs/lavapies/followers"]})j");
}

TEST(SharingCodec, WrapsInCreateUpdateAndDelete) {
  SharedItem item = RideNeed();
  json::object proposal = ProposalJson(item, kUrls);
  json::object create = SharingActivityJson(SharingVerb::kCreate, item, kUrls, proposal);
  EXPECT_EQ(create.at("type"), "Create");
  EXPECT_EQ(create.at("id"), "https://kin.example/hubs/lavapies/shared/needs/n-3#create");
  EXPECT_EQ(create.at("actor").as_string(), kUrls.actor);
  EXPECT_EQ(create.at("@context"), SharingContext()) << "the object's context moves up to the activity";
  EXPECT_FALSE(create.at("object").as_object().contains("@context"));

  json::object update = SharingActivityJson(SharingVerb::kUpdate, item, kUrls, proposal);
  EXPECT_EQ(update.at("id"), "https://kin.example/hubs/lavapies/shared/needs/n-3#update-1795410000");
  EXPECT_EQ(update.at("published"), "2026-11-23T05:00:00Z");

  json::object del = SharingActivityJson(SharingVerb::kDelete, item, kUrls, proposal);
  EXPECT_EQ(ToJsonText(del.at("object")),
            R"j({"id":"https://kin.example/hubs/lavapies/shared/needs/n-3","type":"Tombstone",)j"
            R"j("formerType":"Proposal"})j");
}

TEST(SharingCodec, RoundTripsOffersAndNeedsThroughText) {
  for (const SharedItem& item : {MealsOffer(), RideNeed()}) {
    std::string text = ToJsonText(SharingActivityJson(SharingVerb::kCreate, item, kUrls, ProposalJson(item, kUrls)));
    auto read = ReadSharingActivity(json::parse(text));
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    EXPECT_EQ(read->verb, SharingVerb::kCreate);
    EXPECT_EQ(read->actor, kUrls.actor);
    ASSERT_TRUE(read->proposal.has_value());
    EXPECT_EQ(read->proposal->id, ProposalId(item, kUrls));
    SharedItem expected = item;
    expected.local_id = ProposalId(item, kUrls);  // a remote item is known by its URL
    EXPECT_EQ(read->proposal->item, expected);
  }
}

TEST(SharingCodec, ReadsADeleteByObjectIdOrTombstone) {
  SharedItem item = MealsOffer();
  auto read = ReadSharingActivity(SharingActivityJson(SharingVerb::kDelete, item, kUrls, ProposalJson(item, kUrls)));
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->deleted_id, ProposalId(item, kUrls));
  auto bare = ReadSharingActivity(json::parse(R"j({"type":"Delete","id":"https://a/x#d","actor":"https://a",)j"
                                              R"j("object":"https://a/x"})j"));
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->deleted_id, "https://a/x");
  auto foreign = ReadSharingActivity(json::parse(R"j({"type":"Delete","id":"https://a/x#d","actor":"https://a",)j"
                                                 R"j("object":"https://b/x"})j"));
  ASSERT_FALSE(foreign.ok()) << "a hub may only delete its own objects";
  EXPECT_EQ(foreign.status().fields().at(0).field, "object.id");
}

// Each bad document is refused naming the field to fix.
TEST(SharingCodec, RefusesBadProposalsNamingTheField) {
  SharedItem item = MealsOffer();
  json::object good = SharingActivityJson(SharingVerb::kCreate, item, kUrls, ProposalJson(item, kUrls));
  struct Case {
    const char* name;
    void (*mutate)(json::object&);
    const char* field;
  };
  const Case cases[] = {
      {"unknown verb", [](json::object& a) { a["type"] = "Like"; }, "type"},
      {"no actor", [](json::object& a) { a.erase("actor"); }, "actor"},
      {"not a proposal", [](json::object& a) { a["object"].as_object()["type"] = "Note"; }, "object.type"},
      {"bad purpose", [](json::object& a) { a["object"].as_object()["purpose"] = "sell"; }, "object.purpose"},
      {"no intent", [](json::object& a) { a["object"].as_object().erase("publishes"); }, "object.publishes"},
      {"quantity not decimal",
       [](json::object& a) {
         a["object"].as_object()["publishes"].as_object()["resourceQuantity"].as_object()["hasNumericalValue"] = "ten";
       },
       "object.publishes.resourceQuantity.hasNumericalValue"},
      {"negative quantity",
       [](json::object& a) {
         a["object"].as_object()["publishes"].as_object()["resourceQuantity"].as_object()["hasNumericalValue"] = "-2";
       },
       "object.quantity"},
      {"bad latitude", [](json::object& a) { a["object"].as_object()["location"].as_object()["latitude"] = 123.0; },
       "object.location.lat"},
      {"bad time", [](json::object& a) { a["object"].as_object()["published"] = "yesterday"; }, "object.published"},
      {"object on another host",
       [](json::object& a) {
         a["object"].as_object()["id"] = "https://evil.example/hubs/lavapies/shared/offers/o-7";
       },
       "object.id"},
      {"activity id on another host", [](json::object& a) { a["id"] = "https://evil.example/x#create"; }, "id"},
      {"actor not a URL", [](json::object& a) { a["actor"] = "lavapies"; }, "actor"},
      {"foreign author",
       [](json::object& a) { a["object"].as_object()["attributedTo"] = "https://evil.example/actor"; },
       "object.attributedTo"},
  };
  for (const Case& c : cases) {
    json::object doc = good;
    c.mutate(doc);
    auto read = ReadSharingActivity(doc);
    ASSERT_FALSE(read.ok()) << c.name;
    EXPECT_EQ(read.status().kind(), StatusKind::kInvalid) << c.name;
    ASSERT_FALSE(read.status().fields().empty()) << c.name;
    EXPECT_EQ(read.status().fields().front().field, c.field) << c.name << ": " << read.status().ToString();
  }
}

TEST(UrlOrigin, IsSchemeHostAndPortInLowerCase) {
  EXPECT_EQ(UrlOrigin("https://Kin.Example/hubs/a?x=1"), "https://kin.example");
  EXPECT_EQ(UrlOrigin("http://127.0.0.1:8080/hubs/a"), "http://127.0.0.1:8080");
  EXPECT_EQ(UrlOrigin("https://user@kin.example/x"), "https://kin.example");
  EXPECT_EQ(UrlOrigin("acct:a@kin.example"), "");
  EXPECT_EQ(UrlOrigin("/relative"), "");
  EXPECT_EQ(UrlOrigin("ftp://kin.example/x"), "");
}

TEST(Rfc3339, ParsesOffsetsAndFractions) {
  auto t = ParseRfc3339("2026-11-24T12:05:00.250+02:00", "published");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(Rfc3339(*t), "2026-11-24T10:05:00Z");
  EXPECT_FALSE(ParseRfc3339("2026-02-30T00:00:00Z", "published").ok());
  EXPECT_FALSE(ParseRfc3339("0000-01-01T00:00:00+01:00", "published").ok()) << "year -1 cannot be written back";
  EXPECT_FALSE(ParseRfc3339("9999-12-31T23:59:59-01:00", "published").ok());
  EXPECT_TRUE(ParseRfc3339("9999-12-31T23:59:59Z", "published").ok());
}

}  // namespace
}  // namespace kin::federation
