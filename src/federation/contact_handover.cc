#include "federation/contact_handover.h"

#include <sodium.h>

#include <boost/json.hpp>

#include "crypto/sodium_init.h"
#include "federation/json_text.h"

namespace kin::federation {
namespace json = boost::json;
namespace {

std::string ToBase64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

bool FromBase64(std::string_view text, std::string& out) {
  out.assign(text.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                        nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return false;
  }
  out.resize(len);
  return true;
}

std::string Str(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace

ContactKeyPair GenerateContactKeyPair() {
  EnsureSodium();
  ContactKeyPair keys;
  keys.public_key.resize(crypto_box_PUBLICKEYBYTES);
  keys.secret_key.resize(crypto_box_SECRETKEYBYTES);
  crypto_box_keypair(reinterpret_cast<unsigned char*>(keys.public_key.data()),
                     reinterpret_cast<unsigned char*>(keys.secret_key.data()));
  return keys;
}

json::object ContactKeyJson(const std::string& actor, std::string_view public_key) {
  return {{"id", actor + "#contact-key"},
          {"type", "X25519Key"},
          {"owner", actor},
          {"publicKeyBase64", ToBase64(public_key)}};
}

Result<std::string> ReadContactKey(const json::object& actor_document, const std::string& actor) {
  const json::value* key = actor_document.if_contains("contactKey");
  if (!key || !key->is_object()) {
    return Status::InvalidField("contactKey", "the hub publishes no contact key, so nothing can be sealed to it");
  }
  const json::object& k = key->get_object();
  if (Str(k, "owner") != actor) return Status::InvalidField("contactKey.owner", "must be the actor itself");
  if (Str(k, "type") != "X25519Key") return Status::InvalidField("contactKey.type", "must be X25519Key");
  std::string raw;
  if (!FromBase64(Str(k, "publicKeyBase64"), raw) || raw.size() != crypto_box_PUBLICKEYBYTES) {
    return Status::InvalidField("contactKey.publicKeyBase64", "must be the base64 of a 32-byte X25519 key");
  }
  return raw;
}

Result<std::string> SealContact(const Contact& contact, const std::string& escalation,
                                std::string_view recipient_public_key) {
  EnsureSodium();
  if (recipient_public_key.size() != crypto_box_PUBLICKEYBYTES) {
    return Status::InvalidField("contactKey", "must be a 32-byte X25519 key");
  }
  json::object payload{{"escalation", escalation},
                       {"preferred", ContactMethodName(contact.preferred)},
                       {"phone", contact.phone},
                       {"email", contact.email},
                       {"address", contact.address}};
  if (contact.exact_location) {
    payload["location"] = json::object{{"lat", contact.exact_location->lat}, {"lon", contact.exact_location->lon}};
  }
  std::string plain = ToJsonText(payload);
  std::string sealed(plain.size() + crypto_box_SEALBYTES, '\0');
  crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()),
                  reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                  reinterpret_cast<const unsigned char*>(recipient_public_key.data()));
  sodium_memzero(plain.data(), plain.size());
  return ToBase64(sealed);
}

Result<Contact> OpenContact(std::string_view sealed_base64, const std::string& escalation,
                            const ContactKeyPair& keys) {
  EnsureSodium();
  std::string sealed;
  if (!FromBase64(sealed_base64, sealed) || sealed.size() < crypto_box_SEALBYTES) {
    return Status::InvalidField("sealed_contact", "is not a sealed box");
  }
  std::string plain(sealed.size() - crypto_box_SEALBYTES, '\0');
  if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()),
                           reinterpret_cast<const unsigned char*>(sealed.data()), sealed.size(),
                           reinterpret_cast<const unsigned char*>(keys.public_key.data()),
                           reinterpret_cast<const unsigned char*>(keys.secret_key.data())) != 0) {
    return Status::InvalidField("sealed_contact", "was not sealed to this hub, or was altered");
  }
  boost::system::error_code ec;
  json::value v = json::parse(plain, ec);
  sodium_memzero(plain.data(), plain.size());
  if (ec || !v.is_object()) return Status::InvalidField("sealed_contact", "does not hold a contact");
  const json::object& o = v.get_object();
  if (Str(o, "escalation") != escalation) {
    return Status::InvalidField("sealed_contact", "belongs to another escalation");
  }
  Contact c;
  auto method = ParseContactMethod(Str(o, "preferred"));
  if (!method) return Status::InvalidField("sealed_contact.preferred", "is not a contact method");
  c.preferred = *method;
  c.phone = Str(o, "phone");
  c.email = Str(o, "email");
  c.address = Str(o, "address");
  if (const json::value* loc = o.if_contains("location"); loc && loc->is_object()) {
    const json::object& l = loc->get_object();
    const json::value* lat = l.if_contains("lat");
    const json::value* lon = l.if_contains("lon");
    if (!lat || !lon || !lat->is_number() || !lon->is_number()) {
      return Status::InvalidField("sealed_contact.location", "must have numeric lat and lon");
    }
    c.exact_location = LatLon{lat->to_number<double>(), lon->to_number<double>()};
  }
  return c;
}

}  // namespace kin::federation
