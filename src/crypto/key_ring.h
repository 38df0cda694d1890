// The key file: a ring of 32-byte keys for sealing contact details. The first key seals; every key opens.
//
// Rotation adds a new key in front, re-seals every stored value under it, and later drops the old keys once no
// value uses them (`kin admin rotate-key`, docs/security.md). A file of exactly 32 bytes, as written by kin
// before rings existed, is read as a ring of one key.
//
// File format: "kinring1" (8 bytes) then 1 to kMaxKeys keys of 32 bytes, newest first. The file is written
// atomically (a private temporary file, fsync, rename, fsync of the directory) with mode 0600, and refused when
// its group or others may read it.
#ifndef KIN_CRYPTO_KEY_RING_H_
#define KIN_CRYPTO_KEY_RING_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace kin {

using SecretKeyBytes = std::array<unsigned char, 32>;

// First four bytes of a BLAKE2b hash of the key: tells which key sealed a value, without revealing the key.
uint32_t KeyIdOf(const SecretKeyBytes& key);

// Eight hex digits, as shown to operators.
std::string KeyIdHex(uint32_t id);

struct KeyRing {
  static constexpr size_t kMaxKeys = 16;
  std::vector<SecretKeyBytes> keys;  // keys[0] seals; never empty in a valid ring
};

// A new random key whose id differs from every key already in `ring`, so a sealed value names one key.
SecretKeyBytes NewKeyFor(const KeyRing& ring);

// Reads the ring at `path`. kNotFound when the file does not exist; kInternal with what to do when it is readable
// by others, damaged, or holds no key.
Result<KeyRing> ReadKeyRing(const std::string& path);

// Replaces the file at `path` with `ring`, atomically: a reader sees the old ring or the new one, never a mix.
Status WriteKeyRing(const std::string& path, const KeyRing& ring);

// ReadKeyRing, or a new ring of one random key written to `path` if the file does not exist.
Result<KeyRing> LoadOrCreateKeyRing(const std::string& path);

}  // namespace kin

#endif  // KIN_CRYPTO_KEY_RING_H_
