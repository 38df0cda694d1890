// "Today" near midnight, when UTC and the hub's date differ: the expiring list and the default occupancy range
// follow the hub's zone.
#include "app/hub_today.h"

#include <gtest/gtest.h>

#include "app/app.h"
#include "testing/app_fixture.h"
#include "testing/fake_clock.h"
#include "testing/temp_store.h"

namespace kin {
namespace {

// 2026-11-24 23:30 UTC: already the 25th in Madrid (UTC+1), still the 24th in Mexico City (UTC-6).
constexpr long long kLateEvening = 1795563000;

Date D(const char* iso) { return *ParseIsoDate(iso); }

Hub HubIn(const std::string& zone) {
  Hub h;
  h.settings.time_zone = zone;
  return h;
}

TEST(HubToday, IsTheDateInTheHubsZone) {
  Timestamp t{Seconds(kLateEvening)};
  ASSERT_EQ(FormatIsoDate(DayOf(t)), "2026-11-24");
  EXPECT_EQ(HubToday(HubIn("Europe/Madrid"), t), D("2026-11-25"));
  EXPECT_EQ(HubToday(HubIn("America/Mexico_City"), t), D("2026-11-24"));
  EXPECT_EQ(HubToday(HubIn("UTC"), t), D("2026-11-24"));
  EXPECT_EQ(HubToday(HubIn("Not/A_Zone"), t), D("2026-11-24"));  // unknown: UTC
  // Just after midnight UTC it is still the day before in Mexico City.
  EXPECT_EQ(HubToday(HubIn("America/Mexico_City"), t + Seconds(3600)), D("2026-11-24"));
}

class HubTodayAppTest : public ::testing::Test {
 protected:
  HubTodayAppTest() : clock_(Timestamp(Seconds(kLateEvening))), app_(temp_.store(), clock_, testing::CheapAppOptions()) {
    for (const auto& [slug, zone] :
         {std::pair<std::string, std::string>{"madrid", "Europe/Madrid"}, {"mexico", "America/Mexico_City"}}) {
      HubSettings settings;
      settings.name = slug;
      settings.time_zone = zone;
      EXPECT_TRUE(app_.hubs.CreateAsAdmin(slug, settings).ok());
      keepers_[slug] = testing::JoinHub(app_, slug, "keeper-" + slug, Role::kIntake, "Keeper");
    }
  }

  testing::TempStore temp_;
  testing::FakeClock clock_;
  App app_;
  std::map<std::string, Caller> keepers_;
};

TEST_F(HubTodayAppTest, ExpiringSoonCountsFromTheHubsToday) {
  for (const char* slug : {"madrid", "mexico"}) {
    StockItemDetails d;
    d.name = "Yoghurt";
    d.category = "fresh";
    d.unit = "pot";
    d.best_before = D("2026-11-25");
    ASSERT_TRUE(app_.resources.stock.CreateItem(keepers_[slug], slug, d, 3).ok());
  }
  // "Expiring today" (within 0 days): in Madrid the 25th is today; in Mexico City it is tomorrow.
  Result<std::vector<StockItem>> madrid = app_.resources.stock.Expiring(keepers_["madrid"], "madrid", 0);
  Result<std::vector<StockItem>> mexico = app_.resources.stock.Expiring(keepers_["mexico"], "mexico", 0);
  ASSERT_TRUE(madrid.ok() && mexico.ok());
  EXPECT_EQ(madrid->size(), 1u);
  EXPECT_EQ(mexico->size(), 0u);
}

TEST_F(HubTodayAppTest, OccupancyStartsOnTheHubsToday) {
  for (const char* slug : {"madrid", "mexico"}) {
    CapacityPoolDetails d{"Beds", "shelter", "bed", ""};
    Result<CapacityPool> pool = app_.resources.capacity.CreatePool(keepers_[slug], slug, d);
    ASSERT_TRUE(pool.ok());
    for (const char* day : {"2026-11-24", "2026-11-25"}) {
      ASSERT_TRUE(app_.resources.capacity.SetSlot(keepers_[slug], pool->id, {D(day), "night"}, 2).ok());
    }
  }
  auto first_day = [&](const char* slug) {
    Result<std::vector<CapacitySlot>> slots =
        app_.resources.capacity.Occupancy(keepers_[slug], slug, std::nullopt, std::nullopt, std::nullopt);
    EXPECT_TRUE(slots.ok() && !slots->empty());
    return slots.ok() && !slots->empty() ? FormatIsoDate(slots->front().date) : "";
  };
  EXPECT_EQ(first_day("madrid"), "2026-11-25");  // the 24th is over there
  EXPECT_EQ(first_day("mexico"), "2026-11-24");
}

}  // namespace
}  // namespace kin
