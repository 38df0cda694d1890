// The contact hand-over's encryption: the person's contact details travel only to the hub that took their need,
// sealed to that hub's X25519 key (libsodium sealed box: X25519 + XSalsa20-Poly1305 with an ephemeral sender key),
// so relays and anyone reading the delivery queue see only ciphertext. The transport side of escalation.
//
// Each hub publishes its contact key in its actor document (ContactKeyJson). The sealed payload names the
// escalation it belongs to, so a sealed contact copied into another hand-over fails to open.
#ifndef KIN_FEDERATION_CONTACT_HANDOVER_H_
#define KIN_FEDERATION_CONTACT_HANDOVER_H_

#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "core/contact.h"
#include "core/status.h"

namespace kin::federation {

// A hub's contact-encryption key pair. The secret half is sealed at rest like contact data.
struct ContactKeyPair {
  std::string public_key;  // 32 raw bytes
  std::string secret_key;  // 32 raw bytes
};

ContactKeyPair GenerateContactKeyPair();

// The actor-document property that publishes a hub's contact key:
//   "contactKey": {"id": "<actor>#contact-key", "type": "X25519Key", "owner": "<actor>",
//                  "publicKeyBase64": "<base64 of 32 bytes>"}
boost::json::object ContactKeyJson(const std::string& actor, std::string_view public_key);
// Reads it back from an actor document: kInvalid naming "contactKey..." when missing, of another owner, or not a
// 32-byte key.
Result<std::string> ReadContactKey(const boost::json::object& actor_document, const std::string& actor);

// Seals `contact` for the hub holding `recipient_public_key`, bound to `escalation`. Base64 text.
Result<std::string> SealContact(const Contact& contact, const std::string& escalation,
                                std::string_view recipient_public_key);

// Opens a sealed contact with this hub's keys. kInvalid when it is not for this hub, was altered, or belongs to
// another escalation.
Result<Contact> OpenContact(std::string_view sealed_base64, const std::string& escalation,
                            const ContactKeyPair& keys);

}  // namespace kin::federation

#endif  // KIN_FEDERATION_CONTACT_HANDOVER_H_
