#include "web/hub_lookup.h"

namespace kin::web {

std::map<HubId, Hub> HubsById(App& app) {
  std::map<HubId, Hub> out;
  PageRequest page;
  page.limit = 200;
  for (int pages = 0; pages < 100; ++pages) {  // bounded, whatever the store answers
    Page<Hub> hubs = app.hubs.List(page);
    for (Hub& h : hubs.items) out.emplace(h.id, std::move(h));
    if (hubs.next.empty()) break;
    page.after = hubs.next;
  }
  return out;
}

std::optional<Hub> HubById(App& app, const HubId& id) {
  std::map<HubId, Hub> hubs = HubsById(app);
  auto it = hubs.find(id);
  if (it == hubs.end()) return std::nullopt;
  return it->second;
}

}  // namespace kin::web
