// Thin RAII wrappers over the sqlite3 C API, used only inside src/store.
//
// A Connection owns one sqlite3 handle and a cache of prepared statements: re-preparing a statement on every call
// costs about five times as much as running it. A Connection is used by one thread at a time.
#ifndef KIN_STORE_SQLITE_DB_H_
#define KIN_STORE_SQLITE_DB_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/status.h"

namespace kin::sqlite {

// kInternal naming the operation and SQLite's own message for the last error on `db`.
Status Error(sqlite3* db, std::string_view what);

// A borrowed, cached statement. Binding errors are remembered and reported by Step(). On destruction the statement
// is reset and its bindings cleared, so the next user starts clean even after an early return or an exception.
class Stmt {
 public:
  explicit Stmt(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Stmt(Stmt&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)), bind_rc_(other.bind_rc_) {}
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& operator=(Stmt&&) = delete;
  ~Stmt();

  // Parameters are numbered from 1, as in the SQL text (?1, ?2, ...).
  Stmt& BindInt64(int index, int64_t value);
  Stmt& BindDouble(int index, double value);
  Stmt& BindText(int index, std::string_view value);
  Stmt& BindBlob(int index, std::string_view value);
  Stmt& BindNull(int index);
  Stmt& BindTextOrNull(int index, std::string_view value);  // empty -> NULL
  Stmt& BindBlobOrNull(int index, const std::optional<std::string>& value);

  // SQLITE_ROW, SQLITE_DONE or an error code (including a remembered binding error).
  int Step();

  // Columns are numbered from 0.
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  int64_t Int64(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string Text(int col) const;
  std::string Blob(int col) const;

  sqlite3_stmt* get() const { return stmt_; }

 private:
  void Check(int rc) {
    if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  }

  sqlite3_stmt* stmt_;
  int bind_rc_ = SQLITE_OK;
};

class Connection {
 public:
  // Opens `path` with sqlite3_open_v2 `flags` (SQLITE_OPEN_NOMUTEX is added), sets busy_timeout and registers the
  // kin_distance_m(lat1, lon1, lat2, lon2) SQL function (haversine metres, NULL if any argument is NULL).
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, int flags);

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  sqlite3* db() const { return db_; }

  // Runs one or more statements without results, unprepared (pragmas, migrations).
  Status Script(const char* sql);

  // The cached prepared statement for `sql`. `sql` must be a string literal or otherwise live for the Connection's
  // lifetime: the cache is keyed by its address, which is cheaper than hashing the text on every call.
  Result<Stmt> Prepare(const char* sql);

  // Prepare(sql) and step it to completion: for BEGIN, SAVEPOINT, COMMIT and other statements without rows.
  Status Run(const char* sql);

  // Rows changed by the last INSERT, UPDATE or DELETE.
  int Changes() const { return sqlite3_changes(db_); }
  int64_t LastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }
  bool InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}

  sqlite3* db_;
  std::unordered_map<const char*, sqlite3_stmt*> cache_;
};

}  // namespace kin::sqlite

// Declares `Stmt& st` prepared from `sql` on `conn`, or returns the failure from the enclosing function.
#define KIN_PREPARE_OR_RETURN(st, conn, sql)            \
  ::kin::Result<::kin::sqlite::Stmt> st##_result = (conn).Prepare(sql); \
  if (!st##_result.ok()) return st##_result.status();  \
  ::kin::sqlite::Stmt& st = *st##_result

#endif  // KIN_STORE_SQLITE_DB_H_
