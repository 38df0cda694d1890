// Notification choices: kept per member, in their export, and gone with their account.
#include <gtest/gtest.h>

#include "app/app.h"
#include "testing/app_fixture.h"
#include "testing/fake_clock.h"
#include "testing/temp_store.h"

namespace kin {
namespace {

TEST(Preferences, KeptExportedAndDeletedWithTheAccount) {
  testing::TempStore temp;
  testing::FakeClock clock;
  App app(temp.store(), clock, testing::CheapAppOptions());
  HubSettings settings;
  settings.name = "Riverside";
  ASSERT_TRUE(app.hubs.CreateAsAdmin("riverside", settings).ok());
  Caller luz = testing::JoinHub(app, "riverside", "luz", Role::kMember, "Luz");

  EXPECT_EQ(*app.preferences.Notifications(luz), NotifyChoices{});  // nothing until chosen
  NotifyChoices chosen{true, false, true};
  ASSERT_TRUE(app.preferences.SetNotifications(luz, chosen).ok());
  EXPECT_EQ(*app.preferences.Notifications(luz), chosen);
  chosen.pairings = true;
  ASSERT_TRUE(app.preferences.SetNotifications(luz, chosen).ok());  // saving again replaces
  EXPECT_EQ(app.personal_data.Export(luz)->notify, chosen);
  EXPECT_EQ(app.preferences.Notifications(Caller{}).status().kind(), StatusKind::kUnauthenticated);

  ASSERT_TRUE(app.personal_data.DeleteAccount(luz, "long enough password").ok());
  EXPECT_EQ(*app.preferences.Notifications(luz), NotifyChoices{});
}

}  // namespace
}  // namespace kin
