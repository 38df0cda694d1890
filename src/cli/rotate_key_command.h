// `kin admin rotate-key`: re-seal every stored secret under a new key while `kin serve` keeps serving, and
// `--retire-old` to drop old keys once nothing uses them (docs/security.md).
#ifndef KIN_CLI_ROTATE_KEY_COMMAND_H_
#define KIN_CLI_ROTATE_KEY_COMMAND_H_

namespace CLI {
class App;
}  // namespace CLI

namespace kin::cli {

// Adds `rotate-key` under `admin`. Sets `exit_code`: 0 when done; 1 with one message on stderr otherwise
// (missing or unsafe key file, values no key opens, retiring while old keys are still in use).
void AddRotateKeyCommand(CLI::App& admin, int& exit_code);

}  // namespace kin::cli

#endif  // KIN_CLI_ROTATE_KEY_COMMAND_H_
