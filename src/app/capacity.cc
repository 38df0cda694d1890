#include "app/capacity.h"

#include "app/hub_today.h"

#include "app/access.h"
#include "crypto/tokens.h"

namespace kin {
namespace {

struct VisiblePool {
  CapacityPool pool;
  Membership membership;
};

Result<VisiblePool> GetVisiblePool(ReadTx& tx, const Caller& caller, const CapacityPoolId& id) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to see this hub's capacity");
  Result<CapacityPool> pool = tx.GetCapacityPool(id);
  if (!pool.ok()) return Status::NotFound("capacity not found");
  std::optional<Membership> m = tx.GetMembership(pool->hub, *caller.member);
  if (!m) return Status::NotFound("capacity not found");
  return VisiblePool{std::move(*pool), *m};
}

Status RequireIntake(const Membership& m) {
  if (m.roles.Has(Role::kIntake) || m.roles.Has(Role::kCoordinator)) return Status::Ok();
  return Status::Forbidden("this needs the intake role in this hub");
}

std::string When(const SlotRef& s) {
  return FormatIsoDate(s.date) + (s.label.empty() ? "" : " " + s.label);
}

}  // namespace

Result<CapacityPool> CapacityService::CreatePool(const Caller& caller, const std::string& hub_slug,
                                                 const CapacityPoolDetails& d) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<CapacityPool>(ctx_.store, [&](WriteTx& tx) -> Result<CapacityPool> {
    Result<HubAccess> access = RequireRoleIn(tx, caller, hub_slug, Role::kIntake);
    if (!access.ok()) return access.status();
    Status s = ValidateCapacityPoolDetails(d);
    if (!s.ok()) return s;
    CapacityPool pool{CapacityPoolId{RandomId("cap")}, access->hub.id, d, now, now};
    s = tx.InsertCapacityPool(pool);
    if (s.ok())
      s = RecordEvent(tx, access->hub.id, now, caller.actor(), "capacity.created", pool.id.value, d.name);
    if (!s.ok()) return s;
    return pool;
  });
}

Result<CapacityPool> CapacityService::GetPool(const Caller& caller, const CapacityPoolId& id) {
  return ReadValue<CapacityPool>(ctx_.store, [&](ReadTx& tx) -> Result<CapacityPool> {
    Result<VisiblePool> v = GetVisiblePool(tx, caller, id);
    if (!v.ok()) return v.status();
    return v->pool;
  });
}

Result<Page<CapacityPool>> CapacityService::ListPools(const Caller& caller,
                                                      const std::string& hub_slug,
                                                      const PageRequest& page) {
  return ReadValue<Page<CapacityPool>>(ctx_.store, [&](ReadTx& tx) -> Result<Page<CapacityPool>> {
    Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
    if (!access.ok()) return access.status();
    return tx.ListCapacityPools(access->hub.id, page);
  });
}

Result<CapacitySlot> CapacityService::SetSlot(const Caller& caller, const CapacityPoolId& pool,
                                              const SlotRef& ref, int capacity) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<CapacitySlot>(ctx_.store, [&](WriteTx& tx) -> Result<CapacitySlot> {
    Result<VisiblePool> v = GetVisiblePool(tx, caller, pool);
    if (!v.ok()) return v.status();
    Status s = RequireIntake(v->membership);
    if (s.ok()) s = ValidateSlotLabel(ref.label);
    if (!s.ok()) return s;
    CapacitySlot slot = tx.GetCapacitySlot(pool, ref.date, ref.label)
                            .value_or(CapacitySlot{pool, v->pool.hub, ref.date, ref.label, 0, 0});
    s = CheckSlotCapacity(capacity, slot.allocated, v->pool.details.unit);
    if (!s.ok()) return s;
    slot.capacity = capacity;
    s = tx.PutCapacitySlot(slot);
    if (s.ok())
      s = RecordEvent(tx, v->pool.hub, now, caller.actor(), "capacity.slot_set", pool.value,
                      When(ref) + ": " + std::to_string(capacity) + " " + v->pool.details.unit);
    if (!s.ok()) return s;
    return slot;
  });
}

Result<std::vector<CapacitySlot>> CapacityService::Occupancy(
    const Caller& caller, const std::string& hub_slug, const std::optional<CapacityPoolId>& pool,
    std::optional<Date> from, std::optional<Date> to) {
  Timestamp now = ctx_.clock.Now();
  return ReadValue<std::vector<CapacitySlot>>(
      ctx_.store, [&](ReadTx& tx) -> Result<std::vector<CapacitySlot>> {
        Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
        if (!access.ok()) return access.status();
        Date first = from.value_or(HubToday(access->hub, now));
        Date last = to.value_or(first + std::chrono::days(6));
        Status range = CheckOccupancyRange(first, last);
        if (!range.ok()) return range;
        return tx.ListCapacitySlots(access->hub.id, pool, first, last);
      });
}

Result<CapacityAllocation> CapacityService::Allocate(const Caller& caller,
                                                     const CapacityPoolId& pool, const SlotRef& ref,
                                                     const NeedId& need, int quantity) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<CapacityAllocation>(ctx_.store, [&](WriteTx& tx) -> Result<CapacityAllocation> {
    Result<VisiblePool> v = GetVisiblePool(tx, caller, pool);
    if (!v.ok()) return v.status();
    Status s = RequireIntake(v->membership);
    if (s.ok()) s = ValidateSlotLabel(ref.label);
    if (!s.ok()) return s;
    Result<Need> n = tx.GetNeed(need);
    if (!n.ok() || n->hub != v->pool.hub)
      return Status::InvalidField("need", "no such need in this hub");
    s = CheckAllocateTo(n->status);
    if (!s.ok()) return s;
    std::optional<CapacitySlot> slot = tx.GetCapacitySlot(pool, ref.date, ref.label);
    if (!slot) return Status::Conflict("no places are set for " + When(ref));
    s = CheckAllocation(*slot, quantity, v->pool.details.unit);
    if (!s.ok()) return s;
    slot->allocated += quantity;
    CapacityAllocation a;
    a.id = CapacityAllocationId{RandomId("alloc")};
    a.hub = v->pool.hub;
    a.pool = pool;
    a.date = ref.date;
    a.label = ref.label;
    a.need = need;
    a.quantity = quantity;
    a.actor = caller.actor();
    a.created_at = now;
    s = tx.PutCapacitySlot(*slot);
    if (s.ok()) s = tx.InsertCapacityAllocation(a);
    if (s.ok())
      s = RecordEvent(tx, a.hub, now, caller.actor(), "capacity.allocated", a.id.value,
                      std::to_string(quantity) + " " + v->pool.details.unit + " on " + When(ref) +
                          " for need " + need.value);
    if (!s.ok()) return s;
    return a;
  });
}

Result<CapacityAllocation> CapacityService::Release(const Caller& caller,
                                                    const CapacityAllocationId& id) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<CapacityAllocation>(ctx_.store, [&](WriteTx& tx) -> Result<CapacityAllocation> {
    if (caller.anonymous()) return Status::Unauthenticated("sign in to release places");
    Result<CapacityAllocation> a = tx.GetCapacityAllocation(id);
    if (!a.ok()) return Status::NotFound("allocation not found");
    Result<VisiblePool> v = GetVisiblePool(tx, caller, a->pool);
    if (!v.ok()) return Status::NotFound("allocation not found");
    Status s = RequireIntake(v->membership);
    if (s.ok()) s = CheckAllocationRelease(a->status);
    if (!s.ok()) return s;
    std::optional<CapacitySlot> slot = tx.GetCapacitySlot(a->pool, a->date, a->label);
    if (!slot) return Status::Internal("the slot of allocation " + a->id.value + " is missing");
    slot->allocated -= a->quantity;
    a->status = AllocationStatus::kReleased;
    a->released_at = now;
    s = tx.PutCapacitySlot(*slot);
    if (s.ok()) s = tx.UpdateCapacityAllocation(*a);
    if (s.ok()) s = RecordEvent(tx, a->hub, now, caller.actor(), "capacity.released", a->id.value);
    if (!s.ok()) return s;
    return *a;
  });
}

Result<Page<CapacityAllocation>> CapacityService::ListAllocations(const Caller& caller,
                                                                  const CapacityPoolId& pool,
                                                                  const PageRequest& page) {
  return ReadValue<Page<CapacityAllocation>>(
      ctx_.store, [&](ReadTx& tx) -> Result<Page<CapacityAllocation>> {
        Result<VisiblePool> v = GetVisiblePool(tx, caller, pool);
        if (!v.ok()) return v.status();
        Status s = RequireIntake(v->membership);
        if (!s.ok()) return s;
        return tx.ListCapacityAllocations(pool, page);
      });
}

}  // namespace kin
