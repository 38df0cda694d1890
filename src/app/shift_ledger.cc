// The care-hours ledger: hours done per person and kind of work (src/schedule/ledger.h), with names for members.
#include <algorithm>

#include "app/shifts.h"
#include "schedule/ledger.h"

namespace kin {

namespace {

constexpr std::chrono::days kDefaultPeriod{28};
constexpr std::chrono::days kMaxPeriod{366};

}  // namespace

Result<CareHours> Shifts::CareHoursOf(const Caller& caller, const std::string& hub_slug,
                                      std::optional<Timestamp> from, std::optional<Timestamp> to) {
  const Timestamp end = to.value_or(ctx_.clock.Now());
  const Timestamp begin = from.value_or(end - kDefaultPeriod);
  if (end <= begin) return Status::InvalidField("to", "must be after from");
  if (end - begin > kMaxPeriod) return Status::InvalidField("to", "must be at most 366 days after from");
  return ReadValue<CareHours>(ctx_.store, [&](ReadTx& tx) -> Result<CareHours> {
    Result<Hub> hub = tx.GetHubBySlug(hub_slug);
    if (!hub.ok()) return hub.status();
    const bool member = !caller.anonymous() && tx.GetMembership(hub->id, *caller.member).has_value();
    std::vector<MemberInHub> members;
    if (member) {
      PageRequest page{"", 200};
      do {
        Page<MemberInHub> p = tx.ListMembers(hub->id, page);
        for (MemberInHub& m : p.items) members.push_back(std::move(m));
        page.after = p.next;
      } while (!page.after.empty());
      std::sort(members.begin(), members.end(), [](const MemberInHub& a, const MemberInHub& b) {
        return a.member.display_name < b.member.display_name;
      });
    }
    std::vector<MemberId> order;
    for (const MemberInHub& m : members) order.push_back(m.member.id);
    schedule::Ledger ledger = schedule::BuildLedger(tx.ListHoursDone(hub->id, begin, end), order);
    CareHours out;
    out.hub_name = hub->settings.name;
    out.from = begin;
    out.to = end;
    out.names_shown = member;
    out.roles = ledger.roles;
    out.minutes_by_role = ledger.minutes_by_role;
    out.total_minutes = ledger.total_minutes;
    out.people = static_cast<int>(ledger.rows.size());
    if (member) {
      for (const schedule::LedgerRow& row : ledger.rows) {
        auto it = std::find_if(members.begin(), members.end(),
                               [&](const MemberInHub& m) { return m.member.id == row.member; });
        // Someone who has left the hub keeps their hours in the totals but is no longer named.
        if (it == members.end()) continue;
        out.rows.push_back({it->member.display_name, row.minutes_by_role, row.total_minutes});
      }
    }
    return out;
  });
}

}  // namespace kin
