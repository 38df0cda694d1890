#include "store/sqlite_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "store/migrations.h"
#include "store/sqlite_db.h"
#include "store/sqlite_tx.h"

namespace kin {
namespace {

using sqlite::Connection;
using sqlite::SqliteTx;
using Clock = std::chrono::steady_clock;

// Opens the read-write connection and sets what makes a successful write survive a power cut: WAL with a full
// fsync at every commit. foreign_keys is per connection and off by default.
Result<std::unique_ptr<Connection>> OpenWriter(const std::string& path) {
  Result<std::unique_ptr<Connection>> conn =
      Connection::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!conn.ok()) return conn.status();
  Connection& c = **conn;
  {
    KIN_PREPARE_OR_RETURN(st, c, "PRAGMA journal_mode = WAL");
    if (st.Step() != SQLITE_ROW || st.Text(0) != "wal") {
      return Status::Internal("cannot switch " + path + " to write-ahead logging");
    }
  }
  // secure_delete overwrites freed content, so deleted or redacted personal data does not linger in the file.
  Status s = c.Script("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;");
  if (!s.ok()) return s;
  return conn;
}

// Runs a caller's closure, turning an exception into kInternal (the writer thread must survive it) and a storage
// error the closure could not see (see store.h) into its result.
template <typename Tx>
Status RunClosure(const std::function<Status(Tx&)>& fn, SqliteTx& tx) {
  tx.ClearFailure();
  Status s;
  try {
    s = fn(tx);
  } catch (const std::exception& e) {
    s = Status::Internal(std::string("store closure threw: ") + e.what());
  } catch (...) {
    s = Status::Internal("store closure threw a non-standard exception");
  }
  if (s.ok() && !tx.failure().ok()) s = tx.failure();
  return s;
}

void SyncDirectoryOf(const std::string& path) {
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

class SqliteStore final : public Store {
 public:
  SqliteStore(const SqliteOptions& options, int schema_version, std::unique_ptr<Connection> writer,
              std::vector<std::unique_ptr<Connection>> readers, std::unique_ptr<Connection> watcher)
      : options_(options),
        schema_version_(schema_version),
        watcher_(std::move(watcher)),
        writer_(std::move(writer)),
        writer_tx_(*writer_, *options.box),
        idle_readers_(std::move(readers)) {
    writer_thread_ = std::thread([this] { WriterLoop(); });
  }

  ~SqliteStore() override {
    {
      std::lock_guard lock(queue_mu_);
      stopping_ = true;
    }
    queue_cv_.notify_one();
    writer_thread_.join();
  }

  Status Read(const std::function<Status(ReadTx&)>& fn) override;
  Status Write(const std::function<Status(WriteTx&)>& fn) override;
  Status Backup(const std::string& path) override;
  Status Checkpoint() override;
  uint64_t DataVersion() override;
  int SchemaVersion() override { return schema_version_; }
  StoreStats Stats() override {
    return {commits_.load(), writes_.load(), static_cast<double>(db_nanos_.load()) / 1e9};
  }

 private:
  // Lives on the calling thread's stack; the caller blocks on `done` until the writer has answered.
  struct PendingWrite {
    const std::function<Status(WriteTx&)>* fn;
    std::promise<Status> done;
  };

  void WriterLoop();
  void CommitBatch(const std::vector<PendingWrite*>& batch);
  void AddDbTime(Clock::time_point start) {
    db_nanos_ += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
  }

  const SqliteOptions options_;
  const int schema_version_;

  // A connection that only asks PRAGMA data_version, which changes when any other connection commits.
  std::mutex watcher_mu_;
  std::unique_ptr<Connection> watcher_;  // guarded by watcher_mu_

  // Only the writer thread uses these two.
  std::unique_ptr<Connection> writer_;
  SqliteTx writer_tx_;

  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<PendingWrite*> queue_;  // guarded by queue_mu_
  bool stopping_ = false;            // guarded by queue_mu_

  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;  // guarded by pool_mu_

  std::atomic<uint64_t> commits_{0};
  std::atomic<uint64_t> writes_{0};
  std::atomic<uint64_t> db_nanos_{0};

  std::thread writer_thread_;  // last, so it starts after everything it uses exists
};

Status SqliteStore::Read(const std::function<Status(ReadTx&)>& fn) {
  std::unique_ptr<Connection> conn;
  {
    std::unique_lock lock(pool_mu_);
    pool_cv_.wait(lock, [this] { return !idle_readers_.empty(); });
    conn = std::move(idle_readers_.back());
    idle_readers_.pop_back();
  }
  Clock::time_point start = Clock::now();
  // One transaction around the closure: every query in it sees the same WAL snapshot.
  Status result = conn->Run("BEGIN");
  if (result.ok()) {
    SqliteTx tx(*conn, *options_.box);
    result = RunClosure(fn, tx);
    if (!conn->Run("COMMIT").ok()) conn->Run("ROLLBACK");
  }
  AddDbTime(start);
  {
    std::lock_guard lock(pool_mu_);
    idle_readers_.push_back(std::move(conn));
  }
  pool_cv_.notify_one();
  return result;
}

Status SqliteStore::Write(const std::function<Status(WriteTx&)>& fn) {
  if (std::this_thread::get_id() == writer_thread_.get_id()) {
    return Status::Internal("Store::Write called inside a Write closure");
  }
  PendingWrite pending{&fn, {}};
  std::future<Status> done = pending.done.get_future();
  {
    std::lock_guard lock(queue_mu_);
    if (stopping_) return Status::Unavailable("the store is closing");
    queue_.push_back(&pending);
  }
  queue_cv_.notify_one();
  return done.get();
}

void SqliteStore::WriterLoop() {
  std::vector<PendingWrite*> batch;
  for (;;) {
    {
      std::unique_lock lock(queue_mu_);
      queue_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and every queued write has been answered
      // Everything that queued up during the previous commit goes into this one: that is the group commit.
      size_t n = std::min(queue_.size(), static_cast<size_t>(options_.max_batch));
      batch.assign(queue_.begin(), queue_.begin() + n);
      queue_.erase(queue_.begin(), queue_.begin() + n);
    }
    CommitBatch(batch);
  }
}

void SqliteStore::CommitBatch(const std::vector<PendingWrite*>& batch) {
  Clock::time_point start = Clock::now();
  std::vector<Status> results(batch.size());  // ok until a closure or the batch says otherwise
  Status batch_error = writer_->Run("BEGIN IMMEDIATE");
  for (size_t i = 0; i < batch.size() && batch_error.ok(); ++i) {
    Status s = writer_->Run("SAVEPOINT w");
    if (s.ok()) s = RunClosure(*batch[i]->fn, writer_tx_);
    results[i] = s;
    if (!writer_->InTransaction()) {
      // SQLite itself rolled the transaction back (disk full, I/O error): the closures before this one are lost.
      batch_error = s.ok() ? Status::Internal("the transaction was rolled back") : s;
      break;
    }
    // A failed closure's changes are undone, and only its own: earlier closures in the batch stay.
    if (!s.ok()) batch_error = writer_->Run("ROLLBACK TO w");
    if (batch_error.ok()) batch_error = writer_->Run("RELEASE w");
  }
  // COMMIT returns only after the WAL is fsync'd (synchronous = FULL).
  if (batch_error.ok()) batch_error = writer_->Run("COMMIT");
  uint64_t applied = 0;
  if (batch_error.ok()) {
    ++commits_;
    for (const Status& s : results) applied += s.ok() ? 1 : 0;
    writes_ += applied;
  } else {
    if (writer_->InTransaction()) writer_->Run("ROLLBACK");
    Status lost = Status::Internal("the write was not saved: " + batch_error.message());
    for (Status& s : results) {
      if (s.ok()) s = lost;
    }
  }
  AddDbTime(start);
  // Answering wakes the caller, who then destroys its PendingWrite: nothing may touch it afterwards.
  for (size_t i = 0; i < batch.size(); ++i) batch[i]->done.set_value(std::move(results[i]));
}

uint64_t SqliteStore::DataVersion() {
  std::lock_guard lock(watcher_mu_);
  Result<sqlite::Stmt> st = watcher_->Prepare("PRAGMA data_version");  // cached by the connection
  if (!st.ok()) return 0;  // never a real data_version, so a cache misses rather than serve stale data
  return st->Step() == SQLITE_ROW ? static_cast<uint64_t>(st->Int64(0)) : 0;
}

Status SqliteStore::Checkpoint() {
  Clock::time_point start = Clock::now();
  Result<std::unique_ptr<Connection>> conn = Connection::Open(options_.path, SQLITE_OPEN_READWRITE);
  if (!conn.ok()) return conn.status();
  Result<sqlite::Stmt> st = (*conn)->Prepare("PRAGMA wal_checkpoint(TRUNCATE)");
  if (!st.ok()) return st.status();
  Status s;
  if (st->Step() != SQLITE_ROW) {
    s = sqlite::Error((*conn)->db(), "checkpoint failed");
  } else if (st->Int64(0) != 0) {
    s = Status::Unavailable("the checkpoint could not finish while readers were busy; it will be tried again");
  }
  AddDbTime(start);
  return s;
}

Status SqliteStore::Backup(const std::string& path) {
  Clock::time_point start = Clock::now();
  const std::string tmp = path + ".tmp";
  std::remove(tmp.c_str());
  Result<std::unique_ptr<Connection>> source = Connection::Open(options_.path, SQLITE_OPEN_READONLY);
  if (!source.ok()) return source.status();
  sqlite3* dest = nullptr;
  Status s;
  if (sqlite3_open_v2(tmp.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    s = sqlite::Error(dest, "cannot create backup file " + tmp);
  } else if (sqlite3_exec(dest, "PRAGMA synchronous = FULL", nullptr, nullptr, nullptr) != SQLITE_OK) {
    s = sqlite::Error(dest, "cannot configure backup file " + tmp);
  } else if (sqlite3_backup* b = sqlite3_backup_init(dest, "main", (*source)->db(), "main"); b == nullptr) {
    s = sqlite::Error(dest, "cannot start backup");
  } else {
    // One step copies every page under one read transaction: a consistent snapshot while writers go on.
    int rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) s = Status::Internal(std::string("backup failed: ") + sqlite3_errstr(rc));
  }
  if (sqlite3_close(dest) != SQLITE_OK && s.ok()) s = Status::Internal("cannot close backup file " + tmp);
  if (s.ok() && std::rename(tmp.c_str(), path.c_str()) != 0) {
    s = Status::Internal("cannot rename " + tmp + " to " + path);
  }
  if (!s.ok()) {
    std::remove(tmp.c_str());
    return s;
  }
  SyncDirectoryOf(path);  // the rename itself must survive a power cut
  AddDbTime(start);
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options) {
  if (options.box == nullptr) return Status::Invalid("SqliteOptions.box is required to seal contact details");
  if (options.path.empty() || options.path == ":memory:") {
    return Status::Invalid("SqliteOptions.path must name a database file");
  }
  if (options.max_batch < 1) return Status::Invalid("SqliteOptions.max_batch must be at least 1");
  if (options.read_connections < 1) return Status::Invalid("SqliteOptions.read_connections must be at least 1");

  Result<std::unique_ptr<Connection>> writer = OpenWriter(options.path);
  if (!writer.ok()) return writer.status();
  Result<int> version = sqlite::ApplyMigrations(**writer);
  if (!version.ok()) return version.status();

  std::vector<std::unique_ptr<Connection>> readers;
  for (int i = 0; i < options.read_connections; ++i) {
    Result<std::unique_ptr<Connection>> reader = Connection::Open(options.path, SQLITE_OPEN_READONLY);
    if (!reader.ok()) return reader.status();
    readers.push_back(std::move(reader).value());
  }
  Result<std::unique_ptr<Connection>> watcher = Connection::Open(options.path, SQLITE_OPEN_READONLY);
  if (!watcher.ok()) return watcher.status();
  return std::unique_ptr<Store>(std::make_unique<SqliteStore>(options, *version, std::move(writer).value(),
                                                              std::move(readers), std::move(watcher).value()));
}

Result<int> MigrateSqlite(const std::string& path) {
  Result<std::unique_ptr<Connection>> conn = OpenWriter(path);
  if (!conn.ok()) return conn.status();
  return sqlite::ApplyMigrations(**conn);
}

}  // namespace kin
