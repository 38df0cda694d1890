// Paging helpers for the shared-resources list queries (sqlite_tx_resources.cc,
// sqlite_tx_library.cc).
#ifndef KIN_STORE_SQLITE_PAGE_H_
#define KIN_STORE_SQLITE_PAGE_H_

#include <utility>
#include <vector>

#include "store/sqlite_codec.h"
#include "store/sqlite_db.h"
#include "store/store.h"

namespace kin::sqlite {

// Steps rows of a statement bound with LIMIT limit + 1 (column 0 is seq) into a page; the extra row
// only says that a next page exists. Errors go to `fail`.
template <typename T, typename ReadRow, typename Fail>
Page<T> CollectPage(Connection& conn, Stmt& st, int limit, ReadRow read, Fail fail) {
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

// Every row of a bound statement.
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

// Lists cannot return a Status: a failed prepare becomes the transaction's failure and an empty
// result.
#define KIN_RESOURCES_PREPARE_OR_FAIL(st, sql, empty)                  \
  ::kin::Result<::kin::sqlite::Stmt> st##_result = conn_.Prepare(sql); \
  if (!st##_result.ok()) {                                             \
    Fail(st##_result.status());                                        \
    return empty;                                                      \
  }                                                                    \
  ::kin::sqlite::Stmt& st = *st##_result

#endif  // KIN_STORE_SQLITE_PAGE_H_
