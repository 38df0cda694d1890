#include "cli/two_factor_command.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>

#include "app/app.h"
#include "cli/commands.h"

namespace kin::cli {
namespace {

struct Flags {
  std::string db = "kin.db";
  std::string handle;
};

int Run(const Flags& flags) {
  Result<OpenedStore> opened = OpenStore(flags.db);
  if (!opened.ok()) {
    std::fprintf(stderr, "kin admin reset-two-factor: %s\n", opened.status().message().c_str());
    return 1;
  }
  SystemClock clock;
  App app(*opened->store, clock);
  Result<bool> was_on = app.two_factor.TurnOffAsAdmin(flags.handle);
  if (!was_on.ok()) {
    std::fprintf(stderr, "kin admin reset-two-factor: %s\n", was_on.status().message().c_str());
    return 1;
  }
  std::printf("%s: two-step sign-in %s; every sign-in of theirs has ended\n", flags.handle.c_str(),
              *was_on ? "is now off" : "was not on");
  return 0;
}

}  // namespace

void AddResetTwoFactorCommand(CLI::App& admin, int& exit_code) {
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = admin.add_subcommand(
      "reset-two-factor", "turn off a member's two-step sign-in (lost phone) and end their sign-ins");
  cmd->add_option("--db", flags->db, "SQLite database file")->envname("KIN_DB")->capture_default_str();
  cmd->add_option("--handle", flags->handle, "the member's handle")->required();
  cmd->callback([flags, &exit_code] { exit_code = Run(*flags); });
}

}  // namespace kin::cli
