// Internal to the SQLite backend: running a statement for one row or a page of rows, shared by the files that
// implement SqliteTx.
#ifndef KIN_STORE_SQLITE_QUERY_H_
#define KIN_STORE_SQLITE_QUERY_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "store/sqlite_codec.h"
#include "store/sqlite_db.h"
#include "store/store.h"

namespace kin::sqlite {

// Runs a bound statement expected to give at most one row.
template <typename T, typename ReadRow>
Result<T> One(Connection& conn, Stmt& st, ReadRow read, const char* not_found) {
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::NotFound(not_found);
  if (rc != SQLITE_ROW) return Error(conn.db(), "query failed");
  return read(st);
}

// Reads a page from a statement bound with LIMIT page_limit + 1 whose column 0 is seq: the extra row only tells
// whether a next page exists. Errors go to `fail`.
template <typename T, typename ReadRow, typename Fail>
Page<T> Collect(Connection& conn, Stmt& st, int limit, ReadRow read, Fail fail) {
  Page<T> page;
  int64_t last_seq = 0;
  for (;;) {
    int rc = st.Step();
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) {
      fail(Error(conn.db(), "list query failed"));
      break;
    }
    if (static_cast<int>(page.items.size()) == limit) {
      page.next = EncodeCursor(last_seq);
      break;
    }
    Result<T> item = read(st);
    if (!item.ok()) {
      fail(item.status());
      break;
    }
    last_seq = st.Int64(0);
    page.items.push_back(std::move(item).value());
  }
  return page;
}

// Every row of a bound statement; errors go to `fail`.
template <typename T, typename ReadRow, typename Fail>
std::vector<T> CollectAll(Connection& conn, Stmt& st, ReadRow read, Fail fail) {
  std::vector<T> out;
  for (;;) {
    int rc = st.Step();
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) {
      fail(Error(conn.db(), "list query failed"));
      break;
    }
    Result<T> item = read(st);
    if (!item.ok()) {
      fail(item.status());
      break;
    }
    out.push_back(std::move(item).value());
  }
  return out;
}

}  // namespace kin::sqlite

// Inside a SqliteTx member: lists cannot return a Status, so a failed prepare becomes the transaction's failure
// and the function returns `empty`.
#define KIN_PREPARE_OR_FAIL(st, sql, empty) \
  Result<Stmt> st##_result = conn_.Prepare(sql);   \
  if (!st##_result.ok()) {                         \
    Fail(st##_result.status());                    \
    return empty;                                  \
  }                                                \
  Stmt& st = *st##_result

// Council proposals (migration 12) share the proposals table but are not a hub assembly's: its lists, sweeps
// and reminders leave them to the councils' own.
#define KIN_NOT_COUNCIL "id NOT IN (SELECT proposal FROM council_proposals)"

#endif  // KIN_STORE_SQLITE_QUERY_H_
