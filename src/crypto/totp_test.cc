#include "crypto/totp.h"

#include <gtest/gtest.h>

namespace kin {
namespace {

// RFC 6238 appendix B, SHA-1 rows; the six-digit codes are the last six of the RFC's eight.
constexpr char kRfcSecret[] = "12345678901234567890";

TEST(Totp, MatchesTheRfc6238TestVectors) {
  struct Row {
    int64_t t;
    const char* code;
  } rows[] = {{59, "287082"},         {1111111109, "081804"}, {1111111111, "050471"},
              {1234567890, "005924"}, {2000000000, "279037"}, {20000000000, "353130"}};
  for (const Row& r : rows) {
    EXPECT_EQ(TotpCode(kRfcSecret, r.t), r.code) << r.t;
    std::optional<int64_t> step = MatchTotp(kRfcSecret, r.code, r.t);
    ASSERT_TRUE(step.has_value()) << r.t;
    EXPECT_EQ(*step, r.t / 30);
  }
}

TEST(Totp, AcceptsOneStepEitherSideAndNoMore) {
  const int64_t now = 1111111111;
  EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, now - 30), now), now / 30 - 1);
  EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, now + 30), now), now / 30 + 1);
  EXPECT_FALSE(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, now - 60), now).has_value());
  EXPECT_FALSE(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, now + 60), now).has_value());
}

TEST(Totp, RefusesMalformedCodes) {
  const int64_t now = 1111111111;
  std::string good = TotpCode(kRfcSecret, now);
  for (std::string bad : {std::string(""), good.substr(0, 5), good + "0", std::string("12345a"),
                          std::string(" ") + good.substr(1), std::string("-12345")}) {
    EXPECT_FALSE(MatchTotp(kRfcSecret, bad, now).has_value()) << bad;
  }
}

TEST(Totp, SecretsAreRandomAndEncodeForApps) {
  std::string a = NewTotpSecret(), b = NewTotpSecret();
  EXPECT_EQ(a.size(), 20u);
  EXPECT_NE(a, b);
  EXPECT_EQ(Base32("12345678901234567890"), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(Base32("f"), "MY");  // RFC 4648 vector, padding dropped
  EXPECT_EQ(OtpauthUri("Riverside Aid", "ana", "12345678901234567890"),
            "otpauth://totp/Riverside%20Aid:ana?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Riverside%20Aid"
            "&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace kin
