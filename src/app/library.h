// The library of things: what members lend each other, reservations on a calendar without overlaps,
// a waiting list, check-out and check-in with condition notes, overdue reminders and maintenance.
//
// Who may do what: every member sees the catalogue and the calendar (windows only, never who
// borrows), reserves what its rule lets them borrow, cancels their own reservations and joins
// waiting lists. Intake and coordinators keep the library: they add and change things, set
// maintenance, hand things over (check-out), take them back (check-in), and see every loan and the
// overdue list. A loan is seen by its borrower and the keepers only.
#ifndef KIN_APP_LIBRARY_H_
#define KIN_APP_LIBRARY_H_

#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/context.h"
#include "core/lendable_import.h"
#include "core/library.h"

namespace kin {

struct LendablePatch {
  std::optional<std::string> name;
  std::optional<std::string> category;
  std::optional<std::string> description;
  std::optional<std::string> condition;
  std::optional<int> max_loan_days;
  std::optional<int> buffer_hours;
  std::optional<BorrowRule> borrowers;

  void ApplyTo(LendableDetails& d) const;
};

// A window on a thing's calendar, without who holds it.
struct CalendarEntry {
  TimeWindow window;
  LoanStatus status = LoanStatus::kReserved;
};

// A thing and its calendar, as the library's catalogue lists them.
struct CatalogueEntry {
  Lendable thing;
  std::vector<CalendarEntry> calendar;
};

// What a library import does or would do, row by row: a row names a new thing, or changes the thing of the same
// name (only the fields the file has a column for).
struct LendableImportPlan {
  struct Create {
    int line = 0;
    LendableDetails details;
  };
  struct Update {
    int line = 0;
    LendableId thing;
    std::string name;
    std::vector<std::string> changes;  // the fields that differ, in kLendableImportFields order
    LendableDetails after;
  };
  std::vector<Create> creates;
  std::vector<Update> updates;
  int unchanged = 0;             // rows naming an existing thing exactly as it is
  std::vector<RowError> errors;  // every row that cannot be taken; any error means nothing is applied
  std::vector<std::string> ignored_columns;
  bool applied = false;
};

class Library {
 public:
  explicit Library(AppContext& ctx) : ctx_(ctx) {}

  Result<Lendable> AddThing(const Caller& caller, const std::string& hub_slug,
                            const LendableDetails& details);
  Result<Lendable> UpdateThing(const Caller& caller, const LendableId& id,
                               const LendablePatch& patch);
  // Maintenance, back to available, or retired; `note` says why ("chain replaced").
  Result<Lendable> SetThingStatus(const Caller& caller, const LendableId& id, LendableStatus status,
                                  const std::string& note);
  Result<Lendable> GetThing(const Caller& caller, const LendableId& id);
  Result<Page<Lendable>> ListThings(const Caller& caller, const std::string& hub_slug,
                                    const LendableFilter& filter, const PageRequest& page);
  Result<std::vector<CalendarEntry>> Calendar(const Caller& caller, const LendableId& id);
  // ListThings with each thing's calendar, in one read (the catalogue page says when each is next free).
  Result<Page<CatalogueEntry>> Catalogue(const Caller& caller, const std::string& hub_slug,
                                         const LendableFilter& filter, const PageRequest& page);

  // kConflict when the window (with the thing's buffer after each loan) overlaps another
  // reservation or loan. Reserving takes the caller off the thing's waiting list.
  Result<Loan> Reserve(const Caller& caller, const LendableId& id, const TimeWindow& window);
  Result<Loan> GetLoan(const Caller& caller, const LoanId& id);
  // Keepers see every loan; other members only their own (filter.borrower is set to them; asking
  // for someone else's is forbidden).
  Result<Page<Loan>> ListLoans(const Caller& caller, const std::string& hub_slug, LoanFilter filter,
                               const PageRequest& page);
  Result<std::vector<Loan>> Overdue(const Caller& caller, const std::string& hub_slug);
  // Every loan of the hub the caller may see (as ListLoans), oldest first, for spreadsheets.
  Result<std::vector<Loan>> AllLoans(const Caller& caller, const std::string& hub_slug);

  Result<Loan> Cancel(const Caller& caller, const LoanId& id);
  Result<Loan> CheckOut(const Caller& caller, const LoanId& id, const std::string& condition);
  // The return condition becomes the thing's condition; the first member waiting gets an
  // "available" reminder.
  Result<Loan> CheckIn(const Caller& caller, const LoanId& id, const std::string& condition);

  Status JoinWaitlist(const Caller& caller, const LendableId& id);
  Status LeaveWaitlist(const Caller& caller, const LendableId& id);
  // Keepers only: who waits, first first.
  Result<std::vector<WaitlistEntry>> Waitlist(const Caller& caller, const LendableId& id);

  // Intake: things from a CSV (mapping: field -> column header), planned against the hub's things by name. With
  // dry_run, or when any row has an error, nothing is saved; otherwise everything applies in one transaction.
  // MayImport lets the API refuse before reading a file.
  Status MayImport(const Caller& caller, const std::string& hub_slug);
  Result<LendableImportPlan> Import(const Caller& caller, const std::string& hub_slug, std::string_view csv,
                                    const std::map<std::string, std::string>& mapping, bool dry_run);

  // Records one "overdue" reminder (and a loan.overdue event) per loan out past its due time, in
  // every hub, for the notification outbox to send; returns how many were new. Run by kin serve's
  // sweeper.
  Result<int> RecordOverdueReminders();

 private:
  AppContext& ctx_;
};

}  // namespace kin

#endif  // KIN_APP_LIBRARY_H_
