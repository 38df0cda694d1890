// Prints one of each federation document kin writes, one JSON document per line, from the real codecs:
// tests/federation/fedify_parse.mjs parses them with Fedify (an independent implementation) in `make test`, and
// docs/federation_sharing.md shows them. Test tooling; not part of the kin binary.
#include <chrono>
#include <iostream>

#include <boost/json.hpp>

#include "federation/contact_handover.h"
#include "federation/council_codec.h"
#include "federation/escalation_codec.h"
#include "federation/json_text.h"
#include "federation/sharing_codec.h"

namespace kin::federation {
namespace {

void Print(const boost::json::object& doc) { std::cout << ToJsonText(doc) << "\n"; }
void Print(const std::string& doc) { std::cout << doc << "\n"; }

// One of each council activity (docs/assemblies.md, "Councils"), in the order of a council's life.
void PrintCouncil(Timestamp at) {
  const std::string host = "https://kin.example/federation/hubs/lavapies";
  const std::string member = "https://other.example/federation/hubs/embajadores";
  CouncilMessage m;
  m.council = host + "/councils/cncl_4f2a";
  m.council_name = "Madrid food council";
  auto from = [&](const std::string& actor, const std::string& to, CouncilMessageKind kind, const std::string& n) {
    m.kind = kind;
    m.actor = actor;
    m.to = to;
    m.id = actor + "/activities/" + n;
    return CouncilMessageJson(m);
  };
  Print(from(host, member, CouncilMessageKind::kInvite, "c1"));
  Print(from(member, host, CouncilMessageKind::kAccept, "c2"));
  m.proposal = m.council + "/proposals/prop_9b";
  m.details.title = "Pool the Saturday deliveries";
  m.details.text = "One van route for **all** hubs.";
  m.details.method = CountingMethod::kMajority;
  m.details.anonymous = false;
  m.details.closes_at = at + std::chrono::hours{48};
  m.details.quorum = {2, 0};
  m.electorate = 2;
  m.opened_at = at;
  Print(from(host, member, CouncilMessageKind::kProposal, "c3"));
  m.hub_name = "Embajadores";
  m.delegate_name = "Ana";
  m.ballot.position = "yes";
  Print(from(member, host, CouncilMessageKind::kBallot, "c4"));
  m.closed_at = at + std::chrono::hours{48};
  m.ballots = {{member, m.hub_name, m.delegate_name, m.ballot}};
  Print(from(host, member, CouncilMessageKind::kResult, "c5"));
  Print(from(member, host, CouncilMessageKind::kLeave, "c6"));
  Print(from(host, member, CouncilMessageKind::kRemove, "c7"));
}

int Main() {
  const HubUrls urls{"https://kin.example/hubs/lavapies", "https://kin.example/hubs/lavapies/followers",
                     "https://kin.example/hubs/lavapies/shared"};
  const Timestamp at = Timestamp{std::chrono::sys_days{std::chrono::year{2026} / 11 / 24}} + std::chrono::hours{10};

  SharedItem offer;
  offer.kind = SharedKind::kOffer;
  offer.local_id = "Xk3f9";
  offer.category = "food";
  offer.quantity = 10;
  offer.unit = "meal";
  offer.available = 6;
  offer.period = "week";
  offer.area = SharedArea{CoarsenForSharing({40.4087, -3.7009}), SharedRadiusMeters(3000)};
  offer.language = "es";
  offer.published = offer.updated = at;

  SharedItem need = offer;
  need.kind = SharedKind::kNeed;
  need.local_id = "Pq72a";
  need.category = "rides";
  need.quantity = 2.5;
  need.unit = "one";
  need.available.reset();
  need.period.clear();
  need.urgency = "high";
  need.language = "en";
  need.public_text = "Hospital & back <Tuesday>";
  need.area = SharedArea{CoarsenForSharing({40.4087, -3.7009}), SharedRadiusMeters(0)};
  need.updated = at + std::chrono::hours{2};

  for (const SharedItem& item : {offer, need}) {
    Print(SharingActivityJson(SharingVerb::kCreate, item, urls, ProposalJson(item, urls)));
    Print(SharingActivityJson(SharingVerb::kCreate, item, urls, NoteJson(item, urls)));
    Print(SharingActivityJson(SharingVerb::kUpdate, item, urls, ProposalJson(item, urls)));
    Print(SharingActivityJson(SharingVerb::kDelete, item, urls, ProposalJson(item, urls)));
  }

  EscalationMessage m;
  m.id = urls.actor + "/escalation-messages/41";
  m.from = urls.actor;
  m.to = "https://other.example/hubs/embajadores";
  m.escalation = ProposalId(need, urls);
  m.origin = urls.actor;
  m.type = MessageType::kOffer;
  m.hops = 1;
  m.seen = {urls.actor, m.to};
  m.need = need;
  m.need.local_id = m.escalation;
  Print(EscalationMessageJson(m));
  EscalationMessage reply = m;
  reply.from = m.to;
  reply.to = m.from;
  reply.id = m.to + "/escalation-messages/7";
  reply.seen.clear();
  reply.hops = 0;
  reply.type = MessageType::kAccept;
  reply.taker = m.to;
  Print(EscalationMessageJson(reply));
  reply.type = MessageType::kReject;
  reply.taker.clear();
  reply.reason = RejectReason::kDeclined;
  Print(EscalationMessageJson(reply));
  EscalationMessage down = reply;
  down.from = m.from;
  down.to = m.to;
  down.id = m.id + "-2";
  down.type = MessageType::kWithdraw;
  down.taker = "https://third.example/hubs/arganzuela";
  Print(EscalationMessageJson(down));
  down.type = MessageType::kHandover;
  down.taker = m.to;
  ContactKeyPair keys = GenerateContactKeyPair();
  Contact contact;
  contact.preferred = ContactMethod::kPhone;
  contact.phone = "+34 600 111 222";
  down.sealed_contact = *SealContact(contact, m.escalation, keys.public_key);
  Print(EscalationMessageJson(down));
  PrintCouncil(at);
  return 0;
}

}  // namespace
}  // namespace kin::federation

int main() { return kin::federation::Main(); }
