#include "app/context.h"

namespace kin {

Status RecordEvent(WriteTx& tx, const HubId& hub, Timestamp at, std::string actor, std::string type,
                   std::string subject, std::string detail) {
  Event e;
  e.hub = hub;
  e.at = at;
  e.actor = std::move(actor);
  e.type = std::move(type);
  e.subject = std::move(subject);
  e.detail = std::move(detail);
  return tx.AppendEvent(std::move(e));
}

Status SharedItemChanged(const AppContext& ctx, WriteTx& tx, const std::string& kind, const std::string& id,
                         Timestamp now) {
  return ctx.shared_item_changed ? ctx.shared_item_changed(tx, kind, id, now) : Status::Ok();
}

}  // namespace kin
