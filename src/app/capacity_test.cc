// Capacity over a real SQLite store: slots, allocations to needs, release, and no overbooking under
// concurrency.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "app/app.h"
#include "testing/app_fixture.h"
#include "testing/fake_clock.h"
#include "testing/temp_store.h"

namespace kin {
namespace {

class CapacityTest : public ::testing::Test {
 protected:
  CapacityTest() : app_(temp_.store(), clock_, testing::CheapAppOptions()) {
    HubSettings settings;
    settings.name = "Riverside";
    EXPECT_TRUE(app_.hubs.CreateAsAdmin("riverside", settings).ok());
    intake_ = Join("intake", Role::kIntake);
    member_ = Join("member", Role::kMember);
    CapacityPoolDetails d{"Shelter beds", "shelter", "bed", ""};
    pool_ = *cap().CreatePool(intake_, "riverside", d);
    night_ = SlotRef{DayOf(clock_.Now()), "night"};
  }

  Caller Join(const std::string& handle, Role role) {
    return testing::JoinHub(app_, "riverside", handle, role);
  }

  NeedId Need() {
    NeedDetails d;
    d.category = "food";
    d.description = "a bed for tonight";
    return app_.needs.Create(member_, "riverside", d, false)->need.id;
  }

  CapacityService& cap() { return app_.resources.capacity; }

  testing::TempStore temp_;
  testing::FakeClock clock_;
  App app_;
  Caller intake_, member_;
  CapacityPool pool_;
  SlotRef night_;
};

TEST_F(CapacityTest, AllocateReleaseAndOccupancy) {
  EXPECT_EQ(cap().SetSlot(member_, pool_.id, night_, 4).status().kind(), StatusKind::kForbidden);
  ASSERT_TRUE(cap().SetSlot(intake_, pool_.id, night_, 4).ok());
  EXPECT_EQ(cap().Allocate(intake_, pool_.id, night_, Need(), 5).status().kind(),
            StatusKind::kConflict);
  Result<CapacityAllocation> a = cap().Allocate(intake_, pool_.id, night_, Need(), 3);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(cap().SetSlot(intake_, pool_.id, night_, 2).status().kind(), StatusKind::kConflict);
  Result<std::vector<CapacitySlot>> occ =
      cap().Occupancy(member_, "riverside", std::nullopt, night_.date, night_.date);
  ASSERT_TRUE(occ.ok());
  ASSERT_EQ(occ->size(), 1u);
  EXPECT_EQ((*occ)[0].allocated, 3);
  EXPECT_EQ((*occ)[0].free(), 1);
  ASSERT_TRUE(cap().Release(intake_, a->id).ok());
  EXPECT_EQ(cap().Release(intake_, a->id).status().kind(), StatusKind::kConflict);
  EXPECT_EQ(
      cap().Occupancy(member_, "riverside", pool_.id, night_.date, night_.date)->at(0).allocated,
      0);
  EXPECT_EQ(cap().Allocate(intake_, pool_.id, {night_.date, "lunch"}, Need(), 1).status().kind(),
            StatusKind::kConflict);  // no places set for that slot
}

TEST_F(CapacityTest, ConcurrentAllocationsNeverOverbook) {
  ASSERT_TRUE(cap().SetSlot(intake_, pool_.id, night_, 3).ok());
  std::vector<NeedId> needs;
  for (int i = 0; i < 10; ++i) needs.push_back(Need());
  std::atomic<int> ok{0}, full{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 10; ++i) {
    threads.emplace_back([&, i] {
      Result<CapacityAllocation> r = cap().Allocate(intake_, pool_.id, night_, needs[i], 1);
      if (r.ok())
        ++ok;
      else if (r.status().kind() == StatusKind::kConflict)
        ++full;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(ok.load(), 3);
  EXPECT_EQ(full.load(), 7);
}

}  // namespace
}  // namespace kin
