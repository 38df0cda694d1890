// Authenticated encryption of small records (contact details) under a key ring (crypto/key_ring.h), with
// libsodium's XChaCha20-Poly1305 (IETF). Each sealed value carries its own random nonce and the id of the key that
// sealed it, so keys can rotate while the server runs.
//
// `associated` binds a ciphertext to its place (e.g. "need:<id>"): a value copied to another row fails to open.
//
// Thread-safety: Seal and Open may be called from many threads at once.
#ifndef KIN_CRYPTO_SECRET_BOX_H_
#define KIN_CRYPTO_SECRET_BOX_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/status.h"
#include "crypto/key_ring.h"

namespace kin {

class SecretBox {
 public:
  // A fixed ring of one key (tests, tools).
  explicit SecretBox(const SecretKeyBytes& key);
  // A fixed ring.
  explicit SecretBox(const KeyRing& ring);
  // The ring in the key file at `path` (created if missing), followed as it changes: before sealing, the file is
  // checked for a new ring (one stat), and a value sealed under a key id the ring does not hold makes it re-read
  // the file before giving up. So `kin admin rotate-key` run beside `kin serve` needs no restart and fails no
  // request. A file that turns unreadable keeps the last good ring in use.
  static Result<std::unique_ptr<SecretBox>> FollowKeyFile(const std::string& path);

  ~SecretBox();
  SecretBox(const SecretBox&) = delete;
  SecretBox& operator=(const SecretBox&) = delete;

  // Layout: 1 byte format version | 4 bytes key id | 24 bytes nonce | ciphertext with 16-byte tag.
  std::string Seal(std::string_view plaintext, std::string_view associated) const;
  Result<std::string> Open(std::string_view sealed, std::string_view associated) const;

  // The id of the key Seal uses now.
  uint32_t key_id() const;

  // Sets *id to the key id a sealed value names; false when the value is too short to carry one.
  static bool SealedKeyId(std::string_view sealed, uint32_t* id);

 private:
  struct Ring;
  struct FileStamp {
    uint64_t device = 0, inode = 0, size = 0;
    int64_t mtime_ns = 0;
    bool operator==(const FileStamp&) const = default;
  };

  SecretBox() = default;
  std::shared_ptr<const Ring> Current() const;
  // Re-reads the followed file when its stamp changed (or always, with `force`).
  void Refresh(bool force) const;

  std::string path_;  // empty: the ring is fixed
  mutable std::mutex mu_;
  mutable std::shared_ptr<const Ring> ring_;  // guarded by mu_
  mutable FileStamp stamp_;                   // guarded by mu_
};

// Reads the ring at `path`, or creates one with mode 0600 if the file does not exist, and returns its sealing key.
// Kept for callers that need one key; see LoadOrCreateKeyRing.
Result<SecretKeyBytes> LoadOrCreateKeyFile(const std::string& path);

}  // namespace kin

#endif  // KIN_CRYPTO_SECRET_BOX_H_
