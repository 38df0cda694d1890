#include "crypto/tokens.h"

#include <sodium.h>

#include "crypto/sodium_init.h"

namespace kin {

std::string RandomToken() {
  EnsureSodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string RandomId(std::string_view prefix) {
  EnsureSodium();
  static constexpr char kAlphabet[] = "23456789abcdefghjkmnpqrstuvwxyz";  // 31 symbols, no 0/1/i/l/o
  std::string id(prefix);
  id += '_';
  for (int i = 0; i < 20; ++i) id += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
  return id;
}

std::string HashToken(std::string_view token) {
  EnsureSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool SecretsEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace kin
