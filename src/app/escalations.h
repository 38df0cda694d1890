// Issue 10: escalation of unmet needs between hubs, wired into the server. The rules are the pure state machine
// federation::EscalationBook; this class loads the one record an operation is about, applies the rule, and in
// the same transaction saves the record, queues the messages it produced (signed by the hub, to one neighbour's
// inbox each) and writes the hub's events.
//
//   home hub:   Escalate (a coordinator, or EscalateDue once the hub's delay passed) -> offers to the hubs it
//               follows whose area and reach (from their actor documents) cover the need; ConfirmHandover seals
//               the person's contact to the winner's published contactKey (an entry in the contact-read log) and
//               marks the need handed over; DeclineHandover keeps it home; EscalateDue also withdraws the
//               escalations of needs met, cancelled or redacted at home.
//   other hubs: Accept, Decline, Forward an offered need; when the hand-over arrives the winner opens it and
//               creates a need of its own (category, quantity, urgency, area, the contact sealed at rest as
//               intake's are), which enters its normal triage.
//
// Every route is for coordinators of the hub; a hub's escalations are kNotFound to anyone not in it. The person's
// contact never appears in a record, an event or a log line: it exists in plaintext only inside ConfirmHandover
// and inside the receipt of a hand-over.
#ifndef KIN_APP_ESCALATIONS_H_
#define KIN_APP_ESCALATIONS_H_

#include <string>
#include <vector>

#include "app/caller.h"
#include "app/context.h"
#include "app/federation.h"
#include "core/escalation_record.h"
#include "federation/escalation.h"

namespace kin {

// One escalation as its hub's coordinators see it.
struct EscalationView {
  StoredEscalation stored;          // key (for URLs), id, role, state, need, updated_at
  federation::Escalation record;    // the whole record: origin, need as shared, who was asked, taker, ...
};

// Bounds of EscalationSettings, checked on every change.
inline constexpr double kMaxEscalationDelayHours = 24 * 90;
inline constexpr int kMaxHopLimit = 5;

class Escalations {
 public:
  // Registers the inbox handler of "escalation" messages and the "contactKey" of the hubs' actor documents.
  Escalations(AppContext& ctx, Federation& federation);

  // --- settings (coordinators) ---
  Result<EscalationSettings> Settings(const Caller& caller, const std::string& hub_slug);
  // kInvalid naming "delay_hours" (0..2160) or "hop_limit" (1..5: the most hops of an Offer this hub takes; it
  // forwards only Offers below it).
  Result<EscalationSettings> SetSettings(const Caller& caller, const std::string& hub_slug,
                                         double delay_hours, int hop_limit);

  // --- the home hub ---
  // Offers an open need to followed hubs within reach. kInvalid ("location") for a need without a place,
  // kNotFound when no followed hub is within reach, kConflict when an escalation of it is under way or done.
  Result<EscalationView> Escalate(const Caller& caller, const NeedId& need);
  Result<EscalationView> ConfirmHandover(const Caller& caller, const std::string& hub_slug, const std::string& key);
  Result<EscalationView> DeclineHandover(const Caller& caller, const std::string& hub_slug, const std::string& key);

  // --- a hub the need was offered to ---
  Result<EscalationView> Accept(const Caller& caller, const std::string& hub_slug, const std::string& key);
  Result<EscalationView> Decline(const Caller& caller, const std::string& hub_slug, const std::string& key);
  Result<EscalationView> Forward(const Caller& caller, const std::string& hub_slug, const std::string& key);

  // --- both ---
  // Most recently changed first.
  Result<std::vector<EscalationView>> List(const Caller& caller, const std::string& hub_slug);
  Result<EscalationView> Get(const Caller& caller, const std::string& hub_slug, const std::string& key);
  // The escalations of one need, oldest first: at its home hub every round it was offered in, at the hub that
  // took it the one it arrived by. For coordinators of the need's hub; kNotFound for anyone else, as for an
  // unknown need.
  Result<std::vector<EscalationView>> OfNeed(const Caller& caller, const NeedId& need);

  // --- the sweeper ---
  // Escalates the open needs of hubs with a delay once it has passed (once per need), and withdraws the
  // escalations whose need was closed at home. Returns how many escalations it started or closed.
  Result<int> EscalateDue();

  // The hub's contact key pair, made on first use.
  Result<ContactKeyRecord> ContactKeyOf(const HubId& hub);

 private:
  Result<InboxVerdict> Receive(WriteTx& tx, const InboxContext& context);
  // Followed hubs (accepted) with where they work, from their actor documents (cached for a day); unreachable or
  // unlocated hubs are left out.
  std::vector<federation::KnownHub> KnownHubsOf(const HubId& hub);
  // A remote actor document, fetched with a signed GET as the instance actor.
  Result<std::string> FetchDocument(const std::string& url);
  Result<EscalationView> Decide(const Caller& caller, const std::string& hub_slug, const std::string& key,
                                const std::string& action);
  // `caller` null: the sweeper. `known` null: fetched now.
  Result<EscalationView> EscalateAs(const std::string& actor, const NeedId& need, const Caller* caller,
                                    const std::vector<federation::KnownHub>* known);

  AppContext& ctx_;
  Federation& federation_;
};

}  // namespace kin

#endif  // KIN_APP_ESCALATIONS_H_
