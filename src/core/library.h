// The library of things: tools, car seats, wheelchairs, camping gear lent between members. No fees,
// deposits or prices, ever: a loan is a window of time and two condition notes.
//
// A loan's lifecycle:
//   reserved -> out -> returned
//   reserved -> cancelled
// Loans that are reserved or out hold their window: no other loan of the same thing may overlap it,
// counting the item's buffer (time to clean, charge or repair) after each loan.
#ifndef KIN_CORE_LIBRARY_H_
#define KIN_CORE_LIBRARY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/member.h"
#include "core/status.h"
#include "core/time.h"

namespace kin {

using LendableId = Id<struct LendableTag>;
using LoanId = Id<struct LoanTag>;

enum class LendableStatus { kAvailable, kMaintenance, kRetired };
const char* LendableStatusName(LendableStatus s);
std::optional<LendableStatus> ParseLendableStatus(const std::string& name);

// Who may borrow a thing: any member, or only intake and coordinators (who lend it on someone's
// behalf, e.g. a child car seat that must be fitted by someone trained).
enum class BorrowRule { kMembers, kIntake };
const char* BorrowRuleName(BorrowRule r);
std::optional<BorrowRule> ParseBorrowRule(const std::string& name);

struct LendableDetails {
  std::string name;         // "Cordless drill"
  std::string category;     // "tools", "mobility", "camping"
  std::string description;  // what comes with it, how to use it
  std::string condition;    // as it is now: "good, battery holds 2 h"
  int max_loan_days = 7;    // the longest one loan may last, 1..365
  int buffer_hours = 0;     // kept free after each loan, 0..336
  BorrowRule borrowers = BorrowRule::kMembers;
};

struct Lendable {
  LendableId id;
  HubId hub;
  LendableDetails details;
  LendableStatus status = LendableStatus::kAvailable;
  Timestamp created_at{};
  Timestamp updated_at{};
};

enum class LoanStatus { kReserved, kOut, kReturned, kCancelled };
const char* LoanStatusName(LoanStatus s);
std::optional<LoanStatus> ParseLoanStatus(const std::string& name);

struct Loan {
  LoanId id;
  HubId hub;
  LendableId item;
  MemberId borrower;
  TimeWindow window;  // [start, end): when it is reserved for; end is when it is due back
  LoanStatus status = LoanStatus::kReserved;
  std::string out_condition;     // noted at check-out
  std::string return_condition;  // noted at check-in
  std::optional<Timestamp> checked_out_at;
  std::optional<Timestamp> returned_at;
  Timestamp created_at{};
  Timestamp updated_at{};
};

// A member waiting for a thing to be free; first come, first told.
struct WaitlistEntry {
  int64_t seq = 0;  // order of joining
  HubId hub;
  LendableId item;
  MemberId member;
  Timestamp created_at{};
};

// A reminder for the notification outbox to send: "overdue" to a borrower past the due time,
// "available" to the first member waiting when a thing comes free. Recorded once per loan and kind;
// sent_at is set by the sender.
struct LoanReminder {
  int64_t seq = 0;
  HubId hub;
  LoanId loan;
  MemberId member;
  std::string kind;    // "overdue" or "available"
  Timestamp due_at{};  // the loan's due time (overdue) or when the thing came free (available)
  Timestamp created_at{};
  std::optional<Timestamp> sent_at;
};

Status ValidateLendableDetails(const LendableDetails& d);

// A new reservation's window: end after start, not over already, no longer than the item allows.
Status CheckLoanWindow(const TimeWindow& window, int max_loan_days, Timestamp now);

// Whether two loans' windows collide once `buffer` is kept free after each.
bool LoansOverlap(const TimeWindow& a, const TimeWindow& b, Seconds buffer);

// Reserved and out loans hold their window; returned and cancelled ones do not.
bool HoldsWindow(LoanStatus s);

// Ok when a member with `roles` may borrow under `rule`; kForbidden otherwise.
Status CheckMayBorrow(BorrowRule rule, Roles roles);

// New reservations and check-outs need the thing to be available (not in maintenance, not retired).
Status CheckLendableAvailable(const Lendable& item);

// Ok when the lifecycle allows `from -> to`; else kConflict saying why ("this loan is not checked
// out").
Status CheckLoanTransition(LoanStatus from, LoanStatus to);

// Out past its due time.
bool IsOverdue(const Loan& loan, Timestamp now);

// When a thing is next free at or after `now`: `now` itself when no held window (with `buffer` kept free
// after it) covers that instant, else the end plus buffer of the run of back-to-back windows that does.
// `held` may be in any order.
Timestamp NextFree(std::vector<TimeWindow> held, Seconds buffer, Timestamp now);

// Condition notes at check-out and check-in ("condition"): optional at check-out, required at
// check-in so the next borrower knows what they get.
Status ValidateConditionNote(const std::string& note, bool required);

}  // namespace kin

#endif  // KIN_CORE_LIBRARY_H_
