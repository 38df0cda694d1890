// Federation between hubs (issue 10): what kin stores about keys, remote actors, follows between hubs and the
// activities it delivers. Plain values; the rules live in src/federation, the wire formats beside them.
#ifndef KIN_CORE_FEDERATION_H_
#define KIN_CORE_FEDERATION_H_

#include <cstdint>
#include <optional>
#include <string>

#include "core/ids.h"
#include "core/time.h"

namespace kin {

// The key owner of the instance actor; a hub's keys are owned by its HubId value.
inline constexpr const char* kInstanceKeyOwner = "instance";

// An RSA key pair an actor signs with. The private key is sealed at rest like contact details.
struct FederationKey {
  std::string owner;        // kInstanceKeyOwner or a hub id
  std::string public_pem;   // SubjectPublicKeyInfo
  std::string private_pem;  // PKCS#8; plaintext only in memory
  Timestamp created_at{};
};

// What kin keeps of another server's actor: enough to check its signatures and deliver to it.
struct RemoteActor {
  std::string id;                  // the actor URL
  std::string type;                // "Group", "Person", "Application", ...
  std::string key_id;              // its publicKey.id
  std::string public_pem;
  std::string inbox;
  std::string shared_inbox;        // may be empty
  std::string preferred_username;  // may be empty
  std::string name;                // may be empty
  Timestamp fetched_at{};
};

// Which way a follow points from a hub's side.
enum class FollowDirection {
  kFollowing,  // the hub follows the remote actor
  kFollower,   // the remote actor follows the hub
};

enum class FollowState {
  kPending,   // asked, not yet answered
  kAccepted,  // in force
  kRejected,  // refused (by the hub's coordinator, or by the remote side)
};

const char* FollowDirectionName(FollowDirection d);  // "following", "follower"
const char* FollowStateName(FollowState s);          // "pending", "accepted", "rejected"
std::optional<FollowDirection> ParseFollowDirection(const std::string& s);
std::optional<FollowState> ParseFollowState(const std::string& s);

struct HubFollow {
  HubId hub;
  FollowDirection direction = FollowDirection::kFollowing;
  std::string remote_actor;        // the remote actor URL
  std::string remote_handle;       // "@slug@host" when known, for people to read
  FollowState state = FollowState::kPending;
  std::string follow_activity_id;  // the Follow activity this follow answers to (ours or theirs)
  Timestamp created_at{};
  Timestamp updated_at{};
};

// One (activity, target inbox) pair of the persistent delivery queue.
struct Delivery {
  int64_t seq = 0;                // assigned by the store
  std::string activity_id;
  std::string inbox;              // the URL to POST to
  std::string body;               // the activity, as JSON
  std::string signer;             // the key owner that signs it (kInstanceKeyOwner or a hub id)
  Timestamp created_at{};
  Timestamp next_attempt_at{};
  int attempts = 0;
  std::string last_error;         // empty when none
  std::optional<Timestamp> delivered_at;
  std::optional<Timestamp> gave_up_at;
};

// One target inbox's line in the operator's view of the delivery queue (`kin admin deliveries`).
struct DeliveryQueueLine {
  std::string inbox;
  int64_t pending = 0;                     // neither delivered nor given up
  std::optional<Timestamp> oldest_pending;  // when the oldest of those was queued
  std::optional<Timestamp> next_attempt;    // the next try of the oldest of them; the others wait behind it
  int64_t delivered = 0, gave_up = 0;       // finished within the window asked for
  std::string last_error;                   // of the latest pending row that failed, else of the latest given up
};

// An activity a hub published, kept for its outbox collection.
struct OutboxActivity {
  HubId hub;
  std::string activity_id;
  std::string type;   // "Follow", "Create", ...
  std::string body;   // the activity, as JSON
  bool is_public = false;  // listed in the public outbox (follows and answers to them are not)
  Timestamp published_at{};
};

// An offer or need a hub shares with its followers (issue 10). Only ids: what is published is rebuilt from the
// item each time, through federation::SharedItem, so nothing personal is kept here.
struct SharedRecord {
  HubId hub;
  std::string kind;         // "offer" or "need"
  std::string local_id;     // the offer or need id
  std::string object_id;    // the Proposal's URL
  std::string shared_by;    // the coordinator's member id
  Timestamp shared_at{};
};

}  // namespace kin

#endif  // KIN_CORE_FEDERATION_H_
