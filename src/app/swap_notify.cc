#include "app/swap_notify.h"

#include <string>

#include "app/notifications.h"
#include "schedule/civil_time.h"

namespace kin {

namespace {

// Where the member sees their swaps and can accept or decline one (the web page "my shifts").
constexpr const char* kMyShiftsPath = "/me/shifts";

// Only what both members already see on the shift pages: the other's display name, and each place's shift,
// place, role and start on the hub's clock.
Status AddPlace(WriteTx& tx, const SignupId& id, const std::string& prefix, MessageParams& params) {
  Result<Signup> place = tx.GetSignup(id);
  if (!place.ok()) return place.status();
  Result<Shift> shift = tx.GetShift(place->shift);
  if (!shift.ok()) return shift.status();
  params.emplace_back(prefix + "shift", shift->details.name);
  params.emplace_back(prefix + "place", shift->details.place);
  params.emplace_back(prefix + "role", place->role);
  params.emplace_back(prefix + "when", schedule::FormatLocalTime(place->local_start));
  return Status::Ok();
}

// The server's address and the page's path: a link in an email; a path alone when the address is not known.
std::string MyShiftsLink(std::string public_url) {
  while (!public_url.empty() && public_url.back() == '/') public_url.pop_back();
  return public_url + kMyShiftsPath;
}

Status QueueAbout(WriteTx& tx, const Swap& swap, const std::string& kind, const MemberId& to, const MemberId& who,
                  const std::string& public_url, Timestamp now) {
  Result<Hub> hub = tx.GetHub(swap.hub);
  if (!hub.ok()) return hub.status();
  Result<Member> other = tx.GetMember(who);
  OutboxMessage m;
  m.hub = swap.hub;
  m.member = to;
  m.kind = kind;
  // No name is stored: "who_member" lets the message show the name they have when it is read or sent (none once
  // they left), as the pages do, so deleting an account leaves no copy of the name in others' messages.
  m.params = {{"who", ""}, {"who_member", who.value}};
  Status s = AddPlace(tx, swap.signup, "", m.params);
  if (s.ok() && swap.exchange) s = AddPlace(tx, *swap.exchange, "ex_", m.params);
  if (!s.ok()) return s;
  m.params.emplace_back("zone", hub->settings.time_zone);
  m.params.emplace_back("link", MyShiftsLink(public_url));
  // A swap is proposed once and decided once: its id keys each message, so a transaction run again after a
  // busy database queues nothing twice.
  m.dedupe_key = kind + ":" + swap.id.value;
  m.created_at = now;
  return Notifications::Queue(tx, std::move(m));
}

}  // namespace

Status QueueSwapProposed(WriteTx& tx, const Swap& swap, const std::string& public_url, Timestamp now) {
  return QueueAbout(tx, swap, "shift.swap_proposed", swap.to, swap.from, public_url, now);
}

Status QueueSwapDecided(WriteTx& tx, const Swap& swap, const MemberId& decided_by, const std::string& public_url,
                        Timestamp now) {
  if (swap.status == SwapStatus::kAccepted) {
    return QueueAbout(tx, swap, "shift.swap_accepted", swap.from, swap.to, public_url, now);
  }
  if (decided_by == swap.from) {
    return QueueAbout(tx, swap, "shift.swap_withdrawn", swap.to, swap.from, public_url, now);
  }
  return QueueAbout(tx, swap, "shift.swap_declined", swap.from, swap.to, public_url, now);
}

}  // namespace kin
