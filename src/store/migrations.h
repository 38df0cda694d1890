// The database schema as numbered migrations compiled into the binary, tracked with PRAGMA user_version.
#ifndef KIN_STORE_MIGRATIONS_H_
#define KIN_STORE_MIGRATIONS_H_

#include "core/status.h"
#include "store/sqlite_db.h"

namespace kin::sqlite {

// The schema version this binary writes.
int LatestSchemaVersion();

// The database's PRAGMA user_version (0 for a new file).
Result<int> ReadSchemaVersion(Connection& conn);

// Applies every migration newer than the database's version, each in its own IMMEDIATE transaction (so two
// processes migrating at once apply each step once), and returns the version afterwards. Refuses a database
// written by a newer kin. Requires no open transaction on `conn`.
Result<int> ApplyMigrations(Connection& conn);

}  // namespace kin::sqlite

#endif  // KIN_STORE_MIGRATIONS_H_
