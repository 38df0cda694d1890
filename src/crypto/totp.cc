#include "crypto/totp.h"

#include <liboath/oath.h>
#include <sodium.h>

#include <cstdio>
#include <cstdlib>

#include "crypto/sodium_init.h"

namespace kin {
namespace {

void EnsureOath() {
  static const bool ready = [] {
    if (oath_init() != OATH_OK) {
      std::fputs("kin: liboath failed to initialise\n", stderr);
      std::abort();
    }
    return true;
  }();
  (void)ready;
}

std::string PercentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string NewTotpSecret() {
  EnsureSodium();
  std::string secret(20, '\0');
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

std::string Base32(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

std::string OtpauthUri(std::string_view issuer, std::string_view account, std::string_view secret) {
  return "otpauth://totp/" + PercentEncode(issuer) + ":" + PercentEncode(account) + "?secret=" + Base32(secret) +
         "&issuer=" + PercentEncode(issuer) + "&algorithm=SHA1&digits=6&period=30";
}

std::string TotpCode(std::string_view secret, int64_t unix_seconds) {
  EnsureOath();
  char out[kTotpDigits + 1] = {};
  if (oath_totp_generate(secret.data(), secret.size(), static_cast<time_t>(unix_seconds), kTotpStepSeconds, 0,
                         kTotpDigits, out) != OATH_OK) {
    return {};
  }
  return out;
}

std::optional<int64_t> MatchTotp(std::string_view secret, std::string_view code, int64_t unix_seconds) {
  EnsureOath();
  if (code.size() != kTotpDigits) return std::nullopt;
  for (char c : code) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  std::string otp(code);
  int position = 0;
  uint64_t counter = 0;
  int rc = oath_totp_validate3(secret.data(), secret.size(), static_cast<time_t>(unix_seconds), kTotpStepSeconds, 0,
                               /*window=*/1, &position, &counter, otp.c_str());
  if (rc < 0) return std::nullopt;
  return static_cast<int64_t>(counter);
}

}  // namespace kin
