// Key rotation (safety): counting sealed values by the key that sealed them, and re-sealing them under the
// current key in short batches. Every sealed column of the schema is listed in SealedColumns(); a new sealed column
// must be added there, or rotation would leave it under an old key (and `rotate-key --retire-old` would then make
// it unreadable, which is why retiring counts what remains through this same list).
#include <string>
#include <vector>

#include "store/sqlite_rows.h"
#include "store/sqlite_tx.h"

namespace kin::sqlite {
namespace {

struct SealedColumn {
  const char* table;   // also the first half of the associated data "<table>:<key>"
  const char* key;     // column whose value is the second half
  const char* sealed;  // the BLOB column

  // Statements are prepared by address (sqlite_db.h), so their text lives as long as the program.
  std::string count_sql, select_sql, update_sql;
};

std::vector<SealedColumn>& SealedColumns() {
  static std::vector<SealedColumn> columns = [] {
    // Every sealed column of the schema (README.md): add new ones here.
    std::vector<SealedColumn> list = {
        {"members", "id", "contact_sealed", {}, {}, {}},
        {"needs", "id", "private_sealed", {}, {}, {}},
        {"member_totp", "member", "secret_sealed", {}, {}, {}},
        {"federation_keys", "owner", "private_sealed", {}, {}, {}},
        {"hub_smtp", "hub", "password_sealed", {}, {}, {}},
        {"escalation_keys", "hub", "secret_sealed", {}, {}, {}},
    };
    for (SealedColumn& c : list) {
      std::string t = c.table, k = c.key, s = c.sealed;
      // Byte 1 is the format version, bytes 2-5 the key id (crypto/secret_box.h).
      c.count_sql = "SELECT substr(" + s + ", 2, 4), count(*) FROM " + t + " WHERE " + s +
                    " IS NOT NULL GROUP BY 1";
      c.select_sql = "SELECT seq, " + k + ", " + s + " FROM " + t + " WHERE seq > ?1 AND " + s +
                     " IS NOT NULL AND substr(" + s + ", 2, 4) != ?2 ORDER BY seq LIMIT ?3";
      c.update_sql = "UPDATE " + t + " SET " + s + " = ?1 WHERE seq = ?2";
    }
    return list;
  }();
  return columns;
}

std::string KeyIdBytes(uint32_t id) {
  std::string b(4, '\0');
  b[0] = static_cast<char>(id >> 24);
  b[1] = static_cast<char>(id >> 16);
  b[2] = static_cast<char>(id >> 8);
  b[3] = static_cast<char>(id);
  return b;
}

uint32_t KeyIdFromBytes(const std::string& b) {
  if (b.size() != 4) return 0;
  auto u = [&](int i) { return uint32_t{static_cast<unsigned char>(b[i])}; };
  return (u(0) << 24) | (u(1) << 16) | (u(2) << 8) | u(3);
}

}  // namespace

std::map<uint32_t, int64_t> SqliteTx::CountSealedValuesByKey() {
  std::map<uint32_t, int64_t> counts;
  for (const SealedColumn& c : SealedColumns()) {
    Result<Stmt> st = conn_.Prepare(c.count_sql.c_str());
    if (!st.ok()) {
      Fail(st.status());
      return counts;
    }
    int rc;
    while ((rc = st->Step()) == SQLITE_ROW) counts[KeyIdFromBytes(st->Blob(0))] += st->Int64(1);
    if (rc != SQLITE_DONE) {
      Fail(Error(conn_.db(), std::string("counting sealed values in ") + c.table));
      return counts;
    }
  }
  return counts;
}

Result<ResealProgress> SqliteTx::ResealValues(const ResealCursor& from, int limit) {
  const std::vector<SealedColumn>& columns = SealedColumns();
  const std::string current = KeyIdBytes(box_.key_id());
  ResealProgress progress;
  progress.next = from;
  while (progress.next.column < static_cast<int>(columns.size()) && progress.resealed < limit) {
    const SealedColumn& c = columns[progress.next.column];
    struct Row {
      int64_t seq;
      std::string key, sealed;
    };
    std::vector<Row> rows;
    {
      KIN_PREPARE_OR_RETURN(select, conn_, c.select_sql.c_str());
      select.BindInt64(1, progress.next.after).BindBlob(2, current).BindInt64(3, limit - progress.resealed);
      int rc;
      while ((rc = select.Step()) == SQLITE_ROW) rows.push_back({select.Int64(0), select.Text(1), select.Blob(2)});
      if (rc != SQLITE_DONE) return Error(conn_.db(), std::string("reading sealed values of ") + c.table);
    }
    for (const Row& row : rows) {
      std::string associated = std::string(c.table) + ":" + row.key;  // as sqlite_rows.cc binds it
      Result<std::string> plain = box_.Open(row.sealed, associated);
      if (!plain.ok()) {
        return Status::Internal(std::string("cannot re-seal ") + c.table + "." + c.sealed + " of " + row.key + ": " +
                                plain.status().message());
      }
      KIN_PREPARE_OR_RETURN(update, conn_, c.update_sql.c_str());
      update.BindBlob(1, box_.Seal(*plain, associated)).BindInt64(2, row.seq);
      if (update.Step() != SQLITE_DONE) return Error(conn_.db(), std::string("re-sealing ") + c.table);
      progress.next.after = row.seq;
      ++progress.resealed;
    }
    if (progress.resealed < limit) {
      // This column has nothing more after the cursor: move to the next one.
      ++progress.next.column;
      progress.next.after = 0;
    }
  }
  progress.done = progress.next.column >= static_cast<int>(columns.size());
  return progress;
}

}  // namespace kin::sqlite
