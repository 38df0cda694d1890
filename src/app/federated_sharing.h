// Issue 10, the receiving side of sharing and the directory. Offers and needs that the hubs ours follow share
// (Create / Update / Delete of a FEP-0837 Proposal) are kept per receiving hub and listed to its members; the
// directory lists this server's hubs and the hubs ours federate with, nearest first.
//
// Constructing it registers the inbox handlers for Create, Update and Delete on `federation`. What they accept:
// - only from a hub one of ours follows (accepted); from anyone else they change nothing (202);
// - a Create or Update of a Proposal (Notes are for people and are ignored), read and validated with
//   federation::ReadSharingActivity, which names the bad field (400) and refuses a Proposal attributed to
//   someone other than the sender;
// - an Update replaces the kept copy only when it is newer, and only from the hub that shared it (403 otherwise);
// - a Delete removes the item from every hub of ours that kept it, again only from the hub that shared it.
// Ending a follow (either side) drops what the followed hub shared, in the store (migration 12's triggers).
#ifndef KIN_APP_FEDERATED_SHARING_H_
#define KIN_APP_FEDERATED_SHARING_H_

#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/context.h"
#include "app/federation.h"
#include "core/received_share.h"
#include "federation/directory.h"

namespace kin {

// One shared item as a member of the receiving hub sees it.
struct ReceivedShareView {
  ReceivedShare share;
  std::string hub_name;             // the sending hub's name as its actor document gives it, else its handle
  std::string hub_url;              // its public page (the actor document's url), else its actor id
  std::optional<Meters> distance_m; // from our hub's centre to the item's area centre, when both are known
};

struct DirectoryAnswer {
  LatLon near;
  std::vector<federation::DirectoryEntry> entries;
};

class FederatedSharing {
 public:
  FederatedSharing(AppContext& ctx, Federation& federation);

  // Members of the hub. Newest update first, at most 200.
  Result<std::vector<ReceivedShareView>> Received(const Caller& caller, const std::string& slug);

  // Public. `near` is "LAT,LON"; kInvalid naming "near" (or "near.lat"/"near.lon") when bad. Lists this server's
  // hubs that state an area and the hubs ours follow or are followed by whose actor document states one.
  Result<DirectoryAnswer> Directory(const std::string& near);

 private:
  Result<InboxVerdict> Receive(WriteTx& tx, const InboxContext& context);

  AppContext& ctx_;
  Federation& federation_;
};

}  // namespace kin

#endif  // KIN_APP_FEDERATED_SHARING_H_
