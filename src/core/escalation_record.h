// Escalation of unmet needs between hubs (issue 10): what the store keeps. The state machine and its records are
// federation::EscalationBook / federation::Escalation; the store holds each record as opaque text (serialised by
// federation/escalation_record_codec.h) beside the few columns lists and sweeps filter on.
#ifndef KIN_CORE_ESCALATION_RECORD_H_
#define KIN_CORE_ESCALATION_RECORD_H_

#include <string>

#include "core/ids.h"
#include "core/time.h"

namespace kin {

// A hub's escalation choices.
struct EscalationSettings {
  Seconds delay{0};   // an open need unmet this long is offered to other hubs; 0: only by a coordinator's hand
  int hop_limit = 2;  // the most hops of an Offer this hub takes; it forwards only below it (home's Offer: hop 1)
};

// A hub's X25519 key pair for contact hand-overs. The secret half is sealed at rest.
struct ContactKeyRecord {
  HubId hub;
  std::string public_key;  // 32 raw bytes
  std::string secret_key;  // 32 raw bytes; plaintext only in memory
  Timestamp created_at{};
};

// One escalation a hub takes part in.
struct StoredEscalation {
  HubId hub;
  std::string key;     // short opaque id for URLs ("esc_..."), unique per server
  std::string id;      // the escalation id (the need's URL at its home hub); unique per hub
  std::string role;    // "home" or "remote"
  std::string state;   // federation::EscalationStateName, for lists and sweeps
  std::string need;    // home: the need escalated; taker: the need created when the contact arrived; else empty
  std::string record;  // the whole federation::Escalation, serialised
  Timestamp updated_at{};
};

}  // namespace kin

#endif  // KIN_CORE_ESCALATION_RECORD_H_
