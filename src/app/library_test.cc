// The library of things over a real SQLite store with a fixed clock: the calendar, check-out and
// check-in, the waiting list and overdue reminders.
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

class LibraryTest : public ::testing::Test {
 protected:
  LibraryTest() : app_(temp_.store(), clock_, testing::CheapAppOptions()) {
    HubSettings settings;
    settings.name = "Riverside";
    EXPECT_TRUE(app_.hubs.CreateAsAdmin("riverside", settings).ok());
    keeper_ = Join("keeper", Role::kIntake);
    ana_ = Join("ana", Role::kMember);
    ben_ = Join("ben", Role::kMember);
  }

  Caller Join(const std::string& handle, Role role) {
    return testing::JoinHub(app_, "riverside", handle, role);
  }

  Lendable Drill(int buffer_hours = 0, BorrowRule rule = BorrowRule::kMembers) {
    LendableDetails d;
    d.name = "Cordless drill";
    d.category = "tools";
    d.condition = "good";
    d.max_loan_days = 3;
    d.buffer_hours = buffer_hours;
    d.borrowers = rule;
    Result<Lendable> item = lib().AddThing(keeper_, "riverside", d);
    EXPECT_TRUE(item.ok()) << item.status().ToString();
    return *item;
  }

  TimeWindow Hours(long long from, long long to) {
    Timestamp now = clock_.Now();
    return {now + Seconds(from * 3600), now + Seconds(to * 3600)};
  }

  Library& lib() { return app_.resources.library; }

  std::vector<LoanReminder> Reminders() {
    std::vector<LoanReminder> out;
    EXPECT_TRUE(temp_.store()
                    .Read([&](ReadTx& tx) {
                      out = tx.ListLoanReminders(tx.GetHubBySlug("riverside")->id, false, 100);
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  testing::TempStore temp_;
  testing::FakeClock clock_;
  App app_;
  Caller keeper_, ana_, ben_;
};

TEST_F(LibraryTest, ReservationsNeverOverlapCountingTheBuffer) {
  Lendable drill = Drill(/*buffer_hours=*/2);
  ASSERT_TRUE(lib().Reserve(ana_, drill.id, Hours(1, 25)).ok());
  EXPECT_EQ(lib().Reserve(ben_, drill.id, Hours(20, 30)).status().kind(), StatusKind::kConflict);
  Result<Loan> too_close = lib().Reserve(ben_, drill.id, Hours(26, 30));  // 1 h after, needs 2
  ASSERT_EQ(too_close.status().kind(), StatusKind::kConflict);
  EXPECT_NE(too_close.status().message().find("2 hours between loans"), std::string::npos);
  EXPECT_TRUE(lib().Reserve(ben_, drill.id, Hours(27, 30)).ok());
  // Longer than the thing's longest loan.
  EXPECT_EQ(lib().Reserve(ben_, drill.id, Hours(40, 40 + 24 * 4)).status().fields()[0].field,
            "end");
  EXPECT_EQ(lib().Calendar(ana_, drill.id)->size(), 2u);
  // The catalogue lists each thing with the same calendar, in one read; only for members.
  Result<Page<CatalogueEntry>> catalogue = lib().Catalogue(ben_, "riverside", {}, PageRequest{"", 50});
  ASSERT_TRUE(catalogue.ok()) << catalogue.status().ToString();
  ASSERT_EQ(catalogue->items.size(), 1u);
  EXPECT_EQ(catalogue->items[0].thing.id, drill.id);
  ASSERT_EQ(catalogue->items[0].calendar.size(), 2u);
  EXPECT_EQ(catalogue->items[0].calendar[0].window.start, lib().Calendar(ana_, drill.id)->at(0).window.start);
  EXPECT_FALSE(lib().Catalogue(Caller{}, "riverside", {}, PageRequest{"", 50}).ok());
}

TEST_F(LibraryTest, ConcurrentReservationsOfTheSameWindowLetOneThrough) {
  Lendable drill = Drill();
  std::atomic<int> ok{0}, conflict{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {  // i by value: the loop moves on before the thread reads it
      Result<Loan> r = lib().Reserve(i % 2 ? ana_ : ben_, drill.id, Hours(1, 5));
      if (r.ok())
        ++ok;
      else if (r.status().kind() == StatusKind::kConflict)
        ++conflict;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(conflict.load(), 7);
}

TEST_F(LibraryTest, CheckOutAndInWithConditionNotes) {
  Lendable drill = Drill();
  Loan loan = *lib().Reserve(ana_, drill.id, Hours(0, 24));
  EXPECT_EQ(lib().CheckIn(keeper_, loan.id, "fine").status().kind(),
            StatusKind::kConflict);  // not out yet
  EXPECT_EQ(lib().CheckOut(ana_, loan.id, "").status().kind(), StatusKind::kForbidden);
  Result<Loan> out = lib().CheckOut(keeper_, loan.id, "");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->out_condition, "good");  // the thing's condition when none is noted
  EXPECT_EQ(lib().CheckIn(keeper_, loan.id, "").status().kind(), StatusKind::kInvalid);
  Result<Loan> back = lib().CheckIn(keeper_, loan.id, "chuck is loose");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->status, LoanStatus::kReturned);
  EXPECT_EQ(lib().GetThing(ben_, drill.id)->details.condition, "chuck is loose");
  EXPECT_EQ(lib().CheckIn(keeper_, loan.id, "again").status().kind(), StatusKind::kConflict);
  // Ben is no keeper and not the borrower: the loan does not exist for him.
  EXPECT_EQ(lib().GetLoan(ben_, loan.id).status().kind(), StatusKind::kNotFound);
}

TEST_F(LibraryTest, MaintenanceBlocksReservationsAndCheckOuts) {
  Lendable drill = Drill();
  Loan loan = *lib().Reserve(ana_, drill.id, Hours(1, 5));
  ASSERT_TRUE(
      lib().SetThingStatus(keeper_, drill.id, LendableStatus::kMaintenance, "new battery").ok());
  EXPECT_EQ(lib().Reserve(ben_, drill.id, Hours(10, 12)).status().kind(), StatusKind::kConflict);
  EXPECT_EQ(lib().CheckOut(keeper_, loan.id, "").status().kind(), StatusKind::kConflict);
  ASSERT_TRUE(lib().SetThingStatus(keeper_, drill.id, LendableStatus::kAvailable, "").ok());
  EXPECT_TRUE(lib().CheckOut(keeper_, loan.id, "").ok());
}

TEST_F(LibraryTest, WhoMayBorrowIsPerThing) {
  Lendable seat = Drill(0, BorrowRule::kIntake);
  EXPECT_EQ(lib().Reserve(ana_, seat.id, Hours(1, 5)).status().kind(), StatusKind::kForbidden);
  EXPECT_TRUE(lib().Reserve(keeper_, seat.id, Hours(1, 5)).ok());
}

TEST_F(LibraryTest, OverdueLoansGetOneReminderEach) {
  Lendable drill = Drill();
  Loan loan = *lib().Reserve(ana_, drill.id, Hours(0, 24));
  ASSERT_TRUE(lib().CheckOut(keeper_, loan.id, "").ok());
  EXPECT_EQ(*lib().RecordOverdueReminders(), 0);
  clock_.Advance(Seconds(25 * 3600));
  EXPECT_EQ(lib().Overdue(keeper_, "riverside")->size(), 1u);
  EXPECT_EQ(lib().Overdue(ana_, "riverside").status().kind(), StatusKind::kForbidden);
  EXPECT_EQ(*lib().RecordOverdueReminders(), 1);
  EXPECT_EQ(*lib().RecordOverdueReminders(), 0);  // once per loan
  std::vector<LoanReminder> reminders = Reminders();
  ASSERT_EQ(reminders.size(), 1u);
  EXPECT_EQ(reminders[0].kind, "overdue");
  EXPECT_EQ(reminders[0].member, *ana_.member);
  EXPECT_FALSE(reminders[0].sent_at);
}

TEST_F(LibraryTest, TheFirstMemberWaitingIsToldWhenTheThingComesBack) {
  Lendable drill = Drill();
  Loan loan = *lib().Reserve(ana_, drill.id, Hours(0, 24));
  ASSERT_TRUE(lib().JoinWaitlist(ben_, drill.id).ok());
  EXPECT_EQ(lib().JoinWaitlist(ben_, drill.id).kind(), StatusKind::kConflict);
  EXPECT_EQ(lib().Waitlist(ben_, drill.id).status().kind(), StatusKind::kForbidden);
  ASSERT_EQ(lib().Waitlist(keeper_, drill.id)->size(), 1u);
  ASSERT_TRUE(lib().CheckOut(keeper_, loan.id, "").ok());
  ASSERT_TRUE(lib().CheckIn(keeper_, loan.id, "good").ok());
  std::vector<LoanReminder> reminders = Reminders();
  ASSERT_EQ(reminders.size(), 1u);
  EXPECT_EQ(reminders[0].kind, "available");
  EXPECT_EQ(reminders[0].member, *ben_.member);
  // Reserving takes Ben off the list.
  ASSERT_TRUE(lib().Reserve(ben_, drill.id, Hours(30, 40)).ok());
  EXPECT_TRUE(lib().Waitlist(keeper_, drill.id)->empty());
  EXPECT_EQ(lib().LeaveWaitlist(ben_, drill.id).kind(), StatusKind::kNotFound);
}

TEST_F(LibraryTest, MembersListOnlyTheirOwnLoans) {
  Lendable drill = Drill();
  ASSERT_TRUE(lib().Reserve(ana_, drill.id, Hours(0, 5)).ok());
  ASSERT_TRUE(lib().Reserve(ben_, drill.id, Hours(10, 15)).ok());
  EXPECT_EQ(lib().ListLoans(ana_, "riverside", {}, {})->items.size(), 1u);
  EXPECT_EQ(lib().ListLoans(keeper_, "riverside", {}, {})->items.size(), 2u);
  LoanFilter bens;
  bens.borrower = *ben_.member;
  EXPECT_EQ(lib().ListLoans(ana_, "riverside", bens, {}).status().kind(), StatusKind::kForbidden);
}

}  // namespace
}  // namespace kin

namespace kin {
namespace {

TEST_F(LibraryTest, DeletingAnAccountCancelsReservationsAndLeavesWaitingLists) {
  Lendable drill = Drill();
  Result<Loan> ben_has_it = lib().Reserve(ben_, drill.id, Hours(1, 5));
  ASSERT_TRUE(ben_has_it.ok());
  Result<Loan> later = lib().Reserve(ana_, drill.id, Hours(30, 35));
  ASSERT_TRUE(later.ok()) << later.status().ToString();
  ASSERT_TRUE(lib().JoinWaitlist(ana_, drill.id).ok());

  ASSERT_TRUE(app_.personal_data.DeleteAccount(ana_, "long enough password").ok());
  Result<std::vector<WaitlistEntry>> waiting = lib().Waitlist(keeper_, drill.id);
  ASSERT_TRUE(waiting.ok()) << waiting.status().ToString();
  EXPECT_TRUE(waiting->empty());
  Result<Loan> cancelled = lib().GetLoan(keeper_, later->id);
  ASSERT_TRUE(cancelled.ok()) << cancelled.status().ToString();
  EXPECT_EQ(cancelled->status, LoanStatus::kCancelled);
  EXPECT_EQ(lib().GetLoan(keeper_, ben_has_it->id)->status, LoanStatus::kReserved);
}

}  // namespace
}  // namespace kin
