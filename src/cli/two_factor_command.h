// `kin admin reset-two-factor`: turns a member's two-step sign-in off when they lost their authenticator.
#ifndef KIN_CLI_TWO_FACTOR_COMMAND_H_
#define KIN_CLI_TWO_FACTOR_COMMAND_H_

namespace CLI {
class App;
}  // namespace CLI

namespace kin::cli {

// Adds `reset-two-factor` under `admin`. Sets `exit_code`: 0 when done (also when it was not on); 1 with one
// message on stderr for an unknown handle or a database that cannot be opened.
void AddResetTwoFactorCommand(CLI::App& admin, int& exit_code);

}  // namespace kin::cli

#endif  // KIN_CLI_TWO_FACTOR_COMMAND_H_
