#include "cli/notify_command.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include "app/app.h"
#include "cli/commands.h"
#include "cli/smtp_sender.h"

namespace kin::cli {

void AddNotifyCommand(CLI::App& app, int& exit_code) {
  struct Flags {
    std::string db = "kin.db";
    bool send = false;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* notify = app.add_subcommand("notify", "notifications: reminders and alerts to members");
  notify->require_subcommand(1);
  CLI::App* sweep = notify->add_subcommand("sweep", "queue the reminders, empty-slot alerts and closing-vote notices due now, once");
  sweep->add_option("--db", flags->db, "SQLite database file")->envname("KIN_DB")->capture_default_str();
  sweep->add_flag("--send", flags->send, "also send queued email through each hub's mail server");
  sweep->callback([flags, &exit_code] {
    Result<OpenedStore> opened = OpenStore(flags->db, 1);
    if (!opened.ok()) {
      std::fprintf(stderr, "kin notify sweep: %s\n", opened.status().message().c_str());
      exit_code = 1;
      return;
    }
    SystemClock clock;
    App kin(*opened->store, clock);
    Result<int> queued = kin.shifts.QueueDueNotifications();
    Result<int> closing = queued.ok() ? kin.assembly.RemindClosing() : queued;
    Result<int> council = closing.ok() ? kin.councils.RemindClosing() : closing;
    if (closing.ok() && !council.ok()) closing = council;
    if (!closing.ok()) {
      std::fprintf(stderr, "kin notify sweep: %s\n", closing.status().ToString().c_str());
      exit_code = 1;
      return;
    }
    std::printf("queued %d\n", *queued + *closing + *council);
    if (flags->send) {
      CurlSmtpSender sender;
      Result<int> sent = kin.notifications.Deliver(sender);
      if (!sent.ok()) {
        std::fprintf(stderr, "kin notify sweep: %s\n", sent.status().ToString().c_str());
        exit_code = 1;
        return;
      }
      std::printf("sent %d\n", *sent);
    }
    exit_code = 0;
  });
}

}  // namespace kin::cli
