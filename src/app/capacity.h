// Capacity: shelter beds, childcare places, meals per service. Intake and coordinators set how many
// places a date or slot has, give them to needs and release them; every member sees the occupancy.
#ifndef KIN_APP_CAPACITY_H_
#define KIN_APP_CAPACITY_H_

#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/context.h"
#include "core/capacity.h"

namespace kin {

struct SlotRef {
  Date date{};
  std::string label;  // "" for the whole day
};

class CapacityService {
 public:
  explicit CapacityService(AppContext& ctx) : ctx_(ctx) {}

  Result<CapacityPool> CreatePool(const Caller& caller, const std::string& hub_slug,
                                  const CapacityPoolDetails& d);
  Result<CapacityPool> GetPool(const Caller& caller, const CapacityPoolId& id);
  Result<Page<CapacityPool>> ListPools(const Caller& caller, const std::string& hub_slug,
                                       const PageRequest& page);

  // Sets (or changes) how many places the slot has; kConflict when lower than what is allocated.
  Result<CapacitySlot> SetSlot(const Caller& caller, const CapacityPoolId& pool,
                               const SlotRef& slot, int capacity);

  // Slots from..to inclusive (at most kMaxOccupancyDays), by date: of the hub, or of one pool when
  // `pool` is set. `from` defaults to the hub's today (in its time zone, see hub_today.h), `to` to six
  // days after `from`.
  Result<std::vector<CapacitySlot>> Occupancy(const Caller& caller, const std::string& hub_slug,
                                              const std::optional<CapacityPoolId>& pool,
                                              std::optional<Date> from, std::optional<Date> to);

  // Gives `quantity` places of the slot to a need of the same hub that is not closed. The check and
  // the change share one write transaction, so concurrent allocations never overbook a slot.
  Result<CapacityAllocation> Allocate(const Caller& caller, const CapacityPoolId& pool,
                                      const SlotRef& slot, const NeedId& need, int quantity);
  Result<CapacityAllocation> Release(const Caller& caller, const CapacityAllocationId& id);
  Result<Page<CapacityAllocation>> ListAllocations(const Caller& caller, const CapacityPoolId& pool,
                                                   const PageRequest& page);

 private:
  AppContext& ctx_;
};

}  // namespace kin

#endif  // KIN_APP_CAPACITY_H_
