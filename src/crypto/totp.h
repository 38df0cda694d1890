// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) for two-step sign-in, through
// Debian's liboath. Time comes in as an argument, so tests can use the RFC's vectors and a fixed clock.
#ifndef KIN_CRYPTO_TOTP_H_
#define KIN_CRYPTO_TOTP_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace kin {

constexpr int kTotpStepSeconds = 30;
constexpr int kTotpDigits = 6;

// 20 random bytes (160 bits, RFC 4226's recommended length) from libsodium.
std::string NewTotpSecret();

// RFC 4648 base32 without padding, as authenticator apps expect in otpauth:// URIs.
std::string Base32(std::string_view bytes);

// otpauth://totp/<issuer>:<account>?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30, with issuer and
// account percent-encoded.
std::string OtpauthUri(std::string_view issuer, std::string_view account, std::string_view secret);

// The code for the step holding `unix_seconds`.
std::string TotpCode(std::string_view secret, int64_t unix_seconds);

// The step number (unix_seconds / 30) whose code `code` is, looking at the current step and one either side
// (clocks drift); nullopt when it matches none or is not exactly six digits. Callers refuse a step at or before
// the last one accepted, so a code cannot be used twice.
std::optional<int64_t> MatchTotp(std::string_view secret, std::string_view code, int64_t unix_seconds);

}  // namespace kin

#endif  // KIN_CRYPTO_TOTP_H_
