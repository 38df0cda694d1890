// `kin`: one binary a hub runs. A table of commands over library calls; no logic beyond wiring.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "cli/allocate_command.h"
#include "cli/commands.h"
#include "cli/deliveries_command.h"
#include "cli/rotate_key_command.h"
#include "cli/notify_command.h"
#include "cli/schedule_command.h"
#include "cli/two_factor_command.h"
#include "cli/tally_command.h"

#ifndef KIN_VERSION
#define KIN_VERSION "0.0.0"
#endif

namespace {

std::string UrlFor(const std::string& listen) { return "http://" + listen; }

}  // namespace

int main(int argc, char** argv) {
  using namespace kin::cli;
  CLI::App app{"kin: the software a mutual aid hub runs on"};
  app.set_version_flag("--version", "kin " KIN_VERSION);
  app.require_subcommand(1);

  std::string db = "kin.db";
  std::string public_url;
  auto add_db = [&](CLI::App* cmd) {
    cmd->add_option("--db", db, "SQLite database file (its key file sits beside it as <db>.key)")
        ->envname("KIN_DB")
        ->capture_default_str();
  };
  auto add_url = [&](CLI::App* cmd) {
    cmd->add_option("--public-url", public_url, "how people reach this server, for links (default http://<listen>)")
        ->envname("KIN_PUBLIC_URL");
  };

  int rc = 0;

  ServeOptions serve;
  CLI::App* serve_cmd = app.add_subcommand("serve", "serve the hub's API and pages over HTTP");
  add_db(serve_cmd);
  add_url(serve_cmd);
  serve_cmd->add_option("--listen", serve.listen, "HOST:PORT to listen on")->envname("KIN_LISTEN")->capture_default_str();
  serve_cmd->add_option("--workers", serve.workers, "threads running requests")->envname("KIN_WORKERS")
      ->check(CLI::Range(1, 1024))->capture_default_str();
  serve_cmd->add_option("--io-threads", serve.io_threads, "threads running the network loop")
      ->envname("KIN_IO_THREADS")->check(CLI::Range(1, 64))->capture_default_str();
  serve_cmd->add_option("--login-burst", serve.login_burst, "sign-in attempts at once from one address")
      ->envname("KIN_LOGIN_BURST")->check(CLI::Range(1.0, 100000.0))->capture_default_str();
  serve_cmd->add_option("--login-per-minute", serve.login_per_minute, "then sign-in attempts a minute per address")
      ->envname("KIN_LOGIN_PER_MINUTE")->check(CLI::Range(0.1, 100000.0))->capture_default_str();
  serve_cmd->add_option("--federation-inbox-burst", serve.federation_inbox_burst,
                        "activities other servers may post to the inboxes at once from one address")
      ->envname("KIN_FEDERATION_INBOX_BURST")->check(CLI::Range(1.0, 1000000.0))->capture_default_str();
  serve_cmd->add_option("--federation-inbox-per-minute", serve.federation_inbox_per_minute,
                        "then activities a minute per address; more get 429 with Retry-After")
      ->envname("KIN_FEDERATION_INBOX_PER_MINUTE")->check(CLI::Range(0.1, 1000000.0))->capture_default_str();
  serve_cmd->add_option("--federation-retry-seconds", serve.federation_retry_seconds,
                        "wait after a failed delivery to another server; doubles each time, up to 6 hours")
      ->envname("KIN_FEDERATION_RETRY_SECONDS")->check(CLI::Range(1, 86400))->capture_default_str();
  serve_cmd->add_option("--federation-give-up-days", serve.federation_give_up_days,
                        "days after which an undelivered activity is given up")
      ->envname("KIN_FEDERATION_GIVE_UP_DAYS")->check(CLI::Range(1, 60))->capture_default_str();
  serve_cmd->add_flag("--federation-allow-private-addresses", serve.federation_allow_private_addresses,
                      "let federation reach loopback, private and link-local addresses (tests, LAN-only hubs)")
      ->envname("KIN_FEDERATION_ALLOW_PRIVATE_ADDRESSES");
  serve_cmd->add_option("--escalation-sweep-seconds", serve.escalation_sweep_seconds,
                        "how often needs unmet past their hub's delay are offered to other hubs")
      ->envname("KIN_ESCALATION_SWEEP_SECONDS")->check(CLI::Range(1, 3600))->capture_default_str();
  serve_cmd->callback([&] {
    serve.db = db;
    serve.public_url = public_url.empty() ? UrlFor(serve.listen) : public_url;
    rc = Serve(serve);
  });

  CLI::App* migrate_cmd = app.add_subcommand("migrate", "create or upgrade the database schema, then exit");
  add_db(migrate_cmd);
  migrate_cmd->callback([&] { rc = Migrate(db); });

  CLI::App* admin = app.add_subcommand("admin", "operator tasks: start a hub, invite, reset a password");
  admin->require_subcommand(1);
  auto url = [&] { return public_url.empty() ? UrlFor("127.0.0.1:8080") : public_url; };

  HubOptions hub;
  std::string languages = "en";
  CLI::App* create_hub = admin->add_subcommand("create-hub", "start a hub and print a setup link for its first coordinator");
  add_db(create_hub);
  add_url(create_hub);
  create_hub->add_option("--slug", hub.slug, "short name used in links, e.g. riverside")->required();
  create_hub->add_option("--name", hub.name, "the hub's name")->required();
  create_hub->add_option("--description", hub.description, "what the hub does");
  create_hub->add_option("--languages", languages, "comma-separated language tags, default first")->capture_default_str();
  create_hub->add_option("--time-zone", hub.time_zone, "IANA time zone, e.g. Europe/Madrid")->capture_default_str();
  create_hub->callback([&] {
    hub.languages.clear();
    size_t start = 0;
    while (start <= languages.size()) {
      size_t comma = languages.find(',', start);
      if (comma == std::string::npos) comma = languages.size();
      hub.languages.push_back(languages.substr(start, comma - start));
      start = comma + 1;
    }
    rc = CreateHub(db, hub, url());
  });

  std::string invite_hub, role = "member";
  int uses = 1, days = 7;
  CLI::App* invite = admin->add_subcommand("invite", "print an invitation link to join a hub");
  add_db(invite);
  add_url(invite);
  invite->add_option("--hub", invite_hub, "the hub's slug")->required();
  invite->add_option("--role", role, "member, intake or coordinator")->capture_default_str();
  invite->add_option("--uses", uses, "how many people may use it")->capture_default_str();
  invite->add_option("--days", days, "how long it stays valid")->capture_default_str();
  invite->callback([&] { rc = Invite(db, invite_hub, role, uses, days, url()); });

  std::string handle;
  CLI::App* reset = admin->add_subcommand("reset-password", "print a one-time link to set a member's password");
  add_db(reset);
  add_url(reset);
  reset->add_option("--handle", handle, "the member's handle")->required();
  reset->callback([&] { rc = ResetPassword(db, handle, url()); });

  AddRotateKeyCommand(*admin, rc);
  AddDeliveriesCommand(*admin, rc);
  AddResetTwoFactorCommand(*admin, rc);

  std::string to;
  CLI::App* backup = app.add_subcommand("backup", "write a consistent copy of the database, safe while serving");
  add_db(backup);
  backup->add_option("--to", to, "file to write")->required();
  backup->callback([&] { rc = Backup(db, to); });

  CLI::App* demo = app.add_subcommand("demo", "seed clearly marked demo data (once; does nothing if present)");
  add_db(demo);
  demo->callback([&] { rc = Demo(db); });

  AddTallyCommand(app, rc);
  AddAllocationCommands(app, rc);
  AddScheduleCommand(app, rc);
  AddNotifyCommand(app, rc);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kin: %s\n", e.what());
    return 1;
  }
  return rc;
}
