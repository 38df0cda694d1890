#include "core/capacity.h"

#include <gtest/gtest.h>

namespace kin {
namespace {

CapacitySlot Night(int capacity, int allocated) {
  CapacitySlot s;
  s.date = *ParseIsoDate("2026-11-30");
  s.label = "night";
  s.capacity = capacity;
  s.allocated = allocated;
  return s;
}

TEST(Capacity, AllocationsNeverExceedTheSlot) {
  EXPECT_TRUE(CheckAllocation(Night(10, 7), 3, "bed").ok());
  Status s = CheckAllocation(Night(10, 8), 3, "bed");
  ASSERT_EQ(s.kind(), StatusKind::kConflict);
  EXPECT_EQ(s.message(), "only 2 bed free on 2026-11-30 night");
  EXPECT_EQ(CheckAllocation(Night(10, 0), 0, "bed").fields()[0].field, "quantity");
  EXPECT_EQ(CheckAllocation(Night(10, 0), -1, "bed").kind(), StatusKind::kInvalid);
}

TEST(Capacity, CapacityCannotDropBelowWhatIsAllocated) {
  EXPECT_TRUE(CheckSlotCapacity(5, 5, "bed").ok());
  EXPECT_EQ(CheckSlotCapacity(4, 5, "bed").kind(), StatusKind::kConflict);
  EXPECT_EQ(CheckSlotCapacity(-1, 0, "bed").fields()[0].field, "capacity");
}

TEST(Capacity, SlotLabelsAndRanges) {
  EXPECT_TRUE(ValidateSlotLabel("").ok());
  EXPECT_TRUE(ValidateSlotLabel("night").ok());
  EXPECT_EQ(ValidateSlotLabel("Night Shift").fields()[0].field, "slot");
  Date d = *ParseIsoDate("2026-11-01");
  EXPECT_TRUE(CheckOccupancyRange(d, d).ok());
  EXPECT_EQ(CheckOccupancyRange(d, d - std::chrono::days(1)).fields()[0].field, "to");
  EXPECT_EQ(CheckOccupancyRange(d, d + std::chrono::days(kMaxOccupancyDays)).kind(),
            StatusKind::kInvalid);
}

TEST(Capacity, ReleaseOnce) {
  EXPECT_TRUE(CheckAllocationRelease(AllocationStatus::kHeld).ok());
  EXPECT_EQ(CheckAllocationRelease(AllocationStatus::kReleased).kind(), StatusKind::kConflict);
  EXPECT_EQ(CheckAllocateTo(NeedStatus::kCancelled).kind(), StatusKind::kConflict);
}

}  // namespace
}  // namespace kin
