// What the need page shows a coordinator about the need's escalation (issue 10): whether it was offered to
// other hubs, to how many and which, who took it (with the confirm and keep-it-here buttons while that waits for
// the coordinator), handed over or withdrawn; at a hub that took a need, which hub it came from. Never the
// person's contact. Built in pages_escalations.cc beside the escalations page it mirrors.
#ifndef KIN_WEB_NEED_ESCALATIONS_H_
#define KIN_WEB_NEED_ESCALATIONS_H_

#include "core/hub.h"
#include "core/ids.h"
#include "web/page.h"

namespace kin::web {

// Sets "has_escalations" and "escalations" on `d` when the caller coordinates the need's hub and the need took
// part in an escalation; returns whether one is still under way (offered, or taken and awaiting confirmation),
// when offering the need again makes no sense.
bool AddNeedEscalations(PageContext& page, const Hub& hub, const NeedId& need, mustache::data& d);

}  // namespace kin::web

#endif  // KIN_WEB_NEED_ESCALATIONS_H_
