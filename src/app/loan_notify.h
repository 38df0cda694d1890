// Internal to src/app: the message a borrower gets when a loan is past its due time, queued in the notification
// outbox in the transaction that records the overdue reminder (Library::RecordOverdueReminders).
#ifndef KIN_APP_LOAN_NOTIFY_H_
#define KIN_APP_LOAN_NOTIFY_H_

#include "core/library.h"
#include "store/store.h"

namespace kin {

// Once per loan ("loan.overdue" in core/notification_text.h), to the borrower.
Status QueueLoanOverdue(WriteTx& tx, const Loan& loan, Timestamp now);

}  // namespace kin

#endif  // KIN_APP_LOAN_NOTIFY_H_
