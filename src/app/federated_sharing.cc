// FederatedSharing: what members see of the items shared with their hub, and the directory.
#include "app/federated_sharing.h"

#include <map>

#include <boost/json.hpp>

#include "app/access.h"
#include "federation/hub_listing.h"

namespace kin {
namespace {

namespace fed = kin::federation;

constexpr int kMaxListed = 200;
constexpr int kMaxFederatedHubs = 1000;

// The remote hubs' listings by actor, from their cached actor documents. A document that no longer reads is
// left out (it listed nothing valid), never a reason to fail the page.
std::map<std::string, fed::DirectoryHub> FederatedListings(ReadTx& tx) {
  std::map<std::string, fed::DirectoryHub> out;
  for (const auto& [actor, document] : tx.ListFederatedActorDocuments(kMaxFederatedHubs)) {
    boost::system::error_code ec;
    boost::json::value doc = boost::json::parse(document, ec);
    if (ec || !doc.is_object()) continue;
    Result<fed::HubListing> listing = fed::ReadHubListing(doc.get_object());
    if (listing.ok() && listing->hub.actor == actor) out.emplace(actor, listing->hub);
  }
  return out;
}

}  // namespace

Result<std::vector<ReceivedShareView>> FederatedSharing::Received(const Caller& caller, const std::string& slug) {
  return ReadValue<std::vector<ReceivedShareView>>(
      ctx_.store, [&](ReadTx& tx) -> Result<std::vector<ReceivedShareView>> {
        Result<HubAccess> access = RequireMemberOf(tx, caller, slug);
        if (!access.ok()) return access.status();
        std::map<std::string, fed::DirectoryHub> listings = FederatedListings(tx);
        std::vector<ReceivedShareView> out;
        for (ReceivedShare& share : tx.ListReceivedShares(access->hub.id, kMaxListed)) {
          ReceivedShareView v;
          if (auto it = listings.find(share.remote_actor); it != listings.end()) {
            v.hub_name = it->second.name;
            v.hub_url = it->second.url;
          }
          if (v.hub_name.empty()) {
            std::optional<HubFollow> f = tx.GetHubFollow(access->hub.id, FollowDirection::kFollowing, share.remote_actor);
            v.hub_name = f && !f->remote_handle.empty() ? f->remote_handle : share.remote_actor;
          }
          if (v.hub_url.empty()) v.hub_url = share.remote_actor;
          if (access->hub.settings.area_center && share.center) {
            v.distance_m = DistanceMeters(*access->hub.settings.area_center, *share.center);
          }
          v.share = std::move(share);
          out.push_back(std::move(v));
        }
        return out;
      });
}

Result<DirectoryAnswer> FederatedSharing::Directory(const std::string& near) {
  Result<LatLon> point = fed::ParseNearPoint(near);
  if (!point.ok()) return point.status();
  std::string base = federation_.config().public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return ReadValue<DirectoryAnswer>(ctx_.store, [&](ReadTx& tx) -> Result<DirectoryAnswer> {
    std::vector<fed::DirectoryHub> hubs;
    PageRequest page{"", 200};
    for (;;) {
      Page<Hub> p = tx.ListHubs(page);
      for (const Hub& h : p.items) {
        if (!h.settings.area_center) continue;  // keeps its area private: never listed
        fed::DirectoryHub d;
        d.actor = federation_.HubActorUrl(h.slug);
        d.name = h.settings.name;
        d.url = base + "/h/" + h.slug;
        d.center = Approximate(*h.settings.area_center);  // what its actor document publishes
        d.radius_m = h.settings.area_radius_km * 1000;
        d.categories = h.settings.categories;
        d.languages = h.settings.languages;
        hubs.push_back(std::move(d));
      }
      if (p.next.empty()) break;
      page.after = p.next;
    }
    for (auto& [actor, listing] : FederatedListings(tx)) {
      if (federation_.SlugOfOurUrl(actor).empty()) hubs.push_back(std::move(listing));  // ours are listed above
    }
    return DirectoryAnswer{*point, fed::RankDirectory(hubs, *point)};
  });
}

}  // namespace kin
