// The care-hours ledger: hours actually done, per person and kind of work, over a period, to see who carries the
// load and to invite more people in. Never a currency and never a ranking: rows keep the order the caller gives
// (kin uses names in alphabetical order), and nothing here compares people.
#ifndef KIN_SCHEDULE_LEDGER_H_
#define KIN_SCHEDULE_LEDGER_H_

#include <map>
#include <string>
#include <vector>

#include "core/shift.h"

namespace kin::schedule {

struct LedgerRow {
  MemberId member;
  std::map<std::string, int> minutes_by_role;  // kind of work (the slot's role) -> minutes done
  int total_minutes = 0;
};

struct Ledger {
  std::vector<std::string> roles;               // every kind of work that has hours, alphabetical
  std::vector<LedgerRow> rows;                  // one per person with hours, in `order`
  std::map<std::string, int> minutes_by_role;   // the hub's totals
  int total_minutes = 0;
};

// Sums the recorded hours of confirmed places (minutes_done set, not marked absent). `order` lists members in the
// order rows must appear; people with hours who are not in it come last, in the order first met.
Ledger BuildLedger(const std::vector<Signup>& places, const std::vector<MemberId>& order);

}  // namespace kin::schedule

#endif  // KIN_SCHEDULE_LEDGER_H_
