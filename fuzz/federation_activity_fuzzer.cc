// ReadSharingActivity and ReadEscalationMessage (src/federation/sharing_codec.h, escalation_codec.h): what a hub's
// inbox reads from any server on the internet once the signature checked out.
//
// Properties checked, beyond not crashing:
//  - an accepted shared item passes ValidateSharedItem, and writing it as a Proposal and reading that back gives
//    the same item (its language as the name's language, en or es);
//  - an accepted escalation message, written and read back, is the same message;
//  - a refusal always names a field.
#include <string>

#include <boost/json.hpp>

#include "federation/escalation_codec.h"
#include "federation/sharing_codec.h"
#include "federation/note_text.h"
#include "fuzz_support.h"

namespace kin::fuzz {
namespace {

federation::SharedItem Normalised(federation::SharedItem item) {
  item.language = federation::NoteLanguage(item);
  return item;
}

bool SameMessage(const federation::EscalationMessage& a, const federation::EscalationMessage& b) {
  return a.type == b.type && a.id == b.id && a.from == b.from && a.to == b.to && a.escalation == b.escalation &&
         a.origin == b.origin && a.hops == b.hops && a.seen == b.seen && a.taker == b.taker &&
         a.reason == b.reason && a.sealed_contact == b.sealed_contact &&
         Normalised(a.need) == Normalised(b.need);
}

}  // namespace

int FuzzFederationActivity(const uint8_t* data, size_t size) {
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(AsText(data, size), ec);
  if (ec) return 0;

  Result<federation::ReadSharingActivityResult> shared = federation::ReadSharingActivity(doc);
  if (!shared.ok()) {
    KIN_FUZZ_CHECK(!shared.status().fields().empty(), "a refusal named no field: " + shared.status().message());
  } else if (shared->proposal) {
    const federation::SharedItem& item = shared->proposal->item;
    KIN_FUZZ_CHECK(federation::ValidateSharedItem(item).ok(), "accepted an item that does not validate");
    // Written under a hub's own short URLs, as this server would publish it.
    federation::SharedItem local = item;
    local.local_id = "x1";
    federation::HubUrls urls{"https://h.example/hubs/h", "https://h.example/hubs/h/followers",
                             "https://h.example/hubs/h/shared"};
    Result<federation::ReadProposalResult> again = federation::ReadProposal(federation::ProposalJson(local, urls));
    KIN_FUZZ_CHECK(again.ok(), "its own Proposal was refused: " + again.status().ToString());
    federation::SharedItem expected = Normalised(local);
    expected.local_id = again->id;
    KIN_FUZZ_CHECK(again->item == expected, "a Proposal written and read back changed");
  }

  Result<federation::EscalationMessage> message = federation::ReadEscalationMessage(doc);
  if (!message.ok()) {
    KIN_FUZZ_CHECK(!message.status().fields().empty(), "a refusal named no field: " + message.status().message());
    return 0;
  }
  Result<federation::EscalationMessage> again = federation::ReadEscalationMessage(federation::EscalationMessageJson(*message));
  KIN_FUZZ_CHECK(again.ok(), "its own message was refused: " + again.status().ToString());
  KIN_FUZZ_CHECK(SameMessage(*message, *again), "an escalation message written and read back changed");
  return 0;
}

}  // namespace kin::fuzz

KIN_FUZZ_ENTRY(FuzzFederationActivity)
