// Capacity: places that exist per date or per slot of a date (shelter beds a night, childcare
// places a morning, meals a service), given to needs and released again. A slot never holds more
// allocations than its capacity.
#ifndef KIN_CORE_CAPACITY_H_
#define KIN_CORE_CAPACITY_H_

#include <optional>
#include <string>

#include "core/calendar_date.h"
#include "core/ids.h"
#include "core/need.h"
#include "core/status.h"
#include "core/time.h"

namespace kin {

using CapacityPoolId = Id<struct CapacityPoolTag>;
using CapacityAllocationId = Id<struct CapacityAllocationTag>;

constexpr int kMaxSlotCapacity = 100000;
constexpr int kMaxOccupancyDays = 92;  // the longest range one occupancy view covers

struct CapacityPoolDetails {
  std::string name;         // "Shelter beds at St Anne's"
  std::string category;     // "shelter", "childcare", "meals"
  std::string unit;         // "bed", "place", "meal"
  std::string description;  // where, who for, how to arrive
};

struct CapacityPool {
  CapacityPoolId id;
  HubId hub;
  CapacityPoolDetails details;
  Timestamp created_at{};
  Timestamp updated_at{};
};

// One date, optionally one named slot of it ("night", "lunch", "morning"); the empty label is the
// whole day.
struct CapacitySlot {
  CapacityPoolId pool;
  HubId hub;
  Date date{};
  std::string label;
  int capacity = 0;
  int allocated = 0;  // sum of held allocations

  int free() const { return capacity - allocated; }
};

enum class AllocationStatus { kHeld, kReleased };
const char* AllocationStatusName(AllocationStatus s);
std::optional<AllocationStatus> ParseAllocationStatus(const std::string& name);

struct CapacityAllocation {
  CapacityAllocationId id;
  HubId hub;
  CapacityPoolId pool;
  Date date{};
  std::string label;
  NeedId need;
  int quantity = 0;
  AllocationStatus status = AllocationStatus::kHeld;
  std::string actor;  // who allocated it
  Timestamp created_at{};
  std::optional<Timestamp> released_at;
};

Status ValidateCapacityPoolDetails(const CapacityPoolDetails& d);

// A slot label: empty (the whole day) or a short word ("night").
Status ValidateSlotLabel(const std::string& label);

// Setting a slot's capacity: 0..kMaxSlotCapacity, and never below what is already allocated
// (kConflict).
Status CheckSlotCapacity(int capacity, int allocated, const std::string& unit);

// Allocating `quantity` (1..kMaxSlotCapacity) from a slot: kConflict naming what is free when it
// does not fit.
Status CheckAllocation(const CapacitySlot& slot, int quantity, const std::string& unit);

// Places go to needs that are not closed.
Status CheckAllocateTo(NeedStatus status);

Status CheckAllocationRelease(AllocationStatus status);

// An occupancy view's range: from <= to, at most kMaxOccupancyDays days.
Status CheckOccupancyRange(Date from, Date to);

}  // namespace kin

#endif  // KIN_CORE_CAPACITY_H_
