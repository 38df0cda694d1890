// Reminders and empty-slot alerts for shifts, computed from the schedule (src/schedule/reminders.h) and queued
// in the notification outbox.
#include <algorithm>
#include <map>
#include <set>

#include "app/notifications.h"
#include "app/shift_series.h"
#include "app/shifts.h"
#include "core/qualification.h"
#include "schedule/civil_time.h"
#include "schedule/reminders.h"

namespace kin {

namespace {

// The longest reminder offset a person can choose (see ValidateReminderOffsets).
constexpr std::chrono::days kReminderReach{15};

template <typename T, typename ListPage>
std::vector<T> All(ListPage list) {
  std::vector<T> out;
  PageRequest page{"", 200};
  do {
    Page<T> p = list(page);
    for (T& item : p.items) out.push_back(std::move(item));
    page.after = p.next;
  } while (!page.after.empty());
  return out;
}

Status QueueReminders(WriteTx& tx, Timestamp now, int& queued) {
  for (const Signup& place : tx.ListSignupsStarting(now, now + kReminderReach)) {
    const std::vector<Minutes> offsets = tx.GetReminderOffsets(place.member).value_or(kDefaultReminderOffsets);
    std::optional<Minutes> due = schedule::ReminderDue(place.start, offsets, now);
    if (!due) continue;
    Result<Shift> shift = tx.GetShift(place.shift);
    if (!shift.ok()) return shift.status();
    Result<Hub> hub = tx.GetHub(place.hub);
    if (!hub.ok()) return hub.status();
    OutboxMessage m;
    m.hub = place.hub;
    m.member = place.member;
    m.kind = "shift.reminder";
    m.params = {{"shift", shift->details.name},
                {"place", shift->details.place},
                {"role", place.role},
                {"when", schedule::FormatLocalTime(place.local_start)},
                {"zone", hub->settings.time_zone},
                {"waiting", place.status == SignupStatus::kWaiting ? "1" : ""}};
    // Keyed by holder and start too: a new holder after a swap, or a moved occurrence, gets its own reminder.
    m.dedupe_key = "shift.reminder:" + place.id.value + ":" + place.member.value + ":" +
                   std::to_string(place.start.time_since_epoch().count()) + ":" + std::to_string(due->count());
    m.created_at = now;
    bool added = false;
    Status s = Notifications::Queue(tx, std::move(m), &added);
    if (!s.ok()) return s;
    queued += added ? 1 : 0;
  }
  return Status::Ok();
}

// What each member of the hub holds (core/qualification.h): qualifications confirmed by taking a place in a
// slot that states them, and skills listed on active offers.
std::map<MemberId, std::vector<std::string>> HeldQualifications(ReadTx& tx, const HubId& hub) {
  std::map<MemberId, std::vector<std::string>> held;
  for (auto& [member, qualification] : tx.ListConfirmedQualifications(hub)) {
    held[member].push_back(std::move(qualification));
  }
  OfferFilter active;
  active.status = OfferStatus::kActive;
  for (const Offer& offer : All<Offer>([&](const PageRequest& p) { return tx.ListOffers(hub, active, p); })) {
    auto& mine = held[offer.member];
    mine.insert(mine.end(), offer.details.skills.begin(), offer.details.skills.end());
  }
  return held;
}

Status QueueEmptySlotAlerts(WriteTx& tx, const Hub& hub, Timestamp now, int& queued) {
  Result<schedule::Zone> zone = ZoneOfHub(hub);
  if (!zone.ok()) return zone.status();
  const auto shifts = All<Shift>([&](const PageRequest& p) { return tx.ListShifts(hub.id, p); });
  std::optional<std::vector<MemberInHub>> members;  // read once per hub, and only if some shift is short
  std::optional<std::map<MemberId, std::vector<std::string>>> held;  // likewise, if a short slot needs one
  for (const Shift& shift : shifts) {
    Result<std::vector<OccurrenceView>> occurrences =
        OccurrencesOf(shift, *zone, now, now + schedule::kEmptySlotAlertAhead);
    if (!occurrences.ok()) return occurrences.status();
    for (const OccurrenceView& o : *occurrences) {
      std::vector<Signup> places = tx.ListOccurrenceSignups(shift.id, o.occurrence);
      std::vector<schedule::ShortSlot> short_slots = schedule::ShortSlots(shift.details.slots, places);
      if (short_slots.empty()) continue;
      if (!members) members = All<MemberInHub>([&](const PageRequest& p) { return tx.ListMembers(hub.id, p); });
      std::set<MemberId> on_it;
      for (const Signup& p : places) {
        if (p.active()) on_it.insert(p.member);
      }
      // Each short slot with what it requires; a slot that states a qualification is offered only to those
      // who hold it, so a medic's slot does not call on everyone.
      std::vector<std::pair<const schedule::ShortSlot*, std::string>> needs;
      for (const auto& slot : short_slots) {
        auto it = std::find_if(shift.details.slots.begin(), shift.details.slots.end(),
                               [&](const ShiftSlot& s) { return s.role == slot.role; });
        needs.emplace_back(&slot, it == shift.details.slots.end() ? "" : it->qualification);
        if (!needs.back().second.empty() && !held) held = HeldQualifications(tx, hub.id);
      }
      static const std::vector<std::string> kNone;
      for (const MemberInHub& candidate : *members) {
        const MemberId& who = candidate.member.id;
        if (on_it.contains(who)) continue;
        const std::vector<std::string>* theirs = &kNone;
        if (held) {
          auto it = held->find(who);
          if (it != held->end()) theirs = &it->second;
        }
        std::string wanted;
        for (const auto& [slot, qualification] : needs) {
          if (!HoldsQualification(qualification, *theirs)) continue;
          wanted += (wanted.empty() ? "" : ", ") + std::to_string(slot->missing) + " " + slot->role;
          if (!qualification.empty()) wanted += " (" + qualification + ")";
        }
        if (wanted.empty() || !tx.ListMemberSignups(who, o.start, o.end).empty()) continue;
        OutboxMessage m;
        m.hub = hub.id;
        m.member = who;
        m.kind = "shift.empty_slots";
        m.params = {{"shift", shift.details.name},
                    {"place", shift.details.place},
                    {"when", schedule::FormatLocalTime(o.local_start)},
                    {"zone", hub.settings.time_zone},
                    {"wanted", wanted}};
        m.dedupe_key = "shift.empty_slots:" + shift.id.value + ":" + schedule::FormatLocalTime(o.occurrence) +
                       ":" + who.value;
        m.created_at = now;
        bool added = false;
        Status s = Notifications::Queue(tx, std::move(m), &added);
        if (!s.ok()) return s;
        queued += added ? 1 : 0;
      }
    }
  }
  return Status::Ok();
}

}  // namespace

Result<int> Shifts::QueueDueNotifications() {
  Timestamp now = ctx_.clock.Now();
  Result<int> queued = WriteValue<int>(ctx_.store, [&](WriteTx& tx) -> Result<int> {
    int n = 0;
    Status s = QueueReminders(tx, now, n);
    if (!s.ok()) return s;
    return n;
  });
  if (!queued.ok()) return queued;
  Result<std::vector<Hub>> hubs = ReadValue<std::vector<Hub>>(ctx_.store, [](ReadTx& tx) -> Result<std::vector<Hub>> {
    return All<Hub>([&](const PageRequest& p) { return tx.ListHubs(p); });
  });
  if (!hubs.ok()) return hubs.status();
  // One transaction per hub: the write lock is held for one hub's shifts at a time, and a hub whose settings
  // fail (a time zone the system no longer knows) does not keep the alerts of the others from going out.
  Status first_failure;
  for (const Hub& hub : *hubs) {
    Result<int> n = WriteValue<int>(ctx_.store, [&](WriteTx& tx) -> Result<int> {
      int added = 0;
      Status s = QueueEmptySlotAlerts(tx, hub, now, added);
      if (!s.ok()) return s;
      return added;
    });
    if (n.ok()) *queued += *n;
    else if (first_failure.ok()) first_failure = n.status();
  }
  if (!first_failure.ok()) return first_failure;
  return queued;
}

}  // namespace kin
