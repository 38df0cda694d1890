#include "app/stock_notify.h"

#include "app/notifications.h"

namespace kin {

Status QueueStockLow(WriteTx& tx, const StockItem& item, const std::string& crossing, Timestamp now) {
  const MessageParams params = {{"item", item.details.name},
                                {"quantity", std::to_string(item.quantity)},
                                {"unit", item.details.unit}};
  PageRequest page{"", 200};
  do {
    Page<MemberInHub> members = tx.ListMembers(item.hub, page);
    for (const MemberInHub& m : members.items) {
      const Roles& roles = m.membership.roles;
      if (!roles.Has(Role::kIntake) && !roles.Has(Role::kCoordinator)) continue;
      OutboxMessage message;
      message.hub = item.hub;
      message.member = m.member.id;
      message.kind = "stock.low";
      message.params = params;
      message.dedupe_key = "stock.low:" + item.id.value + ":" + crossing + ":" + m.member.id.value;
      message.created_at = now;
      Status s = Notifications::Queue(tx, std::move(message));
      if (!s.ok()) return s;
    }
    page.after = members.next;
  } while (!page.after.empty());
  return Status::Ok();
}

}  // namespace kin
