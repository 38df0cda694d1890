// Internal to src/app: one operation on one hub's escalations inside a write transaction. Loads the record the
// operation is about into an EscalationBook, and after the rule ran, queues the messages it produced, writes the
// hub's events (creating the taker's need when a contact hand-over arrives) and saves every record it touched.
#ifndef KIN_APP_ESCALATION_SESSION_H_
#define KIN_APP_ESCALATION_SESSION_H_

#include <map>
#include <string>

#include "app/escalations.h"
#include "app/federation.h"
#include "federation/escalation.h"

namespace kin {

class EscalationSession {
 public:
  EscalationSession(WriteTx& tx, Federation& federation, const Hub& hub, const EscalationSettings& settings);

  // Puts the hub's record of `id` into the book; Ok (and nothing loaded) when the hub has none.
  Status Load(const std::string& id);
  federation::EscalationBook& book() { return book_; }
  const std::string& self() const { return self_; }
  // The local need a record stands for (home: the need escalated).
  void SetNeed(const std::string& id, const std::string& need) { needs_[id] = need; }

  // Queues `effects.send` (hand-overs must be sealed already), records its events as `actor`, and saves every
  // record of the book.
  Status Apply(const federation::Effects& effects, const std::string& actor, Timestamp now);
  // The saved form of `id` after Apply.
  Result<EscalationView> View(const std::string& id);

 private:
  Status Send(const federation::EscalationMessage& m, Timestamp now);
  Status Record(const federation::EscalationEvent& e, const std::string& actor, Timestamp now);
  // The taker opens the hand-over and creates a need of its own.
  Status TakeNeed(const federation::EscalationEvent& e, Timestamp now);

  WriteTx& tx_;
  Federation& federation_;
  const Hub& hub_;
  std::string self_;
  federation::EscalationBook book_;
  std::map<std::string, StoredEscalation> loaded_;  // by escalation id
  std::map<std::string, std::string> needs_;         // escalation id -> local need
};

// The hub's events about escalations, so pages and tests agree on their names.
namespace escalation_events {
inline constexpr const char* kStarted = "escalation.started";          // subject: need; detail: escalation id
inline constexpr const char* kOfferedHere = "escalation.offered_here";  // subject: escalation; detail: origin
inline constexpr const char* kAccepted = "escalation.accepted";
inline constexpr const char* kDeclined = "escalation.declined";
inline constexpr const char* kForwarded = "escalation.forwarded";
inline constexpr const char* kTaken = "escalation.taken";              // detail: the taker
inline constexpr const char* kAllDeclined = "escalation.all_declined";
inline constexpr const char* kHandedOver = "escalation.handed_over";   // subject: need; detail: the taker
inline constexpr const char* kHandoverDeclined = "escalation.handover_declined";
inline constexpr const char* kClosedAtHome = "escalation.closed_at_home";
inline constexpr const char* kWon = "escalation.won";                  // subject: the new need; detail: origin
inline constexpr const char* kLost = "escalation.lost";
inline constexpr const char* kRefused = "escalation.refused";          // detail: the reason
}  // namespace escalation_events

}  // namespace kin

#endif  // KIN_APP_ESCALATION_SESSION_H_
