// Random secrets and ids, and the one-way hash under which secrets are stored.
#ifndef KIN_CRYPTO_TOKENS_H_
#define KIN_CRYPTO_TOKENS_H_

#include <string>
#include <string_view>

namespace kin {

// 32 random bytes as 43 URL-safe base64 characters: session tokens, status tokens, invite tokens.
std::string RandomToken();

// An opaque public id: `prefix` then 20 random characters of an unambiguous alphabet, e.g. "need_k3...".
std::string RandomId(std::string_view prefix);

// SHA-256 of the token, hex. Tokens are 256-bit random, so a fast hash is enough to make a stolen table useless.
std::string HashToken(std::string_view token);

// Constant-time comparison of two equal-length strings.
bool SecretsEqual(std::string_view a, std::string_view b);

}  // namespace kin

#endif  // KIN_CRYPTO_TOKENS_H_
