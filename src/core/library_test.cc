#include "core/library.h"

#include <gtest/gtest.h>

namespace kin {
namespace {

Timestamp At(long long hours) { return Timestamp(Seconds(1'790'000'000 + hours * 3600)); }
TimeWindow Hours(long long from, long long to) { return {At(from), At(to)}; }

TEST(Library, OverlapCountsTheBufferAfterEachLoan) {
  EXPECT_TRUE(LoansOverlap(Hours(0, 24), Hours(12, 36), Seconds(0)));
  EXPECT_FALSE(LoansOverlap(Hours(0, 24), Hours(24, 48), Seconds(0)));    // back to back
  EXPECT_TRUE(LoansOverlap(Hours(0, 24), Hours(24, 48), Seconds(3600)));  // needs an hour to clean
  EXPECT_TRUE(LoansOverlap(Hours(24, 48), Hours(0, 24), Seconds(3600)));  // either order
  EXPECT_FALSE(LoansOverlap(Hours(0, 24), Hours(25, 48), Seconds(3600)));
}

TEST(Library, NextFreeFollowsBackToBackLoansAndTheirBuffers) {
  const Seconds hour(3600);
  EXPECT_EQ(NextFree({}, hour, At(0)), At(0));
  EXPECT_EQ(NextFree({Hours(5, 10)}, hour, At(0)), At(0));  // reserved later: free now
  EXPECT_EQ(NextFree({Hours(-2, 3)}, hour, At(0)), At(4));  // out now, then an hour to clean
  // A reservation starting inside the buffer keeps it busy; the gap after the second frees it.
  EXPECT_EQ(NextFree({Hours(4, 8), Hours(-2, 3), Hours(20, 30)}, hour, At(0)), At(9));
  EXPECT_EQ(NextFree({Hours(-5, -1)}, hour, At(0)), At(0));  // over, buffer over too
}

TEST(Library, WindowsAreCheckedAgainstTheLongestLoan) {
  EXPECT_TRUE(CheckLoanWindow(Hours(1, 48), 2, At(0)).ok());
  EXPECT_EQ(CheckLoanWindow(Hours(1, 50), 2, At(0)).fields()[0].field, "end");
  EXPECT_EQ(CheckLoanWindow(Hours(5, 5), 2, At(0)).kind(), StatusKind::kInvalid);
  EXPECT_EQ(CheckLoanWindow(Hours(-10, -1), 2, At(0)).kind(), StatusKind::kInvalid);
}

TEST(Library, LoanLifecycle) {
  EXPECT_TRUE(CheckLoanTransition(LoanStatus::kReserved, LoanStatus::kOut).ok());
  EXPECT_TRUE(CheckLoanTransition(LoanStatus::kOut, LoanStatus::kReturned).ok());
  EXPECT_TRUE(CheckLoanTransition(LoanStatus::kReserved, LoanStatus::kCancelled).ok());
  Status s = CheckLoanTransition(LoanStatus::kReserved, LoanStatus::kReturned);
  EXPECT_EQ(s.kind(), StatusKind::kConflict);
  EXPECT_NE(s.message().find("not checked out"), std::string::npos);
  EXPECT_EQ(CheckLoanTransition(LoanStatus::kReturned, LoanStatus::kReturned).kind(),
            StatusKind::kConflict);
  EXPECT_EQ(CheckLoanTransition(LoanStatus::kOut, LoanStatus::kCancelled).kind(),
            StatusKind::kConflict);
}

TEST(Library, WhoMayBorrow) {
  EXPECT_TRUE(CheckMayBorrow(BorrowRule::kMembers, Roles::Of({Role::kMember})).ok());
  EXPECT_EQ(CheckMayBorrow(BorrowRule::kIntake, Roles::Of({Role::kMember})).kind(),
            StatusKind::kForbidden);
  EXPECT_TRUE(CheckMayBorrow(BorrowRule::kIntake, Roles::Of({Role::kMember, Role::kIntake})).ok());
  EXPECT_TRUE(
      CheckMayBorrow(BorrowRule::kIntake, Roles::Of({Role::kMember, Role::kCoordinator})).ok());
}

TEST(Library, OverdueOnlyWhenOutPastDue) {
  Loan loan;
  loan.window = Hours(0, 24);
  loan.status = LoanStatus::kOut;
  EXPECT_FALSE(IsOverdue(loan, At(23)));
  EXPECT_TRUE(IsOverdue(loan, At(24)));
  loan.status = LoanStatus::kReturned;
  EXPECT_FALSE(IsOverdue(loan, At(30)));
}

TEST(Library, DetailsNameEachBadField) {
  LendableDetails d;
  d.name = "";
  d.category = "Power Tools";
  d.max_loan_days = 0;
  d.buffer_hours = -1;
  Status s = ValidateLendableDetails(d);
  ASSERT_EQ(s.fields().size(), 4u) << s.ToString();
}

}  // namespace
}  // namespace kin
