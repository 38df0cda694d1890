// `kin simulate city` and `kin allocate`: the allocation engine from the command line, on JSON files.
#ifndef KIN_CLI_ALLOCATE_COMMAND_H_
#define KIN_CLI_ALLOCATE_COMMAND_H_

#include <CLI/CLI.hpp>

namespace kin::cli {

// Adds the `simulate` (with `city`) and `allocate` subcommands to `app`. Their callbacks set `exit_code`:
// 0 done, 2 bad input (malformed JSON, a bad field; the message names the item and field), 1 anything else.
void AddAllocationCommands(CLI::App& app, int& exit_code);

}  // namespace kin::cli

#endif  // KIN_CLI_ALLOCATE_COMMAND_H_
