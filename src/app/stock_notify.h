// The low-stock alert: when an item falls to its low-stock mark, the hub's intake and coordinators hear of it, so
// someone can ask for donations before the shelf is empty.
#ifndef KIN_APP_STOCK_NOTIFY_H_
#define KIN_APP_STOCK_NOTIFY_H_

#include "core/status.h"
#include "core/stock.h"
#include "core/time.h"
#include "store/store.h"

namespace kin {

// Queues "stock.low" (core/notification_text.h) to every intake and coordinator of the item's hub, once per
// crossing of the mark: `crossing` names it (the movement's sequence number, or the update's time), so an item
// that is restocked and falls again alerts again.
Status QueueStockLow(WriteTx& tx, const StockItem& item, const std::string& crossing, Timestamp now);

}  // namespace kin

#endif  // KIN_APP_STOCK_NOTIFY_H_
