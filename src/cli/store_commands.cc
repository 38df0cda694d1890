// Commands that work on the database directly: migrate, backup, demo, and opening a store for the others.
#include <cstdio>

#include "app/app.h"
#include "app/demo.h"
#include "cli/commands.h"
#include "store/sqlite_store.h"

namespace kin::cli {

std::string KeyPathFor(const std::string& db) { return db + ".key"; }

Result<OpenedStore> OpenStore(const std::string& db, int readers, const std::string& key_path) {
  Result<std::unique_ptr<SecretBox>> box = SecretBox::FollowKeyFile(key_path.empty() ? KeyPathFor(db) : key_path);
  if (!box.ok()) return box.status();
  OpenedStore opened;
  opened.box = std::move(*box);
  SqliteOptions options;
  options.path = db;
  options.box = opened.box.get();
  options.read_connections = readers;
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(options);
  if (!store.ok()) return store.status();
  opened.store = std::move(*store);
  return opened;
}

int Migrate(const std::string& db) {
  Result<int> version = MigrateSqlite(db);
  if (!version.ok()) {
    std::fprintf(stderr, "kin migrate: %s\n", version.status().message().c_str());
    return 1;
  }
  std::printf("%s is at schema version %d\n", db.c_str(), *version);
  return 0;
}

int Backup(const std::string& db, const std::string& to) {
  Result<OpenedStore> opened = OpenStore(db);
  if (!opened.ok()) {
    std::fprintf(stderr, "kin backup: %s\n", opened.status().message().c_str());
    return 1;
  }
  Status s = opened->store->Backup(to);
  if (!s.ok()) {
    std::fprintf(stderr, "kin backup: %s\n", s.message().c_str());
    return 1;
  }
  std::printf("backed up %s to %s\n", db.c_str(), to.c_str());
  std::printf("the backup's contact details are sealed with %s; keep a copy of that key file apart from it\n",
              KeyPathFor(db).c_str());
  return 0;
}

int Demo(const std::string& db) {
  Result<OpenedStore> opened = OpenStore(db);
  if (!opened.ok()) {
    std::fprintf(stderr, "kin demo: %s\n", opened.status().message().c_str());
    return 1;
  }
  SystemClock clock;
  App app(*opened->store, clock);
  Result<DemoSeed> seed = SeedDemo(app);
  if (!seed.ok()) {
    std::fprintf(stderr, "kin demo: %s\n", seed.status().ToString().c_str());
    return 1;
  }
  if (!seed->created) {
    std::printf("demo hub '%s' already present in %s; nothing changed\n", kDemoHubSlug, db.c_str());
    return 0;
  }
  std::printf("DEMO DATA seeded in %s: hub '%s' with members", db.c_str(), kDemoHubSlug);
  for (const std::string& h : seed->handles) std::printf(" %s", h.c_str());
  std::printf(" (password '%s'). Do not use these accounts for real work.\n", kDemoPassword);
  return 0;
}

}  // namespace kin::cli
