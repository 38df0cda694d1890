// The `kin` commands. Each is a thin layer over library calls; main.cc holds the table.
#ifndef KIN_CLI_COMMANDS_H_
#define KIN_CLI_COMMANDS_H_

#include <memory>
#include <string>
#include <vector>

#include "app/clock.h"
#include "core/status.h"
#include "crypto/secret_box.h"
#include "store/store.h"

namespace kin::cli {

struct ServeOptions {
  std::string db = "kin.db";
  std::string listen = "127.0.0.1:8080";
  std::string public_url;  // default: http://<listen>
  int workers = 64;
  int io_threads = 2;
  // Sign-in and join attempts per address: a burst, then so many a minute. A phone-intake desk or a shelter
  // behind one shared address may need more; the browser tests, which sign in dozens of people, do.
  double login_burst = 10;
  double login_per_minute = 6;
  // Activities posted to the federation inboxes per address: a burst, then so many a minute (429 beyond).
  double federation_inbox_burst = 300;
  double federation_inbox_per_minute = 600;
  // Federation (issue 10): the wait after a delivery's first failure (doubling after each further one, up to six
  // hours), and the days after which an undelivered activity is given up.
  int federation_retry_seconds = 30;
  int federation_give_up_days = 3;
  // Let federation connect to loopback, private, link-local and other non-public addresses (off: anyone who can
  // post to an inbox could otherwise make this server reach its own network). For tests and LAN-only hubs.
  bool federation_allow_private_addresses = false;
  // Escalation (issue 10): how often unmet needs past their hub's delay are offered to other hubs.
  int escalation_sweep_seconds = 60;
};

struct HubOptions {
  std::string slug;
  std::string name;
  std::string description;
  std::vector<std::string> languages{"en"};
  std::string time_zone = "UTC";
};

// The key file lives beside the database, never inside it: "<db>.key".
std::string KeyPathFor(const std::string& db);

// Opens the database at `db` (creating it and its key file if new) and applies migrations.
struct OpenedStore {
  std::unique_ptr<SecretBox> box;
  std::unique_ptr<Store> store;
};
// `readers`: concurrent read connections (one per worker thread that may read at once). `key_path` defaults to
// KeyPathFor(db). The box follows the key file, so a rotation by another process needs no restart.
Result<OpenedStore> OpenStore(const std::string& db, int readers = 4, const std::string& key_path = "");

int Serve(const ServeOptions& options);
int Migrate(const std::string& db);
int CreateHub(const std::string& db, const HubOptions& hub, const std::string& public_url);
int Invite(const std::string& db, const std::string& hub, const std::string& role, int uses, int days,
           const std::string& public_url);
int ResetPassword(const std::string& db, const std::string& handle, const std::string& public_url);
int Backup(const std::string& db, const std::string& to);
int Demo(const std::string& db);

}  // namespace kin::cli

#endif  // KIN_CLI_COMMANDS_H_
