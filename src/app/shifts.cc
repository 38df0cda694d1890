// Shift series: policy, scheduling, one-off changes and reading. Places (sign-ups, swaps) are in shift_places.cc.
#include "app/shifts.h"

#include "app/access.h"
#include "app/shift_series.h"
#include "crypto/tokens.h"
#include "schedule/civil_time.h"

namespace kin {

namespace {

constexpr std::chrono::days kDefaultWindow{28};
constexpr std::chrono::days kMaxWindow{92};

Status CheckSeries(const ShiftDetails& details, const std::vector<ShiftOverride>& overrides,
                   const schedule::Zone& zone) {
  Status s = ValidateShiftDetails(details);
  if (!s.ok()) return s;
  return schedule::CheckRecurrence(SeriesOf(details, overrides), zone);
}

// After a shift's times changed: every active place from `now` on follows its occurrence, or the change is a
// conflict because an occurrence someone holds a place in would disappear.
Status RetimePlaces(WriteTx& tx, const Shift& shift, const schedule::Zone& zone, Timestamp now) {
  std::vector<Signup> places = tx.ListShiftSignups(shift.id, now, Timestamp::max());
  for (Signup& place : places) {
    Result<OccurrenceView> o = FindOccurrence(shift, zone, place.occurrence);
    if (!o.ok()) {
      if (o.status().kind() != StatusKind::kNotFound) return o.status();
      return Status::Conflict("people hold places on " + schedule::FormatLocalTimeReadable(place.occurrence) +
                              ", which the new schedule drops; cancel that occurrence first so they are told");
    }
    if (o->start == place.start && o->end == place.end) continue;
    place.start = o->start;
    place.end = o->end;
    place.local_start = o->local_start;
    place.updated_at = now;
    Status s = tx.UpdateSignup(place);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace

Result<ShiftPolicy> Shifts::GetPolicy(const Caller& caller, const std::string& hub_slug) {
  return ReadValue<ShiftPolicy>(ctx_.store, [&](ReadTx& tx) -> Result<ShiftPolicy> {
    Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
    if (!access.ok()) return access.status();
    return tx.GetShiftPolicy(access->hub.id);
  });
}

Result<ShiftPolicy> Shifts::SetPolicy(const Caller& caller, const std::string& hub_slug, const ShiftPolicy& policy) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<ShiftPolicy>(ctx_.store, [&](WriteTx& tx) -> Result<ShiftPolicy> {
    Result<HubAccess> access = RequireRoleIn(tx, caller, hub_slug, Role::kCoordinator);
    if (!access.ok()) return access.status();
    Status s = ValidateShiftPolicy(policy);
    if (s.ok()) s = tx.PutShiftPolicy(access->hub.id, policy);
    if (s.ok()) s = RecordEvent(tx, access->hub.id, now, caller.actor(), "shift_policy.updated", access->hub.id.value);
    if (!s.ok()) return s;
    return policy;
  });
}

Result<Shift> Shifts::Create(const Caller& caller, const std::string& hub_slug, const ShiftDetails& details) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Shift>(ctx_.store, [&](WriteTx& tx) -> Result<Shift> {
    Result<HubAccess> access = RequireRoleIn(tx, caller, hub_slug, Role::kCoordinator);
    if (!access.ok()) return access.status();
    Result<schedule::Zone> zone = ZoneOfHub(access->hub);
    if (!zone.ok()) return zone.status();
    Status s = CheckSeries(details, {}, *zone);
    if (!s.ok()) return s;
    Shift shift;
    shift.id = ShiftId{RandomId("shift")};
    shift.hub = access->hub.id;
    shift.details = details;
    shift.created_by = *caller.member;
    shift.created_at = shift.updated_at = now;
    s = tx.InsertShift(shift);
    if (s.ok()) s = RecordEvent(tx, access->hub.id, now, caller.actor(), "shift.created", shift.id.value, details.name);
    if (!s.ok()) return s;
    return shift;
  });
}

Result<Shift> Shifts::Replace(const Caller& caller, const ShiftId& id, const ShiftDetails& details) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Shift>(ctx_.store, [&](WriteTx& tx) -> Result<Shift> {
    Result<Shift> shift = tx.GetShift(id);
    if (!shift.ok()) return Status::NotFound("shift not found");
    if (caller.anonymous()) return Status::Unauthenticated("sign in to change shifts");
    if (!tx.GetMembership(shift->hub, *caller.member)) return Status::NotFound("shift not found");
    Result<Membership> m = RequireRole(tx, caller, shift->hub, Role::kCoordinator);
    if (!m.ok()) return m.status();
    Result<Hub> hub = tx.GetHub(shift->hub);
    if (!hub.ok()) return hub.status();
    Result<schedule::Zone> zone = ZoneOfHub(*hub);
    if (!zone.ok()) return zone.status();
    Status s = CheckSeries(details, shift->overrides, *zone);
    if (!s.ok()) return s;
    shift->details = details;
    shift->updated_at = now;
    s = tx.UpdateShift(*shift);
    if (s.ok()) s = RetimePlaces(tx, *shift, *zone, now);
    if (s.ok()) s = RecordEvent(tx, shift->hub, now, caller.actor(), "shift.updated", shift->id.value);
    if (!s.ok()) return s;
    return *shift;
  });
}

Result<Shift> Shifts::ChangeOccurrence(const Caller& caller, const ShiftId& id, LocalSeconds occurrence,
                                       const OccurrenceChange& change) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Shift>(ctx_.store, [&](WriteTx& tx) -> Result<Shift> {
    Result<Shift> shift = tx.GetShift(id);
    if (!shift.ok()) return Status::NotFound("shift not found");
    if (caller.anonymous()) return Status::Unauthenticated("sign in to change shifts");
    if (!tx.GetMembership(shift->hub, *caller.member)) return Status::NotFound("shift not found");
    Result<Membership> m = RequireRole(tx, caller, shift->hub, Role::kCoordinator);
    if (!m.ok()) return m.status();
    if (change.cancelled == change.start.has_value()) {
      return Status::InvalidField("start", change.cancelled ? "a cancelled occurrence has no new start"
                                                            : "is required unless cancelled is true");
    }
    Result<Hub> hub = tx.GetHub(shift->hub);
    if (!hub.ok()) return hub.status();
    Result<schedule::Zone> zone = ZoneOfHub(*hub);
    if (!zone.ok()) return zone.status();
    std::erase_if(shift->overrides, [&](const ShiftOverride& o) { return o.recurrence_id == occurrence; });
    shift->overrides.push_back({occurrence, change.cancelled, change.start});
    Status s = schedule::CheckRecurrence(SeriesOf(shift->details, shift->overrides), *zone);
    if (!s.ok()) {
      // The series' own fields are already valid, so any error is about this change: name it as the request does.
      if (s.kind() == StatusKind::kInvalid && !s.fields().empty()) {
        const std::string& field = s.fields().back().field;
        const bool about_start = field.find(".start") != std::string::npos;
        return Status::InvalidField(about_start ? "start" : "occurrence", s.fields().back().message);
      }
      return s;
    }
    shift->updated_at = now;
    s = tx.UpdateShift(*shift);
    if (!s.ok()) return s;
    if (change.cancelled) {
      for (Signup& place : tx.ListOccurrenceSignups(shift->id, occurrence)) {
        if (!place.active()) continue;
        place.status = SignupStatus::kWithdrawn;
        place.updated_at = now;
        s = tx.UpdateSignup(place);
        if (!s.ok()) return s;
      }
    } else {
      s = RetimePlaces(tx, *shift, *zone, now);
      if (!s.ok()) return s;
    }
    s = RecordEvent(tx, shift->hub, now, caller.actor(),
                    change.cancelled ? "shift.occurrence_cancelled" : "shift.occurrence_moved", shift->id.value,
                    schedule::FormatLocalTime(occurrence));
    if (!s.ok()) return s;
    return *shift;
  });
}

Result<Page<Shift>> Shifts::List(const Caller& caller, const std::string& hub_slug, const PageRequest& page) {
  return ReadValue<Page<Shift>>(ctx_.store, [&](ReadTx& tx) -> Result<Page<Shift>> {
    Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
    if (!access.ok()) return access.status();
    return tx.ListShifts(access->hub.id, page);
  });
}

Result<ShiftView> Shifts::Get(const Caller& caller, const ShiftId& id, std::optional<Timestamp> from,
                              std::optional<Timestamp> to) {
  Timestamp now = ctx_.clock.Now();
  Timestamp begin = from.value_or(now);
  Timestamp end = to.value_or(begin + kDefaultWindow);
  if (end <= begin) return Status::InvalidField("to", "must be after from");
  if (end - begin > kMaxWindow) return Status::InvalidField("to", "must be at most 92 days after from");
  return ReadValue<ShiftView>(ctx_.store, [&](ReadTx& tx) -> Result<ShiftView> {
    if (caller.anonymous()) return Status::Unauthenticated("sign in to see shifts");
    Result<Shift> shift = tx.GetShift(id);
    if (!shift.ok() || !tx.GetMembership(shift->hub, *caller.member)) return Status::NotFound("shift not found");
    Result<Hub> hub = tx.GetHub(shift->hub);
    if (!hub.ok()) return hub.status();
    Result<schedule::Zone> zone = ZoneOfHub(*hub);
    if (!zone.ok()) return zone.status();
    Result<std::vector<OccurrenceView>> occurrences = OccurrencesOf(*shift, *zone, begin, end);
    if (!occurrences.ok()) return occurrences.status();
    // Places are stored with their occurrence's start, so one query over the window (widened by the moved
    // occurrences' reach) finds them all.
    std::vector<Signup> places = tx.ListShiftSignups(shift->id, begin, end);
    for (OccurrenceView& o : *occurrences) {
      for (const Signup& p : places) {
        if (p.occurrence == o.occurrence) o.signups.push_back(p);
      }
    }
    return ShiftView{*shift, hub->settings.time_zone, std::move(*occurrences)};
  });
}

}  // namespace kin
