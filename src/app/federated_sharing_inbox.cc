// FederatedSharing: the inbox handlers for Create, Update and Delete of shared offers and needs.
#include <boost/json.hpp>

#include "app/federated_sharing.h"
#include "federation/note_text.h"
#include "federation/sharing_codec.h"

namespace kin {
namespace {

namespace fed = kin::federation;

ReceivedShare FromProposal(const fed::ReadProposalResult& p, const std::string& sender, Timestamp now) {
  const fed::SharedItem& item = p.item;
  ReceivedShare r;
  r.object_id = p.id;
  r.remote_actor = sender;
  r.kind = item.kind == fed::SharedKind::kOffer ? "offer" : "need";
  r.category = item.category;
  r.quantity = item.quantity;
  r.unit = item.unit;
  r.available = item.available;
  r.period = item.period;
  r.urgency = item.urgency;
  if (item.area) {
    r.center = item.area->center;
    r.radius_m = item.area->radius_m;
  }
  r.name = fed::SharedItemTitle(item);  // rebuilt from the fields, never the sender's free text
  r.summary = item.public_text;
  r.language = fed::NoteLanguage(item);
  r.published = item.published;
  r.updated = item.updated > item.published ? item.updated : item.published;
  r.received_at = now;
  return r;
}

}  // namespace

FederatedSharing::FederatedSharing(AppContext& ctx, Federation& federation) : ctx_(ctx), federation_(federation) {
  for (const char* type : {"Create", "Update", "Delete"}) {
    federation_.RegisterInboxHandler(type, [this](WriteTx& tx, const InboxContext& c) { return Receive(tx, c); });
  }
}

Result<InboxVerdict> FederatedSharing::Receive(WriteTx& tx, const InboxContext& c) {
  const fed::IncomingActivity& a = c.activity;
  // A Create or Update of anything but a Proposal (the Note beside it, a post) is not ours to keep.
  if (a.type != "Delete" && a.object_type != "Proposal") return InboxVerdict::kIgnored;
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(c.body, ec);
  if (ec) return Status::InvalidField("body", "is not JSON");
  Result<fed::ReadSharingActivityResult> read = fed::ReadSharingActivity(doc);
  if (!read.ok()) return read.status();  // names the field; the inbox answers 400 and nothing is kept
  if (read->actor != c.sender.id) return InboxVerdict::kForbidden;

  std::vector<HubId> hubs = tx.ListHubsFollowingActor(c.sender.id);
  if (hubs.empty()) return InboxVerdict::kIgnored;  // we do not follow the sender: nothing is kept

  if (read->verb == fed::SharingVerb::kDelete) {
    std::vector<HubId> holding;
    for (const HubId& hub : hubs) {
      std::optional<ReceivedShare> kept = tx.FindReceivedShare(hub, read->deleted_id);
      if (!kept) continue;
      if (kept->remote_actor != c.sender.id) return InboxVerdict::kForbidden;
      holding.push_back(hub);
    }
    if (holding.empty()) return InboxVerdict::kIgnored;  // a Note's Delete, or an item we never kept
    for (const HubId& hub : holding) {
      if (Status s = tx.DeleteReceivedShare(hub, read->deleted_id); !s.ok()) return s;
    }
    return InboxVerdict::kAccepted;
  }

  ReceivedShare incoming = FromProposal(*read->proposal, c.sender.id, c.now);
  // Decide for every hub first: a refusal must leave everything as it was.
  std::vector<HubId> to_store;
  for (const HubId& hub : hubs) {
    bool is_update = read->verb == fed::SharingVerb::kUpdate;
    switch (DecideReceivedShare(tx.FindReceivedShare(hub, incoming.object_id), incoming, is_update)) {
      case ReceivedShareVerdict::kForeign: return InboxVerdict::kForbidden;
      case ReceivedShareVerdict::kStale: break;
      case ReceivedShareVerdict::kStore: to_store.push_back(hub); break;
    }
  }
  if (to_store.empty()) return InboxVerdict::kIgnored;  // an older or repeated update
  for (const HubId& hub : to_store) {
    incoming.hub = hub;
    if (Status s = tx.PutReceivedShare(incoming); !s.ok()) return s;
  }
  return InboxVerdict::kAccepted;
}

}  // namespace kin
