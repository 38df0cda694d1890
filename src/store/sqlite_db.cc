#include "store/sqlite_db.h"

#include "core/geo.h"

namespace kin::sqlite {
namespace {

constexpr int kBusyTimeoutMs = 10000;

void DistanceFunction(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  for (int i = 0; i < argc; ++i) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) {
      sqlite3_result_null(ctx);
      return;
    }
  }
  LatLon a{sqlite3_value_double(argv[0]), sqlite3_value_double(argv[1])};
  LatLon b{sqlite3_value_double(argv[2]), sqlite3_value_double(argv[3])};
  sqlite3_result_double(ctx, DistanceMeters(a, b));
}

}  // namespace

Status Error(sqlite3* db, std::string_view what) {
  std::string message(what);
  message += ": ";
  message += db ? sqlite3_errmsg(db) : "out of memory";
  return Status::Internal(std::move(message));
}

Stmt::~Stmt() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Stmt& Stmt::BindInt64(int index, int64_t value) {
  Check(sqlite3_bind_int64(stmt_, index, value));
  return *this;
}

Stmt& Stmt::BindDouble(int index, double value) {
  Check(sqlite3_bind_double(stmt_, index, value));
  return *this;
}

Stmt& Stmt::BindText(int index, std::string_view value) {
  Check(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

Stmt& Stmt::BindBlob(int index, std::string_view value) {
  Check(sqlite3_bind_blob64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT));
  return *this;
}

Stmt& Stmt::BindNull(int index) {
  Check(sqlite3_bind_null(stmt_, index));
  return *this;
}

Stmt& Stmt::BindTextOrNull(int index, std::string_view value) {
  return value.empty() ? BindNull(index) : BindText(index, value);
}

Stmt& Stmt::BindBlobOrNull(int index, const std::optional<std::string>& value) {
  return value ? BindBlob(index, *value) : BindNull(index);
}

int Stmt::Step() {
  if (bind_rc_ != SQLITE_OK) return bind_rc_;
  return sqlite3_step(stmt_);
}

std::string Stmt::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (p == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(stmt_, col));
}

std::string Stmt::Blob(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  if (p == nullptr) return {};
  return std::string(static_cast<const char*>(p), sqlite3_column_bytes(stmt_, col));
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status s = Error(db, "cannot open database " + path);
    sqlite3_close(db);
    return s;
  }
  std::unique_ptr<Connection> conn(new Connection(db));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  rc = sqlite3_create_function(db, "kin_distance_m", 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                               DistanceFunction, nullptr, nullptr);
  if (rc != SQLITE_OK) return Error(db, "cannot register kin_distance_m");
  return conn;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Status Connection::Script(const char* sql) {
  char* message = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string text = message ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  return Status::Internal("sqlite: " + text);
}

Result<Stmt> Connection::Prepare(const char* sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return Stmt(it->second);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
    return Error(db_, std::string("cannot prepare \"") + sql + "\"");
  }
  cache_.emplace(sql, stmt);
  return Stmt(stmt);
}

Status Connection::Run(const char* sql) {
  Result<Stmt> stmt = Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  int rc = stmt->Step();
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) return Error(db_, sql);
  return Status::Ok();
}

}  // namespace kin::sqlite
