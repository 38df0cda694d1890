// Federation: URLs, keys, the documents peers read, fetching remote actors, and the coordinators' operations.
// The inbox is in federation_inbox.cc, the delivery queue in federation_delivery.cc.
#include "app/federation.h"
#include "app/federation_outbox.h"

#include <cctype>

#include <boost/json.hpp>

#include "app/access.h"
#include "crypto/tokens.h"
#include "federation/follow_rules.h"
#include "federation/http_signature.h"
#include "federation/json_text.h"
#include "federation/signed_request.h"
#include "federation/url.h"

namespace kin {

namespace fed = kin::federation;

namespace {

// How long a cached key past its freshness still verifies while its server cannot be reached.
constexpr Seconds kStaleKeyGrace = Seconds(7 * 24 * 3600);

}  // namespace

Federation::Federation(AppContext& ctx) : ctx_(ctx) { RegisterFollowHandlers(); }

void Federation::Configure(FederationConfig config) { config_ = std::move(config); }

void Federation::RegisterInboxHandler(const std::string& type, InboxHandler handler) {
  handlers_[type] = std::move(handler);
}

void Federation::RegisterExtensionHandler(const std::string& term, InboxHandler handler) {
  extension_handlers_[term] = std::move(handler);
}

const InboxHandler* Federation::HandlerFor(const federation::IncomingActivity& activity) const {
  for (const std::string& property : activity.properties) {
    auto extension = extension_handlers_.find(property);
    if (extension != extension_handlers_.end()) return &extension->second;
  }
  auto by_type = handlers_.find(activity.type);
  return by_type == handlers_.end() ? nullptr : &by_type->second;
}

std::string Federation::Base() const {
  std::string base = config_.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

std::string Federation::HubActorUrl(const std::string& slug) const { return Base() + "/federation/hubs/" + slug; }
std::string Federation::InstanceActorUrl() const { return Base() + "/federation/actor"; }
std::string Federation::SharedInboxUrl() const { return Base() + "/federation/inbox"; }

std::string Federation::Host() const {
  Result<fed::UrlParts> p = fed::ParseUrl(Base());
  return p.ok() ? p->host : "";
}

std::string Federation::SlugOfOurUrl(const std::string& url) const {
  std::string prefix = Base() + "/federation/hubs/";
  if (url.rfind(prefix, 0) != 0) return "";
  std::string rest = url.substr(prefix.size());
  return rest.substr(0, rest.find_first_of("/#?"));
}

std::string Federation::NewActivityId(const std::string& actor_url) const {
  return actor_url + "/activities/" + RandomId("act");
}

Result<FederationKey> Federation::KeyOf(const std::string& owner) {
  std::optional<FederationKey> found;
  Status s = ctx_.store.Read([&](ReadTx& tx) {
    found = tx.GetFederationKey(owner);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (found) return *found;
  // Made outside the writer (RSA-2048 takes a while); if another request made one first, theirs is kept.
  Result<fed::RsaPrivateKey> key = fed::RsaPrivateKey::Generate(2048);
  if (!key.ok()) return key.status();
  FederationKey made{owner, key->PublicPem(), key->PrivatePem(), ctx_.clock.Now()};
  s = ctx_.store.Write([&](WriteTx& tx) { return tx.InsertFederationKey(made); });
  if (s.ok()) return made;
  if (s.kind() != StatusKind::kConflict) return s;
  return ReadValue<FederationKey>(ctx_.store, [&](ReadTx& tx) -> Result<FederationKey> {
    std::optional<FederationKey> k = tx.GetFederationKey(owner);
    if (!k) return Status::Internal("the federation key of " + owner + " vanished");
    return *k;
  });
}

Result<std::string> Federation::WebFinger(const std::string& resource) {
  std::string slug;
  if (resource.rfind("http://", 0) == 0 || resource.rfind("https://", 0) == 0) {
    slug = SlugOfOurUrl(resource);
    if (slug.empty() || resource != HubActorUrl(slug)) return Status::NotFound("no such actor on this server");
  } else {
    std::string acct = resource;
    if (acct.rfind("acct:", 0) == 0) acct = acct.substr(5);
    if (!acct.empty() && acct[0] == '@') acct = acct.substr(1);
    size_t at = acct.find('@');
    if (at == std::string::npos || at == 0 || at + 1 >= acct.size() || acct.find('@', at + 1) != std::string::npos) {
      return Status::InvalidField("resource", "must be acct:SLUG@HOST or an actor URL");
    }
    std::string host = acct.substr(at + 1);
    for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (host != Host()) return Status::NotFound("that account is not on this server");
    slug = acct.substr(0, at);
  }
  Result<Hub> hub = ReadValue<Hub>(ctx_.store, [&](ReadTx& tx) { return tx.GetHubBySlug(slug); });
  if (!hub.ok()) return hub.status().kind() == StatusKind::kNotFound ? Status::NotFound("no such hub") : hub.status();
  return fed::WebFingerJson("acct:" + hub->slug + "@" + Host(), HubActorUrl(hub->slug), Base() + "/h/" + hub->slug);
}

Result<std::string> Federation::HubActor(const std::string& slug) {
  Result<Hub> hub = ReadValue<Hub>(ctx_.store, [&](ReadTx& tx) { return tx.GetHubBySlug(slug); });
  if (!hub.ok()) return hub.status();
  Result<FederationKey> key = KeyOf(hub->id.value);
  if (!key.ok()) return key.status();
  fed::ActorDescription a;
  a.id = HubActorUrl(slug);
  a.type = "Group";
  a.preferred_username = slug;
  a.name = hub->settings.name;
  a.summary = hub->settings.description;
  a.url = Base() + "/h/" + slug;
  a.inbox = a.id + "/inbox";
  a.outbox = a.id + "/outbox";
  a.followers = a.id + "/followers";
  a.following = a.id + "/following";
  a.shared_inbox = SharedInboxUrl();
  a.key_id = KeyIdOf(a.id);
  a.public_pem = key->public_pem;
  if (hub->settings.area_center) a.area_center = Approximate(*hub->settings.area_center);
  a.area_radius_km = hub->settings.area_radius_km;
  a.categories = hub->settings.categories;  // for the directory of other servers (docs/federation_sharing.md)
  a.languages = hub->settings.languages;
  if (actor_extensions_.empty()) return fed::ActorJson(a);
  boost::json::object document = boost::json::parse(fed::ActorJson(a)).as_object();
  for (const auto& [property, extension] : actor_extensions_) {
    Result<std::string> value = extension(*hub, a.id);
    if (!value.ok()) return value.status();
    document[property] = boost::json::parse(*value);
  }
  return fed::ToJsonText(document);
}

void Federation::AddActorExtension(const std::string& property, ActorExtension extension) {
  actor_extensions_[property] = std::move(extension);
}

Result<std::string> Federation::InstanceActor() {
  Result<FederationKey> key = KeyOf(kInstanceKeyOwner);
  if (!key.ok()) return key.status();
  fed::ActorDescription a;
  a.id = InstanceActorUrl();
  a.type = "Application";
  a.preferred_username = Host();
  a.name = "kin";
  a.summary = "The server of these mutual aid hubs; it signs fetches.";
  a.inbox = SharedInboxUrl();
  a.outbox = a.id + "/outbox";
  a.shared_inbox = SharedInboxUrl();
  a.key_id = KeyIdOf(a.id);
  a.public_pem = key->public_pem;
  return fed::ActorJson(a);
}

Result<std::string> Federation::Outbox(const std::string& slug) {
  if (slug.empty()) return fed::OrderedCollectionJson(InstanceActorUrl() + "/outbox", 0, std::vector<std::string>{});
  // Paged as Mastodon pages outboxes, with the newest page embedded (federation_outbox.h).
  Result<OutboxPage> first = ReadOutboxPage(ctx_.store, slug, HubActorUrl(slug) + "/outbox", 1);
  if (!first.ok()) return first.status();
  return fed::PagedOrderedCollectionJson(first->total, kOutboxPageSize, first->page);
}

Result<std::string> Federation::PublicActivity(const std::string& slug, const std::string& key) {
  return ReadValue<std::string>(ctx_.store, [&](ReadTx& tx) -> Result<std::string> {
    Result<Hub> hub = tx.GetHubBySlug(slug);
    if (!hub.ok()) return hub.status();
    std::optional<OutboxActivity> a = tx.GetPublicOutboxActivity(hub->id, HubActorUrl(slug) + "/activities/" + key);
    if (!a) return Status::NotFound("no such public activity");
    return a->body;
  });
}

namespace {

int64_t CountFollows(ReadTx& tx, const HubId& hub, FollowDirection direction) {
  int64_t n = 0;
  for (const HubFollow& f : tx.ListHubFollows(hub)) n += f.direction == direction && f.state == FollowState::kAccepted;
  return n;
}

}  // namespace

Result<std::string> Federation::Followers(const std::string& slug) {
  Result<int64_t> n = ReadValue<int64_t>(ctx_.store, [&](ReadTx& tx) -> Result<int64_t> {
    Result<Hub> hub = tx.GetHubBySlug(slug);
    if (!hub.ok()) return hub.status();
    return CountFollows(tx, hub->id, FollowDirection::kFollower);
  });
  if (!n.ok()) return n.status();
  return fed::OrderedCollectionJson(HubActorUrl(slug) + "/followers", *n, std::nullopt);
}

Result<std::string> Federation::Following(const std::string& slug) {
  Result<int64_t> n = ReadValue<int64_t>(ctx_.store, [&](ReadTx& tx) -> Result<int64_t> {
    Result<Hub> hub = tx.GetHubBySlug(slug);
    if (!hub.ok()) return hub.status();
    return CountFollows(tx, hub->id, FollowDirection::kFollowing);
  });
  if (!n.ok()) return n.status();
  return fed::OrderedCollectionJson(HubActorUrl(slug) + "/following", *n, std::nullopt);
}

Result<RemoteActor> Federation::FetchActor(const std::string& url, std::string* document) {
  if (!config_.http) return Status::Unavailable("this server has no outbound HTTP configured");
  Result<FederationKey> key = KeyOf(kInstanceKeyOwner);
  if (!key.ok()) return key.status();
  Result<fed::RsaPrivateKey> private_key = fed::RsaPrivateKey::FromPem(key->private_pem);
  if (!private_key.ok()) return private_key.status();
  Result<fed::OutboundRequest> request =
      fed::SignedGet(url, KeyIdOf(InstanceActorUrl()), *private_key, ctx_.clock.Now());
  if (!request.ok()) return request.status();
  Result<fed::InboundResponse> response = config_.http->Send(*request);
  if (!response.ok()) return response.status();
  if (response->status != 200) {
    return Status::Unavailable("fetching " + url + " answered " + std::to_string(response->status));
  }
  Result<RemoteActor> actor = fed::ParseActorDocument(response->body);
  if (!actor.ok()) return Status::Invalid("the actor at " + url + " is unusable: " + actor.status().ToString());
  // A server speaks only for its own actors and keys.
  if (fed::OriginOf(actor->id) != fed::OriginOf(url) || fed::OriginOf(actor->key_id) != fed::OriginOf(url)) {
    return Status::Invalid("the actor at " + url + " claims an id on another server");
  }
  actor->fetched_at = ctx_.clock.Now();
  Status s = ctx_.store.Write([&](WriteTx& tx) {
    Status put = tx.PutRemoteActor(*actor);
    // The whole document too: the directory reads a hub's area, categories and languages from it.
    if (put.ok()) put = tx.PutRemoteActorDocument(actor->id, response->body, actor->fetched_at);
    if (put.ok()) put = tx.PruneRemoteActors(static_cast<int>(config_.max_cached_actors), actor->id).status();
    return put;
  });
  if (!s.ok()) return s;
  if (document) *document = std::move(response->body);
  return actor;
}

Result<RemoteActor> Federation::SignerOf(const std::string& key_id, bool refresh) {
  std::optional<RemoteActor> cached;
  if (!refresh) {
    Status s = ctx_.store.Read([&](ReadTx& tx) {
      cached = tx.GetRemoteActorByKey(key_id);
      return Status::Ok();
    });
    if (!s.ok()) return s;
    if (cached && ctx_.clock.Now() - cached->fetched_at < config_.actor_cache_fresh) return *cached;
  }
  Result<RemoteActor> actor = FetchActor(fed::WithoutFragment(key_id));
  // A stale copy still verifies what its owner signed when the owner cannot be reached just now, for a week at
  // most: a key its owner rotated out or a server gone for good must not sign for ever.
  if (!actor.ok() && cached && actor.status().kind() == StatusKind::kUnavailable &&
      ctx_.clock.Now() - cached->fetched_at < kStaleKeyGrace) {
    return *cached;
  }
  if (!actor.ok()) return actor.status();
  if (actor->key_id != key_id) return Status::Unauthenticated("the actor does not publish the key " + key_id);
  return actor;
}

Result<std::string> Federation::ResolveHandle(const std::string& handle) {
  std::string acct = handle[0] == '@' ? handle.substr(1) : handle;
  size_t at = acct.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= acct.size() || acct.find_first_of("@/ ", at + 1) != std::string::npos) {
    return Status::InvalidField("target", "must be @slug@host or an actor URL (https://...)");
  }
  if (!config_.http) return Status::Unavailable("this server has no outbound HTTP configured");
  std::string host = acct.substr(at + 1);
  Result<fed::UrlParts> ours = fed::ParseUrl(Base());
  std::string scheme = ours.ok() ? ours->scheme : "https";
  fed::OutboundRequest request{"GET", scheme + "://" + host + "/.well-known/webfinger?resource=acct:" + acct,
                               {{"Accept", "application/jrd+json, application/json"}}, ""};
  Result<fed::InboundResponse> response = config_.http->Send(request);
  if (!response.ok()) return Status::InvalidField("target", "cannot reach " + host + ": " + response.status().message());
  if (response->status != 200) {
    return Status::InvalidField("target", host + " does not know " + handle + " (WebFinger answered " +
                                              std::to_string(response->status) + ")");
  }
  Result<std::string> self = fed::ParseWebFingerSelf(response->body);
  if (!self.ok()) return Status::InvalidField("target", host + " gave no ActivityPub actor for " + handle);
  return *self;
}

Result<HubFollow> Federation::FollowRemote(const Caller& caller, const std::string& slug, const std::string& raw) {
  std::string target = raw;
  while (!target.empty() && std::isspace(static_cast<unsigned char>(target.back()))) target.pop_back();
  while (!target.empty() && std::isspace(static_cast<unsigned char>(target.front()))) target.erase(0, 1);
  if (target.empty()) return Status::InvalidField("target", "is required: @slug@host or an actor URL");
  if (target.size() > 2048) return Status::InvalidField("target", "is too long");
  // Only coordinators make this server reach out to others.
  Result<Hub> hub = ReadValue<Hub>(ctx_.store, [&](ReadTx& tx) -> Result<Hub> {
    Result<HubAccess> access = RequireRoleIn(tx, caller, slug, Role::kCoordinator);
    if (!access.ok()) return access.status();
    return access->hub;
  });
  if (!hub.ok()) return hub.status();
  std::string url = target;
  if (target.rfind("http://", 0) != 0 && target.rfind("https://", 0) != 0) {
    Result<std::string> resolved = ResolveHandle(target);
    if (!resolved.ok()) return resolved.status();
    url = *resolved;
  } else if (!fed::ParseUrl(target).ok()) {
    return Status::InvalidField("target", "is not a valid URL");
  }
  std::string me = HubActorUrl(slug);
  if (url == me) return Status::InvalidField("target", "is this hub itself");
  Result<RemoteActor> remote = FetchActor(url);
  if (!remote.ok()) {
    if (remote.status().kind() == StatusKind::kInternal) return remote.status();
    return Status::InvalidField("target", "cannot use " + url + ": " + remote.status().message());
  }
  Result<FederationKey> key = KeyOf(hub->id.value);  // made before the write, which must not wait for RSA
  if (!key.ok()) return key.status();
  Timestamp now = ctx_.clock.Now();
  return WriteValue<HubFollow>(ctx_.store, [&](WriteTx& tx) -> Result<HubFollow> {
    Result<Membership> m = RequireRole(tx, caller, hub->id, Role::kCoordinator);
    if (!m.ok()) return m.status();
    std::optional<HubFollow> existing = tx.GetHubFollow(hub->id, FollowDirection::kFollowing, remote->id);
    Result<fed::FollowTransition> t = fed::ApplyFollowEvent(
        FollowDirection::kFollowing, existing ? std::optional(existing->state) : std::nullopt, fed::FollowEvent::kAsk);
    if (!t.ok()) return t.status();
    HubFollow f;
    f.hub = hub->id;
    f.direction = FollowDirection::kFollowing;
    f.remote_actor = remote->id;
    Result<fed::UrlParts> parts = fed::ParseUrl(remote->id);
    f.remote_handle = remote->preferred_username.empty() || !parts.ok()
                          ? remote->id
                          : "@" + remote->preferred_username + "@" + parts->host;
    f.state = *t->next;
    f.follow_activity_id = NewActivityId(me);
    f.created_at = existing ? existing->created_at : now;
    f.updated_at = now;
    Status s = tx.PutHubFollow(f);
    if (s.ok()) s = RecordEvent(tx, hub->id, now, caller.actor(), "federation.follow_sent", remote->id, f.remote_handle);
    std::string body = fed::FollowJson({f.follow_activity_id, me, remote->id});
    if (s.ok()) s = Enqueue(tx, hub->id.value, f.follow_activity_id, body, remote->inbox, now);
    if (s.ok()) s = tx.InsertOutboxActivity({hub->id, f.follow_activity_id, "Follow", body, false, now});
    if (!s.ok()) return s;
    return f;
  });
}

Result<FederationView> Federation::View(const Caller& caller, const std::string& slug) {
  return ReadValue<FederationView>(ctx_.store, [&](ReadTx& tx) -> Result<FederationView> {
    Result<HubAccess> access = RequireRoleIn(tx, caller, slug, Role::kCoordinator);
    if (!access.ok()) return access.status();
    FederationView view;
    for (HubFollow& f : tx.ListHubFollows(access->hub.id)) {
      if (f.direction == FollowDirection::kFollowing) view.following.push_back(std::move(f));
      else if (f.state == FollowState::kAccepted) view.followers.push_back(std::move(f));
      else if (f.state == FollowState::kPending) view.requests.push_back(std::move(f));
    }
    return view;
  });
}

Result<HubFollow> Federation::Approve(const Caller& caller, const std::string& slug, const std::string& remote) {
  return Answer(caller, slug, remote, true);
}

Result<HubFollow> Federation::Reject(const Caller& caller, const std::string& slug, const std::string& remote) {
  return Answer(caller, slug, remote, false);
}

Result<HubFollow> Federation::Answer(const Caller& caller, const std::string& slug, const std::string& remote,
                                     bool approve) {
  Result<Hub> hub = ReadValue<Hub>(ctx_.store, [&](ReadTx& tx) -> Result<Hub> {
    Result<HubAccess> access = RequireRoleIn(tx, caller, slug, Role::kCoordinator);
    if (!access.ok()) return access.status();
    return access->hub;
  });
  if (!hub.ok()) return hub.status();
  Result<FederationKey> key = KeyOf(hub->id.value);
  if (!key.ok()) return key.status();
  Timestamp now = ctx_.clock.Now();
  return WriteValue<HubFollow>(ctx_.store, [&](WriteTx& tx) -> Result<HubFollow> {
    Result<Membership> m = RequireRole(tx, caller, hub->id, Role::kCoordinator);
    if (!m.ok()) return m.status();
    std::optional<HubFollow> f = tx.GetHubFollow(hub->id, FollowDirection::kFollower, remote);
    if (!f) return Status::NotFound("there is no follow request from " + remote);
    Result<fed::FollowTransition> t = fed::ApplyFollowEvent(
        FollowDirection::kFollower, f->state, approve ? fed::FollowEvent::kApprove : fed::FollowEvent::kReject);
    if (!t.ok()) return t.status();
    f->state = *t->next;
    f->updated_at = now;
    Status s = tx.PutHubFollow(*f);
    if (s.ok()) {
      s = RecordEvent(tx, hub->id, now, caller.actor(),
                      approve ? "federation.follower_approved" : "federation.follower_rejected", remote,
                      f->remote_handle);
    }
    std::optional<RemoteActor> actor = tx.GetRemoteActor(remote);
    if (s.ok() && actor) {
      std::string me = HubActorUrl(slug);
      std::string id = NewActivityId(me);
      std::string body =
          fed::AnswerJson(approve ? "Accept" : "Reject", id, me, {f->follow_activity_id, remote, me});
      s = Enqueue(tx, hub->id.value, id, body, actor->inbox, now);
      if (s.ok()) s = tx.InsertOutboxActivity({hub->id, id, approve ? "Accept" : "Reject", body, false, now});
    }
    if (!s.ok()) return s;
    return *f;
  });
}

Status Federation::Unfollow(const Caller& caller, const std::string& slug, const std::string& remote) {
  Result<Hub> hub = ReadValue<Hub>(ctx_.store, [&](ReadTx& tx) { return tx.GetHubBySlug(slug); });
  if (!hub.ok()) return hub.status();
  Timestamp now = ctx_.clock.Now();
  return ctx_.store.Write([&](WriteTx& tx) -> Status {
    Result<Membership> m = RequireRole(tx, caller, hub->id, Role::kCoordinator);
    if (!m.ok()) return m.status();
    std::optional<HubFollow> f = tx.GetHubFollow(hub->id, FollowDirection::kFollowing, remote);
    if (!f) return Status::NotFound("the hub does not follow " + remote);
    Result<fed::FollowTransition> t =
        fed::ApplyFollowEvent(FollowDirection::kFollowing, f->state, fed::FollowEvent::kUnfollow);
    if (!t.ok()) return t.status();
    Status s = tx.DeleteHubFollow(hub->id, FollowDirection::kFollowing, remote);
    if (s.ok()) s = RecordEvent(tx, hub->id, now, caller.actor(), "federation.unfollowed", remote, f->remote_handle);
    std::optional<RemoteActor> actor = tx.GetRemoteActor(remote);
    if (s.ok() && actor && t->effect == fed::FollowEffect::kSendUndoFollow) {
      std::string me = HubActorUrl(slug);
      std::string id = NewActivityId(me);
      std::string body = fed::UndoJson(id, {f->follow_activity_id, me, remote});
      s = Enqueue(tx, hub->id.value, id, body, actor->inbox, now);
      if (s.ok()) s = tx.InsertOutboxActivity({hub->id, id, "Undo", body, false, now});
    }
    return s;
  });
}

}  // namespace kin
