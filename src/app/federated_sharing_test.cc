// What hubs receive of the offers and needs the hubs they follow share (several kin servers in one process over
// a fake network), and the directory of hubs near a point.
#include "app/federated_sharing.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <set>

#include "app/app.h"
#include "federation/shared_item.h"
#include "federation/sharing_codec.h"
#include "federation/signed_request.h"
#include "federation/url.h"
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

AppOptions Cheap() {
  AppOptions o;
  o.password_cost = {1, 8 * 1024};
  return o;
}

// One kin server; hubs are added with AddHub.
struct Server {
  Server(const std::string& host, FakeClock& clock, FakeNetwork& net) : host(host), app(temp.store(), clock, Cheap()) {
    FederationConfig config;
    config.public_url = "https://" + host;
    config.http = &net;
    app.federation.Configure(config);
    net.Add(host, testing::FederationServer(app));
  }

  // Creates a hub at `center` and returns its coordinator.
  Caller AddHub(const std::string& slug, std::optional<LatLon> center) {
    HubSettings settings;
    settings.name = "Hub " + slug;
    settings.area_center = center;
    settings.area_radius_km = 2;
    settings.languages = {"es", "en"};
    EXPECT_TRUE(app.hubs.CreateAsAdmin(slug, settings).ok());
    Result<InviteGrant> invite = app.hubs.InviteAsAdmin(slug, Role::kCoordinator, 1, 1);
    Result<JoinResult> joined = app.accounts.Join(Caller{}, {invite->token, "coord-" + slug, "C", kPassword, {}});
    EXPECT_TRUE(joined.ok()) << joined.status().ToString();
    return Caller{joined->membership.member};
  }

  Caller AddMember(const std::string& slug, const std::string& handle) {
    Result<InviteGrant> invite = app.hubs.InviteAsAdmin(slug, Role::kMember, 1, 1);
    Result<JoinResult> joined = app.accounts.Join(Caller{}, {invite->token, handle, "M", kPassword, {}});
    EXPECT_TRUE(joined.ok()) << joined.status().ToString();
    return Caller{joined->membership.member};
  }

  std::string actor(const std::string& slug) const { return "https://" + host + "/federation/hubs/" + slug; }
  void Deliver() { ASSERT_TRUE(app.federation.DeliverDue().ok()); }

  std::string host;
  TempStore temp;
  App app;
};

class FederatedSharingTest : public ::testing::Test {
 protected:
  FederatedSharingTest() : a_("a.example", clock_, net_), b_("b.example", clock_, net_) {
    alpha_ = a_.AddHub("alpha", LatLon{40.4168, -3.7038});
    beta_ = b_.AddHub("beta", LatLon{40.4000, -3.6900});
    member_ = b_.AddMember("beta", "rosa-beta");
  }

  // Alpha (on a.example) follows `slug` on b.example, approved.
  void AlphaFollows(const std::string& slug, const Caller& coordinator) {
    ASSERT_TRUE(a_.app.federation.FollowRemote(alpha_, "alpha", "@" + slug + "@b.example").ok());
    a_.Deliver();
    ASSERT_TRUE(b_.app.federation.Approve(coordinator, slug, a_.actor("alpha")).ok());
    b_.Deliver();
  }

  std::vector<ReceivedShareView> Received() {
    Result<std::vector<ReceivedShareView>> r = a_.app.federated_sharing.Received(alpha_, "alpha");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::vector<ReceivedShareView>{};
  }

  std::string ShareOffer() {
    OfferDetails d;
    d.category = "food";
    d.description = "Rosa's lentils, call 600123456";
    d.capacity.amount = 10;
    d.capacity.unit = "meal";
    d.area_center = LatLon{40.41234, -3.70111};
    d.area_radius_km = 1;
    Result<Offer> offer = b_.app.offers.Create(member_, "beta", d);
    EXPECT_TRUE(offer.ok()) << offer.status().ToString();
    EXPECT_TRUE(b_.app.sharing.Share(beta_, "offer", offer->id.value).ok());
    b_.Deliver();
    return offer->id.value;
  }

  FakeClock clock_;
  FakeNetwork net_;
  Server a_, b_;
  Caller alpha_, beta_, member_;
};

TEST_F(FederatedSharingTest, AFollowedHubsSharedOfferIsKeptWithoutPersonalDataAndItsDeleteRemovesIt) {
  AlphaFollows("beta", beta_);
  std::string id = ShareOffer();
  std::vector<ReceivedShareView> items = Received();
  ASSERT_EQ(items.size(), 1u);
  const ReceivedShare& s = items[0].share;
  EXPECT_EQ(s.object_id, b_.actor("beta") + "/shared/offers/" + id);
  EXPECT_EQ(s.remote_actor, b_.actor("beta"));
  EXPECT_EQ(s.kind, "offer");
  EXPECT_EQ(s.category, "food");
  EXPECT_EQ(s.quantity, 10);
  EXPECT_EQ(s.unit, "meal");
  EXPECT_EQ(s.period, "week");
  ASSERT_TRUE(s.center.has_value());
  EXPECT_EQ(*s.center, fed::CoarsenForSharing(Approximate(LatLon{40.41234, -3.70111})));
  EXPECT_EQ(items[0].hub_name, "Hub beta");  // from beta's actor document, cached when alpha followed it
  EXPECT_EQ(items[0].hub_url, "https://b.example/h/beta");
  ASSERT_TRUE(items[0].distance_m.has_value());
  EXPECT_GT(*items[0].distance_m, 0);
  for (const std::string& text : {s.name, s.summary, s.category, s.unit}) {
    for (const char* secret : {"Rosa", "600123456", "lentils", "rosa-beta"}) {
      EXPECT_EQ(text.find(secret), std::string::npos) << secret;
    }
  }
  // Someone of another hub on alpha's server sees nothing, nor does anyone signed out.
  Caller other = a_.AddHub("other", std::nullopt);
  EXPECT_EQ(a_.app.federated_sharing.Received(other, "alpha").status().kind(), StatusKind::kForbidden);
  EXPECT_EQ(a_.app.federated_sharing.Received(Caller{}, "alpha").status().kind(), StatusKind::kUnauthenticated);

  ASSERT_TRUE(b_.app.sharing.Unshare(beta_, "offer", id).ok());
  b_.Deliver();
  EXPECT_TRUE(Received().empty());
}

TEST_F(FederatedSharingTest, NothingIsKeptFromAHubNotFollowedAndUnfollowingDropsWhatItShared) {
  std::string id = ShareOffer();  // nobody follows beta yet: nothing is delivered
  EXPECT_TRUE(Received().empty());
  AlphaFollows("beta", beta_);
  ShareOffer();
  ASSERT_EQ(Received().size(), 1u);
  ASSERT_TRUE(a_.app.federation.Unfollow(alpha_, "alpha", b_.actor("beta")).ok());
  EXPECT_TRUE(Received().empty());
  (void)id;
}

TEST_F(FederatedSharingTest, ADescriptionGoesOutOnlyWhenTheHubChoseIt) {
  AlphaFollows("beta", beta_);
  ShareOffer();
  ASSERT_EQ(Received().size(), 1u);
  EXPECT_EQ(Received()[0].share.summary, "");  // off by default
  HubSettingsPatch patch;
  patch.share_description = true;
  ASSERT_TRUE(b_.app.hubs.UpdateSettings(beta_, "beta", patch).ok());
  OfferDetails d;
  d.category = "food";
  d.description = "Bread <b>& soup</b> on Fridays";
  Result<Offer> offer = b_.app.offers.Create(member_, "beta", d);
  ASSERT_TRUE(offer.ok());
  ASSERT_TRUE(b_.app.sharing.Share(beta_, "offer", offer->id.value).ok());
  b_.Deliver();
  std::vector<ReceivedShareView> items = Received();
  ASSERT_EQ(items.size(), 2u);
  const ReceivedShare& shared = items[0].share.object_id.ends_with(offer->id.value) ? items[0].share : items[1].share;
  EXPECT_EQ(shared.summary, "Bread <b>& soup</b> on Fridays");  // escaped on the wire, plain text when kept
}

TEST_F(FederatedSharingTest, BeingRemovedAsAFollowerDropsWhatThatHubShared) {
  AlphaFollows("beta", beta_);
  ShareOffer();
  ASSERT_EQ(Received().size(), 1u);
  ASSERT_TRUE(b_.app.federation.Reject(beta_, "beta", a_.actor("alpha")).ok());  // beta removes alpha
  b_.Deliver();
  EXPECT_TRUE(Received().empty());
}

TEST_F(FederatedSharingTest, AChangedSharedOfferIsUpdatedAndAPausedOneWithdrawnInTheSameWrite) {
  AlphaFollows("beta", beta_);
  std::string id = ShareOffer();
  OfferPatch patch;
  patch.capacity = Capacity{6, "meal", CapacityPeriod::kWeek};
  ASSERT_TRUE(b_.app.offers.Update(member_, OfferId{id}, patch).ok());
  b_.Deliver();
  ASSERT_EQ(Received().size(), 1u);
  EXPECT_EQ(Received()[0].share.quantity, 6);
  ASSERT_TRUE(b_.app.offers.SetStatus(member_, OfferId{id}, OfferStatus::kPaused).ok());
  b_.Deliver();
  EXPECT_TRUE(Received().empty());
  // No longer shared at beta either: unsharing is 404, and resuming publishes nothing.
  EXPECT_EQ(b_.app.sharing.Unshare(beta_, "offer", id).kind(), StatusKind::kNotFound);
  size_t before = net_.sent().size();
  ASSERT_TRUE(b_.app.offers.SetStatus(member_, OfferId{id}, OfferStatus::kActive).ok());
  b_.Deliver();
  EXPECT_EQ(net_.sent().size(), before);
}

TEST_F(FederatedSharingTest, AnotherHubOnTheSameServerMayNotUpdateAnItemItDidNotShare) {
  Caller delta = b_.AddHub("delta", LatLon{40.40, -3.69});
  AlphaFollows("beta", beta_);
  AlphaFollows("delta", delta);
  std::string id = ShareOffer();
  ASSERT_EQ(Received().size(), 1u);
  ReceivedShare before = Received()[0].share;

  // Delta signs, as itself, an Update of beta's Proposal (same server, so the id check alone cannot catch it).
  fed::SharedItem item;
  item.kind = fed::SharedKind::kOffer;
  item.local_id = id;
  item.category = "food";
  item.quantity = 999;
  item.unit = "meal";
  item.published = clock_.Now();
  item.updated = clock_.Now() + Seconds(60);
  fed::HubUrls delta_urls{b_.actor("delta"), b_.actor("delta") + "/followers", b_.actor("delta") + "/shared"};
  boost::json::object proposal = fed::ProposalJson(item, delta_urls);
  proposal["id"] = before.object_id;
  boost::json::object update = fed::SharingActivityJson(fed::SharingVerb::kUpdate, item, delta_urls, proposal);
  std::string body = boost::json::serialize(update);
  Result<Hub> delta_hub = ReadValue<Hub>(b_.app.store(), [](ReadTx& tx) { return tx.GetHubBySlug("delta"); });
  Result<FederationKey> key = b_.app.federation.KeyOf(delta_hub->id.value);
  ASSERT_TRUE(key.ok());
  Result<fed::RsaPrivateKey> private_key = fed::RsaPrivateKey::FromPem(key->private_pem);
  Result<fed::OutboundRequest> post = fed::SignedPost("https://a.example/federation/inbox", body,
                                                      b_.actor("delta") + "#main-key", *private_key, clock_.Now());
  ASSERT_TRUE(post.ok());
  Result<fed::UrlParts> url = fed::ParseUrl(post->url);
  InboxOutcome out = a_.app.federation.Receive({post->method, url->target, post->headers, post->body, ""});
  EXPECT_EQ(out.verdict, InboxVerdict::kForbidden) << out.detail;
  ASSERT_EQ(Received().size(), 1u);
  EXPECT_EQ(Received()[0].share.quantity, before.quantity);
}

// The inbox drops an activity id it has seen, server-wide. Mastodon delivers one copy to each follower's own inbox
// when their actor names no shared inbox, so two hubs of one server get the same activity twice: the first copy
// must reach both (the handler keeps it for every hub here following the sender, whichever inbox it came to), and
// the second changes nothing.
TEST_F(FederatedSharingTest, AnActivityDeliveredToTwoHubsOwnInboxesIsKeptByBothAndTheSecondCopyChangesNothing) {
  Caller omega = a_.AddHub("omega", LatLon{40.42, -3.70});
  AlphaFollows("beta", beta_);
  ASSERT_TRUE(a_.app.federation.FollowRemote(omega, "omega", "@beta@b.example").ok());
  a_.Deliver();
  ASSERT_TRUE(b_.app.federation.Approve(beta_, "beta", a_.actor("omega")).ok());
  b_.Deliver();
  // Beta's server then knows alpha and omega only by their own inboxes, as a server without shared inboxes is.
  Status forgot = b_.temp.store().Write([&](WriteTx& tx) -> Status {
    for (const char* slug : {"alpha", "omega"}) {
      std::optional<RemoteActor> actor = tx.GetRemoteActor(a_.actor(slug));
      if (!actor) return Status::NotFound(slug);
      actor->shared_inbox.clear();
      if (Status s = tx.PutRemoteActor(*actor); !s.ok()) return s;
    }
    return Status::Ok();
  });
  ASSERT_TRUE(forgot.ok()) << forgot.ToString();
  auto received_by = [&](const Caller& who, const std::string& slug) {
    Result<std::vector<ReceivedShareView>> r = a_.app.federated_sharing.Received(who, slug);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::vector<ReceivedShareView>{};
  };

  size_t before = net_.sent().size();
  std::string id = ShareOffer();
  std::multiset<std::string> posted;
  std::optional<fed::OutboundRequest> create_to_omega;
  std::vector<fed::OutboundRequest> sent = net_.sent();
  for (size_t i = before; i < sent.size(); ++i) {
    if (sent[i].method != "POST") continue;
    posted.insert(sent[i].url);
    if (sent[i].url == a_.actor("omega") + "/inbox" && sent[i].body.find("\"Proposal\"") != std::string::npos) {
      create_to_omega = sent[i];
    }
  }
  EXPECT_EQ(posted.count(a_.actor("alpha") + "/inbox"), 2u);  // the Create of the Proposal and of its Note
  EXPECT_EQ(posted.count(a_.actor("omega") + "/inbox"), 2u);
  EXPECT_EQ(posted.count("https://a.example/federation/inbox"), 0u);
  ASSERT_EQ(received_by(alpha_, "alpha").size(), 1u);
  ASSERT_EQ(received_by(omega, "omega").size(), 1u);
  EXPECT_EQ(received_by(omega, "omega")[0].share.object_id, b_.actor("beta") + "/shared/offers/" + id);

  // The same POST again, to either inbox: a replay, answered as one, and nothing changes.
  ASSERT_TRUE(create_to_omega.has_value());
  Result<fed::UrlParts> url = fed::ParseUrl(create_to_omega->url);
  for (const char* slug : {"omega", "alpha"}) {
    InboxOutcome again = a_.app.federation.Receive(
        {create_to_omega->method, url->target, create_to_omega->headers, create_to_omega->body, slug});
    EXPECT_EQ(again.verdict, InboxVerdict::kDuplicate) << slug << ": " << again.detail;
  }
  EXPECT_EQ(received_by(alpha_, "alpha").size(), 1u);
  EXPECT_EQ(received_by(omega, "omega").size(), 1u);

  // An Update and a Delete, also delivered twice, reach both hubs as well.
  OfferPatch patch;
  patch.capacity = Capacity{6, "meal", CapacityPeriod::kWeek};
  ASSERT_TRUE(b_.app.offers.Update(member_, OfferId{id}, patch).ok());
  b_.Deliver();
  ASSERT_EQ(received_by(alpha_, "alpha").size(), 1u);
  EXPECT_EQ(received_by(alpha_, "alpha")[0].share.quantity, 6);
  ASSERT_EQ(received_by(omega, "omega").size(), 1u);
  EXPECT_EQ(received_by(omega, "omega")[0].share.quantity, 6);
  ASSERT_TRUE(b_.app.sharing.Unshare(beta_, "offer", id).ok());
  b_.Deliver();
  EXPECT_TRUE(received_by(alpha_, "alpha").empty());
  EXPECT_TRUE(received_by(omega, "omega").empty());
}

TEST_F(FederatedSharingTest, TheDirectoryListsOurHubsAndFederatedOnesNearestFirst) {
  AlphaFollows("beta", beta_);
  a_.AddHub("hidden", std::nullopt);  // keeps its area private: never listed
  Result<DirectoryAnswer> d = a_.app.federated_sharing.Directory("40.4001,-3.6901");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_EQ(d->entries.size(), 2u);
  EXPECT_EQ(d->entries[0].hub.actor, b_.actor("beta"));
  EXPECT_EQ(d->entries[0].hub.languages, (std::vector<std::string>{"es", "en"}));
  EXPECT_FALSE(d->entries[0].hub.categories.empty());
  EXPECT_EQ(d->entries[1].hub.actor, a_.actor("alpha"));
  EXPECT_EQ(d->entries[1].hub.url, "https://a.example/h/alpha");
  Result<DirectoryAnswer> bad = a_.app.federated_sharing.Directory("north");
  ASSERT_EQ(bad.status().kind(), StatusKind::kInvalid);
  EXPECT_EQ(bad.status().fields()[0].field, "near");
}

}  // namespace
}  // namespace kin
