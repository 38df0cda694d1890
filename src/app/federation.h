// Federation (issue 10): hubs as ActivityPub actors. Serves the documents peers read (WebFinger, actors,
// collections), receives signed activities in inboxes, lets coordinators follow remote hubs and approve who follows
// theirs, and delivers what hubs send through a persistent queue. The rules of following are the pure state
// machine in federation/follow_rules.h; this class reads state, applies them, and writes the result in one
// transaction per operation.
//
// Thread-safety: Configure and RegisterInboxHandler before serving; everything else may run on many threads.
#ifndef KIN_APP_FEDERATION_H_
#define KIN_APP_FEDERATION_H_

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "app/caller.h"
#include "app/context.h"
#include "core/federation.h"
#include "federation/activity_json.h"
#include "federation/delivery_policy.h"
#include "federation/http_client.h"

namespace kin {

struct FederationConfig {
  std::string public_url = "http://127.0.0.1:8080";  // actor ids are built from it; no trailing slash needed
  federation::HttpClient* http = nullptr;  // outbound HTTP; null: fetches and deliveries fail as unavailable
  Seconds signature_skew = Seconds(12 * 3600);  // how far a signed Date may be from now, either way (as Mastodon)
  size_t max_inbox_bytes = 256 * 1024;          // larger inbox bodies are refused (413)
  federation::DeliveryPolicy delivery;          // retries, backoff and when to give up
  int delivery_threads = 4;                     // deliveries in flight at once
  // Remote actors are cached (docs/federation.md, "Remote actors are cached"): a fetched actor document is used
  // this long before it is fetched again (a signature that stops verifying fetches the key again at once).
  Seconds actor_cache_fresh = Seconds(24 * 3600);
  size_t max_cached_actors = 5000;  // actors kept that no hub follows or is followed by; the oldest go first
};

// What reached an inbox, as the HTTP layer received it.
struct InboxRequest {
  std::string method;  // "POST"
  std::string target;  // path and query as received, for (request-target)
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string hub_slug;  // the hub whose inbox it was posted to; empty for the shared inbox
};

enum class InboxVerdict {
  kAccepted,          // acted upon (202)
  kDuplicate,         // received before; nothing changed (200)
  kIgnored,           // a type kin does not handle, or an answer to nothing; nothing changed (202)
  kTooLarge,          // 413
  kUnsupportedMedia,  // 415
  kMalformed,         // 400
  kUnauthenticated,   // unsigned, badly signed, stale, or the actor does not own the key (401)
  kForbidden,         // an id on another server than its author's (403)
  kNotFound,          // the hub addressed does not exist (404)
};

struct InboxOutcome {
  InboxVerdict verdict;
  std::string detail;  // why, for the log and the problem body
};

// What a handler of one activity type sees. The sender is the verified owner of the signing key, and is the
// activity's actor.
struct InboxContext {
  const federation::IncomingActivity& activity;
  const std::string& body;
  const RemoteActor& sender;
  Timestamp now;
};

// Handles one activity type inside the receiving transaction. Returns kAccepted after changing state, or
// kIgnored/kNotFound/kForbidden having changed nothing; a failed Status rolls everything back (500).
using InboxHandler = std::function<Result<InboxVerdict>(WriteTx& tx, const InboxContext& context)>;

// A coordinator's view of the hub's federation.
struct FederationView {
  std::vector<HubFollow> following;  // whom the hub follows or asked to (every state)
  std::vector<HubFollow> followers;  // accepted followers
  std::vector<HubFollow> requests;   // follow requests waiting for approval
};

class Federation {
 public:
  explicit Federation(AppContext& ctx);

  void Configure(FederationConfig config);
  // Adds or replaces the handler of an activity type (Follow, Accept, Reject and Undo are built in).
  void RegisterInboxHandler(const std::string& type, InboxHandler handler);
  // Adds or replaces the handler of one of kin's extensions: an activity carrying the top-level property `term`
  // (an escalation message carries "escalation") goes to it whatever its type, before the handlers by type. Lets
  // kin's own exchanges reuse Accept, Reject, Undo and Create without touching following or sharing.
  void RegisterExtensionHandler(const std::string& term, InboxHandler handler);
  const FederationConfig& config() const { return config_; }
  // Adds one property to every hub's actor document: `extension` returns its value as JSON text (escalation
  // publishes the hub's "contactKey"). Register before serving.
  using ActorExtension = std::function<Result<std::string>(const Hub& hub, const std::string& actor)>;
  void AddActorExtension(const std::string& property, ActorExtension extension);

  // --- URLs ---
  std::string HubActorUrl(const std::string& slug) const;
  std::string InstanceActorUrl() const;
  std::string SharedInboxUrl() const;
  std::string Host() const;  // "aid.example" or "127.0.0.1:8080", as acct: handles name it
  // The hub slug an id of ours names ("<base>/federation/hubs/<slug>[/...]"), or empty.
  std::string SlugOfOurUrl(const std::string& url) const;

  // --- Documents peers read (JSON) ---
  // resource "acct:SLUG@HOST" (or a hub's actor URL): kInvalid when malformed, kNotFound for another host or an
  // unknown hub.
  Result<std::string> WebFinger(const std::string& resource);
  Result<std::string> HubActor(const std::string& slug);
  Result<std::string> InstanceActor();
  Result<std::string> Outbox(const std::string& slug);     // empty slug: the instance actor's (always empty)
  Result<std::string> Followers(const std::string& slug);  // a count only: members' hubs are not listed
  Result<std::string> Following(const std::string& slug);  // a count only
  // One activity of the hub's public outbox, by the last segment of its id ("<actor>/activities/<key>"), so peers
  // can dereference what they received. kNotFound for activities that were not public (follows and answers to
  // them, messages to one hub) and for unknown ones.
  Result<std::string> PublicActivity(const std::string& slug, const std::string& key);

  // --- Inbox ---
  InboxOutcome Receive(const InboxRequest& request);

  // --- Coordinators ---
  // `target`: "@slug@host", "slug@host" or an actor URL. Resolves it (WebFinger, then a signed fetch), records a
  // pending follow and queues the Follow.
  Result<HubFollow> FollowRemote(const Caller& caller, const std::string& slug, const std::string& target);
  Result<FederationView> View(const Caller& caller, const std::string& slug);
  Result<HubFollow> Approve(const Caller& caller, const std::string& slug, const std::string& remote_actor);
  // Refuses a request or removes an accepted follower (Reject is sent either way).
  Result<HubFollow> Reject(const Caller& caller, const std::string& slug, const std::string& remote_actor);
  Status Unfollow(const Caller& caller, const std::string& slug, const std::string& remote_actor);

  // --- Delivery ---
  // Sends the deliveries due now (at most `limit`), signed, `delivery_threads` inboxes at a time, and records each
  // outcome. One inbox's deliveries go in the order they were queued: none is tried while an older one to the same
  // inbox is pending, so a failed one holds those behind it until it is delivered or given up. Returns how many
  // were attempted.
  Result<int> DeliverDue(int limit = 64);
  // Every delivery of one activity (for tests and the operator).
  Result<std::vector<Delivery>> DeliveriesOf(const std::string& activity_id);
  // Empties the bodies of deliveries finished (delivered or given up) more than a week ago: an escalation's body
  // carries what a need says, and the record needs only what went where and when. The week leaves an operator
  // time to look into a failed exchange. Returns how many were emptied.
  Result<int> ForgetDeliveredBodies();
  // The operator's view of the queue (`kin admin deliveries`): per target inbox, what is pending and why, and
  // what was delivered or given up in the last `days`.
  Result<std::vector<DeliveryQueueLine>> DeliveryQueue(int days);

  // The actor `target` names ("@slug@host", "slug@host" or an actor URL), resolved by WebFinger and fetched
  // signed (and cached), for capabilities that address one hub (councils). kInvalid at `target` when it cannot be
  // resolved or used.
  Result<RemoteActor> LookUpActor(const std::string& target);

  // The actor document at `url` (an actor id) as JSON text: the cached copy when fetched less than
  // `actor_cache_fresh` ago, else fetched signed (and cached). For capabilities that read properties of a peer's
  // actor beyond its key and inbox (escalation's reach, the directory).
  Result<std::string> ActorDocument(const std::string& url);

  // The hub's or the instance's key pair, made on first use.
  Result<FederationKey> KeyOf(const std::string& owner);

  // Queues `body` (activity `activity_id`) for `inbox`, signed later by `signer`'s key. For handlers and for
  // capabilities that publish (sharing); inside their transaction.
  static Status Enqueue(WriteTx& tx, const std::string& signer, const std::string& activity_id,
                        const std::string& body, const std::string& inbox, Timestamp now);

  // Publishes a public activity of `hub` (a Create, Update or Delete of something it shares) inside the caller's
  // transaction: lists it in the hub's outbox and queues it, signed by the hub, for every accepted follower, once
  // per inbox (a server's shared inbox when it has one). Returns how many inboxes it was queued for.
  Result<int> Publish(WriteTx& tx, const Hub& hub, const std::string& activity_id, const std::string& type,
                      const std::string& body, Timestamp now);
  // A new id for an activity of the hub at `slug`: "<actor>/activities/<random>".
  std::string NewHubActivityId(const std::string& slug) const { return NewActivityId(HubActorUrl(slug)); }

 private:
  std::string Base() const;
  std::string KeyIdOf(const std::string& actor_url) const { return actor_url + "#main-key"; }
  std::string NewActivityId(const std::string& actor_url) const;
  // A remote actor by URL, fetched with a signed GET as the instance actor, and cached (with its whole document,
  // also returned in `document` when given).
  Result<RemoteActor> FetchActor(const std::string& url, std::string* document = nullptr);
  // The actor at `url` from the cache when fresh, else fetched.
  Result<RemoteActor> CachedActor(const std::string& url);
  // The actor owning `key_id`: from the cache unless `refresh`.
  Result<RemoteActor> SignerOf(const std::string& key_id, bool refresh);
  // Resolves "@slug@host" through WebFinger to an actor URL.
  Result<std::string> ResolveHandle(const std::string& handle);
  void RegisterFollowHandlers();
  Result<HubFollow> Answer(const Caller& caller, const std::string& slug, const std::string& remote_actor,
                           bool approve);

  AppContext& ctx_;
  FederationConfig config_;
  std::map<std::string, InboxHandler> handlers_;            // by activity type
  std::map<std::string, InboxHandler> extension_handlers_;  // by top-level property; checked first
  std::map<std::string, ActorExtension> actor_extensions_;  // by property of the hub's actor document
  // The handler for `activity`: an extension's when it carries one's term, else its type's; null for none.
  const InboxHandler* HandlerFor(const federation::IncomingActivity& activity) const;
};

}  // namespace kin

#endif  // KIN_APP_FEDERATION_H_
