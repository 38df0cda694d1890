// Federation protocol tests: several kin servers in one process (each its own store, clock shared) over a fake
// network. Following with approval, answers seen on both sides, Undo, every inbox refusal leaving state as it
// was, key rotation, and the delivery queue's retries, backoff and giving up.
#include "app/federation.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <memory>

#include "app/app.h"
#include "app/federation_outbox.h"
#include "federation/activity_json.h"
#include "federation/collection_page.h"
#include "federation/http_signature.h"
#include "federation/signed_request.h"
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

fed::RsaPrivateKey NewKey() {
  Result<fed::RsaPrivateKey> key = fed::RsaPrivateKey::Generate(2048);
  return std::move(*key);
}

// One kin server with one hub and its coordinator.
struct Server {
  Server(const std::string& host, const std::string& slug, FakeClock& clock, FakeNetwork& net)
      : host(host), slug(slug), app(temp.store(), clock, Cheap()) {
    FederationConfig config;
    config.public_url = "https://" + host;
    config.http = &net;
    app.federation.Configure(config);
    HubSettings settings;
    settings.name = "Hub " + slug;
    settings.area_center = LatLon{40.4168, -3.7038};
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
  FederationView view() {
    Result<FederationView> v = app.federation.View(coordinator, slug);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : FederationView{};
  }
  std::vector<std::string> event_types() {
    std::vector<std::string> out;
    Result<Page<Event>> page = app.hubs.Events(coordinator, slug, PageRequest{"", 200});
    EXPECT_TRUE(page.ok());
    for (const Event& e : page->items) out.push_back(e.type);
    return out;
  }
  void Deliver() { ASSERT_TRUE(app.federation.DeliverDue().ok()); }

  std::string host, slug;
  TempStore temp;
  App app;
  Caller coordinator, member;
};

class FederationTest : public ::testing::Test {
 protected:
  FederationTest()
      : a_("a.example", "alpha", clock_, net_), b_("b.example", "beta", clock_, net_), c_("c.example", "gamma", clock_, net_) {}

  FakeClock clock_;
  FakeNetwork net_;
  Server a_, b_, c_;
};

TEST_F(FederationTest, WebFingerFindsHubsOfThisServerOnly) {
  Result<std::string> jrd = b_.app.federation.WebFinger("acct:beta@b.example");
  ASSERT_TRUE(jrd.ok()) << jrd.status().ToString();
  EXPECT_EQ(*fed::ParseWebFingerSelf(*jrd), b_.actor());
  EXPECT_EQ(b_.app.federation.WebFinger(b_.actor()).status().kind(), StatusKind::kOk);
  EXPECT_EQ(b_.app.federation.WebFinger("acct:beta@a.example").status().kind(), StatusKind::kNotFound);
  EXPECT_EQ(b_.app.federation.WebFinger("acct:nobody@b.example").status().kind(), StatusKind::kNotFound);
  for (const char* bad : {"beta", "acct:", "acct:@b.example", "acct:beta@", "acct:a@b@c"}) {
    EXPECT_EQ(b_.app.federation.WebFinger(bad).status().kind(), StatusKind::kInvalid) << bad;
  }
}

TEST_F(FederationTest, ActorDocumentsCarryKeysThatVerifyWhatTheServerSigns) {
  Result<RemoteActor> hub = fed::ParseActorDocument(*b_.app.federation.HubActor("beta"));
  ASSERT_TRUE(hub.ok()) << hub.status().ToString();
  EXPECT_EQ(hub->type, "Group");
  EXPECT_EQ(hub->inbox, b_.actor() + "/inbox");
  EXPECT_EQ(hub->shared_inbox, "https://b.example/federation/inbox");
  Result<RemoteActor> instance = fed::ParseActorDocument(*b_.app.federation.InstanceActor());
  ASSERT_TRUE(instance.ok());
  EXPECT_EQ(instance->type, "Application");
  EXPECT_NE(instance->public_pem, hub->public_pem);  // a key pair each
  // The key is made once: asking again gives the same one.
  EXPECT_EQ(fed::ParseActorDocument(*b_.app.federation.HubActor("beta"))->public_pem, hub->public_pem);
  EXPECT_EQ(b_.app.federation.HubActor("nobody").status().kind(), StatusKind::kNotFound);
}

TEST_F(FederationTest, PrivateKeysAreSealedAtRest) {
  ASSERT_TRUE(b_.app.federation.HubActor("beta").ok());
  Result<FederationKey> key = b_.app.federation.KeyOf(kInstanceKeyOwner);
  ASSERT_TRUE(key.ok());
  std::string pem_body = key->private_pem.substr(40, 60);  // a stretch of the base64 body
  ASSERT_TRUE(b_.temp.store().Checkpoint().ok());
  std::ifstream file(b_.temp.db_path(), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_EQ(bytes.find("PRIVATE KEY"), std::string::npos);
  EXPECT_EQ(bytes.find(pem_body), std::string::npos);
  EXPECT_NE(bytes.find("PUBLIC KEY"), std::string::npos);  // the public one is public
}

TEST_F(FederationTest, FollowIsApprovedByTheCoordinatorAndTheAcceptIsSeenOnBothSides) {
  Result<HubFollow> asked = a_.app.federation.FollowRemote(a_.coordinator, "alpha", "@beta@b.example");
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  EXPECT_EQ(asked->state, FollowState::kPending);
  EXPECT_EQ(asked->remote_actor, b_.actor());
  EXPECT_EQ(asked->remote_handle, "@beta@b.example");
  // Asking twice is a conflict, not a second Follow.
  EXPECT_EQ(a_.app.federation.FollowRemote(a_.coordinator, "alpha", b_.actor()).status().kind(),
            StatusKind::kConflict);
  EXPECT_TRUE(b_.view().requests.empty());  // nothing reaches b before the queue runs
  a_.Deliver();
  FederationView b = b_.view();
  ASSERT_EQ(b.requests.size(), 1u);
  EXPECT_EQ(b.requests[0].remote_actor, a_.actor());
  EXPECT_EQ(b.requests[0].remote_handle, "@alpha@a.example");
  EXPECT_TRUE(b.followers.empty());
  EXPECT_EQ(b_.event_types().back(), "federation.follow_requested");

  // Members cannot answer; the coordinator can.
  EXPECT_EQ(b_.app.federation.Approve(b_.member, "beta", a_.actor()).status().kind(), StatusKind::kForbidden);
  Result<HubFollow> approved = b_.app.federation.Approve(b_.coordinator, "beta", a_.actor());
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(approved->state, FollowState::kAccepted);
  EXPECT_EQ(a_.view().following.at(0).state, FollowState::kPending);
  b_.Deliver();
  EXPECT_EQ(a_.view().following.at(0).state, FollowState::kAccepted);
  EXPECT_EQ(a_.event_types().back(), "federation.follow_accepted");
  EXPECT_EQ(b_.view().followers.size(), 1u);
  EXPECT_NE(b_.app.federation.Followers("beta")->find("\"totalItems\":1"), std::string::npos);
  EXPECT_NE(a_.app.federation.Following("alpha")->find("\"totalItems\":1"), std::string::npos);
}

TEST_F(FederationTest, RejectUndoAndAskingAgain) {
  ASSERT_TRUE(c_.app.federation.FollowRemote(c_.coordinator, "gamma", "beta@b.example").ok());
  ASSERT_TRUE(a_.app.federation.FollowRemote(a_.coordinator, "alpha", "@beta@b.example").ok());
  c_.Deliver();
  a_.Deliver();
  ASSERT_EQ(b_.view().requests.size(), 2u);
  ASSERT_TRUE(b_.app.federation.Reject(b_.coordinator, "beta", c_.actor()).ok());
  ASSERT_TRUE(b_.app.federation.Approve(b_.coordinator, "beta", a_.actor()).ok());
  b_.Deliver();
  EXPECT_EQ(c_.view().following.at(0).state, FollowState::kRejected);
  EXPECT_EQ(c_.event_types().back(), "federation.follow_rejected");
  EXPECT_EQ(a_.view().following.at(0).state, FollowState::kAccepted);

  // Gamma may ask again after a refusal; beta sees a fresh request.
  ASSERT_TRUE(c_.app.federation.FollowRemote(c_.coordinator, "gamma", "@beta@b.example").ok());
  c_.Deliver();
  ASSERT_EQ(b_.view().requests.size(), 1u);
  EXPECT_EQ(b_.view().requests[0].remote_actor, c_.actor());

  // Alpha unfollows: beta loses the follower.
  ASSERT_TRUE(a_.app.federation.Unfollow(a_.coordinator, "alpha", b_.actor()).ok());
  EXPECT_TRUE(a_.view().following.empty());
  a_.Deliver();
  EXPECT_TRUE(b_.view().followers.empty());
  EXPECT_EQ(b_.event_types().back(), "federation.follower_left");
  EXPECT_EQ(a_.app.federation.Unfollow(a_.coordinator, "alpha", b_.actor()).kind(), StatusKind::kNotFound);
}

TEST_F(FederationTest, FollowingSomethingUnreachableOrMalformedNamesTheTarget) {
  for (const char* bad : {"", "beta", "@beta", "http://", "@beta@nowhere.example"}) {
    Result<HubFollow> r = a_.app.federation.FollowRemote(a_.coordinator, "alpha", bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().kind(), StatusKind::kInvalid) << bad;
    ASSERT_FALSE(r.status().fields().empty()) << bad;
    EXPECT_EQ(r.status().fields()[0].field, "target");
  }
  EXPECT_EQ(a_.app.federation.FollowRemote(a_.member, "alpha", "@beta@b.example").status().kind(),
            StatusKind::kForbidden);
  EXPECT_TRUE(a_.view().following.empty());
}

// A hand-made remote actor with keys of its own, to send what a real peer would not.
class InboxTest : public FederationTest {
 protected:
  InboxTest() : key_(NewKey()) {
    net_.Add("evil.example", [this](const fed::OutboundRequest&) {
      fed::ActorDescription d;
      d.id = kActor;
      d.type = "Person";
      d.preferred_username = "evil";
      d.inbox = std::string(kActor) + "/inbox";
      d.outbox = std::string(kActor) + "/outbox";
      d.key_id = std::string(kActor) + "#main-key";
      d.public_pem = published_->PublicPem();
      ++fetches_;
      return fed::InboundResponse{200, "application/activity+json", fed::ActorJson(d)};
    });
    published_ = &key_;
  }

  static constexpr const char* kActor = "https://evil.example/users/evil";

  std::string FollowBody(const std::string& id = "https://evil.example/activities/1") {
    return fed::FollowJson({id, kActor, b_.actor()});
  }

  fed::OutboundRequest Signed(const std::string& body, const fed::RsaPrivateKey& key, Timestamp at) {
    return *fed::SignedPost(b_.actor() + "/inbox", body, std::string(kActor) + "#main-key", key, at);
  }

  InboxOutcome Post(const fed::OutboundRequest& r) {
    Result<fed::UrlParts> url = fed::ParseUrl(r.url);
    return b_.app.federation.Receive({r.method, url->target, r.headers, r.body, "beta"});
  }

  // What a refused request could have changed.
  std::pair<size_t, size_t> State() { return {b_.view().requests.size(), b_.event_types().size()}; }

  fed::RsaPrivateKey key_;
  const fed::RsaPrivateKey* published_;
  int fetches_ = 0;
};

TEST_F(InboxTest, ASignedFollowIsRecordedOnceAndItsReplayChangesNothing) {
  fed::OutboundRequest r = Signed(FollowBody(), key_, clock_.Now());
  EXPECT_EQ(Post(r).verdict, InboxVerdict::kAccepted);
  auto after = State();
  EXPECT_EQ(after.first, 1u);
  EXPECT_EQ(Post(r).verdict, InboxVerdict::kDuplicate);
  EXPECT_EQ(State(), after);
  EXPECT_EQ(fetches_, 1);  // the key came from the cache the second time
}

TEST_F(InboxTest, AnActivityCarryingAnExtensionTermGoesToItsHandlerWhateverItsType) {
  std::vector<std::string> seen;
  b_.app.federation.RegisterExtensionHandler("escalation", [&](WriteTx&, const InboxContext& c) -> Result<InboxVerdict> {
    seen.push_back(c.activity.type);
    return InboxVerdict::kAccepted;
  });
  // An Accept the follow handler would ignore (it answers no Follow) reaches the extension's handler instead.
  std::string accept = R"({"id":"https://evil.example/activities/9","type":"Accept","actor":")" + std::string(kActor) +
                       R"(","object":"https://beta.example/need/1","escalation":"https://beta.example/need/1"})";
  EXPECT_EQ(Post(Signed(accept, key_, clock_.Now())).verdict, InboxVerdict::kAccepted);
  EXPECT_EQ(seen, std::vector<std::string>{"Accept"});
  // Without the term, the same type still goes to following.
  EXPECT_EQ(Post(Signed(FollowBody("https://evil.example/activities/10"), key_, clock_.Now())).verdict,
            InboxVerdict::kAccepted);
  EXPECT_EQ(seen.size(), 1u);
  EXPECT_EQ(State().first, 1u);
}

TEST_F(InboxTest, EveryBadRequestIsRefusedWithItsVerdictAndChangesNothing) {
  auto before = State();
  Timestamp now = clock_.Now();
  fed::RsaPrivateKey other = NewKey();

  fed::OutboundRequest unsigned_request = Signed(FollowBody(), key_, now);
  std::erase_if(unsigned_request.headers, [](const auto& h) { return h.first == "Signature"; });
  EXPECT_EQ(Post(unsigned_request).verdict, InboxVerdict::kUnauthenticated);

  EXPECT_EQ(Post(Signed(FollowBody(), other, now)).verdict, InboxVerdict::kUnauthenticated);  // wrong key
  EXPECT_EQ(Post(Signed(FollowBody(), key_, now - Seconds(13 * 3600))).verdict, InboxVerdict::kUnauthenticated);

  fed::OutboundRequest tampered = Signed(FollowBody(), key_, now);
  tampered.body = FollowBody("https://evil.example/activities/2");  // Digest no longer matches
  EXPECT_EQ(Post(tampered).verdict, InboxVerdict::kUnauthenticated);

  // Signed by evil.example for an activity whose actor is another server's.
  std::string impostor = fed::FollowJson({"https://a.example/x/1", a_.actor(), b_.actor()});
  EXPECT_EQ(Post(Signed(impostor, key_, now)).verdict, InboxVerdict::kUnauthenticated);

  // An activity id on another server than its actor.
  EXPECT_EQ(Post(Signed(FollowBody("https://a.example/activities/9"), key_, now)).verdict, InboxVerdict::kForbidden);
  // An embedded object whose id is on another server than its author.
  std::string forged = R"({"id":"https://evil.example/a/3","type":"Create","actor":")" + std::string(kActor) +
                       R"(","object":{"id":"https://a.example/notes/1","type":"Note","attributedTo":")" + kActor +
                       R"("}})";
  EXPECT_EQ(Post(Signed(forged, key_, now)).verdict, InboxVerdict::kForbidden);

  fed::OutboundRequest big = Signed(std::string(300 * 1024, ' ') + FollowBody(), key_, now);
  EXPECT_EQ(Post(big).verdict, InboxVerdict::kTooLarge);

  fed::OutboundRequest text = Signed(FollowBody(), key_, now);
  for (auto& h : text.headers) {
    if (h.first == "Content-Type") h.second = "text/plain";
  }
  EXPECT_EQ(Post(text).verdict, InboxVerdict::kUnsupportedMedia);
  EXPECT_EQ(Post(Signed("{\"id\":\"x\"}", key_, now)).verdict, InboxVerdict::kMalformed);

  // Types kin does not handle are accepted and ignored.
  std::string like = R"({"id":"https://evil.example/a/4","type":"Like","actor":")" + std::string(kActor) +
                     R"(","object":")" + b_.actor() + R"("})";
  EXPECT_EQ(Post(Signed(like, key_, now)).verdict, InboxVerdict::kIgnored);
  // A Follow of a hub that does not exist.
  std::string nobody = fed::FollowJson({"https://evil.example/a/5", kActor, "https://b.example/federation/hubs/x"});
  EXPECT_EQ(Post(Signed(nobody, key_, now)).verdict, InboxVerdict::kNotFound);
  // An Undo of someone else's Follow.
  std::string undo = fed::UndoJson("https://evil.example/a/6", {"https://a.example/f/1", a_.actor(), b_.actor()});
  undo.replace(undo.find("\"actor\":\"" + a_.actor() + "\""), 9 + a_.actor().size() + 1,
               "\"actor\":\"" + std::string(kActor) + "\"");
  EXPECT_EQ(Post(Signed(undo, key_, now)).verdict, InboxVerdict::kForbidden);

  EXPECT_EQ(State(), before);
}

TEST_F(InboxTest, ARotatedKeyIsFetchedAgainOnce) {
  EXPECT_EQ(Post(Signed(FollowBody("https://evil.example/activities/1"), key_, clock_.Now())).verdict,
            InboxVerdict::kAccepted);
  fed::RsaPrivateKey rotated = NewKey();
  published_ = &rotated;
  std::string undo = fed::UndoJson("https://evil.example/activities/2",
                                   {"https://evil.example/activities/1", kActor, b_.actor()});
  EXPECT_EQ(Post(Signed(undo, rotated, clock_.Now())).verdict, InboxVerdict::kAccepted);
  EXPECT_EQ(fetches_, 2);
  EXPECT_TRUE(b_.view().requests.empty());
  // The old key no longer verifies, even after one more fetch.
  EXPECT_EQ(Post(Signed(FollowBody("https://evil.example/activities/3"), key_, clock_.Now())).verdict,
            InboxVerdict::kUnauthenticated);
  EXPECT_EQ(fetches_, 3);
}

TEST_F(InboxTest, AKeyCachedLongerThanADayIsFetchedAgainAndAnUnreachableOwnerKeepsTheOldCopy) {
  EXPECT_EQ(Post(Signed(FollowBody("https://evil.example/activities/1"), key_, clock_.Now())).verdict,
            InboxVerdict::kAccepted);
  EXPECT_EQ(fetches_, 1);
  clock_.Advance(Seconds(23 * 3600));
  std::string undo = fed::UndoJson("https://evil.example/activities/2",
                                   {"https://evil.example/activities/1", kActor, b_.actor()});
  EXPECT_EQ(Post(Signed(undo, key_, clock_.Now())).verdict, InboxVerdict::kAccepted);
  EXPECT_EQ(fetches_, 1);  // fresh: from the cache
  clock_.Advance(Seconds(2 * 3600));
  EXPECT_EQ(Post(Signed(FollowBody("https://evil.example/activities/3"), key_, clock_.Now())).verdict,
            InboxVerdict::kAccepted);
  EXPECT_EQ(fetches_, 2);  // stale: fetched again
  clock_.Advance(Seconds(25 * 3600));
  net_.SetDown("evil.example", true);
  std::string undo2 = fed::UndoJson("https://evil.example/activities/4",
                                    {"https://evil.example/activities/3", kActor, b_.actor()});
  EXPECT_EQ(Post(Signed(undo2, key_, clock_.Now())).verdict, InboxVerdict::kAccepted);
}

TEST_F(FederationTest, LookingUpAnActorUsesTheCacheForADay) {
  auto fetches = [this] {
    int n = 0;
    for (const fed::OutboundRequest& r : net_.sent()) n += r.method == "GET" && r.url == b_.actor();
    return n;
  };
  ASSERT_TRUE(a_.app.federation.LookUpActor(b_.actor()).ok());
  ASSERT_TRUE(a_.app.federation.LookUpActor(b_.actor()).ok());
  Result<std::string> doc = a_.app.federation.ActorDocument(b_.actor());
  ASSERT_TRUE(doc.ok());
  EXPECT_NE(doc->find("\"preferredUsername\":\"beta\""), std::string::npos) << *doc;
  EXPECT_EQ(fetches(), 1);
  clock_.Advance(Seconds(24 * 3600 + 1));
  ASSERT_TRUE(a_.app.federation.ActorDocument(b_.actor()).ok());
  ASSERT_TRUE(a_.app.federation.LookUpActor(b_.actor()).ok());
  EXPECT_EQ(fetches(), 2);
}

TEST_F(FederationTest, TheActorCacheKeepsABoundedNumberButNeverAHubThatIsFollowed) {
  FederationConfig config = a_.app.federation.config();
  config.max_cached_actors = 1;
  a_.app.federation.Configure(config);
  ASSERT_TRUE(a_.app.federation.FollowRemote(a_.coordinator, "alpha", "@beta@b.example").ok());  // pending: kept
  auto fetches = [this](const Server& s) {
    int n = 0;
    for (const fed::OutboundRequest& r : net_.sent()) n += r.method == "GET" && r.url == s.actor();
    return n;
  };
  Server d("d.example", "delta", clock_, net_);
  ASSERT_TRUE(a_.app.federation.LookUpActor(c_.actor()).ok());
  ASSERT_TRUE(a_.app.federation.LookUpActor(d.actor()).ok());  // pushes C out: one unfollowed actor is kept
  ASSERT_TRUE(a_.app.federation.LookUpActor(d.actor()).ok());
  EXPECT_EQ(fetches(d), 1);
  ASSERT_TRUE(a_.app.federation.LookUpActor(c_.actor()).ok());
  EXPECT_EQ(fetches(c_), 2);
  ASSERT_TRUE(a_.app.federation.LookUpActor(b_.actor()).ok());  // followed: still cached
  EXPECT_EQ(fetches(b_), 1);
}

// The outbox pages as Mastodon's do: the collection embeds the newest page and links the last; every activity
// stays reachable, 20 a page, newest first.
TEST_F(FederationTest, TheOutboxIsPagedTwentyAtATimeNewestFirst) {
  std::vector<std::string> ids;
  for (int i = 0; i < 45; ++i) {
    std::string id = b_.app.federation.NewHubActivityId("beta");
    ids.push_back(id);
    std::string body = R"({"@context":"https://www.w3.org/ns/activitystreams","id":")" + id +
                       R"(","type":"Create","actor":")" + b_.actor() + R"(","object":")" + id + R"(/note"})";
    Result<int> queued = WriteValue<int>(b_.temp.store(), [&](WriteTx& tx) -> Result<int> {
      Result<Hub> hub = tx.GetHubBySlug("beta");
      if (!hub.ok()) return hub.status();
      return b_.app.federation.Publish(tx, *hub, id, "Create", body, clock_.Now());
    });
    ASSERT_TRUE(queued.ok()) << queued.status().ToString();
  }
  const std::string outbox = b_.actor() + "/outbox";
  boost::json::object root = boost::json::parse(*b_.app.federation.Outbox("beta")).as_object();
  EXPECT_EQ(root.at("type").as_string(), "OrderedCollection");
  EXPECT_EQ(root.at("totalItems").as_int64(), 45);
  EXPECT_EQ(root.at("last").as_string(), outbox + "?page=3");
  const boost::json::object& first = root.at("first").as_object();
  EXPECT_EQ(first.at("id").as_string(), outbox + "?page=1");
  EXPECT_EQ(first.at("partOf").as_string(), outbox);
  EXPECT_EQ(first.at("next").as_string(), outbox + "?page=2");
  EXPECT_FALSE(first.contains("prev"));
  ASSERT_EQ(first.at("orderedItems").as_array().size(), 20u);
  EXPECT_EQ(first.at("orderedItems").as_array()[0].as_object().at("id").as_string(), ids[44]);  // newest first

  std::vector<std::string> seen;
  for (int n = 1; n <= 3; ++n) {
    Result<OutboxPage> page = ReadOutboxPage(b_.temp.store(), "beta", outbox, n);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    boost::json::object p = boost::json::parse(fed::OrderedCollectionPageJson(page->page)).as_object();
    EXPECT_EQ(p.at("type").as_string(), "OrderedCollectionPage");
    EXPECT_EQ(p.contains("next"), n < 3);
    if (n > 1) {
      EXPECT_EQ(p.at("prev").as_string(), outbox + "?page=" + std::to_string(n - 1));
    }
    for (const boost::json::value& item : p.at("orderedItems").as_array()) {
      seen.push_back(std::string(item.as_object().at("id").as_string()));
    }
  }
  std::vector<std::string> newest_first(ids.rbegin(), ids.rend());
  EXPECT_EQ(seen, newest_first);  // every activity once, in order
  EXPECT_TRUE(ReadOutboxPage(b_.temp.store(), "beta", outbox, 4)->page.items_json.empty());
  for (int bad : {0, -1, kMaxOutboxPage + 1}) {
    Result<OutboxPage> page = ReadOutboxPage(b_.temp.store(), "beta", outbox, bad);
    ASSERT_FALSE(page.ok());
    EXPECT_EQ(page.status().fields().at(0).field, "page");
  }
  EXPECT_EQ(ReadOutboxPage(b_.temp.store(), "nobody", outbox, 1).status().kind(), StatusKind::kNotFound);
}

TEST_F(FederationTest, DeliveryIsRetriedWithBackoffUntilThePeerComesBack) {
  ASSERT_TRUE(a_.app.federation.FollowRemote(a_.coordinator, "alpha", "@beta@b.example").ok());
  a_.Deliver();
  ASSERT_TRUE(b_.app.federation.Approve(b_.coordinator, "beta", a_.actor()).ok());
  net_.SetDown("a.example", true);
  b_.Deliver();
  std::string accept_id;
  for (const fed::OutboundRequest& r : net_.sent()) {
    if (r.method == "POST" && r.body.find("\"Accept\"") != std::string::npos) {
      accept_id = fed::ParseActivity(r.body)->id;
    }
  }
  ASSERT_FALSE(accept_id.empty());
  std::vector<Delivery> d = *b_.app.federation.DeliveriesOf(accept_id);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].attempts, 1);
  EXPECT_NE(d[0].last_error.find("connection refused"), std::string::npos);
  EXPECT_EQ(d[0].next_attempt_at, clock_.Now() + Seconds(30));
  EXPECT_FALSE(d[0].delivered_at);
  // The operator sees the stuck inbox, since when, when it is tried next and why it failed.
  std::vector<DeliveryQueueLine> queue = *b_.app.federation.DeliveryQueue(7);
  auto stuck = std::find_if(queue.begin(), queue.end(), [&](const DeliveryQueueLine& l) { return l.inbox == d[0].inbox; });
  ASSERT_NE(stuck, queue.end());
  EXPECT_EQ(stuck->pending, 1);
  EXPECT_EQ(stuck->oldest_pending, d[0].created_at);
  EXPECT_EQ(stuck->next_attempt, d[0].next_attempt_at);
  EXPECT_EQ(stuck->delivered, 0);
  EXPECT_NE(stuck->last_error.find("connection refused"), std::string::npos);
  EXPECT_EQ(queue.front().pending, 1);  // most pending first

  // Not due yet: nothing is sent.
  size_t sent = net_.sent().size();
  b_.Deliver();
  EXPECT_EQ(net_.sent().size(), sent);
  clock_.Advance(Seconds(31));
  b_.Deliver();
  d = *b_.app.federation.DeliveriesOf(accept_id);
  EXPECT_EQ(d[0].attempts, 2);
  EXPECT_EQ(d[0].next_attempt_at, clock_.Now() + Seconds(60));  // doubled

  net_.SetDown("a.example", false);
  clock_.Advance(Seconds(61));
  b_.Deliver();
  d = *b_.app.federation.DeliveriesOf(accept_id);
  EXPECT_TRUE(d[0].delivered_at);
  EXPECT_EQ(d[0].attempts, 3);
  EXPECT_EQ(a_.view().following.at(0).state, FollowState::kAccepted);
  {
    std::vector<DeliveryQueueLine> queue = *b_.app.federation.DeliveryQueue(7);
    auto line = std::find_if(queue.begin(), queue.end(), [&](const DeliveryQueueLine& l) { return l.inbox == d[0].inbox; });
    ASSERT_NE(line, queue.end());
    EXPECT_EQ(line->pending, 0);
    EXPECT_EQ(line->delivered, 1);
    EXPECT_FALSE(line->oldest_pending);
    EXPECT_EQ(line->last_error, "");  // delivered in the end: no error to chase
  }

  // The record keeps its body for a week after delivery, then only what went where and when.
  const std::string body = d[0].body;
  EXPECT_NE(body.find("\"Accept\""), std::string::npos);
  clock_.Advance(Seconds(7 * 24 * 3600 - 60));
  ASSERT_TRUE(b_.app.federation.ForgetDeliveredBodies().ok());
  EXPECT_EQ(b_.app.federation.DeliveriesOf(accept_id)->at(0).body, body);
  clock_.Advance(Seconds(120));
  EXPECT_GE(*b_.app.federation.ForgetDeliveredBodies(), 1);
  d = *b_.app.federation.DeliveriesOf(accept_id);
  EXPECT_EQ(d[0].body, "");
  EXPECT_TRUE(d[0].delivered_at);
  EXPECT_EQ(d[0].activity_id, accept_id);
  EXPECT_EQ(*b_.app.federation.ForgetDeliveredBodies(), 0);  // nothing left to forget
}

TEST_F(FederationTest, ADeadPeerIsGivenUpAfterTheSetDaysAndNeverBlocksOthers) {
  ASSERT_TRUE(a_.app.federation.FollowRemote(a_.coordinator, "alpha", "@beta@b.example").ok());
  ASSERT_TRUE(c_.app.federation.FollowRemote(c_.coordinator, "gamma", "@beta@b.example").ok());
  a_.Deliver();
  c_.Deliver();
  ASSERT_TRUE(b_.app.federation.Approve(b_.coordinator, "beta", a_.actor()).ok());
  ASSERT_TRUE(b_.app.federation.Approve(b_.coordinator, "beta", c_.actor()).ok());
  net_.SetDown("a.example", true);
  b_.Deliver();  // one batch: the dead peer fails, the live one is served
  EXPECT_EQ(c_.view().following.at(0).state, FollowState::kAccepted);
  EXPECT_EQ(a_.view().following.at(0).state, FollowState::kPending);
  for (int day = 0; day < 4 * 24; ++day) {
    clock_.Advance(Seconds(3600));
    b_.Deliver();
  }
  std::string accept_id;
  for (const fed::OutboundRequest& r : net_.sent()) {
    if (r.url.rfind("https://a.example", 0) == 0 && r.body.find("\"Accept\"") != std::string::npos) {
      accept_id = fed::ParseActivity(r.body)->id;
    }
  }
  std::vector<Delivery> d = *b_.app.federation.DeliveriesOf(accept_id);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_TRUE(d[0].gave_up_at);
  EXPECT_FALSE(d[0].delivered_at);
  EXPECT_LE(*d[0].gave_up_at - d[0].created_at, Seconds(3 * 24 * 3600 + 3600));
  {
    std::vector<DeliveryQueueLine> queue = *b_.app.federation.DeliveryQueue(7);
    auto line = std::find_if(queue.begin(), queue.end(), [&](const DeliveryQueueLine& l) { return l.inbox == d[0].inbox; });
    ASSERT_NE(line, queue.end());
    EXPECT_EQ(line->pending, 0);
    EXPECT_EQ(line->gave_up, 1);
    EXPECT_FALSE(line->last_error.empty());
  }
  // Given up is finished too: its body goes a week later.
  EXPECT_FALSE(d[0].body.empty());
  clock_.Advance(Seconds(8 * 24 * 3600));
  ASSERT_TRUE(b_.app.federation.ForgetDeliveredBodies().ok());
  EXPECT_TRUE(b_.app.federation.DeliveriesOf(accept_id)->at(0).body.empty());
  size_t sent = net_.sent().size();
  net_.SetDown("a.example", false);
  clock_.Advance(Seconds(24 * 3600));
  b_.Deliver();
  EXPECT_EQ(net_.sent().size(), sent);  // given up means given up
}

// An Undo must not overtake the Follow it undoes: a Follow that failed once and an Undo queued after it go to the
// peer in that order, or the peer would keep a follow request its author withdrew.
TEST_F(FederationTest, DeliveriesToOneInboxGoInTheOrderTheyWereQueued) {
  ASSERT_TRUE(a_.app.federation.FollowRemote(a_.coordinator, "alpha", "@beta@b.example").ok());
  const std::string follow_id = a_.view().following.at(0).follow_activity_id;
  net_.SetDown("b.example", true);
  a_.Deliver();  // the Follow fails: tried again in 30 s
  ASSERT_EQ(a_.app.federation.DeliveriesOf(follow_id)->at(0).attempts, 1);
  ASSERT_TRUE(a_.app.federation.Unfollow(a_.coordinator, "alpha", b_.actor()).ok());
  auto posts_to_b = [&] {
    std::vector<std::string> types;
    for (const fed::OutboundRequest& r : net_.sent()) {
      if (r.method != "POST" || r.url.rfind("https://b.example/", 0) != 0) continue;
      types.push_back(boost::json::parse(r.body).as_object().at("type").as_string().c_str());
    }
    return types;
  };
  a_.Deliver();  // the Undo is due, but waits behind the Follow: nothing is sent
  clock_.Advance(Seconds(10));
  a_.Deliver();
  EXPECT_EQ(posts_to_b(), std::vector<std::string>{"Follow"});
  // The operator sees one inbox with two pending, tried next when the Follow is.
  std::vector<DeliveryQueueLine> queue = *a_.app.federation.DeliveryQueue(7);
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0].pending, 2);
  EXPECT_EQ(queue[0].next_attempt, a_.app.federation.DeliveriesOf(follow_id)->at(0).next_attempt_at);

  // Beta's server comes back: at the Follow's next try both go, the Follow first, in one tick.
  net_.SetDown("b.example", false);
  clock_.Advance(Seconds(21));
  a_.Deliver();
  EXPECT_EQ(posts_to_b(), (std::vector<std::string>{"Follow", "Follow", "Undo"}));
  EXPECT_TRUE(b_.view().requests.empty());  // withdrawn, as alpha's coordinator meant
  std::vector<std::string> events = b_.event_types();
  EXPECT_NE(std::find(events.begin(), events.end(), "federation.follow_requested"), events.end());
  EXPECT_NE(std::find(events.begin(), events.end(), "federation.follower_left"), events.end());
  EXPECT_EQ(a_.app.federation.DeliveryQueue(7)->at(0).pending, 0);
}

// A delivery given up lets the next one to its inbox go.
TEST_F(FederationTest, ADeliveryGivenUpLetsTheNextToItsInboxGo) {
  ASSERT_TRUE(a_.app.federation.FollowRemote(a_.coordinator, "alpha", "@beta@b.example").ok());
  const std::string follow_id = a_.view().following.at(0).follow_activity_id;
  net_.SetDown("b.example", true);
  a_.Deliver();
  clock_.Advance(Seconds(24 * 3600));
  ASSERT_TRUE(a_.app.federation.Unfollow(a_.coordinator, "alpha", b_.actor()).ok());  // a day after the Follow
  auto posted = [&] {
    std::vector<std::string> types;
    for (const fed::OutboundRequest& r : net_.sent()) {
      if (r.method == "POST") types.push_back(boost::json::parse(r.body).as_object().at("type").as_string().c_str());
    }
    return types;
  };
  // The Follow is tried until it is given up, three days after it was queued; the Undo never meanwhile.
  for (int hour = 0; hour < 3 * 24 && !a_.app.federation.DeliveriesOf(follow_id)->at(0).gave_up_at; ++hour) {
    clock_.Advance(Seconds(3600));
    a_.Deliver();
  }
  ASSERT_TRUE(a_.app.federation.DeliveriesOf(follow_id)->at(0).gave_up_at);
  std::vector<std::string> types = posted();
  EXPECT_EQ(std::count(types.begin(), types.end(), "Undo"), 0);
  EXPECT_GE(std::count(types.begin(), types.end(), "Follow"), 3);
  // Queued two days ago, the Undo still has time: it goes at the next tick, and beta's server is back.
  net_.SetDown("b.example", false);
  clock_.Advance(Seconds(1));
  a_.Deliver();
  EXPECT_EQ(posted().back(), "Undo");
  std::vector<DeliveryQueueLine> queue = *a_.app.federation.DeliveryQueue(7);
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0].pending, 0);
  EXPECT_EQ(queue[0].delivered, 1);
  EXPECT_EQ(queue[0].gave_up, 1);
}

// What waits behind a delivery given up, and was queued as long ago, is given up with it untried: its first try
// would fail and give up, and a dead inbox is not knocked on once per row.
TEST_F(FederationTest, RowsAsOldAsADeliveryGivenUpToADeadInboxGoWithItUntried) {
  // The Follow and its Undo are queued together; the queue is not run until the Follow's last chance.
  ASSERT_TRUE(a_.app.federation.FollowRemote(a_.coordinator, "alpha", "@beta@b.example").ok());
  ASSERT_TRUE(a_.app.federation.Unfollow(a_.coordinator, "alpha", b_.actor()).ok());
  net_.SetDown("b.example", true);
  clock_.Advance(Seconds(3 * 24 * 3600 - 10));
  a_.Deliver();  // the Follow fails, and its next try would fall past its three days: given up, the Undo with it
  a_.Deliver();
  clock_.Advance(Seconds(3600));
  a_.Deliver();
  size_t undos = 0;
  for (const fed::OutboundRequest& r : net_.sent()) {
    if (r.method == "POST" && boost::json::parse(r.body).as_object().at("type").as_string() == "Undo") ++undos;
  }
  EXPECT_EQ(undos, 0u);
  std::vector<DeliveryQueueLine> queue = *a_.app.federation.DeliveryQueue(7);
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0].pending, 0);
  EXPECT_EQ(queue[0].gave_up, 2);
  EXPECT_NE(queue[0].last_error.find("not tried: the delivery ahead of it to this inbox was given up (connection "
                                     "refused"),
            std::string::npos)
      << queue[0].last_error;
}

TEST_F(FederationTest, PublishedActivitiesReachEveryAcceptedFollowerOncePerServerAndFillTheOutbox) {
  // Alpha and gamma follow beta; beta approves alpha only.
  ASSERT_TRUE(a_.app.federation.FollowRemote(a_.coordinator, "alpha", "@beta@b.example").ok());
  ASSERT_TRUE(c_.app.federation.FollowRemote(c_.coordinator, "gamma", "@beta@b.example").ok());
  a_.Deliver();
  c_.Deliver();
  ASSERT_TRUE(b_.app.federation.Approve(b_.coordinator, "beta", a_.actor()).ok());
  b_.Deliver();
  std::string id = b_.app.federation.NewHubActivityId("beta");
  std::string body = R"({"@context":"https://www.w3.org/ns/activitystreams","id":")" + id +
                     R"(","type":"Create","actor":")" + b_.actor() + R"(","object":{"id":")" + id +
                     R"(/note","type":"Note","attributedTo":")" + b_.actor() + R"(","content":"Soup on Sunday"}})";
  Result<int> queued = WriteValue<int>(b_.temp.store(), [&](WriteTx& tx) -> Result<int> {
    Result<Hub> hub = tx.GetHubBySlug("beta");
    if (!hub.ok()) return hub.status();
    return b_.app.federation.Publish(tx, *hub, id, "Create", body, clock_.Now());
  });
  ASSERT_TRUE(queued.ok()) << queued.status().ToString();
  EXPECT_EQ(*queued, 1);  // alpha's server only: gamma is still pending
  b_.Deliver();
  std::vector<Delivery> d = *b_.app.federation.DeliveriesOf(id);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].inbox, "https://a.example/federation/inbox");  // the shared inbox
  EXPECT_TRUE(d[0].delivered_at);  // alpha took it (and ignored it: no handler for Create there yet)
  std::string outbox = *b_.app.federation.Outbox("beta");
  EXPECT_NE(outbox.find("\"totalItems\":1"), std::string::npos);
  EXPECT_NE(outbox.find("Soup on Sunday"), std::string::npos);
  EXPECT_EQ(a_.app.federation.Outbox("alpha")->find("Follow"), std::string::npos);  // follows are not listed
}

// Issue 10: a shared offer reaches the follower's server as a Create of the Proposal and of the Note, carrying
// nothing personal; sharing again publishes nothing; unsharing sends Deletes; only the hub's coordinators share.
TEST_F(FederationTest, ASharedOfferReachesFollowersWithoutPersonalDataOnceAndUnsharingDeletesIt) {
  ASSERT_TRUE(a_.app.federation.FollowRemote(a_.coordinator, "alpha", "@beta@b.example").ok());
  a_.Deliver();
  ASSERT_TRUE(b_.app.federation.Approve(b_.coordinator, "beta", a_.actor()).ok());
  b_.Deliver();
  OfferDetails d;
  d.category = "food";
  d.description = "Rosa's lentils, call 600123456";
  d.capacity.amount = 10;
  d.capacity.unit = "meal";
  d.area_center = LatLon{40.41234, -3.70111};
  d.area_radius_km = 1;
  Result<Offer> offer = b_.app.offers.Create(b_.member, "beta", d);
  ASSERT_TRUE(offer.ok()) << offer.status().ToString();
  const std::string id = offer->id.value;

  // A member who is not a coordinator, a coordinator of another server's hub, and nobody signed in.
  EXPECT_EQ(b_.app.sharing.Share(b_.member, "offer", id).status().kind(), StatusKind::kForbidden);
  EXPECT_EQ(b_.app.sharing.Share(Caller{}, "offer", id).status().kind(), StatusKind::kUnauthenticated);
  EXPECT_EQ(b_.app.sharing.Share(b_.coordinator, "offer", "no-such-offer").status().kind(), StatusKind::kNotFound);
  EXPECT_EQ(b_.app.sharing.Unshare(b_.coordinator, "offer", id).kind(), StatusKind::kNotFound);  // not shared

  size_t before = net_.sent().size();
  Result<ShareResult> shared = b_.app.sharing.Share(b_.coordinator, "offer", id);
  ASSERT_TRUE(shared.ok()) << shared.status().ToString();
  EXPECT_TRUE(shared->created);
  EXPECT_EQ(shared->record.object_id, b_.actor() + "/shared/offers/" + id);
  b_.Deliver();
  std::vector<fed::OutboundRequest> sent = net_.sent();
  std::vector<std::string> bodies;
  for (size_t i = before; i < sent.size(); ++i) {
    if (sent[i].url == "https://a.example/federation/inbox") bodies.push_back(sent[i].body);
  }
  ASSERT_EQ(bodies.size(), 2u);
  std::string all = bodies[0] + bodies[1];
  EXPECT_NE(all.find("\"type\":\"Proposal\""), std::string::npos) << all;
  EXPECT_NE(all.find("\"type\":\"Note\""), std::string::npos) << all;
  EXPECT_NE(all.find("\"type\":\"Create\""), std::string::npos);
  for (const char* secret : {"Rosa", "600123456", "lentils", "40.4123", "-3.7011", "member-beta",
                             b_.member.member->value.c_str()}) {
    EXPECT_EQ(all.find(secret), std::string::npos) << secret << " leaked: " << all;
  }
  EXPECT_NE(b_.app.federation.Outbox("beta")->find("Proposal"), std::string::npos);
  std::vector<std::string> events = b_.event_types();
  EXPECT_NE(std::find(events.begin(), events.end(), "federation.shared"), events.end());

  // Again: the same record, nothing published.
  size_t outbox_items = b_.app.federation.Outbox("beta")->find("\"totalItems\":2");
  EXPECT_NE(outbox_items, std::string::npos);
  Result<ShareResult> again = b_.app.sharing.Share(b_.coordinator, "offer", id);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->record.object_id, shared->record.object_id);
  EXPECT_NE(b_.app.federation.Outbox("beta")->find("\"totalItems\":2"), std::string::npos);

  // Unsharing sends a Delete of each; sharing again afterwards is a fresh Create.
  before = net_.sent().size();
  ASSERT_TRUE(b_.app.sharing.Unshare(b_.coordinator, "offer", id).ok());
  b_.Deliver();
  sent = net_.sent();
  int deletes = 0;
  for (size_t i = before; i < sent.size(); ++i) {
    if (sent[i].body.find("\"type\":\"Delete\"") != std::string::npos &&
        sent[i].body.find("Tombstone") != std::string::npos) {
      ++deletes;
    }
  }
  EXPECT_EQ(deletes, 2);
  events = b_.event_types();
  EXPECT_NE(std::find(events.begin(), events.end(), "federation.unshared"), events.end());
  Result<ShareResult> reshared = b_.app.sharing.Share(b_.coordinator, "offer", id);
  ASSERT_TRUE(reshared.ok()) << reshared.status().ToString();
  EXPECT_TRUE(reshared->created);
}

TEST_F(FederationTest, AnItemOfAnotherHubOnTheSameServerIsNotFound) {
  HubSettings settings;
  settings.name = "Hub delta";
  ASSERT_TRUE(b_.app.hubs.CreateAsAdmin("delta", settings).ok());
  Result<InviteGrant> invite = b_.app.hubs.InviteAsAdmin("delta", Role::kCoordinator, 1, 1);
  Result<JoinResult> joined =
      b_.app.accounts.Join(Caller{}, {invite->token, "coord-delta", "D", kPassword, {}});
  ASSERT_TRUE(joined.ok());
  Caller delta{joined->membership.member};
  OfferDetails d;
  d.category = "food";
  d.description = "Bread on Fridays";
  Result<Offer> offer = b_.app.offers.Create(b_.member, "beta", d);
  ASSERT_TRUE(offer.ok()) << offer.status().ToString();
  EXPECT_EQ(b_.app.sharing.Share(delta, "offer", offer->id.value).status().kind(), StatusKind::kNotFound);
  EXPECT_EQ(b_.app.sharing.Unshare(delta, "offer", offer->id.value).kind(), StatusKind::kNotFound);
}

TEST_F(FederationTest, ASharedNeedCarriesOnlyItsCategoryUrgencyAndCoarseAreaAndIsWithdrawnByUnsharing) {
  ASSERT_TRUE(a_.app.federation.FollowRemote(a_.coordinator, "alpha", "@beta@b.example").ok());
  a_.Deliver();
  ASSERT_TRUE(b_.app.federation.Approve(b_.coordinator, "beta", a_.actor()).ok());
  b_.Deliver();
  NeedDetails d;
  d.category = "food";
  d.description = "Groceries for Amina and her 4 children";
  d.quantity = 4;
  d.urgency = Urgency::kHigh;
  d.place = "Calle del Olivar 7";
  d.location = LatLon{40.41234, -3.70123};
  d.contact.phone = "+34 600 111 222";
  d.contact.email = "amina@example.org";
  Result<NeedView> need = b_.app.needs.Create(b_.member, "beta", d, false);
  ASSERT_TRUE(need.ok()) << need.status().ToString();
  const std::string id = need->need.id.value;
  EXPECT_EQ(b_.app.sharing.Share(b_.member, "need", id).status().kind(), StatusKind::kForbidden);
  size_t before = net_.sent().size();
  Result<ShareResult> shared = b_.app.sharing.Share(b_.coordinator, "need", id);
  ASSERT_TRUE(shared.ok()) << shared.status().ToString();
  EXPECT_EQ(shared->record.object_id, b_.actor() + "/shared/needs/" + id);
  b_.Deliver();
  std::string all;
  int creates = 0;
  std::vector<fed::OutboundRequest> sent = net_.sent();
  for (size_t i = before; i < sent.size(); ++i) {
    all += sent[i].body;
    if (sent[i].body.find("\"type\":\"Create\"") != std::string::npos) ++creates;
  }
  EXPECT_EQ(creates, 2);
  EXPECT_NE(all.find("\"purpose\":\"request\""), std::string::npos) << all;
  EXPECT_NE(all.find("high"), std::string::npos) << all;
  for (const char* secret : {"Amina", "children", "Olivar", "600 111 222", "amina@example.org", "40.4123",
                             "-3.7012", "member-beta"}) {
    EXPECT_EQ(all.find(secret), std::string::npos) << secret << " leaked: " << all;
  }
  ASSERT_TRUE(b_.app.sharing.Unshare(b_.coordinator, "need", id).ok());
  EXPECT_EQ(b_.app.sharing.Unshare(b_.coordinator, "need", id).kind(), StatusKind::kNotFound);
  EXPECT_EQ(b_.app.sharing.Share(b_.coordinator, "thing", id).status().kind(), StatusKind::kNotFound);
}

}  // namespace
}  // namespace kin
