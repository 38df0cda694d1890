#include "schedule/ledger.h"

#include <set>

namespace kin::schedule {

Ledger BuildLedger(const std::vector<Signup>& places, const std::vector<MemberId>& order) {
  Ledger ledger;
  std::map<MemberId, LedgerRow> rows;
  std::vector<MemberId> met;
  std::set<std::string> roles;
  for (const Signup& p : places) {
    if (p.status != SignupStatus::kConfirmed || !p.minutes_done || p.no_show_by) continue;
    auto [it, inserted] = rows.try_emplace(p.member);
    if (inserted) {
      it->second.member = p.member;
      met.push_back(p.member);
    }
    it->second.minutes_by_role[p.role] += *p.minutes_done;
    it->second.total_minutes += *p.minutes_done;
    ledger.minutes_by_role[p.role] += *p.minutes_done;
    ledger.total_minutes += *p.minutes_done;
    roles.insert(p.role);
  }
  ledger.roles.assign(roles.begin(), roles.end());
  std::set<MemberId> placed;
  for (const MemberId& m : order) {
    auto it = rows.find(m);
    if (it != rows.end() && placed.insert(m).second) ledger.rows.push_back(it->second);
  }
  for (const MemberId& m : met) {
    if (placed.insert(m).second) ledger.rows.push_back(rows[m]);
  }
  return ledger;
}

}  // namespace kin::schedule
