// `kin notify sweep`: queues the shift reminders and empty-slot alerts due now (what `kin serve` does every
// minute), for operators and tests that need it at once.
#ifndef KIN_CLI_NOTIFY_COMMAND_H_
#define KIN_CLI_NOTIFY_COMMAND_H_

namespace CLI {
class App;
}  // namespace CLI

namespace kin::cli {

// Adds `notify sweep --db FILE [--send]`; prints how many messages were queued (and sent, with --send). Sets
// `exit_code` 0, or 1 when the database cannot be opened or the sweep fails.
void AddNotifyCommand(CLI::App& app, int& exit_code);

}  // namespace kin::cli

#endif  // KIN_CLI_NOTIFY_COMMAND_H_
