// Internal to src/app: the messages of a shift swap, queued in the notification outbox in the transaction that
// proposes, accepts or declines it (Shifts::ProposeSwap, AcceptSwap, DeclineSwap), so a refused or rolled back
// operation queues nothing.
#ifndef KIN_APP_SWAP_NOTIFY_H_
#define KIN_APP_SWAP_NOTIFY_H_

#include <string>

#include "core/shift.h"
#include "store/store.h"

namespace kin {

// "shift.swap_proposed" to the member asked, naming the place offered and, for an exchange, theirs asked back.
// `public_url` (AppOptions) starts the link to "my shifts"; empty, the message gives its path.
Status QueueSwapProposed(WriteTx& tx, const Swap& swap, const std::string& public_url, Timestamp now);

// Once `swap` is decided (its status accepted or declined): "shift.swap_accepted" or "shift.swap_declined" to the
// proposer, or "shift.swap_withdrawn" to the member asked when the proposer declined their own offer.
Status QueueSwapDecided(WriteTx& tx, const Swap& swap, const MemberId& decided_by, const std::string& public_url,
                        Timestamp now);

}  // namespace kin

#endif  // KIN_APP_SWAP_NOTIFY_H_
