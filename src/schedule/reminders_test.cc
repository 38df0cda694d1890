#include "schedule/reminders.h"

#include <gtest/gtest.h>

namespace kin::schedule {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

const Timestamp kStart = Timestamp(Seconds(1'790'000'000));
const std::vector<Minutes> kDefault = {Minutes(24 * 60), Minutes(120)};

TEST(Reminders, DueFromEachOffsetUntilTheStart) {
  EXPECT_EQ(ReminderDue(kStart, kDefault, kStart - hours(25)), std::nullopt);
  EXPECT_EQ(ReminderDue(kStart, kDefault, kStart - hours(24)), Minutes(24 * 60));
  EXPECT_EQ(ReminderDue(kStart, kDefault, kStart - hours(3)), Minutes(24 * 60));
  EXPECT_EQ(ReminderDue(kStart, kDefault, kStart - hours(2)), Minutes(120));
  EXPECT_EQ(ReminderDue(kStart, kDefault, kStart - minutes(1)), Minutes(120));
  EXPECT_EQ(ReminderDue(kStart, kDefault, kStart), std::nullopt);
}

TEST(Reminders, LateSignUpGetsOnlyTheLatestAndNoOffsetsMeansNone) {
  EXPECT_EQ(ReminderDue(kStart, kDefault, kStart - hours(1)), Minutes(120));
  EXPECT_EQ(ReminderDue(kStart, {}, kStart - hours(1)), std::nullopt);
  EXPECT_EQ(ReminderDue(kStart, {Minutes(30)}, kStart - hours(1)), std::nullopt);
}

TEST(Reminders, ShortSlotsCountOnlyConfirmedPlaces) {
  std::vector<ShiftSlot> slots = {{"cook", "", 2, 4}, {"driver", "", 1, 1}, {"helper", "", 0, 3}};
  Signup cook;
  cook.role = "cook";
  Signup waiting = cook;
  waiting.status = SignupStatus::kWaiting;
  Signup driver;
  driver.role = "driver";
  auto short_slots = ShortSlots(slots, {cook, waiting, driver});
  ASSERT_EQ(short_slots.size(), 1u);
  EXPECT_EQ(short_slots[0].role, "cook");
  EXPECT_EQ(short_slots[0].missing, 1);
}

}  // namespace
}  // namespace kin::schedule
