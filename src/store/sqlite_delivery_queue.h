// The statements that pick federation deliveries to send, kept apart so a test can check their query plans: the
// queue runs them every second, and a peer that is down for days can leave hundreds of thousands of rows pending.
//
// Deliveries to one target inbox go in the order they were queued (docs/federation.md, "Delivery"): a row waits
// while an older row to the same inbox is pending (neither delivered nor given up). So only the oldest pending row
// of each inbox (its head) can be due. Finding the heads walks the pending rows' index (inbox, seq) once per inbox
// with pending rows (a loose index scan written as a recursive CTE), never the rows queued behind a head: the cost
// grows with the number of inboxes, not with the length of their queues.
#ifndef KIN_STORE_SQLITE_DELIVERY_QUEUE_H_
#define KIN_STORE_SQLITE_DELIVERY_QUEUE_H_

#define KIN_DELIVERY_COLUMNS                                                                                 \
  "seq, activity_id, inbox, body, signer, created_at, next_attempt_at, attempts, last_error, delivered_at, " \
  "gave_up_at"

namespace kin::sqlite {

// ?1 now, ?2 limit: the head of each inbox whose next attempt is due, soonest due first.
inline constexpr char kDueDeliveryHeadsSql[] =
    "WITH RECURSIVE inboxes(inbox) AS ("
    " SELECT (SELECT MIN(inbox) FROM federation_deliveries WHERE delivered_at IS NULL AND gave_up_at IS NULL)"
    " UNION ALL"
    " SELECT (SELECT MIN(p.inbox) FROM federation_deliveries p"
    "         WHERE p.delivered_at IS NULL AND p.gave_up_at IS NULL AND p.inbox > inboxes.inbox)"
    " FROM inboxes WHERE inboxes.inbox IS NOT NULL) "
    "SELECT " KIN_DELIVERY_COLUMNS
    " FROM federation_deliveries WHERE seq IN ("
    " SELECT (SELECT h.seq FROM federation_deliveries h WHERE h.delivered_at IS NULL AND h.gave_up_at IS NULL"
    "         AND h.inbox = inboxes.inbox ORDER BY h.seq LIMIT 1)"
    " FROM inboxes WHERE inboxes.inbox IS NOT NULL) "
    "AND next_attempt_at <= ?1 ORDER BY next_attempt_at, seq LIMIT ?2";

// ?1 inbox, ?2 seq, ?3 limit: the pending rows queued to `inbox` after row `seq`, in the order they were queued.
inline constexpr char kPendingDeliveriesAfterSql[] =
    "SELECT " KIN_DELIVERY_COLUMNS
    " FROM federation_deliveries WHERE inbox = ?1 AND seq > ?2 "
    "AND delivered_at IS NULL AND gave_up_at IS NULL ORDER BY seq LIMIT ?3";

// ?1 inbox, ?2 seq, ?3 queued before, ?4 given up at, ?5 error: see WriteTx::GiveUpDeliveriesBehind.
inline constexpr char kGiveUpDeliveriesBehindSql[] =
    "UPDATE federation_deliveries SET gave_up_at = ?4, last_error = ?5 WHERE inbox = ?1 AND seq > ?2 "
    "AND delivered_at IS NULL AND gave_up_at IS NULL AND created_at < ?3";

}  // namespace kin::sqlite

#endif  // KIN_STORE_SQLITE_DELIVERY_QUEUE_H_
