// The wire form of shared offers and needs (FEP-0837 "Federated Marketplace"): a ValueFlows `Proposal` that
// publishes an `Intent`, wrapped in Create / Update / Delete, and a plain `Note` summary for Mastodon users.
// See docs/federation_sharing.md for an example of each document.
//
// Writing takes a SharedItem (already stripped of personal data, shared_item.h) and the hub's URLs. Reading
// validates everything it keeps and names the bad field ("publishes.resourceQuantity.hasNumericalValue").
#ifndef KIN_FEDERATION_SHARING_CODEC_H_
#define KIN_FEDERATION_SHARING_CODEC_H_

#include <string>

#include <boost/json/value.hpp>

#include "core/status.h"
#include "federation/shared_item.h"

namespace kin::federation {

inline constexpr const char* kPublicAddress = "https://www.w3.org/ns/activitystreams#Public";

// Where a hub's documents live. Object ids are built as `<objects_base>/offers/<id>` and `.../needs/<id>`.
struct HubUrls {
  std::string actor;         // the hub's actor id, e.g. "https://kin.example/hubs/lavapies"
  std::string followers;     // its followers collection
  std::string objects_base;  // e.g. "https://kin.example/hubs/lavapies/shared"
};

std::string ProposalId(const SharedItem& item, const HubUrls& urls);
std::string NoteId(const SharedItem& item, const HubUrls& urls);  // ProposalId + "/note"

// The JSON-LD @context of a Proposal: ActivityStreams, the ValueFlows and OM2 terms FEP-0837 uses, and kin's
// two extension terms (urgency, period).
boost::json::value SharingContext();

// The Proposal, with @context. Addressed to the Public collection and the hub's followers.
boost::json::object ProposalJson(const SharedItem& item, const HubUrls& urls);

// The Note summary in the item's language (en or es; others fall back to en), with @context.
boost::json::object NoteJson(const SharedItem& item, const HubUrls& urls);

enum class SharingVerb { kCreate, kUpdate, kDelete };

// Create/Update wrap `object` (a ProposalJson or NoteJson, whose @context moves to the activity); Delete carries a
// Tombstone of the object's id. Activity ids are unique per verb and per `item.updated`.
boost::json::object SharingActivityJson(SharingVerb verb, const SharedItem& item, const HubUrls& urls,
                                        const boost::json::object& object);

// A Proposal read from another hub: the item and who published it.
struct ReadProposalResult {
  SharedItem item;
  std::string id;            // the Proposal's id
  std::string attributed_to; // the publishing actor
};

// Reads a Proposal object (with or without @context). `local_id` becomes the Proposal id.
Result<ReadProposalResult> ReadProposal(const boost::json::value& json);

// A sharing activity read from another hub: Create/Update carry a Proposal (Notes are for people and are not
// read back); Delete carries the id of what was withdrawn.
struct ReadSharingActivityResult {
  SharingVerb verb = SharingVerb::kCreate;
  std::string id;
  std::string actor;
  std::optional<ReadProposalResult> proposal;  // Create, Update
  std::string deleted_id;                      // Delete
};

// kInvalid naming the field for a wrong type, a missing id/actor/object, a Proposal whose attributedTo is not the
// activity's actor, or a Create/Update whose object is not a Proposal.
Result<ReadSharingActivityResult> ReadSharingActivity(const boost::json::value& json);

}  // namespace kin::federation

#endif  // KIN_FEDERATION_SHARING_CODEC_H_
