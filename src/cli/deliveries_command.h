// `kin admin deliveries`: the operator's view of the federation delivery queue, per target inbox: what is
// pending, since when, when it is tried next and why it failed; what was delivered or given up lately.
#ifndef KIN_CLI_DELIVERIES_COMMAND_H_
#define KIN_CLI_DELIVERIES_COMMAND_H_

namespace CLI {
class App;
}  // namespace CLI

namespace kin::cli {

// Adds `deliveries` under `admin`. Sets `exit_code`: 0 when printed; 1 with one message on stderr otherwise.
void AddDeliveriesCommand(CLI::App& admin, int& exit_code);

}  // namespace kin::cli

#endif  // KIN_CLI_DELIVERIES_COMMAND_H_
