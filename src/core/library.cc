#include "core/library.h"

#include <algorithm>

#include "core/validation.h"

namespace kin {

const char* LendableStatusName(LendableStatus s) {
  switch (s) {
    case LendableStatus::kAvailable:
      return "available";
    case LendableStatus::kMaintenance:
      return "maintenance";
    case LendableStatus::kRetired:
      return "retired";
  }
  return "available";
}

std::optional<LendableStatus> ParseLendableStatus(const std::string& name) {
  for (LendableStatus s :
       {LendableStatus::kAvailable, LendableStatus::kMaintenance, LendableStatus::kRetired}) {
    if (name == LendableStatusName(s)) return s;
  }
  return std::nullopt;
}

const char* BorrowRuleName(BorrowRule r) { return r == BorrowRule::kIntake ? "intake" : "members"; }

std::optional<BorrowRule> ParseBorrowRule(const std::string& name) {
  if (name == "members") return BorrowRule::kMembers;
  if (name == "intake") return BorrowRule::kIntake;
  return std::nullopt;
}

const char* LoanStatusName(LoanStatus s) {
  switch (s) {
    case LoanStatus::kReserved:
      return "reserved";
    case LoanStatus::kOut:
      return "out";
    case LoanStatus::kReturned:
      return "returned";
    case LoanStatus::kCancelled:
      return "cancelled";
  }
  return "reserved";
}

std::optional<LoanStatus> ParseLoanStatus(const std::string& name) {
  for (LoanStatus s :
       {LoanStatus::kReserved, LoanStatus::kOut, LoanStatus::kReturned, LoanStatus::kCancelled}) {
    if (name == LoanStatusName(s)) return s;
  }
  return std::nullopt;
}

Status ValidateLendableDetails(const LendableDetails& d) {
  FieldErrors errors;
  CheckText("name", d.name, 200, /*required=*/true, errors);
  CheckToken("category", d.category, 40, errors);
  CheckText("description", d.description, 2000, /*required=*/false, errors);
  CheckText("condition", d.condition, 500, /*required=*/false, errors);
  CheckRange("max_loan_days", d.max_loan_days, 1, 365, errors);
  CheckRange("buffer_hours", d.buffer_hours, 0, 336, errors);
  return errors.ToStatus();
}

Status CheckLoanWindow(const TimeWindow& window, int max_loan_days, Timestamp now) {
  if (window.end <= window.start) return Status::InvalidField("end", "must be after start");
  if (window.end <= now) return Status::InvalidField("end", "is in the past");
  if (window.end - window.start > Seconds(static_cast<long long>(max_loan_days) * 24 * 3600)) {
    return Status::InvalidField("end", "this thing is lent for at most " +
                                           std::to_string(max_loan_days) +
                                           (max_loan_days == 1 ? " day" : " days"));
  }
  return Status::Ok();
}

bool LoansOverlap(const TimeWindow& a, const TimeWindow& b, Seconds buffer) {
  return a.start < b.end + buffer && b.start < a.end + buffer;
}

bool HoldsWindow(LoanStatus s) { return s == LoanStatus::kReserved || s == LoanStatus::kOut; }

Status CheckMayBorrow(BorrowRule rule, Roles roles) {
  if (rule == BorrowRule::kMembers) return Status::Ok();
  if (roles.Has(Role::kIntake) || roles.Has(Role::kCoordinator)) return Status::Ok();
  return Status::Forbidden(
      "only intake and coordinators lend this thing; ask them to reserve it for you");
}

Status CheckLendableAvailable(const Lendable& item) {
  if (item.status == LendableStatus::kAvailable) return Status::Ok();
  return Status::Conflict(item.details.name + " is " + LendableStatusName(item.status) +
                          " and cannot be lent now");
}

Status CheckLoanTransition(LoanStatus from, LoanStatus to) {
  using S = LoanStatus;
  if (from == S::kReserved && (to == S::kOut || to == S::kCancelled)) return Status::Ok();
  if (from == S::kOut && to == S::kReturned) return Status::Ok();
  if (to == S::kReturned) {
    return Status::Conflict(std::string("this loan is not checked out (it is ") +
                            LoanStatusName(from) + ")");
  }
  return Status::Conflict(std::string("a loan that is ") + LoanStatusName(from) +
                          " cannot become " + LoanStatusName(to));
}

bool IsOverdue(const Loan& loan, Timestamp now) {
  return loan.status == LoanStatus::kOut && loan.window.end <= now;
}

Timestamp NextFree(std::vector<TimeWindow> held, Seconds buffer, Timestamp now) {
  std::sort(held.begin(), held.end(),
            [](const TimeWindow& a, const TimeWindow& b) { return a.start < b.start; });
  Timestamp free = now;
  for (const TimeWindow& w : held) {
    if (w.start > free) break;  // a gap at `free`: the thing is free then
    free = std::max(free, w.end + buffer);
  }
  return free;
}

Status ValidateConditionNote(const std::string& note, bool required) {
  FieldErrors errors;
  CheckText("condition", note, 500, required, errors);
  return errors.ToStatus();
}

}  // namespace kin
