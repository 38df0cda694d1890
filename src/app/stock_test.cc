// Stock over a real SQLite store: roles, never-negative quantities under concurrency, distributions
// to needs.
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

class StockTest : public ::testing::Test {
 protected:
  StockTest() : app_(temp_.store(), clock_, testing::CheapAppOptions()) {
    HubSettings settings;
    settings.name = "Riverside";
    EXPECT_TRUE(app_.hubs.CreateAsAdmin("riverside", settings).ok());
    coordinator_ = Join("coord", Role::kCoordinator);
    intake_ = Join("intake", Role::kIntake);
    member_ = Join("member", Role::kMember);
  }

  Caller Join(const std::string& handle, Role role) {
    return testing::JoinHub(app_, "riverside", handle, role);
  }

  StockItem Rice(int64_t quantity) {
    StockItemDetails d;
    d.name = "Rice, 1 kg bags";
    d.category = "dry-food";
    d.unit = "bag";
    d.low_at = 2;
    Result<StockItem> item = app_.resources.stock.CreateItem(intake_, "riverside", d, quantity);
    EXPECT_TRUE(item.ok()) << item.status().ToString();
    return *item;
  }

  std::vector<std::string> EventTypes() {
    std::vector<std::string> types;
    Status s = temp_.store().Read([&](ReadTx& tx) {
      Result<Hub> hub = tx.GetHubBySlug("riverside");
      for (const Event& e : tx.ListEvents(hub->id, {"", 200}).items) types.push_back(e.type);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok());
    return types;
  }

  testing::TempStore temp_;
  testing::FakeClock clock_;
  App app_;
  Caller coordinator_, intake_, member_;
};

TEST_F(StockTest, MembersDonateIntakeDistributesCoordinatorsCount) {
  StockItem rice = Rice(0);
  Stock& stock = app_.resources.stock;
  StockItemDetails d = rice.details;
  EXPECT_EQ(stock.CreateItem(member_, "riverside", d, 0).status().kind(), StatusKind::kForbidden);
  ASSERT_TRUE(stock.Donate(member_, rice.id, 10, "from the bakery").ok());
  EXPECT_EQ(stock.Distribute(member_, rice.id, {1, {}, false}).status().kind(),
            StatusKind::kForbidden);
  Result<StockChange> out = stock.Distribute(intake_, rice.id, {4, {}, false});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->item.quantity, 6);
  EXPECT_EQ(out->move.delta, -4);
  EXPECT_GT(out->move.seq, 0);
  EXPECT_EQ(stock.Count(intake_, rice.id, 5, "one bag torn").status().kind(),
            StatusKind::kForbidden);
  Result<StockChange> count = stock.Count(coordinator_, rice.id, 5, "one bag torn");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(count->move.delta, -1);
  EXPECT_EQ(stock.GetItem(member_, rice.id)->quantity, 5);
  std::vector<std::string> types = EventTypes();
  for (const char* t :
       {"stock.item_created", "stock.donated", "stock.distributed", "stock.counted"}) {
    EXPECT_NE(std::find(types.begin(), types.end(), t), types.end()) << t;
  }
}

TEST_F(StockTest, DistributingMoreThanLeftChangesNothing) {
  StockItem rice = Rice(3);
  Result<StockChange> r = app_.resources.stock.Distribute(intake_, rice.id, {4, {}, false});
  EXPECT_EQ(r.status().kind(), StatusKind::kConflict);
  EXPECT_EQ(app_.resources.stock.GetItem(member_, rice.id)->quantity, 3);
  Result<Page<StockMove>> moves = app_.resources.stock.ItemMoves(member_, rice.id, {});
  ASSERT_TRUE(moves.ok());
  EXPECT_EQ(moves->items.size(), 1u);  // the initial donation only
}

TEST_F(StockTest, ConcurrentDistributionsOfTheLastItemsNeverGoNegative) {
  StockItem rice = Rice(5);
  std::atomic<int> given{0}, refused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 12; ++i) {
    threads.emplace_back([&] {
      Result<StockChange> r = app_.resources.stock.Distribute(intake_, rice.id, {1, {}, false});
      if (r.ok())
        ++given;
      else if (r.status().kind() == StatusKind::kConflict)
        ++refused;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(given.load(), 5);
  EXPECT_EQ(refused.load(), 7);
  EXPECT_EQ(app_.resources.stock.GetItem(member_, rice.id)->quantity, 0);
}

TEST_F(StockTest, DistributionAgainstANeedMarksItFulfilled) {
  StockItem rice = Rice(10);
  NeedDetails nd;
  nd.category = "food";
  nd.description = "groceries for 4";
  Result<NeedView> need = app_.needs.Create(member_, "riverside", nd, false);
  ASSERT_TRUE(need.ok()) << need.status().ToString();
  Result<StockChange> r =
      app_.resources.stock.Distribute(intake_, rice.id, {4, need->need.id, true});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->need_fulfilled);
  ASSERT_TRUE(r->move.need);
  EXPECT_EQ(*r->move.need, need->need.id);
  EXPECT_EQ(app_.needs.Get(member_, need->need.id)->need.status, NeedStatus::kFulfilled);
  // A fulfilled need takes nothing more, and the refused distribution leaves stock as it was.
  EXPECT_EQ(
      app_.resources.stock.Distribute(intake_, rice.id, {1, need->need.id, false}).status().kind(),
      StatusKind::kConflict);
  EXPECT_EQ(app_.resources.stock.GetItem(member_, rice.id)->quantity, 6);
}

TEST_F(StockTest, LowStockAlertIsLoggedOnceAndListed) {
  StockItem rice = Rice(4);
  ASSERT_TRUE(app_.resources.stock.Distribute(intake_, rice.id, {2, {}, false}).ok());  // 2: low
  ASSERT_TRUE(
      app_.resources.stock.Distribute(intake_, rice.id, {1, {}, false}).ok());  // 1: still low
  std::vector<std::string> types = EventTypes();
  EXPECT_EQ(std::count(types.begin(), types.end(), "stock.low"), 1);
  StockFilter low;
  low.low_only = true;
  Result<Page<StockItem>> page = app_.resources.stock.ListItems(member_, "riverside", low, {});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].id, rice.id);
}

TEST_F(StockTest, FallingToTheMarkTellsIntakeAndCoordinatorsOncePerCrossing) {
  StockItem rice = Rice(4);
  Stock& stock = app_.resources.stock;
  auto low_alerts = [&](const Caller& who) {
    Result<Page<OutboxMessage>> mine = app_.notifications.Mine(who, {});
    EXPECT_TRUE(mine.ok()) << mine.status().ToString();
    std::vector<OutboxMessage> out;
    for (const OutboxMessage& m : mine->items) {
      if (m.kind == "stock.low") out.push_back(m);
    }
    return out;
  };
  ASSERT_TRUE(stock.Distribute(intake_, rice.id, {2, {}, false}).ok());  // 2 left: at the mark
  ASSERT_TRUE(stock.Distribute(intake_, rice.id, {1, {}, false}).ok());  // still low: no second alert
  for (const Caller* keeper : {&coordinator_, &intake_}) {
    std::vector<OutboxMessage> alerts = low_alerts(*keeper);
    ASSERT_EQ(alerts.size(), 1u);
    EXPECT_NE(alerts[0].subject.find("Rice, 1 kg bags"), std::string::npos) << alerts[0].subject;
    EXPECT_NE(alerts[0].body.find("Only 2 bag left"), std::string::npos) << alerts[0].body;
  }
  EXPECT_TRUE(low_alerts(member_).empty());  // plain members are not asked to restock

  ASSERT_TRUE(stock.Donate(member_, rice.id, 10, "").ok());               // restocked: 11
  ASSERT_TRUE(stock.Distribute(intake_, rice.id, {9, {}, false}).ok());  // falls again: 2
  EXPECT_EQ(low_alerts(coordinator_).size(), 2u);
}

TEST_F(StockTest, ExpiringListIsSoonestFirstAndSkipsEmptyShelves) {
  Date today = DayOf(clock_.Now());
  StockItemDetails d;
  d.category = "fresh";
  d.unit = "kg";
  auto make = [&](const char* name, int days, int64_t qty) {
    d.name = name;
    d.best_before = today + std::chrono::days(days);
    return *app_.resources.stock.CreateItem(intake_, "riverside", d, qty);
  };
  make("Milk", 3, 5);
  make("Bread", 1, 2);
  make("Yoghurt", 2, 0);
  make("Cheese", 20, 1);
  Result<std::vector<StockItem>> soon = app_.resources.stock.Expiring(member_, "riverside", 7);
  ASSERT_TRUE(soon.ok());
  ASSERT_EQ(soon->size(), 2u);
  EXPECT_EQ((*soon)[0].details.name, "Bread");
  EXPECT_EQ((*soon)[1].details.name, "Milk");
  EXPECT_EQ(app_.resources.stock.Expiring(member_, "riverside", 400).status().kind(),
            StatusKind::kInvalid);
}

TEST_F(StockTest, OtherHubsStockIsNotFound) {
  StockItem rice = Rice(1);
  HubSettings settings;
  settings.name = "Elsewhere";
  ASSERT_TRUE(app_.hubs.CreateAsAdmin("elsewhere", settings).ok());
  Caller stranger = testing::JoinHub(app_, "elsewhere", "stranger", Role::kCoordinator);
  EXPECT_EQ(app_.resources.stock.GetItem(stranger, rice.id).status().kind(), StatusKind::kNotFound);
  EXPECT_EQ(app_.resources.stock.Donate(stranger, rice.id, 1, "").status().kind(),
            StatusKind::kNotFound);
}

}  // namespace
}  // namespace kin
