// Shifts (issue 6): coordinators schedule recurring care and kitchen work; members sign up, leave before the
// hub's cut-off, swap with each other, check in, record the hours they did and mark absent fellows. Every rule
// lives in src/core/shift.h and src/schedule; this class reads, checks roles and writes, one transaction each.
#ifndef KIN_APP_SHIFTS_H_
#define KIN_APP_SHIFTS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/context.h"
#include "core/hub.h"
#include "core/shift.h"

namespace kin {

// One occurrence of a shift and who holds or waits for a place in it.
struct OccurrenceView {
  LocalSeconds occurrence{};  // recurrence id: names the occurrence in URLs and sign-ups
  LocalSeconds local_start{};
  Timestamp start{};
  Timestamp end{};
  bool moved = false;
  std::vector<Signup> signups;  // active ones, in the order people signed up
};

struct ShiftView {
  Shift shift;
  std::string time_zone;
  std::vector<OccurrenceView> occurrences;  // those starting in the window asked for
};

struct SignupView {
  Signup signup;
  std::string shift_name;
  std::string place;
};

struct MySchedule {
  std::vector<SignupView> signups;  // active, by start
  std::vector<Swap> swaps;          // open swaps the person made or was asked to take
};

// An occurrence with free places, as the public feed shows it.
struct OpenOccurrence {
  size_t shift = 0;              // index into OpenShifts::shifts
  OccurrenceView occurrence;     // signups left empty: the public never sees who holds a place
  std::vector<std::pair<std::string, int>> free;  // role, free places (only roles with some)
};

struct OpenShifts {
  std::string hub_name;
  std::vector<Shift> shifts;
  std::vector<OpenOccurrence> occurrences;  // by start
};

// The care-hours ledger of a hub over a period. Names are shown to the hub's members only; others see the totals
// per kind of work and how many people did them. Rows are in alphabetical order of names: never a ranking.
struct CareHoursRow {
  std::string name;  // the member's display name
  std::map<std::string, int> minutes_by_role;
  int total_minutes = 0;
};

struct CareHours {
  std::string hub_name;
  Timestamp from{};
  Timestamp to{};
  bool names_shown = false;
  std::vector<std::string> roles;  // kinds of work with hours, alphabetical
  std::vector<CareHoursRow> rows;  // empty unless names_shown
  std::map<std::string, int> minutes_by_role;
  int total_minutes = 0;
  int people = 0;
};

// A one-off change to one occurrence: cancel it, or move it to another local start.
struct OccurrenceChange {
  bool cancelled = false;
  std::optional<LocalSeconds> start;
};

// --- Read models of the web pages (shift_pages.cc). ---
// Names of the people holding places, by member id: given only to members of the hub (every caller of these).
using MemberNames = std::map<std::string, std::string>;

struct BoardOccurrence {
  size_t shift = 0;  // index into ShiftBoard::shifts
  OccurrenceView occurrence;
};

// A hub's coming shift occurrences in a window, by start, with the places and the policy that governs them.
struct ShiftBoard {
  Hub hub;
  ShiftPolicy policy;
  std::vector<Shift> shifts;
  std::vector<BoardOccurrence> occurrences;
  MemberNames names;
};

// One of the caller's places as "my shifts" lists it (or a fellow's place a swap names).
struct MyPlace {
  Signup signup;
  std::string shift_name;
  std::string place;
  std::string hub_slug;
  std::string time_zone;
  int waiting_position = 0;  // 1 for the first on the waiting list of its role; 0 when confirmed
};

// An open swap with both places it names, as the caller sees it.
struct MyPlaceSwap {
  Swap swap;
  MyPlace offered;                  // the place offered (held by swap.from)
  std::optional<MyPlace> exchange;  // the place swap.to would give back, for an exchange
  std::string other_name;           // the other member's display name
  bool incoming = false;            // the caller is asked to take it
  // Both places are still held by the one giving them, confirmed and not started; when false, accepting would be
  // refused (one of them was left, cancelled or given away meanwhile) and the page says so.
  bool still_possible = true;
};

// One occurrence with everything its page shows: places, names, and the open swaps of the caller on it.
struct OccurrenceDetail {
  Hub hub;
  ShiftPolicy policy;
  Shift shift;
  OccurrenceView occurrence;
  MemberNames names;
  // Open swaps the caller made or was asked to take that name a place on this occurrence (offered or exchanged).
  std::vector<MyPlaceSwap> swaps;
};

struct MyPlaces {
  std::vector<MyPlace> places;     // active, from now on, by start
  std::vector<MyPlaceSwap> swaps;  // open
};

class Shifts {
 public:
  explicit Shifts(AppContext& ctx) : ctx_(ctx) {}

  // Members read the policy; coordinators set it.
  Result<ShiftPolicy> GetPolicy(const Caller& caller, const std::string& hub_slug);
  Result<ShiftPolicy> SetPolicy(const Caller& caller, const std::string& hub_slug, const ShiftPolicy& policy);

  // Coordinators create and replace shifts. The recurrence is checked in the hub's zone (a start inside a
  // daylight-saving gap, a bad RRULE part and exdates that are not occurrences are invalid input). Replacing a
  // shift keeps its one-off changes and re-times the places people hold; it is a conflict if an occurrence
  // someone holds a place in would disappear.
  Result<Shift> Create(const Caller& caller, const std::string& hub_slug, const ShiftDetails& details);
  Result<Shift> Replace(const Caller& caller, const ShiftId& id, const ShiftDetails& details);
  // Coordinators cancel or move one occurrence. Places in a cancelled occurrence are withdrawn; places in a
  // moved one follow it.
  Result<Shift> ChangeOccurrence(const Caller& caller, const ShiftId& id, LocalSeconds occurrence,
                                 const OccurrenceChange& change);

  // Members of the hub. `from`/`to` bound the occurrences shown (default: now to 28 days on; at most 92 days).
  Result<Page<Shift>> List(const Caller& caller, const std::string& hub_slug, const PageRequest& page);
  Result<ShiftView> Get(const Caller& caller, const ShiftId& id, std::optional<Timestamp> from,
                        std::optional<Timestamp> to);

  // A member takes a place in `role` on one occurrence: confirmed while there is room, else on the waiting
  // list, or a conflict ("full") when `wait` is false. `qualified` confirms the person holds the slot's stated
  // qualification (required when it states one).
  Result<Signup> SignUp(const Caller& caller, const ShiftId& id, LocalSeconds occurrence, const std::string& role,
                        bool qualified, bool wait = true);
  // The person's own place. A freed confirmed place goes to the first on the waiting list.
  Result<Signup> Withdraw(const Caller& caller, const SignupId& id);
  Result<Signup> CheckIn(const Caller& caller, const SignupId& id);
  Result<Signup> RecordHours(const Caller& caller, const SignupId& id, int minutes);
  // By a fellow member with a checked-in place on the same occurrence; never by a coordinator as such.
  Result<Signup> MarkNoShow(const Caller& caller, const SignupId& id);

  // The holder of a confirmed place offers it to another member of the hub, optionally for one of theirs.
  Result<Swap> ProposeSwap(const Caller& caller, const SignupId& id, const MemberId& to,
                           const std::optional<SignupId>& exchange);
  // Only the member asked may accept; either side may decline (the proposer withdraws the offer).
  Result<Swap> AcceptSwap(const Caller& caller, const SwapId& id);
  Result<Swap> DeclineSwap(const Caller& caller, const SwapId& id);

  // The caller's places from `from` (default now) on, for 92 days, and their open swaps.
  Result<MySchedule> Mine(const Caller& caller, std::optional<Timestamp> from);

  // --- Calendar feeds (shift_calendar.cc). ---
  // Occurrences of the hub's shifts in the next 60 days that still have a free place, for anyone (the public
  // feed): shift details and free places per role, never who holds a place. kNotFound for an unknown hub.
  Result<OpenShifts> OpenOccurrences(const std::string& hub_slug);
  // A new private feed token for the caller, replacing (so revoking) any earlier one. Only its hash is stored.
  Result<std::string> NewCalendarToken(const Caller& caller);
  Status RevokeCalendarToken(const Caller& caller);
  // The places of the member whose feed `token` opens, from 30 days ago to 62 days on; kNotFound otherwise.
  Result<MySchedule> CalendarOf(const std::string& token);

  // --- Notifications (shift_notify.cc), run by the minute sweeper. ---
  // Queues, in one transaction, the reminders now due (each person's offsets, 24 h and 2 h by default; only the
  // latest one due); then, in one transaction per hub, "this shift still has empty slots" alerts for occurrences
  // in the next 48 hours below a slot's minimum, to members of the hub who are free then. Each message is queued
  // once. Returns how many, or the first hub's failure after every other hub was done.
  Result<int> QueueDueNotifications();

  // --- Care-hours ledger (shift_ledger.cc). ---
  // Hours done in [from, to) (default the 28 days up to now; at most 366 days), for anyone; names for members.
  Result<CareHours> CareHoursOf(const Caller& caller, const std::string& hub_slug, std::optional<Timestamp> from,
                                std::optional<Timestamp> to);

  // --- Web pages (shift_pages.cc). Members of the hub only; names are theirs to see. ---
  // Occurrences of every shift of the hub starting in [from, to) (at most 31 days), by start.
  Result<ShiftBoard> Board(const Caller& caller, const std::string& hub_slug, Timestamp from, Timestamp to);
  Result<OccurrenceDetail> OccurrenceOf(const Caller& caller, const ShiftId& id, LocalSeconds occurrence);
  // The caller's places from now on (92 days), with their waiting-list positions, and their open swaps.
  Result<MyPlaces> Places(const Caller& caller);
  // The places of `to` the caller may ask for in exchange for their place `id`: `to`'s confirmed places in the
  // same hub, not started, in the next 92 days, that accepting the swap would take now (nobody ends up with two
  // overlapping places or over the popular-shift cap), by start. The refusals of ProposeSwap for a place that
  // cannot be offered to `to` (kInvalid on "to" for someone who is not another member of the hub).
  Result<std::vector<MyPlace>> ExchangeChoices(const Caller& caller, const SignupId& id, const MemberId& to);
  // Coordinators check a series before saving it: the same checks as Create, then the first `count` local
  // starts from dtstart on (as `kin schedule preview` prints them).
  Result<std::vector<LocalSeconds>> Preview(const Caller& caller, const std::string& hub_slug,
                                            const ShiftDetails& details, size_t count);

 private:
  AppContext& ctx_;
};

}  // namespace kin

#endif  // KIN_APP_SHIFTS_H_
