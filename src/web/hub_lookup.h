// Finding hubs by id. The app looks hubs up by slug only; needs and memberships name their hub by id.
#ifndef KIN_WEB_HUB_LOOKUP_H_
#define KIN_WEB_HUB_LOOKUP_H_

#include <map>
#include <optional>

#include "app/app.h"

namespace kin::web {

// Every hub on the server by id, reading the directory page by page (servers hold a handful of hubs).
// TODO: ask the app for Hubs::GetById instead once it offers one.
std::map<HubId, Hub> HubsById(App& app);
std::optional<Hub> HubById(App& app, const HubId& id);

}  // namespace kin::web

#endif  // KIN_WEB_HUB_LOOKUP_H_
