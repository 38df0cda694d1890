// Calendar feeds of shifts: the public feed of a hub's open shifts and each member's private feed.
#include <algorithm>

#include "app/shift_series.h"
#include "app/shifts.h"
#include "crypto/tokens.h"

namespace kin {

namespace {

constexpr std::chrono::days kOpenWindow{60};
constexpr std::chrono::days kFeedPast{30};
constexpr size_t kMaxOpen = 500;

}  // namespace

Result<OpenShifts> Shifts::OpenOccurrences(const std::string& hub_slug) {
  Timestamp now = ctx_.clock.Now();
  return ReadValue<OpenShifts>(ctx_.store, [&](ReadTx& tx) -> Result<OpenShifts> {
    Result<Hub> hub = tx.GetHubBySlug(hub_slug);
    if (!hub.ok()) return hub.status();
    Result<schedule::Zone> zone = ZoneOfHub(*hub);
    if (!zone.ok()) return zone.status();
    OpenShifts out;
    out.hub_name = hub->settings.name;
    PageRequest page{"", 200};
    do {
      Page<Shift> shifts = tx.ListShifts(hub->id, page);
      for (Shift& s : shifts.items) out.shifts.push_back(std::move(s));
      page.after = shifts.next;
    } while (!page.after.empty());
    for (size_t index = 0; index < out.shifts.size(); ++index) {
      const Shift& shift = out.shifts[index];
      Result<std::vector<OccurrenceView>> occurrences = OccurrencesOf(shift, *zone, now, now + kOpenWindow);
      if (!occurrences.ok()) return occurrences.status();
      std::vector<Signup> places = tx.ListShiftSignups(shift.id, now, now + kOpenWindow + std::chrono::days(2));
      for (OccurrenceView& o : *occurrences) {
        OpenOccurrence open{index, o, {}};
        for (const ShiftSlot& slot : shift.details.slots) {
          const int taken = static_cast<int>(std::count_if(places.begin(), places.end(), [&](const Signup& p) {
            return p.occurrence == o.occurrence && p.role == slot.role && p.status == SignupStatus::kConfirmed;
          }));
          if (taken < slot.max_people) open.free.emplace_back(slot.role, slot.max_people - taken);
        }
        if (!open.free.empty()) out.occurrences.push_back(std::move(open));
      }
    }
    std::stable_sort(out.occurrences.begin(), out.occurrences.end(),
                     [](const OpenOccurrence& a, const OpenOccurrence& b) {
                       return a.occurrence.start < b.occurrence.start;
                     });
    if (out.occurrences.size() > kMaxOpen) out.occurrences.resize(kMaxOpen);
    return out;
  });
}

Result<std::string> Shifts::NewCalendarToken(const Caller& caller) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to get your calendar link");
  Timestamp now = ctx_.clock.Now();
  std::string token = RandomToken();
  Status s = ctx_.store.Write([&](WriteTx& tx) {
    Status put = tx.PutCalendarToken(*caller.member, HashToken(token), now);
    if (!put.ok()) return put;
    for (const Membership& m : tx.ListMembershipsOf(*caller.member)) {
      Status e = RecordEvent(tx, m.hub, now, caller.actor(), "calendar.token_created", caller.member->value);
      if (!e.ok()) return e;
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return token;
}

Status Shifts::RevokeCalendarToken(const Caller& caller) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to manage your calendar link");
  return ctx_.store.Write([&](WriteTx& tx) { return tx.DeleteCalendarToken(*caller.member); });
}

Result<MySchedule> Shifts::CalendarOf(const std::string& token) {
  Timestamp now = ctx_.clock.Now();
  Result<MemberId> member = ReadValue<MemberId>(ctx_.store, [&](ReadTx& tx) {
    return tx.GetCalendarTokenMember(HashToken(token));
  });
  if (!member.ok()) return Status::NotFound("no such calendar (the link may have been replaced or revoked)");
  return Mine(Caller{*member}, now - kFeedPast);  // Mine covers 92 days: 30 past, 62 ahead
}

}  // namespace kin
