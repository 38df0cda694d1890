#include "app/library.h"

#include <algorithm>

#include "app/access.h"
#include "app/loan_notify.h"
#include "crypto/tokens.h"

namespace kin {

void LendablePatch::ApplyTo(LendableDetails& d) const {
  if (name) d.name = *name;
  if (category) d.category = *category;
  if (description) d.description = *description;
  if (condition) d.condition = *condition;
  if (max_loan_days) d.max_loan_days = *max_loan_days;
  if (buffer_hours) d.buffer_hours = *buffer_hours;
  if (borrowers) d.borrowers = *borrowers;
}

namespace {

constexpr int kMaxOverdueListed = 200;
constexpr int kMaxRemindersPerSweep = 500;

bool IsKeeper(const Membership& m) {
  return m.roles.Has(Role::kIntake) || m.roles.Has(Role::kCoordinator);
}

// A thing of one of the caller's hubs, with the caller's membership; others are "not found".
struct Visible {
  Lendable item;
  Membership membership;
};

Result<Visible> GetVisibleThing(ReadTx& tx, const Caller& caller, const LendableId& id) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to see the library");
  Result<Lendable> item = tx.GetLendable(id);
  if (!item.ok()) return Status::NotFound("thing not found");
  std::optional<Membership> m = tx.GetMembership(item->hub, *caller.member);
  if (!m) return Status::NotFound("thing not found");
  return Visible{std::move(*item), *m};
}

struct VisibleLoan {
  Loan loan;
  Membership membership;
};

// A loan is seen by its borrower and the hub's keepers; to everyone else it does not exist.
Result<VisibleLoan> GetVisibleLoan(ReadTx& tx, const Caller& caller, const LoanId& id) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to see loans");
  Result<Loan> loan = tx.GetLoan(id);
  if (!loan.ok()) return Status::NotFound("loan not found");
  std::optional<Membership> m = tx.GetMembership(loan->hub, *caller.member);
  if (!m || (loan->borrower != *caller.member && !IsKeeper(*m)))
    return Status::NotFound("loan not found");
  return VisibleLoan{std::move(*loan), *m};
}

Status RequireKeeper(const Membership& m) {
  if (IsKeeper(m)) return Status::Ok();
  return Status::Forbidden("this needs the intake role in this hub");
}

std::string Hours(int h) { return std::to_string(h) + (h == 1 ? " hour" : " hours"); }

}  // namespace

Result<Lendable> Library::AddThing(const Caller& caller, const std::string& hub_slug,
                                   const LendableDetails& details) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Lendable>(ctx_.store, [&](WriteTx& tx) -> Result<Lendable> {
    Result<HubAccess> access = RequireRoleIn(tx, caller, hub_slug, Role::kIntake);
    if (!access.ok()) return access.status();
    Status s = ValidateLendableDetails(details);
    if (!s.ok()) return s;
    Lendable item;
    item.id = LendableId{RandomId("thing")};
    item.hub = access->hub.id;
    item.details = details;
    item.created_at = item.updated_at = now;
    s = tx.InsertLendable(item);
    if (s.ok())
      s = RecordEvent(tx, access->hub.id, now, caller.actor(), "lendable.created", item.id.value,
                      details.name);
    if (!s.ok()) return s;
    return item;
  });
}

Result<Lendable> Library::UpdateThing(const Caller& caller, const LendableId& id,
                                      const LendablePatch& patch) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Lendable>(ctx_.store, [&](WriteTx& tx) -> Result<Lendable> {
    Result<Visible> v = GetVisibleThing(tx, caller, id);
    if (!v.ok()) return v.status();
    Status s = RequireKeeper(v->membership);
    if (!s.ok()) return s;
    Lendable item = v->item;
    patch.ApplyTo(item.details);
    s = ValidateLendableDetails(item.details);
    if (!s.ok()) return s;
    item.updated_at = now;
    s = tx.UpdateLendable(item);
    if (s.ok())
      s = RecordEvent(tx, item.hub, now, caller.actor(), "lendable.updated", item.id.value);
    if (!s.ok()) return s;
    return item;
  });
}

Result<Lendable> Library::SetThingStatus(const Caller& caller, const LendableId& id,
                                         LendableStatus status, const std::string& note) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Lendable>(ctx_.store, [&](WriteTx& tx) -> Result<Lendable> {
    Result<Visible> v = GetVisibleThing(tx, caller, id);
    if (!v.ok()) return v.status();
    Status s = RequireKeeper(v->membership);
    if (!s.ok()) return s;
    s = ValidateConditionNote(note, /*required=*/false);
    if (!s.ok()) return Status::InvalidField("note", s.fields()[0].message);
    Lendable item = v->item;
    item.status = status;
    item.updated_at = now;
    s = tx.UpdateLendable(item);
    std::string detail = LendableStatusName(status);
    if (!note.empty()) detail += ": " + note;
    if (s.ok())
      s = RecordEvent(tx, item.hub, now, caller.actor(), "lendable.status", item.id.value, detail);
    if (!s.ok()) return s;
    return item;
  });
}

Result<Lendable> Library::GetThing(const Caller& caller, const LendableId& id) {
  return ReadValue<Lendable>(ctx_.store, [&](ReadTx& tx) -> Result<Lendable> {
    Result<Visible> v = GetVisibleThing(tx, caller, id);
    if (!v.ok()) return v.status();
    return v->item;
  });
}

Result<Page<Lendable>> Library::ListThings(const Caller& caller, const std::string& hub_slug,
                                           const LendableFilter& filter, const PageRequest& page) {
  return ReadValue<Page<Lendable>>(ctx_.store, [&](ReadTx& tx) -> Result<Page<Lendable>> {
    Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
    if (!access.ok()) return access.status();
    return tx.ListLendables(access->hub.id, filter, page);
  });
}

Result<Page<CatalogueEntry>> Library::Catalogue(const Caller& caller, const std::string& hub_slug,
                                                const LendableFilter& filter, const PageRequest& page) {
  return ReadValue<Page<CatalogueEntry>>(ctx_.store, [&](ReadTx& tx) -> Result<Page<CatalogueEntry>> {
    Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
    if (!access.ok()) return access.status();
    Page<Lendable> things = tx.ListLendables(access->hub.id, filter, page);
    Page<CatalogueEntry> out;
    out.next = std::move(things.next);
    for (Lendable& t : things.items) {
      CatalogueEntry e;
      for (const Loan& l : tx.ListLoansHoldingWindow(t.id)) e.calendar.push_back({l.window, l.status});
      e.thing = std::move(t);
      out.items.push_back(std::move(e));
    }
    return out;
  });
}

Result<std::vector<CalendarEntry>> Library::Calendar(const Caller& caller, const LendableId& id) {
  return ReadValue<std::vector<CalendarEntry>>(
      ctx_.store, [&](ReadTx& tx) -> Result<std::vector<CalendarEntry>> {
        Result<Visible> v = GetVisibleThing(tx, caller, id);
        if (!v.ok()) return v.status();
        std::vector<CalendarEntry> out;
        for (const Loan& l : tx.ListLoansHoldingWindow(id)) out.push_back({l.window, l.status});
        return out;
      });
}

Result<Loan> Library::Reserve(const Caller& caller, const LendableId& id,
                              const TimeWindow& window) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Loan>(ctx_.store, [&](WriteTx& tx) -> Result<Loan> {
    Result<Visible> v = GetVisibleThing(tx, caller, id);
    if (!v.ok()) return v.status();
    const Lendable& item = v->item;
    Status s = CheckMayBorrow(item.details.borrowers, v->membership.roles);
    if (s.ok()) s = CheckLendableAvailable(item);
    if (s.ok()) s = CheckLoanWindow(window, item.details.max_loan_days, now);
    if (!s.ok()) return s;
    // Checked and inserted in this one write closure on the store's single writer: two overlapping
    // reservations cannot both pass.
    Seconds buffer(static_cast<long long>(item.details.buffer_hours) * 3600);
    for (const Loan& other : tx.ListLoansHoldingWindow(item.id)) {
      if (LoansOverlap(window, other.window, buffer)) {
        std::string why =
            "already " + std::string(LoanStatusName(other.status)) + " for an overlapping time";
        if (item.details.buffer_hours > 0)
          why += " (it needs " + Hours(item.details.buffer_hours) + " between loans)";
        return Status::Conflict(why + "; pick another time or join the waiting list");
      }
    }
    Loan loan;
    loan.id = LoanId{RandomId("loan")};
    loan.hub = item.hub;
    loan.item = item.id;
    loan.borrower = *caller.member;
    loan.window = window;
    loan.created_at = loan.updated_at = now;
    s = tx.InsertLoan(loan);
    if (s.ok())
      s = RecordEvent(tx, item.hub, now, caller.actor(), "loan.reserved", loan.id.value,
                      item.id.value);
    if (s.ok()) {
      Status left = tx.RemoveFromWaitlist(item.id, *caller.member);
      if (!left.ok() && left.kind() != StatusKind::kNotFound) s = left;
    }
    if (!s.ok()) return s;
    return loan;
  });
}

Result<Loan> Library::GetLoan(const Caller& caller, const LoanId& id) {
  return ReadValue<Loan>(ctx_.store, [&](ReadTx& tx) -> Result<Loan> {
    Result<VisibleLoan> v = GetVisibleLoan(tx, caller, id);
    if (!v.ok()) return v.status();
    return v->loan;
  });
}

Result<Page<Loan>> Library::ListLoans(const Caller& caller, const std::string& hub_slug,
                                      LoanFilter filter, const PageRequest& page) {
  return ReadValue<Page<Loan>>(ctx_.store, [&](ReadTx& tx) -> Result<Page<Loan>> {
    Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
    if (!access.ok()) return access.status();
    if (!IsKeeper(access->membership)) {
      if (filter.borrower && *filter.borrower != *caller.member) {
        return Status::Forbidden("only intake and coordinators see other members' loans");
      }
      filter.borrower = *caller.member;
    }
    return tx.ListLoans(access->hub.id, filter, page);
  });
}

Result<std::vector<Loan>> Library::Overdue(const Caller& caller, const std::string& hub_slug) {
  Timestamp now = ctx_.clock.Now();
  return ReadValue<std::vector<Loan>>(ctx_.store, [&](ReadTx& tx) -> Result<std::vector<Loan>> {
    Result<HubAccess> access = RequireRoleIn(tx, caller, hub_slug, Role::kIntake);
    if (!access.ok()) return access.status();
    return tx.ListOverdueLoans(access->hub.id, now, kMaxOverdueListed);
  });
}

Result<std::vector<Loan>> Library::AllLoans(const Caller& caller, const std::string& hub_slug) {
  return ReadValue<std::vector<Loan>>(ctx_.store, [&](ReadTx& tx) -> Result<std::vector<Loan>> {
    Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
    if (!access.ok()) return access.status();
    LoanFilter filter;
    if (!IsKeeper(access->membership)) filter.borrower = *caller.member;
    std::vector<Loan> all;
    PageRequest page{"", 200};
    for (;;) {
      Page<Loan> p = tx.ListLoans(access->hub.id, filter, page);
      all.insert(all.end(), p.items.begin(), p.items.end());
      if (p.next.empty()) break;
      page.after = p.next;
    }
    std::reverse(all.begin(), all.end());
    return all;
  });
}

Result<Loan> Library::Cancel(const Caller& caller, const LoanId& id) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Loan>(ctx_.store, [&](WriteTx& tx) -> Result<Loan> {
    Result<VisibleLoan> v = GetVisibleLoan(tx, caller, id);
    if (!v.ok()) return v.status();
    Loan loan = v->loan;
    Status s = CheckLoanTransition(loan.status, LoanStatus::kCancelled);
    if (!s.ok()) return s;
    loan.status = LoanStatus::kCancelled;
    loan.updated_at = now;
    s = tx.UpdateLoan(loan);
    if (s.ok())
      s = RecordEvent(tx, loan.hub, now, caller.actor(), "loan.cancelled", loan.id.value,
                      loan.item.value);
    if (!s.ok()) return s;
    return loan;
  });
}

Result<Loan> Library::CheckOut(const Caller& caller, const LoanId& id,
                               const std::string& condition) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Loan>(ctx_.store, [&](WriteTx& tx) -> Result<Loan> {
    Result<VisibleLoan> v = GetVisibleLoan(tx, caller, id);
    if (!v.ok()) return v.status();
    Status s = RequireKeeper(v->membership);
    if (!s.ok()) return s;
    Loan loan = v->loan;
    s = CheckLoanTransition(loan.status, LoanStatus::kOut);
    if (s.ok()) s = ValidateConditionNote(condition, /*required=*/false);
    if (!s.ok()) return s;
    Result<Lendable> item = tx.GetLendable(loan.item);
    if (!item.ok()) return item.status();
    s = CheckLendableAvailable(*item);
    if (!s.ok()) return s;
    if (loan.window.end <= now)
      return Status::Conflict("this reservation has ended; make a new one");
    loan.status = LoanStatus::kOut;
    loan.out_condition = condition.empty() ? item->details.condition : condition;
    loan.checked_out_at = now;
    loan.updated_at = now;
    s = tx.UpdateLoan(loan);
    if (s.ok())
      s = RecordEvent(tx, loan.hub, now, caller.actor(), "loan.checked_out", loan.id.value,
                      loan.out_condition);
    if (!s.ok()) return s;
    return loan;
  });
}

Result<Loan> Library::CheckIn(const Caller& caller, const LoanId& id,
                              const std::string& condition) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Loan>(ctx_.store, [&](WriteTx& tx) -> Result<Loan> {
    Result<VisibleLoan> v = GetVisibleLoan(tx, caller, id);
    if (!v.ok()) return v.status();
    Status s = RequireKeeper(v->membership);
    if (!s.ok()) return s;
    Loan loan = v->loan;
    s = CheckLoanTransition(loan.status, LoanStatus::kReturned);
    if (s.ok()) s = ValidateConditionNote(condition, /*required=*/true);
    if (!s.ok()) return s;
    Result<Lendable> item = tx.GetLendable(loan.item);
    if (!item.ok()) return item.status();
    loan.status = LoanStatus::kReturned;
    loan.return_condition = condition;
    loan.returned_at = now;
    loan.updated_at = now;
    item->details.condition = condition;
    item->updated_at = now;
    s = tx.UpdateLoan(loan);
    if (s.ok()) s = tx.UpdateLendable(*item);
    if (s.ok())
      s = RecordEvent(tx, loan.hub, now, caller.actor(), "loan.returned", loan.id.value, condition);
    if (!s.ok()) return s;
    std::vector<WaitlistEntry> waiting = tx.ListWaitlist(item->id);
    if (!waiting.empty()) {
      Result<bool> added = tx.InsertLoanReminder(
          {0, loan.hub, loan.id, waiting.front().member, "available", now, now, std::nullopt});
      if (!added.ok()) return added.status();
    }
    return loan;
  });
}

Status Library::JoinWaitlist(const Caller& caller, const LendableId& id) {
  Timestamp now = ctx_.clock.Now();
  return ctx_.store.Write([&](WriteTx& tx) -> Status {
    Result<Visible> v = GetVisibleThing(tx, caller, id);
    if (!v.ok()) return v.status();
    Status s = CheckMayBorrow(v->item.details.borrowers, v->membership.roles);
    if (s.ok()) s = tx.AddToWaitlist({0, v->item.hub, v->item.id, *caller.member, now});
    if (s.ok())
      s = RecordEvent(tx, v->item.hub, now, caller.actor(), "waitlist.joined", v->item.id.value);
    return s;
  });
}

Status Library::LeaveWaitlist(const Caller& caller, const LendableId& id) {
  Timestamp now = ctx_.clock.Now();
  return ctx_.store.Write([&](WriteTx& tx) -> Status {
    Result<Visible> v = GetVisibleThing(tx, caller, id);
    if (!v.ok()) return v.status();
    Status s = tx.RemoveFromWaitlist(v->item.id, *caller.member);
    if (s.ok())
      s = RecordEvent(tx, v->item.hub, now, caller.actor(), "waitlist.left", v->item.id.value);
    return s;
  });
}

Result<std::vector<WaitlistEntry>> Library::Waitlist(const Caller& caller, const LendableId& id) {
  return ReadValue<std::vector<WaitlistEntry>>(
      ctx_.store, [&](ReadTx& tx) -> Result<std::vector<WaitlistEntry>> {
        Result<Visible> v = GetVisibleThing(tx, caller, id);
        if (!v.ok()) return v.status();
        Status s = RequireKeeper(v->membership);
        if (!s.ok()) return s;
        return tx.ListWaitlist(id);
      });
}

Result<int> Library::RecordOverdueReminders() {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<int>(ctx_.store, [&](WriteTx& tx) -> Result<int> {
    int added = 0;
    for (const Loan& loan : tx.ListOverdueLoans(HubId{}, now, kMaxRemindersPerSweep)) {
      Result<bool> fresh = tx.InsertLoanReminder(
          {0, loan.hub, loan.id, loan.borrower, "overdue", loan.window.end, now, std::nullopt});
      if (!fresh.ok()) return fresh.status();
      if (!*fresh) continue;
      Status s =
          RecordEvent(tx, loan.hub, now, "system", "loan.overdue", loan.id.value, loan.item.value);
      if (s.ok()) s = QueueLoanOverdue(tx, loan, now);
      if (!s.ok()) return s;
      ++added;
    }
    return added;
  });
}

}  // namespace kin
