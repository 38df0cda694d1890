#include "cli/deliveries_command.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>

#include "app/app.h"
#include "cli/commands.h"
#include "http/time_format.h"

namespace kin::cli {
namespace {

struct DeliveriesFlags {
  std::string db = "kin.db";
  int days = 7;
};

std::string When(const std::optional<Timestamp>& t) { return t ? http::FormatRfc3339(*t) : "-"; }

int Run(const DeliveriesFlags& flags) {
  Result<OpenedStore> opened = OpenStore(flags.db);
  if (!opened.ok()) {
    std::fprintf(stderr, "kin admin deliveries: %s\n", opened.status().message().c_str());
    return 1;
  }
  SystemClock clock;
  App app(*opened->store, clock);
  Result<std::vector<DeliveryQueueLine>> queue = app.federation.DeliveryQueue(flags.days);
  if (!queue.ok()) {
    std::fprintf(stderr, "kin admin deliveries: %s\n", queue.status().message().c_str());
    return 1;
  }
  if (queue->empty()) {
    std::printf("nothing pending, and nothing delivered or given up in the last %d days\n", flags.days);
    return 0;
  }
  std::printf("%-8s %-21s %-21s %-10s %-8s %s\n", "pending", "oldest pending", "next try",
              ("sent " + std::to_string(flags.days) + "d").c_str(), "gave up", "inbox");
  for (const DeliveryQueueLine& l : *queue) {
    std::printf("%-8lld %-21s %-21s %-10lld %-8lld %s\n", static_cast<long long>(l.pending),
                When(l.oldest_pending).c_str(), When(l.next_attempt).c_str(), static_cast<long long>(l.delivered),
                static_cast<long long>(l.gave_up), l.inbox.c_str());
    if (!l.last_error.empty()) std::printf("         last error: %s\n", l.last_error.c_str());
    // One inbox's deliveries go in the order they were queued: only the oldest is tried, at the next try shown.
    if (l.pending > 1) {
      std::printf("         %lld waiting behind the oldest, sent in order once it is delivered or given up\n",
                  static_cast<long long>(l.pending - 1));
    }
  }
  return 0;
}

}  // namespace

void AddDeliveriesCommand(CLI::App& admin, int& exit_code) {
  auto flags = std::make_shared<DeliveriesFlags>();
  CLI::App* cmd = admin.add_subcommand(
      "deliveries", "the federation delivery queue per target inbox: pending, since when, next try, last error, how many wait "
      "behind the oldest");
  cmd->add_option("--db", flags->db, "SQLite database file")->envname("KIN_DB")->capture_default_str();
  cmd->add_option("--days", flags->days, "also count what was delivered or given up in this many days")
      ->check(CLI::Range(1, 3650))
      ->capture_default_str();
  cmd->callback([flags, &exit_code] { exit_code = Run(*flags); });
}

}  // namespace kin::cli
