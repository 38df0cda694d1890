// A hub's mail-server password is sealed at rest (never in the file in clear), bound to its hub, counted and
// re-sealed by key rotation like every other sealed value, and reads back under the new key alone.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "crypto/key_ring.h"
#include "crypto/secret_box.h"
#include "store/sqlite_store.h"

namespace kin {
namespace {

class SmtpPasswordStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string templ = ::testing::TempDir() + "/kin-smtp-XXXXXX";
    dir_ = ::mkdtemp(templ.data());
    Open();
    ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                  Hub hub;
                  hub.id.value = "h1";
                  hub.slug = "h1";
                  hub.settings.name = "Hub";
                  hub.created_at = Timestamp{std::chrono::seconds{1}};
                  Status s = tx.InsertHub(hub);
                  SmtpSettings smtp{"smtp.example.org", 587, "kin@example.org", "kin", "correct horse battery"};
                  if (s.ok()) s = tx.PutSmtpSettings(HubId{"h1"}, smtp);
                  return s;
                }).ok());
  }
  void TearDown() override {
    store_.reset();
    box_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  void Open() {
    store_.reset();
    Result<std::unique_ptr<SecretBox>> box = SecretBox::FollowKeyFile(dir_ + "/kin.db.key");
    ASSERT_TRUE(box.ok());
    box_ = std::move(*box);
    SqliteOptions options;
    options.path = dir_ + "/kin.db";
    options.box = box_.get();
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
  }

  std::optional<SmtpSettings> Read() {
    std::optional<SmtpSettings> out;
    EXPECT_TRUE(store_->Read([&](ReadTx& tx) {
                  out = tx.GetSmtpSettings(HubId{"h1"});
                  return Status::Ok();
                }).ok());
    return out;
  }

  std::string dir_;
  std::unique_ptr<SecretBox> box_;
  std::unique_ptr<Store> store_;
};

TEST_F(SmtpPasswordStoreTest, SealedAtRestAndReadBack) {
  std::optional<SmtpSettings> smtp = Read();
  ASSERT_TRUE(smtp);
  EXPECT_EQ(smtp->username, "kin");
  EXPECT_EQ(smtp->password, "correct horse battery");
  ASSERT_TRUE(store_->Checkpoint().ok());
  std::ifstream file(dir_ + "/kin.db", std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_NE(bytes.find("smtp.example.org"), std::string::npos);
  EXPECT_EQ(bytes.find("correct horse battery"), std::string::npos);

  // Removing the sign-in removes the sealed value.
  SmtpSettings plain{"smtp.example.org", 587, "kin@example.org", "", ""};
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.PutSmtpSettings(HubId{"h1"}, plain); }).ok());
  EXPECT_EQ(*Read(), plain);
}

TEST_F(SmtpPasswordStoreTest, KeyRotationReSealsIt) {
  const uint32_t old_id = box_->key_id();
  int64_t before = 0;
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) {
                before = tx.CountSealedValuesByKey()[old_id];
                return Status::Ok();
              }).ok());
  EXPECT_EQ(before, 1);  // the password: no member or need holds sealed data here
  Result<KeyRing> ring = ReadKeyRing(dir_ + "/kin.db.key");
  ASSERT_TRUE(ring.ok());
  ring->keys.insert(ring->keys.begin(), NewKeyFor(*ring));
  ASSERT_TRUE(WriteKeyRing(dir_ + "/kin.db.key", *ring).ok());
  const uint32_t new_id = KeyIdOf(ring->keys[0]);
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                Result<ResealProgress> p = tx.ResealValues({}, 100);
                if (!p.ok()) return p.status();
                EXPECT_EQ(p->resealed, 1);
                EXPECT_TRUE(p->done);
                EXPECT_EQ(tx.CountSealedValuesByKey()[new_id], 1);
                EXPECT_EQ(tx.CountSealedValuesByKey().count(old_id), 0u);
                return Status::Ok();
              }).ok());
  KeyRing only_new;
  only_new.keys.push_back(ring->keys[0]);
  ASSERT_TRUE(WriteKeyRing(dir_ + "/kin.db.key", only_new).ok());
  Open();
  EXPECT_EQ(Read()->password, "correct horse battery");
}

}  // namespace
}  // namespace kin
