// The SQLite backend of Store: one embedded database file, the default for a hub on a small machine.
//
// Writes go through one writer thread that commits concurrent Write() calls together (group commit): one fsync
// makes a whole batch durable, while each closure still runs in its own savepoint so a failure stays its own.
// Reads run on the caller's thread on a pool of read-only connections, each inside one transaction (a WAL
// snapshot), so readers never wait for the writer.
#ifndef KIN_STORE_SQLITE_STORE_H_
#define KIN_STORE_SQLITE_STORE_H_

#include <memory>
#include <string>

#include "core/status.h"
#include "crypto/secret_box.h"
#include "store/store.h"

namespace kin {

struct SqliteOptions {
  std::string path;                // database file; created if missing (not ":memory:": readers need a file)
  const SecretBox* box = nullptr;  // required: seals contact details; must outlive the store
  int max_batch = 256;             // most write closures committed in one transaction
  int read_connections = 8;        // pool of read-only connections; more concurrent readers wait for one
};

// Opens (creating if needed) the database and applies pending migrations. Fails with kInvalid for bad options and
// kInternal when the file cannot be opened or was written by a newer kin.
//
// The returned store's Write() must not be called from inside a Write() closure (it returns kInternal rather than
// deadlock); a Read() inside a Write() closure does not see that closure's uncommitted changes. Destroying the
// store finishes every queued write first; Write() calls racing with destruction get kUnavailable.
Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options);

// Applies pending migrations to the database at `path` (creating it if needed) and returns its schema version,
// for `kin migrate`. Safe to run while another process has the database open.
Result<int> MigrateSqlite(const std::string& path);

}  // namespace kin

#endif  // KIN_STORE_SQLITE_STORE_H_
