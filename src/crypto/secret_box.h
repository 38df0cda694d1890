// Authenticated encryption of small records (contact details) under a 32-byte key, with libsodium's
// XChaCha20-Poly1305 (IETF). Each sealed value carries its own random nonce and a key id, so keys can rotate.
//
// `associated` binds a ciphertext to its place (e.g. "need:<id>"): a value copied to another row fails to open.
#ifndef KIN_CRYPTO_SECRET_BOX_H_
#define KIN_CRYPTO_SECRET_BOX_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace kin {

using SecretKeyBytes = std::array<unsigned char, 32>;

class SecretBox {
 public:
  explicit SecretBox(const SecretKeyBytes& key);
  ~SecretBox();
  SecretBox(const SecretBox&) = delete;
  SecretBox& operator=(const SecretBox&) = delete;

  // Layout: 1 byte format version | 4 bytes key id | 24 bytes nonce | ciphertext with 16-byte tag.
  std::string Seal(std::string_view plaintext, std::string_view associated) const;
  Result<std::string> Open(std::string_view sealed, std::string_view associated) const;

  uint32_t key_id() const { return key_id_; }

 private:
  SecretKeyBytes key_;
  uint32_t key_id_;  // first four bytes of a hash of the key: tells which key sealed a value
};

// Reads the 32-byte key at `path`, or creates one with mode 0600 if the file does not exist. Refuses a key file
// that others can read, or one of the wrong size, with a message saying how to fix it.
Result<SecretKeyBytes> LoadOrCreateKeyFile(const std::string& path);

}  // namespace kin

#endif  // KIN_CRYPTO_SECRET_BOX_H_
