// `kin schedule preview`: prints the occurrences a recurrence rule gives, so a coordinator can check a rule
// before saving it.
#ifndef KIN_CLI_SCHEDULE_COMMAND_H_
#define KIN_CLI_SCHEDULE_COMMAND_H_

namespace CLI {
class App;
}  // namespace CLI

namespace kin::cli {

// Adds `schedule preview --rrule RULE --dtstart YYYYMMDDTHHMMSS [--tz ZONE] [--count N] [--exdate T]...`.
// Prints one occurrence per line as YYYYMMDDTHHMMSS, the local time in ZONE (floating when no zone is given),
// and sets `exit_code` 0; for bad input (the message names the flag and the RRULE part) prints one line on
// stderr, nothing on stdout, and sets 2.
void AddScheduleCommand(CLI::App& app, int& exit_code);

}  // namespace kin::cli

#endif  // KIN_CLI_SCHEDULE_COMMAND_H_
