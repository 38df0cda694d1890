// The federation delivery queue's order per target inbox (ListDueDeliveries): a delivery waits while an older one
// to the same inbox is pending, never for one to another inbox, and goes once the older one is delivered or given
// up; the statements that pick them stay on their index however long the queue behind a dead inbox grows.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "store/sqlite_delivery_queue.h"
#include "store/sqlite_store.h"

namespace kin {
namespace {

Timestamp At(int64_t s) { return Timestamp{Seconds{s}}; }

SecretKeyBytes TestKey() {
  SecretKeyBytes key;
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<unsigned char>(i * 5 + 3);
  return key;
}

constexpr char kDown[] = "https://down.example/inbox";
constexpr char kUp[] = "https://up.example/inbox";

class DeliveryQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = ::testing::TempDir() + "kin_delivery_queue_" + info->name() + "_" + std::to_string(::getpid()) + ".db";
    RemoveFiles();
    SqliteOptions options;
    options.path = path_;
    options.box = &box_;
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }
  void TearDown() override {
    store_.reset();
    RemoveFiles();
  }
  void RemoveFiles() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path_ + suffix).c_str());
  }

  // Queues activity `id` for `inbox` at `at`; returns its seq.
  int64_t Queue(const std::string& id, const std::string& inbox, int64_t at) {
    Delivery d;
    d.activity_id = id;
    d.inbox = inbox;
    d.body = "{}";
    d.signer = "hub";
    d.created_at = d.next_attempt_at = At(at);
    int64_t seq = 0;
    Status s = store_->Write([&](WriteTx& tx) -> Status {
      Result<int64_t> r = tx.InsertDelivery(d);
      if (!r.ok()) return r.status();
      seq = *r;
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return seq;
  }
  Delivery Get(const std::string& id) {
    std::vector<Delivery> d;
    EXPECT_TRUE(store_->Read([&](ReadTx& tx) {
                  d = tx.ListDeliveriesOf(id);
                  return Status::Ok();
                }).ok());
    EXPECT_EQ(d.size(), 1u) << id;
    return d.empty() ? Delivery{} : d[0];
  }
  void Put(const Delivery& d) {
    ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.UpdateDelivery(d); }).ok());
  }
  // The activity ids ListDueDeliveries gives at `now`, in its order.
  std::vector<std::string> Due(int64_t now, int limit = 64) {
    std::vector<std::string> ids;
    EXPECT_TRUE(store_->Read([&](ReadTx& tx) {
                  for (const Delivery& d : tx.ListDueDeliveries(At(now), limit)) ids.push_back(d.activity_id);
                  return Status::Ok();
                }).ok());
    return ids;
  }
  // EXPLAIN QUERY PLAN of `sql`, one detail per line.
  std::string Plan(sqlite3* db, const char* sql) {
    sqlite3_stmt* st = nullptr;
    std::string text = std::string("EXPLAIN QUERY PLAN ") + sql;
    EXPECT_EQ(sqlite3_prepare_v2(db, text.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    std::string plan;
    while (sqlite3_step(st) == SQLITE_ROW) {
      plan += std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 3))) + "\n";
    }
    sqlite3_finalize(st);
    return plan;
  }

  SecretBox box_{TestKey()};
  std::string path_;
  std::unique_ptr<Store> store_;
};

TEST_F(DeliveryQueueTest, AYoungerDeliveryWaitsForAnOlderPendingOneToTheSameInboxOnly) {
  Queue("invite", kDown, 100);
  Queue("other", kUp, 105);
  Queue("remove", kDown, 110);
  // Both inboxes' rows go, each inbox's in order: the run of down.example's inbox, then up.example's.
  EXPECT_EQ(Due(200), (std::vector<std::string>{"invite", "remove", "other"}));

  // The Invite failed and waits out its backoff: the Remove queued after it must not overtake it, while the other
  // inbox is served as before.
  Delivery invite = Get("invite");
  invite.attempts = 1;
  invite.last_error = "connection refused";
  invite.next_attempt_at = At(230);
  Put(invite);
  Delivery other = Get("other");
  other.attempts = 1;
  other.delivered_at = At(200);
  Put(other);
  Queue("other-2", kUp, 205);
  EXPECT_EQ(Due(210), (std::vector<std::string>{"other-2"}));
  EXPECT_EQ(Due(229), (std::vector<std::string>{"other-2"}));
  // Its next try is due: the Invite first, the Remove behind it (the other inbox, due sooner, before them).
  EXPECT_EQ(Due(230), (std::vector<std::string>{"other-2", "invite", "remove"}));

  // Delivered: the Remove goes next.
  invite.attempts = 2;
  invite.delivered_at = At(230);
  Put(invite);
  EXPECT_EQ(Due(231, 1), (std::vector<std::string>{"remove"}));

  // Given up counts as finished too: what was queued behind goes.
  Queue("update", kDown, 240);
  Delivery remove = Get("remove");
  remove.attempts = 9;
  remove.next_attempt_at = At(10'000);
  Put(remove);
  EXPECT_EQ(Due(300), (std::vector<std::string>{"other-2"}));
  remove.gave_up_at = At(300);
  Put(remove);
  EXPECT_EQ(Due(300), (std::vector<std::string>{"other-2", "update"}));
}

TEST_F(DeliveryQueueTest, EveryDueInboxGetsItsFirstRowBeforeAnyInboxItsSecond) {
  for (int i = 0; i < 10; ++i) Queue("down-" + std::to_string(i), kDown, 100 + i);
  Queue("up-0", kUp, 150);
  Queue("up-1", kUp, 151);
  // Room for three: both heads, then the soonest due inbox's next row.
  EXPECT_EQ(Due(200, 3), (std::vector<std::string>{"down-0", "down-1", "up-0"}));
  // A run is at most 16 rows, and stops before a row still waiting out a backoff of its own (queued before this
  // order was kept, a younger row may have been tried already).
  EXPECT_EQ(Due(200).size(), 12u);
  Delivery tried = Get("down-3");
  tried.attempts = 1;
  tried.next_attempt_at = At(500);
  Put(tried);
  EXPECT_EQ(Due(200), (std::vector<std::string>{"down-0", "down-1", "down-2", "up-0", "up-1"}));
  // A row not yet due heads nothing: a claimed head (its next attempt pushed ahead while it is being sent) keeps
  // the rest of its inbox waiting.
  Delivery head = Get("down-0");
  head.next_attempt_at = At(320);
  Put(head);
  EXPECT_EQ(Due(200), (std::vector<std::string>{"up-0", "up-1"}));
}

TEST_F(DeliveryQueueTest, GivingUpBehindARowTakesOnlyOlderPendingRowsQueuedAfterItToItsInbox) {
  int64_t head = Queue("head", kDown, 100);
  Queue("old", kDown, 110);
  Queue("young", kDown, 500);
  Queue("elsewhere", kUp, 110);
  Queue("old-delivered", kDown, 120);
  Delivery delivered = Get("old-delivered");
  delivered.delivered_at = At(130);
  Put(delivered);
  Result<int> n = Status::Internal("not run");
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
                n = tx.GiveUpDeliveriesBehind(kDown, head, At(400), At(1000), "not tried: dead");
                return n.status();
              }).ok());
  EXPECT_EQ(*n, 1);
  EXPECT_EQ(Get("old").gave_up_at, At(1000));
  EXPECT_EQ(Get("old").last_error, "not tried: dead");
  EXPECT_EQ(Get("old").attempts, 0);
  EXPECT_FALSE(Get("young").gave_up_at);      // queued later: it gets its own tries
  EXPECT_FALSE(Get("elsewhere").gave_up_at);  // another inbox
  EXPECT_FALSE(Get("head").gave_up_at);       // the caller records its own row
  EXPECT_FALSE(Get("old-delivered").gave_up_at);
}

TEST_F(DeliveryQueueTest, PickingDueDeliveriesStaysOnTheIndexWithALongQueueBehindADeadInbox) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  // 20,000 rows waiting behind a dead inbox's head, 300 other inboxes, and 20,000 delivered rows.
  char* error = nullptr;
  int rc = sqlite3_exec(
      db,
      "BEGIN;"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
      "INSERT INTO federation_deliveries (activity_id, inbox, body, signer, created_at, next_attempt_at, attempts, "
      "last_error) SELECT 'dead-' || i, 'https://dead.example/inbox', '{}', 'hub', i, i, 0, '' FROM n;"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
      "INSERT INTO federation_deliveries (activity_id, inbox, body, signer, created_at, next_attempt_at, attempts, "
      "last_error, delivered_at) SELECT 'live-' || i, 'https://s' || (i % 300) || '.example/inbox', '{}', 'hub', "
      "i, i, 1, '', CASE WHEN i > 300 THEN i END FROM n;"
      "UPDATE federation_deliveries SET attempts = 5, next_attempt_at = 900000 WHERE activity_id = 'dead-1';"
      "COMMIT;",
      nullptr, nullptr, &error);
  ASSERT_EQ(rc, SQLITE_OK) << (error ? error : "");
  for (bool analyzed : {false, true}) {
    for (const char* sql : {sqlite::kDueDeliveryHeadsSql, sqlite::kPendingDeliveriesAfterSql,
                            sqlite::kGiveUpDeliveriesBehindSql}) {
      std::string plan = Plan(db, sql);
      EXPECT_NE(plan.find("USING INDEX federation_deliveries_pending_by_inbox"), std::string::npos) << plan;
      // No full scan of the table, and no step over the rows queued behind a head.
      for (const char* scan : {"SCAN federation_deliveries", "SCAN p\n", "SCAN h\n"}) {
        EXPECT_EQ(plan.find(scan), std::string::npos) << (analyzed ? "analyzed\n" : "") << plan;
      }
    }
    if (!analyzed) {
      ASSERT_EQ(sqlite3_exec(db, "ANALYZE", nullptr, nullptr, nullptr), SQLITE_OK);
    }
  }
  sqlite3_close(db);
  // The dead inbox waits (its head is not due) and nothing behind it is listed; the 300 live inboxes' heads are,
  // soonest due first.
  std::vector<std::string> due = Due(100'000, 400);
  ASSERT_EQ(due.size(), 300u);
  EXPECT_EQ(due.front(), "live-1");
  for (const std::string& id : due) EXPECT_EQ(id.rfind("dead-", 0), std::string::npos) << id;
}

}  // namespace
}  // namespace kin
