#include "app/loan_notify.h"

#include "app/message_render.h"
#include "app/notifications.h"

namespace kin {

Status QueueLoanOverdue(WriteTx& tx, const Loan& loan, Timestamp now) {
  Result<Lendable> item = tx.GetLendable(loan.item);
  if (!item.ok()) return item.status();
  Result<Hub> hub = tx.GetHub(loan.hub);
  if (!hub.ok()) return hub.status();
  Result<std::string> due = HubLocalTime(*hub, loan.window.end);
  if (!due.ok()) return due.status();
  OutboxMessage m;
  m.hub = loan.hub;
  m.member = loan.borrower;
  m.kind = "loan.overdue";
  m.params = {{"thing", item->details.name}, {"due", *due}, {"zone", hub->settings.time_zone}};
  m.dedupe_key = "loan.overdue:" + loan.id.value;
  m.created_at = now;
  return Notifications::Queue(tx, std::move(m));
}

}  // namespace kin
