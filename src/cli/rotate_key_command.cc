#include "cli/rotate_key_command.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>

#include "app/key_rotation.h"
#include "cli/commands.h"

namespace kin::cli {
namespace {

struct RotateKeyFlags {
  std::string db = "kin.db";
  std::string key;  // default <db>.key
  int batch = 200;
  bool retire_old = false;
};

int Fail(const Status& s) {
  std::fprintf(stderr, "kin admin rotate-key: %s\n", s.message().c_str());
  return 1;
}

int Run(const RotateKeyFlags& flags) {
  const std::string key_path = flags.key.empty() ? KeyPathFor(flags.db) : flags.key;
  // Rotating a key that does not exist yet would silently create one: refuse instead.
  Result<KeyRing> ring = ReadKeyRing(key_path);
  if (!ring.ok()) return Fail(ring.status());
  Result<OpenedStore> opened = OpenStore(flags.db, 2, key_path);
  if (!opened.ok()) return Fail(opened.status());

  if (flags.retire_old) {
    Result<RetireReport> retired = RetireOldKeys(*opened->store, *opened->box, key_path);
    if (!retired.ok()) return Fail(retired.status());
    std::printf("retired %zu old key(s); %s now holds only key %s\n", retired->retired, key_path.c_str(),
                KeyIdHex(retired->key_id).c_str());
    return 0;
  }

  RotationOptions options;
  options.batch = flags.batch;
  Result<RotationReport> report = RotateKey(*opened->store, *opened->box, key_path, options);
  if (!report.ok()) return Fail(report.status());
  std::printf("%s key %s: re-sealed %lld value(s) in %d batch(es)\n",
              report->resumed ? "finished the interrupted rotation to" : "rotated to new",
              KeyIdHex(report->key_id).c_str(), static_cast<long long>(report->resealed), report->batches);
  if (!report->checkpointed) {
    std::printf("warning: readers kept the write-ahead log busy; it still holds old ciphertext until the server's "
                "next checkpoint (run this command again to retry)\n");
  }
  std::printf("%s holds %zu key(s); when no backup sealed with an old key is still needed, run: "
              "kin admin rotate-key --db %s --retire-old\n",
              key_path.c_str(), report->keys_in_ring, flags.db.c_str());
  return 0;
}

}  // namespace

void AddRotateKeyCommand(CLI::App& admin, int& exit_code) {
  auto flags = std::make_shared<RotateKeyFlags>();
  CLI::App* cmd = admin.add_subcommand(
      "rotate-key", "re-seal all contact details under a new key while serving; --retire-old drops old keys");
  cmd->add_option("--db", flags->db, "SQLite database file")->envname("KIN_DB")->capture_default_str();
  cmd->add_option("--key", flags->key, "key file (default <db>.key)");
  cmd->add_option("--batch", flags->batch, "values re-sealed per transaction")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  cmd->add_flag("--retire-old", flags->retire_old,
                "drop every key but the newest; refused while any value is still sealed under an old one");
  cmd->callback([flags, &exit_code] { exit_code = Run(*flags); });
}

}  // namespace kin::cli
