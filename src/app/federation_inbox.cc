// Federation: the inbox. Every POST is checked in this order, and refused with nothing changed at the first
// failure: size (413), media type (415), JSON shape (400), signature over (request-target) host date digest by a
// key fetched with a signed GET and cached, re-fetched once when it stops verifying (401), the actor owning the key
// (401), ids on their author's server (403). Then, in one transaction, a replay is answered 200 without change,
// and the activity goes to the handler of the kin extension it carries, else of its type; types without one are
// accepted and ignored (202), logged.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

#include "app/federation.h"
#include "federation/follow_rules.h"
#include "federation/http_signature.h"
#include "federation/url.h"

namespace kin {

namespace fed = kin::federation;

namespace {

const std::string* HeaderOf(const InboxRequest& r, const char* name) {
  for (const auto& [n, v] : r.headers) {
    if (n.size() == std::strlen(name) && std::equal(n.begin(), n.end(), name, [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == b;
        })) {
      return &v;
    }
  }
  return nullptr;
}

InboxOutcome Refuse(InboxVerdict verdict, std::string detail) { return {verdict, std::move(detail)}; }

// "@slug@host" of a remote actor, for people to read; its URL when it has no username.
std::string HandleOf(const RemoteActor& a) {
  Result<fed::UrlParts> p = fed::ParseUrl(a.id);
  if (a.preferred_username.empty() || !p.ok()) return a.id;
  return "@" + a.preferred_username + "@" + p->host;
}

}  // namespace

InboxOutcome Federation::Receive(const InboxRequest& request) {
  if (request.body.size() > config_.max_inbox_bytes) {
    return Refuse(InboxVerdict::kTooLarge, "the activity is larger than " + std::to_string(config_.max_inbox_bytes) +
                                               " bytes");
  }
  const std::string* type = HeaderOf(request, "content-type");
  if (!type || !fed::IsActivityMediaType(*type)) {
    return Refuse(InboxVerdict::kUnsupportedMedia, "post activities as application/activity+json");
  }
  Result<fed::IncomingActivity> activity = fed::ParseActivity(request.body);
  if (!activity.ok()) return Refuse(InboxVerdict::kMalformed, activity.status().ToString());
  if (!request.hub_slug.empty()) {
    Result<Hub> hub = ReadValue<Hub>(ctx_.store, [&](ReadTx& tx) { return tx.GetHubBySlug(request.hub_slug); });
    if (!hub.ok()) return Refuse(InboxVerdict::kNotFound, "no such hub");
  }

  const std::string* signature = HeaderOf(request, "signature");
  if (!signature) return Refuse(InboxVerdict::kUnauthenticated, "the request is not signed");
  Result<fed::SignatureParams> params = fed::ParseSignatureHeader(*signature);
  if (!params.ok()) return Refuse(InboxVerdict::kUnauthenticated, params.status().message());
  // The key must belong to the activity's actor; checking before fetching keeps us from fetching for nothing.
  if (fed::OriginOf(params->key_id) != fed::OriginOf(activity->actor) || fed::OriginOf(activity->actor).empty()) {
    return Refuse(InboxVerdict::kUnauthenticated, "the activity's actor does not own the signing key");
  }
  fed::RequestToSign to_verify{request.method, request.target, request.headers};
  Timestamp now = ctx_.clock.Now();
  Status verified = Status::Unauthenticated("no key");
  Result<RemoteActor> sender = Status::Unauthenticated("no key");
  for (bool refresh : {false, true}) {
    sender = SignerOf(params->key_id, refresh);
    if (!sender.ok()) {
      // The details stay in our log: told to a stranger, which addresses a name resolves to and which of them
      // were refused would map the network around this server.
      std::fprintf(stderr, "kin: inbox: cannot fetch the signing key %s: %s\n", params->key_id.c_str(),
                   sender.status().ToString().c_str());
      verified = Status::Unauthenticated("cannot fetch the signing key");
      break;
    }
    Result<fed::RsaPublicKey> key = fed::RsaPublicKey::FromPem(sender->public_pem);
    verified = key.ok() ? fed::VerifyInboxRequest(to_verify, request.body, *params, *key, now, config_.signature_skew)
                        : Status::Unauthenticated("the signing key is not an RSA key");
    // Only a signature that fails to verify is worth a fresh key (rotation); a stale Date or wrong Digest is not.
    if (verified.ok() || verified.message() != "the signature does not verify") break;
  }
  if (!verified.ok()) return Refuse(InboxVerdict::kUnauthenticated, verified.message());
  if (sender->id != activity->actor) {
    return Refuse(InboxVerdict::kUnauthenticated, "the activity's actor does not own the signing key");
  }
  if (fed::OriginOf(activity->id) != fed::OriginOf(activity->actor)) {
    return Refuse(InboxVerdict::kForbidden, "the activity's id is on another server than its actor");
  }
  if (activity->object_embedded && !activity->object_id.empty() && !activity->object_author.empty() &&
      fed::OriginOf(activity->object_id) != fed::OriginOf(activity->object_author)) {
    return Refuse(InboxVerdict::kForbidden, "the object's id is on another server than its author");
  }
  const InboxHandler* handler = HandlerFor(*activity);
  if (!handler) {
    return Refuse(InboxVerdict::kIgnored, "activities of type " + activity->type + " are not handled here");
  }

  InboxContext context{*activity, request.body, *sender, now};
  InboxVerdict verdict = InboxVerdict::kAccepted;
  Status s = ctx_.store.Write([&](WriteTx& tx) -> Status {
    if (tx.HasReceivedActivity(activity->id)) {
      verdict = InboxVerdict::kDuplicate;
      return Status::Ok();
    }
    Result<InboxVerdict> v = (*handler)(tx, context);
    if (!v.ok()) return v.status();
    verdict = *v;
    if (verdict != InboxVerdict::kAccepted) return Status::Ok();  // handlers change nothing unless they accept
    return tx.InsertReceivedActivity(activity->id, now);
  });
  if (!s.ok()) {
    if (s.kind() == StatusKind::kConflict) return Refuse(InboxVerdict::kDuplicate, "received before");
    std::fprintf(stderr, "kin: inbox: %s %s failed: %s\n", activity->type.c_str(), activity->id.c_str(),
                 s.ToString().c_str());
    return Refuse(InboxVerdict::kMalformed, s.message());
  }
  switch (verdict) {
    case InboxVerdict::kDuplicate: return Refuse(verdict, "received before; nothing changed");
    case InboxVerdict::kIgnored: return Refuse(verdict, activity->type + " does not apply here; nothing changed");
    case InboxVerdict::kNotFound: return Refuse(verdict, "the activity is addressed to no hub here");
    case InboxVerdict::kForbidden: return Refuse(verdict, "the activity may not act on that object");
    default: return Refuse(verdict, "accepted");
  }
}

void Federation::RegisterFollowHandlers() {
  // Follow: someone asks to follow one of our hubs; the hub's coordinator approves or rejects.
  RegisterInboxHandler("Follow", [this](WriteTx& tx, const InboxContext& c) -> Result<InboxVerdict> {
    std::string slug = SlugOfOurUrl(c.activity.object_id);
    if (slug.empty() || c.activity.object_id != HubActorUrl(slug)) return InboxVerdict::kNotFound;
    Result<Hub> hub = tx.GetHubBySlug(slug);
    if (!hub.ok()) return hub.status().kind() == StatusKind::kNotFound ? Result<InboxVerdict>(InboxVerdict::kNotFound)
                                                                       : Result<InboxVerdict>(hub.status());
    std::optional<HubFollow> existing = tx.GetHubFollow(hub->id, FollowDirection::kFollower, c.sender.id);
    Result<fed::FollowTransition> t =
        fed::ApplyFollowEvent(FollowDirection::kFollower, existing ? std::optional(existing->state) : std::nullopt,
                              fed::FollowEvent::kFollowReceived);
    if (!t.ok()) return InboxVerdict::kIgnored;
    HubFollow f = existing.value_or(HubFollow{});
    f.hub = hub->id;
    f.direction = FollowDirection::kFollower;
    f.remote_actor = c.sender.id;
    f.remote_handle = HandleOf(c.sender);
    f.state = *t->next;
    f.follow_activity_id = c.activity.id;
    if (!existing) f.created_at = c.now;
    f.updated_at = c.now;
    Status s = tx.PutHubFollow(f);
    if (s.ok() && t->changed) {
      s = RecordEvent(tx, hub->id, c.now, "system", "federation.follow_requested", c.sender.id, f.remote_handle);
    }
    if (s.ok() && t->effect == fed::FollowEffect::kSendAccept) {
      std::string me = HubActorUrl(slug);
      std::string id = NewActivityId(me);
      std::string body = fed::AnswerJson("Accept", id, me, {c.activity.id, c.sender.id, me});
      s = Enqueue(tx, hub->id.value, id, body, c.sender.inbox, c.now);
    }
    if (!s.ok()) return s;
    return InboxVerdict::kAccepted;
  });

  // Accept and Reject: the answer to a Follow one of our hubs sent. The embedded Follow names our hub as its
  // actor and the sender as its object; a bare id must be the Follow we recorded.
  auto answer = [this](bool accepted) {
    return [this, accepted](WriteTx& tx, const InboxContext& c) -> Result<InboxVerdict> {
      const fed::IncomingActivity& a = c.activity;
      if (a.object_embedded && !a.object_type.empty() && a.object_type != "Follow") return InboxVerdict::kIgnored;
      std::string slug = SlugOfOurUrl(a.object_embedded && !a.object_author.empty() ? a.object_author : a.object_id);
      if (slug.empty()) return InboxVerdict::kIgnored;
      if (a.object_embedded && !a.object_object.empty() && a.object_object != c.sender.id) {
        return InboxVerdict::kForbidden;  // answering a Follow addressed to someone else
      }
      Result<Hub> hub = tx.GetHubBySlug(slug);
      if (!hub.ok()) return InboxVerdict::kIgnored;
      std::optional<HubFollow> f = tx.GetHubFollow(hub->id, FollowDirection::kFollowing, c.sender.id);
      if (!f) return InboxVerdict::kIgnored;
      if (!a.object_id.empty() && a.object_id != f->follow_activity_id) return InboxVerdict::kIgnored;
      Result<fed::FollowTransition> t = fed::ApplyFollowEvent(
          FollowDirection::kFollowing, f->state,
          accepted ? fed::FollowEvent::kAcceptReceived : fed::FollowEvent::kRejectReceived);
      if (!t.ok() || !t->changed) return InboxVerdict::kIgnored;
      f->state = *t->next;
      f->updated_at = c.now;
      Status s = tx.PutHubFollow(*f);
      if (s.ok()) {
        s = RecordEvent(tx, hub->id, c.now, "system",
                        accepted ? "federation.follow_accepted" : "federation.follow_rejected", c.sender.id,
                        f->remote_handle);
      }
      if (!s.ok()) return s;
      return InboxVerdict::kAccepted;
    };
  };
  RegisterInboxHandler("Accept", answer(true));
  RegisterInboxHandler("Reject", answer(false));

  // Undo(Follow): a follower leaves, or withdraws its request. One can only undo one's own Follow.
  RegisterInboxHandler("Undo", [this](WriteTx& tx, const InboxContext& c) -> Result<InboxVerdict> {
    const fed::IncomingActivity& a = c.activity;
    if (!a.object_embedded || a.object_type != "Follow") return InboxVerdict::kIgnored;
    if (a.object_author != c.sender.id) return InboxVerdict::kForbidden;
    std::string slug = SlugOfOurUrl(a.object_object);
    if (slug.empty()) return InboxVerdict::kIgnored;
    Result<Hub> hub = tx.GetHubBySlug(slug);
    if (!hub.ok()) return InboxVerdict::kIgnored;
    std::optional<HubFollow> f = tx.GetHubFollow(hub->id, FollowDirection::kFollower, c.sender.id);
    Result<fed::FollowTransition> t = fed::ApplyFollowEvent(
        FollowDirection::kFollower, f ? std::optional(f->state) : std::nullopt, fed::FollowEvent::kUndoReceived);
    if (!t.ok() || !t->changed) return InboxVerdict::kIgnored;
    Status s = tx.DeleteHubFollow(hub->id, FollowDirection::kFollower, c.sender.id);
    if (s.ok()) s = RecordEvent(tx, hub->id, c.now, "system", "federation.follower_left", c.sender.id, f->remote_handle);
    if (!s.ok()) return s;
    return InboxVerdict::kAccepted;
  });
}

}  // namespace kin
