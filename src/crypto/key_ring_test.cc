#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include "crypto/key_ring.h"
#include "crypto/secret_box.h"

namespace kin {
namespace {

class KeyRingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "/kin_ring_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name();
    ::unlink(path_.c_str());
  }
  void TearDown() override { ::unlink(path_.c_str()); }

  KeyRing RingOf(int n) {
    KeyRing ring;
    for (int i = 0; i < n; ++i) ring.keys.insert(ring.keys.begin(), NewKeyFor(ring));
    return ring;
  }

  std::string path_;
};

TEST_F(KeyRingTest, WritesPrivatelyAndReadsBackInOrder) {
  KeyRing ring = RingOf(3);
  ASSERT_TRUE(WriteKeyRing(path_, ring).ok());
  struct stat st;
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  Result<KeyRing> back = ReadKeyRing(path_);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->keys, ring.keys);
}

TEST_F(KeyRingTest, RefusesAFileOthersCanRead) {
  ASSERT_TRUE(WriteKeyRing(path_, RingOf(1)).ok());
  ::chmod(path_.c_str(), 0640);
  Result<KeyRing> r = ReadKeyRing(path_);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("chmod 600"), std::string::npos);
}

TEST_F(KeyRingTest, ReadsAnOldSingleKeyFileAsARingOfOne) {
  SecretKeyBytes key;
  key.fill(9);
  {
    std::ofstream out(path_, std::ios::binary);
    out.write(reinterpret_cast<const char*>(key.data()), key.size());
  }
  ::chmod(path_.c_str(), 0600);
  Result<KeyRing> r = ReadKeyRing(path_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->keys.size(), 1u);
  EXPECT_EQ(r->keys[0], key);
}

TEST_F(KeyRingTest, RefusesDamagedFiles) {
  for (std::string bytes : {std::string(31, 'x'), std::string("kinring1"), std::string("kinring1") + std::string(33, 'k'),
                            std::string(64, 'x')}) {
    {
      std::ofstream out(path_, std::ios::binary | std::ios::trunc);
      out << bytes;
    }
    ::chmod(path_.c_str(), 0600);
    EXPECT_FALSE(ReadKeyRing(path_).ok()) << bytes.size() << " bytes";
  }
}

TEST_F(KeyRingTest, MissingFileIsNotFoundAndLoadOrCreateMakesOne) {
  EXPECT_EQ(ReadKeyRing(path_).status().kind(), StatusKind::kNotFound);
  Result<KeyRing> made = LoadOrCreateKeyRing(path_);
  ASSERT_TRUE(made.ok());
  EXPECT_EQ(made->keys.size(), 1u);
  EXPECT_EQ(ReadKeyRing(path_)->keys, made->keys);
}

TEST_F(KeyRingTest, NewKeysHaveDistinctIds) {
  KeyRing ring = RingOf(KeyRing::kMaxKeys);
  for (size_t i = 0; i < ring.keys.size(); ++i) {
    for (size_t j = i + 1; j < ring.keys.size(); ++j) EXPECT_NE(KeyIdOf(ring.keys[i]), KeyIdOf(ring.keys[j]));
  }
  KeyRing too_many = ring;
  too_many.keys.push_back(NewKeyFor(ring));
  EXPECT_FALSE(WriteKeyRing(path_, too_many).ok());
  EXPECT_FALSE(WriteKeyRing(path_, KeyRing{}).ok());
}

TEST_F(KeyRingTest, NewestKeySealsAndEveryKeyOpens) {
  KeyRing old_ring = RingOf(1);
  SecretBox old_box(old_ring);
  std::string by_old = old_box.Seal("phone", "need:1");
  KeyRing ring = old_ring;
  ring.keys.insert(ring.keys.begin(), NewKeyFor(ring));
  SecretBox box(ring);
  EXPECT_EQ(box.key_id(), KeyIdOf(ring.keys[0]));
  std::string by_new = box.Seal("phone", "need:1");
  uint32_t id = 0;
  ASSERT_TRUE(SecretBox::SealedKeyId(by_new, &id));
  EXPECT_EQ(id, KeyIdOf(ring.keys[0]));
  EXPECT_EQ(*box.Open(by_old, "need:1"), "phone");
  EXPECT_EQ(*box.Open(by_new, "need:1"), "phone");
  EXPECT_FALSE(old_box.Open(by_new, "need:1").ok());
}

TEST_F(KeyRingTest, AFollowedFileIsPickedUpWithoutRestart) {
  Result<std::unique_ptr<SecretBox>> server = SecretBox::FollowKeyFile(path_);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  Result<KeyRing> ring = ReadKeyRing(path_);
  ASSERT_TRUE(ring.ok());
  uint32_t old_id = (*server)->key_id();

  // Another process (kin admin rotate-key) adds a key and seals with it.
  ring->keys.insert(ring->keys.begin(), NewKeyFor(*ring));
  ASSERT_TRUE(WriteKeyRing(path_, *ring).ok());
  SecretBox rotator(*ring);
  std::string sealed = rotator.Seal("address", "members:m1");

  // The follower opens the new value (unknown id: re-reads the file) and now seals with the new key.
  Result<std::string> opened = (*server)->Open(sealed, "members:m1");
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(*opened, "address");
  EXPECT_NE((*server)->key_id(), old_id);
  uint32_t id = 0;
  ASSERT_TRUE(SecretBox::SealedKeyId((*server)->Seal("x", "a"), &id));
  EXPECT_EQ(id, KeyIdOf(ring->keys[0]));
}

TEST_F(KeyRingTest, AFollowerSealsWithANewKeyAsSoonAsTheFileChanges) {
  Result<std::unique_ptr<SecretBox>> server = SecretBox::FollowKeyFile(path_);
  ASSERT_TRUE(server.ok());
  Result<KeyRing> ring = ReadKeyRing(path_);
  ring->keys.insert(ring->keys.begin(), NewKeyFor(*ring));
  ASSERT_TRUE(WriteKeyRing(path_, *ring).ok());
  uint32_t id = 0;
  ASSERT_TRUE(SecretBox::SealedKeyId((*server)->Seal("x", "a"), &id));
  EXPECT_EQ(id, KeyIdOf(ring->keys[0]));
}

TEST_F(KeyRingTest, AFollowerKeepsItsRingWhenTheFileTurnsBad) {
  Result<std::unique_ptr<SecretBox>> server = SecretBox::FollowKeyFile(path_);
  ASSERT_TRUE(server.ok());
  std::string sealed = (*server)->Seal("x", "a");
  ::chmod(path_.c_str(), 0644);
  EXPECT_EQ(*(*server)->Open(sealed, "a"), "x");
  std::string again = (*server)->Seal("y", "a");
  EXPECT_EQ(*(*server)->Open(again, "a"), "y");
}

}  // namespace
}  // namespace kin
