// `kin tally`: counts a BLT or CSV ballot file with IRV, STV, Meek STV or Schulze and prints the full report.
#ifndef KIN_CLI_TALLY_COMMAND_H_
#define KIN_CLI_TALLY_COMMAND_H_

namespace CLI {
class App;
}  // namespace CLI

namespace kin::cli {

// Adds the `tally` subcommand to `app`. When it runs, it sets `exit_code`: 0 after printing the count on stdout;
// 2 for bad input of any kind (unreadable file, syntax error with its line, unknown candidate, options that do
// not fit the election), with one message on stderr and nothing on stdout. Options are in docs/voting.md.
void AddTallyCommand(CLI::App& app, int& exit_code);

}  // namespace kin::cli

#endif  // KIN_CLI_TALLY_COMMAND_H_
