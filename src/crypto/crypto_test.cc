#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "crypto/password.h"
#include "crypto/secret_box.h"
#include "crypto/tokens.h"

namespace kin {
namespace {

SecretKeyBytes TestKey(unsigned char fill) {
  SecretKeyBytes k;
  k.fill(fill);
  return k;
}

TEST(SecretBox, RoundTripsAndHidesPlaintext) {
  SecretBox box(TestKey(7));
  std::string sealed = box.Seal("+34 600 000 000", "need:1");
  EXPECT_EQ(sealed.find("600"), std::string::npos);
  Result<std::string> opened = box.Open(sealed, "need:1");
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "+34 600 000 000");
}

TEST(SecretBox, RefusesValueMovedToAnotherRecordOrTampered) {
  SecretBox box(TestKey(7));
  std::string sealed = box.Seal("secret", "need:1");
  EXPECT_FALSE(box.Open(sealed, "need:2").ok());
  sealed.back() ^= 1;
  EXPECT_FALSE(box.Open(sealed, "need:1").ok());
}

TEST(SecretBox, RefusesAnotherKey) {
  SecretBox a(TestKey(1)), b(TestKey(2));
  EXPECT_FALSE(b.Open(a.Seal("x", ""), "").ok());
}

TEST(SecretBox, KeyFileIsCreatedPrivateAndReloaded) {
  std::string path = ::testing::TempDir() + "/kin_key_test_" + std::to_string(::getpid());
  ::unlink(path.c_str());
  Result<SecretKeyBytes> first = LoadOrCreateKeyFile(path);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  Result<SecretKeyBytes> again = LoadOrCreateKeyFile(path);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*first, *again);
  ::chmod(path.c_str(), 0644);
  EXPECT_FALSE(LoadOrCreateKeyFile(path).ok());
  ::unlink(path.c_str());
}

TEST(Password, VerifiesOnlyTheRightPassword) {
  PasswordCost cheap{1, 8 * 1024};
  Result<std::string> hash = HashPassword("correct horse battery", cheap);
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword("correct horse battery", *hash));
  EXPECT_FALSE(VerifyPassword("wrong horse battery", *hash));
  EXPECT_FALSE(VerifyPassword("anything", ""));
}

TEST(Tokens, AreRandomAndHashStable) {
  std::string a = RandomToken(), b = RandomToken();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, b);
  EXPECT_EQ(HashToken(a), HashToken(a));
  EXPECT_NE(HashToken(a), HashToken(b));
  EXPECT_EQ(RandomId("need").rfind("need_", 0), 0u);
  EXPECT_TRUE(SecretsEqual("abc", "abc"));
  EXPECT_FALSE(SecretsEqual("abc", "abd"));
}

}  // namespace
}  // namespace kin
