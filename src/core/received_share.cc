#include "core/received_share.h"

namespace kin {

ReceivedShareVerdict DecideReceivedShare(const std::optional<ReceivedShare>& kept, const ReceivedShare& incoming,
                                         bool is_update) {
  if (!kept) return ReceivedShareVerdict::kStore;
  if (kept->remote_actor != incoming.remote_actor) return ReceivedShareVerdict::kForeign;
  if (incoming.updated < kept->updated) return ReceivedShareVerdict::kStale;
  if (incoming.updated == kept->updated && !is_update) return ReceivedShareVerdict::kStale;
  return ReceivedShareVerdict::kStore;
}

}  // namespace kin
