#include "core/capacity.h"

#include "core/validation.h"

namespace kin {

const char* AllocationStatusName(AllocationStatus s) {
  return s == AllocationStatus::kHeld ? "held" : "released";
}

std::optional<AllocationStatus> ParseAllocationStatus(const std::string& name) {
  if (name == "held") return AllocationStatus::kHeld;
  if (name == "released") return AllocationStatus::kReleased;
  return std::nullopt;
}

Status ValidateCapacityPoolDetails(const CapacityPoolDetails& d) {
  FieldErrors errors;
  CheckText("name", d.name, 200, /*required=*/true, errors);
  CheckToken("category", d.category, 40, errors);
  CheckToken("unit", d.unit, 20, errors);
  CheckText("description", d.description, 2000, /*required=*/false, errors);
  return errors.ToStatus();
}

Status ValidateSlotLabel(const std::string& label) {
  if (label.empty()) return Status::Ok();
  FieldErrors errors;
  CheckToken("slot", label, 40, errors);
  return errors.ToStatus();
}

Status CheckSlotCapacity(int capacity, int allocated, const std::string& unit) {
  if (capacity < 0 || capacity > kMaxSlotCapacity) {
    return Status::InvalidField(
        "capacity", "must be a whole number from 0 to " + std::to_string(kMaxSlotCapacity));
  }
  if (capacity < allocated) {
    return Status::Conflict(std::to_string(allocated) + " " + unit +
                            " already allocated; release some before "
                            "lowering the capacity to " +
                            std::to_string(capacity));
  }
  return Status::Ok();
}

Status CheckAllocation(const CapacitySlot& slot, int quantity, const std::string& unit) {
  if (quantity < 1 || quantity > kMaxSlotCapacity) {
    return Status::InvalidField(
        "quantity", "must be a whole number from 1 to " + std::to_string(kMaxSlotCapacity));
  }
  if (quantity > slot.free()) {
    std::string when = FormatIsoDate(slot.date) + (slot.label.empty() ? "" : " " + slot.label);
    return Status::Conflict("only " + std::to_string(slot.free()) + " " + unit + " free on " +
                            when);
  }
  return Status::Ok();
}

Status CheckAllocateTo(NeedStatus status) {
  if (IsClosed(status))
    return Status::Conflict(std::string("the need is already ") + NeedStatusName(status));
  return Status::Ok();
}

Status CheckAllocationRelease(AllocationStatus status) {
  if (status == AllocationStatus::kHeld) return Status::Ok();
  return Status::Conflict("this allocation was already released");
}

Status CheckOccupancyRange(Date from, Date to) {
  if (to < from) return Status::InvalidField("to", "must be on or after from");
  if ((to - from).count() >= kMaxOccupancyDays) {
    return Status::InvalidField(
        "to", "the range may cover at most " + std::to_string(kMaxOccupancyDays) + " days");
  }
  return Status::Ok();
}

}  // namespace kin
