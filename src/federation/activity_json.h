// The ActivityPub and WebFinger documents kin serves and reads, as JSON (Boost.JSON). Writing takes plain values;
// reading checks what kin relies on and names the missing or malformed field.
#ifndef KIN_FEDERATION_ACTIVITY_JSON_H_
#define KIN_FEDERATION_ACTIVITY_JSON_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/federation.h"
#include "core/geo.h"
#include "core/status.h"

namespace kin::federation {

// The media type of ActivityPub documents, and the JSON-LD one servers may use instead.
inline constexpr const char* kActivityJson = "application/activity+json";
inline constexpr const char* kLdJson = "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

// True for application/activity+json, application/ld+json (with or without the ActivityStreams profile) and
// application/json, the types servers deliver activities with; parameters such as charset are ignored.
bool IsActivityMediaType(std::string_view content_type);

// One of our own actors, as its document describes it.
struct ActorDescription {
  std::string id;
  std::string type;  // "Group" for a hub, "Application" for the instance actor
  std::string preferred_username;
  std::string name;
  std::string summary;
  std::string url;  // the human page; may be empty
  std::string inbox, outbox, followers, following, shared_inbox;
  std::string key_id;
  std::string public_pem;
  std::optional<LatLon> area_center;  // already approximate
  double area_radius_km = 0;
  bool manually_approves_followers = true;
  // kin terms for the directory (hub_listing.h): what the hub does and the languages it works in; empty: omitted.
  std::vector<std::string> categories;
  std::vector<std::string> languages;
};

std::string ActorJson(const ActorDescription& actor);

// The JRD answer to a WebFinger query: subject, aliases and the self link to the actor document.
std::string WebFingerJson(const std::string& subject, const std::string& actor_id, const std::string& html_url);

// An OrderedCollection with totalItems and, when given, the items (each already JSON).
std::string OrderedCollectionJson(const std::string& id, int64_t total_items,
                                  const std::optional<std::vector<std::string>>& items_json);

// Activities kin sends about follows. An answer (Accept or Reject) and an Undo embed the Follow they answer.
struct FollowRef {
  std::string id;      // the Follow activity's id
  std::string actor;   // who follows
  std::string object;  // whom
};
std::string FollowJson(const FollowRef& follow);
std::string AnswerJson(const std::string& type, const std::string& id, const std::string& actor,
                       const FollowRef& follow);
std::string UndoJson(const std::string& id, const FollowRef& follow);

// Reads an actor document: id, type, inbox and publicKey {id, owner, publicKeyPem} are required and the key's
// owner must be the actor. kInvalid naming the field otherwise.
Result<RemoteActor> ParseActorDocument(std::string_view body);

// The href of the self link (type application/activity+json or ld+json) of a WebFinger answer.
Result<std::string> ParseWebFingerSelf(std::string_view body);

// An activity received in an inbox, with what kin needs of its object (a reference or an embedded object).
struct IncomingActivity {
  std::string id;
  std::string type;
  std::string actor;
  std::string object_id;      // the object's URL, or the embedded object's id (may be empty for embedded ones)
  bool object_embedded = false;
  std::string object_type;    // embedded object only
  std::string object_author;  // embedded object's actor or attributedTo, when it has one
  std::string object_object;  // embedded object's own object, as an id (an embedded Follow's followee)
  std::vector<std::string> properties;  // every top-level property name, so an inbox can route kin's extensions
};

// kInvalid naming the field when the body is not a JSON object with string id, type and actor (an actor given
// as an object is read by its id) and an object.
Result<IncomingActivity> ParseActivity(std::string_view body);

}  // namespace kin::federation

#endif  // KIN_FEDERATION_ACTIVITY_JSON_H_
