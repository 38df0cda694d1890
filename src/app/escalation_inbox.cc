// Receiving escalation messages: every activity carrying "escalation" comes here (Federation's extension
// handler), inside the inbox's transaction, already verified as signed by its actor.
#include <boost/json.hpp>

#include "app/escalation_session.h"
#include "app/escalations.h"
#include "federation/escalation_codec.h"

namespace kin {

namespace fed = kin::federation;

Result<InboxVerdict> Escalations::Receive(WriteTx& tx, const InboxContext& context) {
  boost::system::error_code ec;
  boost::json::value json = boost::json::parse(context.body, ec);
  if (ec) return InboxVerdict::kMalformed;
  Result<fed::EscalationMessage> m = fed::ReadEscalationMessage(json);
  if (!m.ok()) return InboxVerdict::kMalformed;
  // The signer speaks only for itself.
  if (m->from != context.sender.id) return InboxVerdict::kForbidden;
  std::string slug = federation_.SlugOfOurUrl(m->to);
  if (slug.empty() || federation_.HubActorUrl(slug) != m->to) return InboxVerdict::kNotFound;
  Result<Hub> hub = tx.GetHubBySlug(slug);
  if (!hub.ok()) return InboxVerdict::kNotFound;
  // Needs are offered only along follows: a hub takes offers from the hubs it let follow it.
  if (m->type == fed::MessageType::kOffer) {
    std::optional<HubFollow> f = tx.GetHubFollow(hub->id, FollowDirection::kFollower, m->from);
    if (!f || f->state != FollowState::kAccepted) return InboxVerdict::kForbidden;
  }
  EscalationSession session(tx, federation_, *hub, tx.GetEscalationSettings(hub->id));
  Status s = session.Load(m->escalation);
  if (!s.ok()) return s;
  Result<fed::Effects> effects = session.book().Receive(*m, context.now);
  if (!effects.ok()) {
    switch (effects.status().kind()) {
      case StatusKind::kForbidden: return InboxVerdict::kForbidden;
      case StatusKind::kNotFound: return InboxVerdict::kNotFound;
      default: return InboxVerdict::kIgnored;  // a step that no longer applies; nothing changed
    }
  }
  s = session.Apply(*effects, "federation", context.now);
  if (!s.ok()) return s;
  return InboxVerdict::kAccepted;
}

}  // namespace kin
