// Password hashing with Argon2id (libsodium crypto_pwhash), parameters stored inside the hash string.
#ifndef KIN_CRYPTO_PASSWORD_H_
#define KIN_CRYPTO_PASSWORD_H_

#include <string>

#include "core/status.h"

namespace kin {

struct PasswordCost {
  unsigned long long ops = 2;               // crypto_pwhash_OPSLIMIT_INTERACTIVE
  size_t mem_bytes = 64ull * 1024 * 1024;   // crypto_pwhash_MEMLIMIT_INTERACTIVE
};

Result<std::string> HashPassword(const std::string& password, const PasswordCost& cost = {});

// False for a wrong password and for an empty or malformed hash.
bool VerifyPassword(const std::string& password, const std::string& hash);

}  // namespace kin

#endif  // KIN_CRYPTO_PASSWORD_H_
