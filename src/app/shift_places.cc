// Places on shift occurrences: signing up, the waiting list, leaving, check-in, hours, no-shows and swaps.
#include <algorithm>
#include <string_view>

#include "app/access.h"
#include "app/shift_place_rules.h"
#include "app/shift_series.h"
#include "app/shifts.h"
#include "app/swap_notify.h"
#include "crypto/tokens.h"
#include "schedule/civil_time.h"
#include "schedule/shift_rules.h"

namespace kin {

namespace {

constexpr std::chrono::days kMineWindow{92};
// Wide enough to hold any calendar week or month around a start, for the popular-shift cap.
constexpr std::chrono::days kCapReach{32};

std::string When(const Signup& s) { return schedule::FormatLocalTimeReadable(s.local_start); }

// The caller's own place, or kNotFound when it is not theirs to act on (others' places are not revealed).
Result<Signup> OwnPlace(ReadTx& tx, const Caller& caller, const SignupId& id) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to manage your shifts");
  Result<Signup> place = tx.GetSignup(id);
  if (!place.ok() || !tx.GetMembership(place->hub, *caller.member)) return Status::NotFound("sign-up not found");
  if (place->member != *caller.member) return Status::Forbidden("this is someone else's place on the shift");
  return place;
}

}  // namespace

Status CheckFree(ReadTx& tx, const MemberId& member, Timestamp start, Timestamp end,
                 std::initializer_list<const SignupId*> ignore, const std::string& who) {
  std::vector<Signup> mine = tx.ListMemberSignups(member, start, end);
  std::erase_if(mine, [&](const Signup& s) {
    return std::any_of(ignore.begin(), ignore.end(), [&](const SignupId* i) { return i && *i == s.id; });
  });
  const Signup* clash = schedule::FindCollision(mine, start, end);
  if (clash == nullptr) return Status::Ok();
  Result<Shift> other = tx.GetShift(clash->shift);
  const std::string name = other.ok() ? other->details.name : "another shift";
  return Status::Conflict(who + " already " + (who == "you" ? "have" : "has") + " a place on \"" + name +
                          "\" at " + When(*clash) + ", which overlaps this one");
}

Result<Signup> OfferablePlace(ReadTx& tx, const Caller& caller, const SignupId& id, const MemberId& to,
                              Timestamp now) {
  Result<Signup> place = OwnPlace(tx, caller, id);
  if (!place.ok()) return place.status();
  if (place->status != SignupStatus::kConfirmed) return Status::Conflict("only a confirmed place can be swapped");
  if (now >= place->start) return Status::Conflict("this shift has already started");
  if (to == *caller.member) return Status::InvalidField("to", "is you; name the member to swap with");
  if (!tx.GetMembership(place->hub, to)) return Status::InvalidField("to", "is not a member of this hub");
  for (const Swap& open : tx.ListOpenSwapsOf(*caller.member)) {
    if (open.signup == place->id) return Status::Conflict("this place already has an open swap; decline it first");
  }
  return place;
}

Status CheckSwapFits(ReadTx& tx, const Signup& given, const MemberId& from, const MemberId& to,
                     const std::optional<Signup>& back) {
  const SignupId* back_id = back ? &back->id : nullptr;
  Status s = CheckFree(tx, to, given.start, given.end, {back_id}, "you");
  if (s.ok() && back) s = CheckFree(tx, from, back->start, back->end, {&given.id}, "the other member");
  if (!s.ok()) return s;
  // A swap must not get round the hub's cap on popular shifts, in either direction (the place each gives away no
  // longer counts for them).
  const ShiftPolicy policy = tx.GetShiftPolicy(given.hub);
  auto cap = [&](const MemberId& who, const Signup& taken, const Signup* given_away) {
    std::vector<Signup> nearby = tx.ListMemberSignups(who, taken.start - kCapReach, taken.start + kCapReach);
    std::erase_if(nearby, [&](const Signup& p) { return given_away && p.id == given_away->id; });
    return schedule::CheckPopularCap(nearby, taken.local_start, policy);
  };
  if (given.popular) {
    s = cap(to, given, back ? &*back : nullptr);
    if (!s.ok()) return s;
  }
  if (back && back->popular) {
    s = cap(from, *back, &given);
    constexpr std::string_view kYou = "you already hold ";
    if (!s.ok() && s.message().starts_with(kYou)) {
      return Status::Conflict("the other member already holds " + s.message().substr(kYou.size()));
    }
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Result<Signup> Shifts::SignUp(const Caller& caller, const ShiftId& id, LocalSeconds occurrence,
                              const std::string& role, bool qualified, bool wait) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Signup>(ctx_.store, [&](WriteTx& tx) -> Result<Signup> {
    if (caller.anonymous()) return Status::Unauthenticated("sign in to take a shift");
    Result<Shift> shift = tx.GetShift(id);
    if (!shift.ok() || !tx.GetMembership(shift->hub, *caller.member)) return Status::NotFound("shift not found");
    auto slot = std::find_if(shift->details.slots.begin(), shift->details.slots.end(),
                             [&](const ShiftSlot& s) { return s.role == role; });
    if (slot == shift->details.slots.end()) {
      std::string roles;
      for (const ShiftSlot& s : shift->details.slots) roles += (roles.empty() ? "" : ", ") + s.role;
      return Status::InvalidField("role", "this shift has no slot \"" + role + "\"; its slots are " + roles);
    }
    if (!slot->qualification.empty() && !qualified) {
      return Status::InvalidField("qualified", "this slot needs \"" + slot->qualification +
                                                   "\"; confirm you hold it to sign up");
    }
    Result<Hub> hub = tx.GetHub(shift->hub);
    if (!hub.ok()) return hub.status();
    Result<schedule::Zone> zone = ZoneOfHub(*hub);
    if (!zone.ok()) return zone.status();
    Result<OccurrenceView> o = FindOccurrence(*shift, *zone, occurrence);
    if (!o.ok()) return o.status();
    ShiftPolicy policy = tx.GetShiftPolicy(shift->hub);
    Status s = schedule::CheckSignupWindow(now, o->start, policy);
    if (!s.ok()) return s;
    s = CheckFree(tx, *caller.member, o->start, o->end, {}, "you");
    if (!s.ok()) return s;
    if (shift->details.popular) {
      std::vector<Signup> nearby =
          tx.ListMemberSignups(*caller.member, o->start - kCapReach, o->start + kCapReach);
      s = schedule::CheckPopularCap(nearby, o->local_start, policy);
      if (!s.ok()) return s;
    }
    std::vector<Signup> all = tx.ListOccurrenceSignups(shift->id, occurrence);
    const int confirmed = static_cast<int>(std::count_if(all.begin(), all.end(), [&](const Signup& p) {
      return p.role == role && p.status == SignupStatus::kConfirmed;
    }));
    Signup place;
    place.id = SignupId{RandomId("signup")};
    place.hub = shift->hub;
    place.shift = shift->id;
    place.occurrence = occurrence;
    place.role = role;
    place.member = *caller.member;
    place.status = schedule::PlaceFor(confirmed, *slot);
    if (place.status == SignupStatus::kWaiting && !wait) {
      return Status::Conflict("the " + role + " slot is full (" + std::to_string(confirmed) + " of " +
                              std::to_string(slot->max_people) + "); join the waiting list or pick another slot");
    }
    place.start = o->start;
    place.end = o->end;
    place.local_start = o->local_start;
    place.popular = shift->details.popular;
    place.created_at = place.updated_at = now;
    s = tx.InsertSignup(place);
    if (s.ok()) {
      s = RecordEvent(tx, shift->hub, now, caller.actor(),
                      place.status == SignupStatus::kConfirmed ? "shift.signed_up" : "shift.waiting_list",
                      place.id.value, shift->id.value + " " + schedule::FormatLocalTime(occurrence) + " " + role);
    }
    if (!s.ok()) return s;
    return place;
  });
}

Result<Signup> Shifts::Withdraw(const Caller& caller, const SignupId& id) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Signup>(ctx_.store, [&](WriteTx& tx) -> Result<Signup> {
    Result<Signup> place = OwnPlace(tx, caller, id);
    if (!place.ok()) return place.status();
    Status s = schedule::CheckWithdraw(now, *place, tx.GetShiftPolicy(place->hub));
    if (!s.ok()) return s;
    const bool freed = place->status == SignupStatus::kConfirmed;
    place->status = SignupStatus::kWithdrawn;
    place->updated_at = now;
    s = tx.UpdateSignup(*place);
    if (s.ok()) s = RecordEvent(tx, place->hub, now, caller.actor(), "shift.withdrawn", place->id.value);
    if (!s.ok()) return s;
    if (freed) {
      std::vector<Signup> all = tx.ListOccurrenceSignups(place->shift, place->occurrence);
      if (const Signup* next = schedule::NextFromWaitingList(all, place->role)) {
        Signup promoted = *next;
        promoted.status = SignupStatus::kConfirmed;
        promoted.updated_at = now;
        s = tx.UpdateSignup(promoted);
        if (s.ok()) s = RecordEvent(tx, place->hub, now, "kin", "shift.promoted", promoted.id.value);
        if (!s.ok()) return s;
      }
    }
    return *place;
  });
}

Result<Signup> Shifts::CheckIn(const Caller& caller, const SignupId& id) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Signup>(ctx_.store, [&](WriteTx& tx) -> Result<Signup> {
    Result<Signup> place = OwnPlace(tx, caller, id);
    if (!place.ok()) return place.status();
    Status s = schedule::CheckCheckIn(now, *place);
    if (!s.ok()) return s;
    place->checked_in_at = now;
    place->updated_at = now;
    s = tx.UpdateSignup(*place);
    if (s.ok()) s = RecordEvent(tx, place->hub, now, caller.actor(), "shift.checked_in", place->id.value);
    if (!s.ok()) return s;
    return *place;
  });
}

Result<Signup> Shifts::RecordHours(const Caller& caller, const SignupId& id, int minutes) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Signup>(ctx_.store, [&](WriteTx& tx) -> Result<Signup> {
    Result<Signup> place = OwnPlace(tx, caller, id);
    if (!place.ok()) return place.status();
    Status s = schedule::CheckHoursDone(now, *place, minutes);
    if (!s.ok()) return s;
    place->minutes_done = minutes;
    place->updated_at = now;
    s = tx.UpdateSignup(*place);
    if (s.ok()) s = RecordEvent(tx, place->hub, now, caller.actor(), "shift.hours_recorded", place->id.value,
                                std::to_string(minutes));
    if (!s.ok()) return s;
    return *place;
  });
}

Result<Signup> Shifts::MarkNoShow(const Caller& caller, const SignupId& id) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Signup>(ctx_.store, [&](WriteTx& tx) -> Result<Signup> {
    if (caller.anonymous()) return Status::Unauthenticated("sign in to manage your shifts");
    Result<Signup> absent = tx.GetSignup(id);
    if (!absent.ok() || !tx.GetMembership(absent->hub, *caller.member)) return Status::NotFound("sign-up not found");
    std::vector<Signup> all = tx.ListOccurrenceSignups(absent->shift, absent->occurrence);
    const Signup* marker = nullptr;
    for (const Signup& p : all) {
      if (p.member == *caller.member && p.active()) marker = &p;
    }
    Status s = schedule::CheckNoShow(now, marker, *absent);
    if (!s.ok()) return s;
    absent->no_show_by = *caller.member;
    absent->updated_at = now;
    s = tx.UpdateSignup(*absent);
    if (s.ok()) s = RecordEvent(tx, absent->hub, now, caller.actor(), "shift.no_show", absent->id.value);
    if (!s.ok()) return s;
    return *absent;
  });
}

Result<Swap> Shifts::ProposeSwap(const Caller& caller, const SignupId& id, const MemberId& to,
                                 const std::optional<SignupId>& exchange) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Swap>(ctx_.store, [&](WriteTx& tx) -> Result<Swap> {
    Result<Signup> place = OfferablePlace(tx, caller, id, to, now);
    if (!place.ok()) return place.status();
    if (exchange) {
      Result<Signup> theirs = tx.GetSignup(*exchange);
      if (!theirs.ok() || theirs->hub != place->hub || theirs->member != to ||
          theirs->status != SignupStatus::kConfirmed) {
        return Status::InvalidField("exchange", "must be a confirmed place held by the member you name");
      }
      if (now >= theirs->start) return Status::InvalidField("exchange", "has already started");
    }
    Swap swap;
    swap.id = SwapId{RandomId("swap")};
    swap.hub = place->hub;
    swap.signup = place->id;
    swap.from = *caller.member;
    swap.to = to;
    swap.exchange = exchange;
    swap.created_at = now;
    Status s = tx.InsertSwap(swap);
    if (s.ok()) s = RecordEvent(tx, place->hub, now, caller.actor(), "shift.swap_proposed", swap.id.value);
    if (s.ok()) s = QueueSwapProposed(tx, swap, ctx_.options.public_url, now);
    if (!s.ok()) return s;
    return swap;
  });
}

Result<Swap> Shifts::AcceptSwap(const Caller& caller, const SwapId& id) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Swap>(ctx_.store, [&](WriteTx& tx) -> Result<Swap> {
    if (caller.anonymous()) return Status::Unauthenticated("sign in to manage your shifts");
    Result<Swap> swap = tx.GetSwap(id);
    if (!swap.ok() || (swap->from != *caller.member && swap->to != *caller.member)) {
      return Status::NotFound("swap not found");
    }
    if (swap->to != *caller.member) return Status::Forbidden("only the member asked can accept this swap");
    if (swap->status != SwapStatus::kProposed) {
      return Status::Conflict(std::string("this swap was already ") + SwapStatusName(swap->status));
    }
    Result<Signup> given = tx.GetSignup(swap->signup);
    if (!given.ok()) return given.status();
    if (given->member != swap->from || given->status != SignupStatus::kConfirmed || now >= given->start) {
      return Status::Conflict("the place offered is no longer available");
    }
    std::optional<Signup> back;
    if (swap->exchange) {
      Result<Signup> theirs = tx.GetSignup(*swap->exchange);
      if (!theirs.ok()) return theirs.status();
      if (theirs->member != swap->to || theirs->status != SignupStatus::kConfirmed || now >= theirs->start) {
        return Status::Conflict("the place you would give back is no longer yours to give");
      }
      back = *theirs;
    }
    Status s = CheckSwapFits(tx, *given, swap->from, swap->to, back);
    if (!s.ok()) return s;
    given->member = swap->to;
    given->checked_in_at.reset();
    given->updated_at = now;
    s = tx.UpdateSignup(*given);
    if (s.ok() && back) {
      back->member = swap->from;
      back->checked_in_at.reset();
      back->updated_at = now;
      s = tx.UpdateSignup(*back);
    }
    if (!s.ok()) return s;
    swap->status = SwapStatus::kAccepted;
    swap->decided_at = now;
    s = tx.UpdateSwap(*swap);
    if (s.ok()) s = RecordEvent(tx, swap->hub, now, caller.actor(), "shift.swap_accepted", swap->id.value);
    if (s.ok()) s = QueueSwapDecided(tx, *swap, *caller.member, ctx_.options.public_url, now);
    if (!s.ok()) return s;
    return *swap;
  });
}

Result<Swap> Shifts::DeclineSwap(const Caller& caller, const SwapId& id) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Swap>(ctx_.store, [&](WriteTx& tx) -> Result<Swap> {
    if (caller.anonymous()) return Status::Unauthenticated("sign in to manage your shifts");
    Result<Swap> swap = tx.GetSwap(id);
    if (!swap.ok() || (swap->from != *caller.member && swap->to != *caller.member)) {
      return Status::NotFound("swap not found");
    }
    if (swap->status != SwapStatus::kProposed) {
      return Status::Conflict(std::string("this swap was already ") + SwapStatusName(swap->status));
    }
    swap->status = SwapStatus::kDeclined;
    swap->decided_at = now;
    Status s = tx.UpdateSwap(*swap);
    if (s.ok()) s = RecordEvent(tx, swap->hub, now, caller.actor(), "shift.swap_declined", swap->id.value);
    if (s.ok()) s = QueueSwapDecided(tx, *swap, *caller.member, ctx_.options.public_url, now);
    if (!s.ok()) return s;
    return *swap;
  });
}

Result<MySchedule> Shifts::Mine(const Caller& caller, std::optional<Timestamp> from) {
  Timestamp begin = from.value_or(ctx_.clock.Now());
  return ReadValue<MySchedule>(ctx_.store, [&](ReadTx& tx) -> Result<MySchedule> {
    if (caller.anonymous()) return Status::Unauthenticated("sign in to see your shifts");
    MySchedule out;
    for (Signup& p : tx.ListMemberSignups(*caller.member, begin, begin + kMineWindow)) {
      Result<Shift> shift = tx.GetShift(p.shift);
      if (!shift.ok()) return shift.status();
      out.signups.push_back({std::move(p), shift->details.name, shift->details.place});
    }
    out.swaps = tx.ListOpenSwapsOf(*caller.member);
    return out;
  });
}

}  // namespace kin
