// The wire form of escalation messages (escalation.h) as ActivityStreams activities:
//   Offer     Offer   {object: the need as a FEP-0837 Proposal (purpose "request", id = the escalation id),
//                      origin, hops, seen}
//   Accept    Accept  {object: the escalation id, taker}
//   Reject    Reject  {object: the escalation id, reason, taker when refusing an acceptance}
//   Withdraw  Undo    {object: {type: Offer, object: the escalation id}, taker when taken elsewhere}
//   Handover  Create  {object: {type: [Document, ContactHandover], taker, sealedContact}}
// Every message carries `escalation` and `origin` and is addressed `to` one neighbour. Terms beyond
// ActivityStreams and ValueFlows are kin's (https://w3id.org/kin/ns#). Examples in docs/federation_sharing.md.
#ifndef KIN_FEDERATION_ESCALATION_CODEC_H_
#define KIN_FEDERATION_ESCALATION_CODEC_H_

#include <boost/json/value.hpp>

#include "core/status.h"
#include "federation/escalation.h"

namespace kin::federation {

boost::json::object EscalationMessageJson(const EscalationMessage& message);

// kInvalid naming the field: an unknown type, a missing id/actor/to/escalation/origin, a bad need, hops out of
// range, an unknown reason, a Handover without its sealed contact.
Result<EscalationMessage> ReadEscalationMessage(const boost::json::value& json);

// True when an activity is an escalation message (it carries `escalation`), so an inbox can route it here
// rather than to the sharing reader.
bool IsEscalationMessage(const boost::json::value& json);

}  // namespace kin::federation

#endif  // KIN_FEDERATION_ESCALATION_CODEC_H_
