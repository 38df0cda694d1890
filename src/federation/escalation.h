// Escalation of unmet needs between hubs, as a pure state machine (no I/O, no clock, no crypto: the caller passes
// `now`, sends the messages it is given, and seals/opens the contact hand-over itself).
//
// One EscalationBook is one hub's view of every escalation it takes part in, keyed by the escalation id (the URL
// of the original need at its home hub), which is the de-duplication key everywhere.
//
// Messages only travel between neighbours (hubs that follow each other), so an escalation forms a tree rooted at
// the need's home hub:
//   - Offer flows down. The home hub offers the need to followed hubs within reach (distance from the need's
//     approximate area to the hub's area <= the hub's stated reach). A receiving hub may accept, decline, or send
//     it on ("forward") to its own followed hubs within reach while `hops` < hop_limit. Each Offer carries `seen`,
//     every hub already offered this need; forwarding skips them. A hub that already knows the escalation refuses a
//     second Offer (Reject kDuplicate), the home hub refuses its own need (kOrigin), and an Offer past the hop
//     limit is refused (kHopLimit).
//   - Accept flows up, each relay remembering which branch the taker is on. The home hub takes the FIRST valid
//     acceptance, tells every other branch (Withdraw, naming the taker), and refuses later acceptances (Reject
//     kTaken, routed down to the late taker).
//   - The hand-over flows down the winner's branch only after the home coordinator confirms; it carries the
//     person's contact sealed to the taker, so relays pass it on without being able to read it. If the
//     coordinator declines, the winner's branch gets a Withdraw instead and the need stays at home.
// Delivering the same message twice changes nothing, also after a restart: besides remembering the ids it
// applied, every step checks the escalation's state (a second Offer from the same neighbour, a second Accept of
// the same taker through the same branch, a second hand-over to a winner are no-ops), and message ids are
// derived from persisted state (the escalation and its `sent` count), never from a process-wide counter.
#ifndef KIN_FEDERATION_ESCALATION_H_
#define KIN_FEDERATION_ESCALATION_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/geo.h"
#include "core/status.h"
#include "core/time.h"
#include "federation/shared_item.h"

namespace kin::federation {

struct EscalationOptions {
  int hop_limit = 2;  // an Offer from the home hub is hop 1; a hub receiving hop `hop_limit` may not forward
};

// A hub this one follows (and may offer needs to), with where it works.
struct KnownHub {
  std::string actor;           // actor id
  std::optional<LatLon> area;  // the hub's approximate area centre; a hub with none is never within reach
  Meters reach_m = 0;          // how far from its centre it says it can help
};

// Hubs among `hubs` within reach of `area` (distance <= reach), skipping `exclude`, nearest first.
std::vector<std::string> HubsWithinReach(const SharedArea& area, const std::vector<KnownHub>& hubs,
                                         const std::set<std::string>& exclude);

// A need open since `open_since` is due to escalate once `delay` has passed (delay 0: escalation is manual only).
bool EscalationDue(Timestamp open_since, Seconds delay, Timestamp now);

enum class MessageType { kOffer, kAccept, kReject, kWithdraw, kHandover };
enum class RejectReason {
  kDeclined,   // the hub (and everyone it forwarded to) said no
  kDuplicate,  // the hub already has this escalation
  kOrigin,     // the Offer went back to the need's home hub
  kHopLimit,   // the Offer came past the hop limit
  kTaken,      // an acceptance came after another won
  kClosed,     // the escalation is no longer open here
};
const char* MessageTypeName(MessageType t);
const char* RejectReasonName(RejectReason r);
std::optional<RejectReason> ParseRejectReason(const std::string& name);

struct EscalationMessage {
  MessageType type = MessageType::kOffer;
  std::string id;          // unique per message; the receiver ignores an id it has processed
  std::string from;        // sender actor
  std::string to;          // recipient actor (always a neighbour)
  std::string escalation;  // the original need's URL at its home hub
  std::string origin;      // the home hub's actor
  // Offer
  int hops = 0;                   // 1 when sent by the home hub
  std::vector<std::string> seen;  // hubs already offered this need, the home hub first
  SharedItem need;                // the need as shared: no personal data
  // Accept, Reject of an acceptance, Withdraw, Handover
  std::string taker;              // the hub that accepted / won; Withdraw with none: withdrawn at home
  // Reject
  RejectReason reason = RejectReason::kDeclined;
  // Handover
  bool needs_sealing = false;     // set by the home hub: the caller seals the contact to `taker` into sealed_contact
  std::string sealed_contact;     // opaque to every hub but the taker
};

enum class EscalationRole { kHome, kRemote };
enum class EscalationState {
  // home hub
  kOffered,          // offers out, waiting for an acceptance
  kAwaitingConfirm,  // an acceptance won; the home coordinator must confirm the hand-over
  kHandedOver,       // the contact went to the taker
  kWithdrawn,        // closed at home: met or cancelled there, or the hand-over was declined
  // a hub the need was offered to
  kReceived,         // offered here; nobody decided yet
  kForwarded,        // sent on to hubs this one follows (may still accept itself)
  kAccepted,         // accepted here; waiting to hear whether it won
  kWon,              // the contact arrived: the need is this hub's now
  kDeclined,         // declined here
  kClosed,           // withdrawn, taken by another hub, or relayed to the winner
};
const char* EscalationStateName(EscalationState s);

// What happened, for the hub's event log and its coordinators.
enum class EscalationEventType {
  kOfferReceived,    // a need from another hub waits for a decision here
  kTakenBy,          // (home) `taker` won; confirm or decline the hand-over
  kAllDeclined,      // (home) every hub offered declined: the need stays here
  kContactArrived,   // (taker) the sealed contact arrived in `sealed_contact`
  kLost,             // (remote) another hub took it or it was withdrawn
  kRefused,          // an Offer was refused (`reason`)
};
struct EscalationEvent {
  EscalationEventType type;
  std::string escalation;
  std::string taker;
  RejectReason reason = RejectReason::kDeclined;
  std::string sealed_contact;
};

struct Effects {
  std::vector<EscalationMessage> send;
  std::vector<EscalationEvent> events;
};

struct Escalation {
  std::string id;
  EscalationRole role = EscalationRole::kHome;
  EscalationState state = EscalationState::kOffered;
  std::string origin;
  std::string upstream;            // remote: the neighbour that offered it to us
  int hops = 0;                    // remote: the hop of the Offer we received
  std::vector<std::string> seen;   // as of our last Offer (received or sent)
  SharedItem need;
  std::vector<std::string> downstream;       // neighbours we offered it to
  std::set<std::string> declined;            // downstream neighbours that said no
  std::map<std::string, std::string> route;  // taker -> downstream neighbour its Accept came through
  std::set<std::string> refused_takers;       // acceptances refused (too late), so a redelivery is answered once
  std::string taker;                          // home: the winner
  uint32_t sent = 0;                          // messages this hub sent about it; numbers their ids
  Timestamp opened_at{};
  Timestamp updated_at{};
};

class EscalationBook {
 public:
  EscalationBook(std::string self, EscalationOptions options = {});

  // --- the home hub ---
  // Offers `need` (escalation id `escalation`) to the followed hubs within reach. kInvalid (field "location") for
  // a need without an area; kNotFound when no followed hub is within reach; kConflict if already escalated.
  Result<Effects> Escalate(const std::string& escalation, const SharedItem& need,
                           const std::vector<KnownHub>& followed, Timestamp now);
  // The coordinator confirms the winner: a Handover toward the taker, to be sealed by the caller.
  Result<Effects> ConfirmHandover(const std::string& escalation, Timestamp now);
  // The coordinator declines the hand-over: the winner's branch is withdrawn; the need stays home.
  Result<Effects> DeclineHandover(const std::string& escalation, Timestamp now);
  // The need was met or cancelled at home: every branch is withdrawn.
  Result<Effects> CloseAtHome(const std::string& escalation, Timestamp now);

  // --- a hub the need was offered to ---
  Result<Effects> AcceptHere(const std::string& escalation, Timestamp now);
  Result<Effects> DeclineHere(const std::string& escalation, Timestamp now);
  // Sends the need on to followed hubs within reach that have not seen it. kConflict at the hop limit; kNotFound
  // when there is no one new within reach.
  Result<Effects> Forward(const std::string& escalation, const std::vector<KnownHub>& followed, Timestamp now);

  // --- any hub ---
  // Applies a message from a neighbour. Refusals that the sender should hear about come back as Reject messages;
  // a message that breaks the protocol (from a hub that is not the neighbour it should come from, about an
  // unknown escalation) is kForbidden / kNotFound with no change of state.
  Result<Effects> Receive(const EscalationMessage& message, Timestamp now);

  const Escalation* Find(const std::string& escalation) const;
  const std::string& self() const { return self_; }

  // Persistence: every escalation record, and putting back one read from the store after a restart.
  const std::map<std::string, Escalation>& escalations() const { return escalations_; }
  void Restore(Escalation escalation);

 private:
  EscalationMessage NewMessage(MessageType type, Escalation& e, const std::string& to);
  void Withdraw(Escalation& e, const std::string& taker, const std::string& except, Effects& out);
  Result<Effects> ReceiveOffer(const EscalationMessage& m, Timestamp now);
  Result<Effects> ReceiveAccept(Escalation& e, const EscalationMessage& m, Timestamp now);
  Result<Effects> ReceiveReject(Escalation& e, const EscalationMessage& m, Timestamp now);
  Result<Effects> ReceiveWithdraw(Escalation& e, const EscalationMessage& m, Timestamp now);
  Result<Effects> ReceiveHandover(Escalation& e, const EscalationMessage& m, Timestamp now);
  void MaybeDeclineUp(Escalation& e, Effects& out);
  EscalationMessage RejectOffer(const EscalationMessage& offer, RejectReason reason);

  std::string self_;
  EscalationOptions options_;
  std::map<std::string, Escalation> escalations_;
  std::set<std::string> processed_;  // message ids applied since this book was made (a fast path only)
};

}  // namespace kin::federation

#endif  // KIN_FEDERATION_ESCALATION_H_
