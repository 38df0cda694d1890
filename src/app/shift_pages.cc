// What the shift pages read: a hub's board of coming occurrences, one occurrence with its people, the caller's
// places with their waiting-list positions, and a preview of a series before it is saved.
#include <algorithm>

#include "app/access.h"
#include "app/shift_place_rules.h"
#include "app/shift_series.h"
#include "app/shifts.h"
#include "schedule/recurrence.h"

namespace kin {

namespace {

constexpr std::chrono::days kMaxBoardWindow{31};
constexpr std::chrono::days kPlacesWindow{92};
constexpr size_t kMaxPreview = 100;

void AddName(ReadTx& tx, MemberNames& names, const MemberId& id) {
  if (names.count(id.value)) return;
  Result<Member> m = tx.GetMember(id);
  // Someone who deleted their account keeps their place in the counts without a name.
  names[id.value] = m.ok() ? m->display_name : "";
}

std::vector<Shift> AllShifts(ReadTx& tx, const HubId& hub) {
  std::vector<Shift> out;
  PageRequest page{"", 200};
  for (;;) {
    Page<Shift> batch = tx.ListShifts(hub, page);
    for (Shift& s : batch.items) out.push_back(std::move(s));
    if (batch.next.empty()) return out;
    page.after = batch.next;
  }
}

// 1 for the first waiting for the place's role, 2 for the next...; 0 for a confirmed place.
int WaitingPosition(ReadTx& tx, const Signup& place) {
  if (place.status != SignupStatus::kWaiting) return 0;
  int position = 0;
  for (const Signup& s : tx.ListOccurrenceSignups(place.shift, place.occurrence)) {
    if (s.status != SignupStatus::kWaiting || s.role != place.role) continue;
    ++position;
    if (s.id == place.id) return position;
  }
  return position;
}

Result<MyPlace> PlaceView(ReadTx& tx, const Signup& s) {
  Result<Shift> shift = tx.GetShift(s.shift);
  if (!shift.ok()) return shift.status();
  Result<Hub> hub = tx.GetHub(s.hub);
  if (!hub.ok()) return hub.status();
  return MyPlace{s, shift->details.name, shift->details.place, hub->slug, hub->settings.time_zone,
                 WaitingPosition(tx, s)};
}

// A place `holder` can still give: theirs, confirmed, not started.
bool StillHeld(const Signup& place, const MemberId& holder, Timestamp now) {
  return place.member == holder && place.status == SignupStatus::kConfirmed && now < place.start;
}

// An open swap with both its places, seen by `me` (one of its two members).
Result<MyPlaceSwap> SwapView(ReadTx& tx, const Swap& swap, const MemberId& me, Timestamp now) {
  MyPlaceSwap out;
  out.swap = swap;
  out.incoming = swap.to == me;
  Result<Signup> offered = tx.GetSignup(swap.signup);
  if (!offered.ok()) return offered.status();
  Result<MyPlace> place = PlaceView(tx, *offered);
  if (!place.ok()) return place.status();
  out.offered = std::move(*place);
  out.still_possible = StillHeld(*offered, swap.from, now);
  if (swap.exchange) {
    Result<Signup> back = tx.GetSignup(*swap.exchange);
    if (!back.ok()) return back.status();
    Result<MyPlace> back_place = PlaceView(tx, *back);
    if (!back_place.ok()) return back_place.status();
    out.exchange = std::move(*back_place);
    out.still_possible = out.still_possible && StillHeld(*back, swap.to, now);
  }
  Result<Member> other = tx.GetMember(out.incoming ? swap.from : swap.to);
  out.other_name = other.ok() ? other->display_name : "";
  return out;
}

}  // namespace

Result<ShiftBoard> Shifts::Board(const Caller& caller, const std::string& hub_slug, Timestamp from, Timestamp to) {
  if (to <= from) return Status::InvalidField("to", "must be after from");
  if (to - from > kMaxBoardWindow) return Status::InvalidField("to", "must be at most 31 days after from");
  return ReadValue<ShiftBoard>(ctx_.store, [&](ReadTx& tx) -> Result<ShiftBoard> {
    Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
    if (!access.ok()) return access.status();
    Result<schedule::Zone> zone = ZoneOfHub(access->hub);
    if (!zone.ok()) return zone.status();
    ShiftBoard board{access->hub, tx.GetShiftPolicy(access->hub.id), AllShifts(tx, access->hub.id), {}, {}};
    for (size_t i = 0; i < board.shifts.size(); ++i) {
      const Shift& shift = board.shifts[i];
      Result<std::vector<OccurrenceView>> occurrences = OccurrencesOf(shift, *zone, from, to);
      if (!occurrences.ok()) return occurrences.status();
      std::vector<Signup> places = tx.ListShiftSignups(shift.id, from, to);
      for (OccurrenceView& o : *occurrences) {
        for (const Signup& p : places) {
          if (p.occurrence != o.occurrence || !p.active()) continue;
          o.signups.push_back(p);
          AddName(tx, board.names, p.member);
        }
        board.occurrences.push_back({i, std::move(o)});
      }
    }
    std::stable_sort(board.occurrences.begin(), board.occurrences.end(),
                     [](const BoardOccurrence& a, const BoardOccurrence& b) {
                       return a.occurrence.start < b.occurrence.start;
                     });
    return board;
  });
}

Result<OccurrenceDetail> Shifts::OccurrenceOf(const Caller& caller, const ShiftId& id, LocalSeconds occurrence) {
  Timestamp now = ctx_.clock.Now();
  return ReadValue<OccurrenceDetail>(ctx_.store, [&](ReadTx& tx) -> Result<OccurrenceDetail> {
    if (caller.anonymous()) return Status::Unauthenticated("sign in to see shifts");
    Result<Shift> shift = tx.GetShift(id);
    if (!shift.ok() || !tx.GetMembership(shift->hub, *caller.member)) return Status::NotFound("shift not found");
    Result<Hub> hub = tx.GetHub(shift->hub);
    if (!hub.ok()) return hub.status();
    Result<schedule::Zone> zone = ZoneOfHub(*hub);
    if (!zone.ok()) return zone.status();
    Result<OccurrenceView> found = FindOccurrence(*shift, *zone, occurrence);
    if (!found.ok()) return found.status();
    OccurrenceDetail out{*hub, tx.GetShiftPolicy(hub->id), *shift, std::move(*found), {}, {}};
    for (const Signup& p : tx.ListOccurrenceSignups(id, occurrence)) {
      if (!p.active()) continue;
      out.occurrence.signups.push_back(p);
      AddName(tx, out.names, p.member);
    }
    for (const Swap& swap : tx.ListOpenSwapsOf(*caller.member)) {
      Result<MyPlaceSwap> view = SwapView(tx, swap, *caller.member, now);
      if (!view.ok()) return view.status();
      auto here = [&](const MyPlace& p) { return p.signup.shift == id && p.signup.occurrence == occurrence; };
      if (!here(view->offered) && !(view->exchange && here(*view->exchange))) continue;
      AddName(tx, out.names, swap.from);
      AddName(tx, out.names, swap.to);
      out.swaps.push_back(std::move(*view));
    }
    return out;
  });
}

Result<MyPlaces> Shifts::Places(const Caller& caller) {
  Timestamp now = ctx_.clock.Now();
  return ReadValue<MyPlaces>(ctx_.store, [&](ReadTx& tx) -> Result<MyPlaces> {
    if (caller.anonymous()) return Status::Unauthenticated("sign in to see your shifts");
    MyPlaces out;
    for (const Signup& s : tx.ListMemberSignups(*caller.member, now, now + kPlacesWindow)) {
      if (!s.active()) continue;
      Result<MyPlace> place = PlaceView(tx, s);
      if (!place.ok()) return place.status();
      out.places.push_back(std::move(*place));
    }
    for (const Swap& swap : tx.ListOpenSwapsOf(*caller.member)) {
      Result<MyPlaceSwap> view = SwapView(tx, swap, *caller.member, now);
      if (!view.ok()) return view.status();
      out.swaps.push_back(std::move(*view));
    }
    return out;
  });
}

Result<std::vector<MyPlace>> Shifts::ExchangeChoices(const Caller& caller, const SignupId& id, const MemberId& to) {
  Timestamp now = ctx_.clock.Now();
  return ReadValue<std::vector<MyPlace>>(ctx_.store, [&](ReadTx& tx) -> Result<std::vector<MyPlace>> {
    Result<Signup> given = OfferablePlace(tx, caller, id, to, now);
    if (!given.ok()) return given.status();
    std::vector<MyPlace> out;
    for (const Signup& theirs : tx.ListMemberSignups(to, now, now + kPlacesWindow)) {
      if (theirs.hub != given->hub || !StillHeld(theirs, to, now)) continue;
      // The same role on the same occurrence: swapping would change nothing.
      const bool same = theirs.shift == given->shift && theirs.occurrence == given->occurrence;
      if (same && theirs.role == given->role) continue;
      if (!CheckSwapFits(tx, *given, *caller.member, to, theirs).ok()) continue;
      Result<MyPlace> place = PlaceView(tx, theirs);
      if (!place.ok()) return place.status();
      out.push_back(std::move(*place));
    }
    return out;
  });
}

Result<std::vector<LocalSeconds>> Shifts::Preview(const Caller& caller, const std::string& hub_slug,
                                                  const ShiftDetails& details, size_t count) {
  return ReadValue<std::vector<LocalSeconds>>(ctx_.store, [&](ReadTx& tx) -> Result<std::vector<LocalSeconds>> {
    Result<HubAccess> access = RequireRoleIn(tx, caller, hub_slug, Role::kCoordinator);
    if (!access.ok()) return access.status();
    Result<schedule::Zone> zone = ZoneOfHub(access->hub);
    if (!zone.ok()) return zone.status();
    Status s = ValidateShiftDetails(details);
    if (!s.ok()) return s;
    schedule::Recurrence series = SeriesOf(details, {});
    s = schedule::CheckRecurrence(series, *zone);
    if (!s.ok()) return s;
    // From the first occurrence to 100 years on, as `kin schedule preview` does: finite for endless rules.
    const Timestamp first = zone->ToUtc(details.dtstart).utc;
    Result<std::vector<schedule::Occurrence>> expanded = schedule::Expand(
        series, *zone, {first, first + std::chrono::days(36525), std::min(count, kMaxPreview)});
    if (!expanded.ok()) return expanded.status();
    std::vector<LocalSeconds> out;
    for (const schedule::Occurrence& o : *expanded) out.push_back(o.local_start);
    return out;
  });
}

}  // namespace kin
