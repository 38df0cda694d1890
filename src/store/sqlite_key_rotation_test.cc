// Key rotation (safety): re-sealing every sealed column under a new key, in batches, and counting what remains.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>

#include "crypto/key_ring.h"
#include "crypto/secret_box.h"
#include "store/sqlite_store.h"

namespace kin {
namespace {

Timestamp At(int64_t s) { return Timestamp{std::chrono::seconds{s}}; }

class KeyRotationStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string templ = ::testing::TempDir() + "/kin-rotate-XXXXXX";
    dir_ = ::mkdtemp(templ.data());
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
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // `n` members and `n` needs, each with contact details, plus members without any.
  void Seed(int n) {
    ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                  Hub hub;
                  hub.id.value = "h1";
                  hub.slug = "h1";
                  hub.settings.name = "Hub";
                  hub.created_at = At(1);
                  Status s = tx.InsertHub(hub);
                  for (int i = 0; s.ok() && i < n; ++i) {
                    Member m;
                    m.id.value = "m" + std::to_string(i);
                    m.handle = "person" + std::to_string(i);
                    m.display_name = "P";
                    m.password_hash = "x";
                    m.contact.phone = "+1 555 " + std::to_string(1000 + i);
                    m.created_at = At(2);
                    s = tx.InsertMember(m);
                    Member bare = m;
                    bare.id.value = "b" + std::to_string(i);
                    bare.handle = "bare" + std::to_string(i);
                    bare.contact = {};
                    if (s.ok()) s = tx.InsertMember(bare);
                    Need need;
                    need.id.value = "n" + std::to_string(i);
                    need.hub.value = "h1";
                    need.details.category = "food";
                    need.details.description = "d";
                    need.details.quantity = 1;
                    need.details.contact.address = std::to_string(i) + " Quiet Lane";
                    need.created_at = need.updated_at = At(3);
                    if (s.ok()) s = tx.InsertNeed(need);
                  }
                  return s;
                }).ok());
  }

  std::map<uint32_t, int64_t> Counts() {
    std::map<uint32_t, int64_t> counts;
    EXPECT_TRUE(store_->Read([&](ReadTx& tx) {
                  counts = tx.CountSealedValuesByKey();
                  return Status::Ok();
                }).ok());
    return counts;
  }

  uint32_t AddKey() {
    Result<KeyRing> ring = ReadKeyRing(dir_ + "/kin.db.key");
    EXPECT_TRUE(ring.ok());
    ring->keys.insert(ring->keys.begin(), NewKeyFor(*ring));
    EXPECT_TRUE(WriteKeyRing(dir_ + "/kin.db.key", *ring).ok());
    return KeyIdOf(ring->keys[0]);
  }

  std::string dir_;
  std::unique_ptr<SecretBox> box_;
  std::unique_ptr<Store> store_;
};

TEST_F(KeyRotationStoreTest, CountsEverySealedValueByKey) {
  Seed(5);
  std::map<uint32_t, int64_t> counts = Counts();
  ASSERT_EQ(counts.size(), 1u);
  EXPECT_EQ(counts.begin()->first, box_->key_id());
  EXPECT_EQ(counts.begin()->second, 10);  // 5 member contacts + 5 needs; members without contact hold none
}

TEST_F(KeyRotationStoreTest, ReSealsInBatchesUnderTheNewKeyAndEveryValueStillOpens) {
  Seed(7);
  uint32_t old_id = box_->key_id();
  uint32_t new_id = AddKey();
  int total = 0, batches = 0;
  ResealCursor cursor;
  for (;;) {
    ResealProgress progress;
    ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                  Result<ResealProgress> p = tx.ResealValues(cursor, 3);
                  if (!p.ok()) return p.status();
                  progress = *p;
                  return Status::Ok();
                }).ok());
    EXPECT_LE(progress.resealed, 3);
    total += progress.resealed;
    ++batches;
    cursor = progress.next;
    if (progress.done) break;
  }
  EXPECT_EQ(total, 14);
  EXPECT_GE(batches, 5);
  std::map<uint32_t, int64_t> counts = Counts();
  EXPECT_EQ(counts.count(old_id), 0u);
  EXPECT_EQ(counts[new_id], 14);

  // A second pass finds nothing left to do.
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                Result<ResealProgress> p = tx.ResealValues({}, 100);
                EXPECT_TRUE(p.ok());
                EXPECT_EQ(p->resealed, 0);
                EXPECT_TRUE(p->done);
                return Status::Ok();
              }).ok());

  // Everything reads back, even with only the new key.
  KeyRing only_new;
  only_new.keys.push_back(ReadKeyRing(dir_ + "/kin.db.key")->keys[0]);
  ASSERT_TRUE(WriteKeyRing(dir_ + "/kin.db.key", only_new).ok());
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                for (int i = 0; i < 7; ++i) {
                  Result<Member> m = tx.GetMember(MemberId{"m" + std::to_string(i)});
                  EXPECT_TRUE(m.ok()) << m.status().ToString();
                  if (m.ok()) {
                    EXPECT_EQ(m->contact.phone, "+1 555 " + std::to_string(1000 + i));
                  }
                  Result<Need> n = tx.GetNeed(NeedId{"n" + std::to_string(i)});
                  EXPECT_TRUE(n.ok()) << n.status().ToString();
                  if (n.ok()) {
                    EXPECT_EQ(n->details.contact.address, std::to_string(i) + " Quiet Lane");
                  }
                }
                return Status::Ok();
              }).ok());
}

TEST_F(KeyRotationStoreTest, AValueNoKeyOpensStopsTheBatchAndChangesNothing) {
  Seed(2);
  // Lose the original key: the ring now holds only a new one, so the old values cannot be opened.
  KeyRing lost;
  lost.keys.push_back(NewKeyFor(*ReadKeyRing(dir_ + "/kin.db.key")));
  ASSERT_TRUE(WriteKeyRing(dir_ + "/kin.db.key", lost).ok());
  std::map<uint32_t, int64_t> before = Counts();
  Status s = store_->Write([&](WriteTx& tx) -> Status {
    Result<ResealProgress> p = tx.ResealValues({}, 100);
    return p.ok() ? Status::Ok() : p.status();
  });
  EXPECT_EQ(s.kind(), StatusKind::kInternal);
  EXPECT_NE(s.message().find("cannot re-seal"), std::string::npos) << s.message();
  EXPECT_EQ(Counts(), before);
}

// Federation (issue 10): hubs' and the instance's private keys are sealed values like any other.
TEST_F(KeyRotationStoreTest, ReSealsFederationPrivateKeys) {
  Seed(1);
  FederationKey key{"h1", "-----BEGIN PUBLIC KEY-----\n", "-----BEGIN PRIVATE KEY-----\nsecret\n", At(4)};
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertFederationKey(key); }).ok());
  EXPECT_EQ(Counts().begin()->second, 3);  // contact, need, federation key
  uint32_t new_id = AddKey();
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                Result<ResealProgress> p = tx.ResealValues({}, 100);
                EXPECT_TRUE(p.ok() && p->done);
                return p.status();
              }).ok());
  EXPECT_EQ(Counts(), (std::map<uint32_t, int64_t>{{new_id, 3}}));
  KeyRing only_new;
  only_new.keys.push_back(ReadKeyRing(dir_ + "/kin.db.key")->keys[0]);
  ASSERT_TRUE(WriteKeyRing(dir_ + "/kin.db.key", only_new).ok());
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                std::optional<FederationKey> back = tx.GetFederationKey("h1");
                EXPECT_TRUE(back.has_value());
                if (back) {
                  EXPECT_EQ(back->private_pem, key.private_pem);
                }
                return Status::Ok();
              }).ok());
}

TEST_F(KeyRotationStoreTest, ReSealsEscalationContactKeys) {
  Seed(1);
  ContactKeyRecord key{HubId{"h1"}, std::string(32, 'p'), std::string(32, 's'), At(4)};
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertContactKey(key); }).ok());
  EXPECT_EQ(Counts().begin()->second, 3);  // contact, need, contact key
  uint32_t new_id = AddKey();
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                Result<ResealProgress> p = tx.ResealValues({}, 100);
                EXPECT_TRUE(p.ok() && p->done);
                return p.status();
              }).ok());
  EXPECT_EQ(Counts(), (std::map<uint32_t, int64_t>{{new_id, 3}}));
  KeyRing only_new;
  only_new.keys.push_back(ReadKeyRing(dir_ + "/kin.db.key")->keys[0]);
  ASSERT_TRUE(WriteKeyRing(dir_ + "/kin.db.key", only_new).ok());
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) -> Status {
                std::optional<ContactKeyRecord> back = tx.GetContactKey(HubId{"h1"});
                EXPECT_TRUE(back.has_value());
                if (back) {
                  EXPECT_EQ(back->secret_key, key.secret_key);
                  EXPECT_EQ(back->public_key, key.public_key);
                }
                return Status::Ok();
              }).ok());
}

}  // namespace
}  // namespace kin
