#include "app/escalation_session.h"

#include <cmath>

#include "crypto/tokens.h"
#include "federation/contact_handover.h"
#include "federation/escalation_codec.h"
#include "federation/escalation_record_codec.h"
#include "federation/json_text.h"

namespace kin {
namespace {

namespace fed = kin::federation;
namespace ev = escalation_events;

// The category the taker files the need under: the same word when the hub has it, else its "other", else its
// first category (a hub with none cannot have accepted anything).
std::string LocalCategory(const HubSettings& settings, const std::string& category) {
  if (HubHasCategory(settings, category)) return category;
  if (HubHasCategory(settings, "other")) return "other";
  return settings.categories.empty() ? category : settings.categories.front();
}

}  // namespace

EscalationSession::EscalationSession(WriteTx& tx, Federation& federation, const Hub& hub,
                                     const EscalationSettings& settings)
    : tx_(tx),
      federation_(federation),
      hub_(hub),
      self_(federation.HubActorUrl(hub.slug)),
      book_(self_, fed::EscalationOptions{settings.hop_limit}) {}

Status EscalationSession::Load(const std::string& id) {
  Result<StoredEscalation> stored = tx_.GetEscalation(hub_.id, id);
  if (stored.status().kind() == StatusKind::kNotFound) return Status::Ok();
  if (!stored.ok()) return stored.status();
  Result<fed::Escalation> record = fed::ReadEscalationRecord(stored->record);
  if (!record.ok()) return record.status();
  book_.Restore(std::move(*record));
  needs_[id] = stored->need;
  loaded_[id] = std::move(*stored);
  return Status::Ok();
}

Status EscalationSession::Send(const fed::EscalationMessage& m, Timestamp now) {
  std::optional<RemoteActor> to = tx_.GetRemoteActor(m.to);
  // Neighbours are hubs this one follows or is followed by, whose actors were fetched when the follow began.
  if (!to) return Status::Unavailable("no inbox known for " + m.to);
  return Federation::Enqueue(tx_, hub_.id.value, m.id, fed::ToJsonText(fed::EscalationMessageJson(m)), to->inbox,
                             now);
}

Status EscalationSession::TakeNeed(const fed::EscalationEvent& e, Timestamp now) {
  const fed::Escalation* record = book_.Find(e.escalation);
  if (!record) return Status::Internal("a hand-over arrived for an escalation the book does not hold");
  std::optional<ContactKeyRecord> keys = tx_.GetContactKey(hub_.id);
  if (!keys) return Status::Internal("a hand-over arrived but this hub has no contact key");
  Result<Contact> contact =
      fed::OpenContact(e.sealed_contact, e.escalation, fed::ContactKeyPair{keys->public_key, keys->secret_key});
  if (!contact.ok()) return contact.status();

  const fed::SharedItem& item = record->need;
  Need need;
  need.id = NeedId{RandomId("need")};
  need.hub = hub_.id;
  need.details.category = LocalCategory(hub_.settings, item.category);
  need.details.description = "Passed on by " + record->origin + " (" + item.category + ")";
  need.details.quantity = std::max(1, std::min(10000, static_cast<int>(std::lround(item.quantity))));
  need.details.urgency = ParseUrgency(item.urgency).value_or(Urgency::kNormal);
  need.details.language = item.language;
  need.details.contact = *contact;
  if (contact->exact_location) {
    need.details.location = contact->exact_location;
  } else if (item.area) {
    need.details.location = item.area->center;
  }
  if (need.details.location) need.approx_location = Approximate(*need.details.location);
  need.source = NeedSource::kIntake;
  need.created_at = need.updated_at = now;
  Status s = ValidateNeedDetails(need.details, hub_.settings, now);
  if (!s.ok()) {  // the language tag of another server may be one this hub's rules refuse: use the hub's own
    need.details.language = hub_.settings.languages.front();
    s = ValidateNeedDetails(need.details, hub_.settings, now);
  }
  if (!s.ok()) return s;
  s = tx_.InsertNeed(need);
  if (s.ok()) s = RecordEvent(tx_, hub_.id, now, "system", "need.created", need.id.value, need.details.category);
  if (s.ok()) s = RecordEvent(tx_, hub_.id, now, "system", ev::kWon, need.id.value, record->origin);
  needs_[e.escalation] = need.id.value;
  return s;
}

Status EscalationSession::Record(const fed::EscalationEvent& e, const std::string& actor, Timestamp now) {
  switch (e.type) {
    case fed::EscalationEventType::kOfferReceived: {
      const fed::Escalation* r = book_.Find(e.escalation);
      return RecordEvent(tx_, hub_.id, now, actor, ev::kOfferedHere, e.escalation, r ? r->origin : "");
    }
    case fed::EscalationEventType::kTakenBy:
      return RecordEvent(tx_, hub_.id, now, actor, ev::kTaken, e.escalation, e.taker);
    case fed::EscalationEventType::kAllDeclined:
      return RecordEvent(tx_, hub_.id, now, actor, ev::kAllDeclined, e.escalation);
    case fed::EscalationEventType::kContactArrived:
      return TakeNeed(e, now);
    case fed::EscalationEventType::kLost:
      return RecordEvent(tx_, hub_.id, now, actor, ev::kLost, e.escalation, e.taker);
    case fed::EscalationEventType::kRefused:
      return RecordEvent(tx_, hub_.id, now, actor, ev::kRefused, e.escalation, fed::RejectReasonName(e.reason));
  }
  return Status::Ok();
}

Status EscalationSession::Apply(const fed::Effects& effects, const std::string& actor, Timestamp now) {
  for (const fed::EscalationMessage& m : effects.send) {
    if (m.needs_sealing) return Status::Internal("a hand-over left unsealed");
    Status s = Send(m, now);
    if (!s.ok()) return s;
  }
  for (const fed::EscalationEvent& e : effects.events) {
    Status s = Record(e, actor, now);
    if (!s.ok()) return s;
  }
  for (const auto& [id, record] : book_.escalations()) {
    StoredEscalation stored;
    auto it = loaded_.find(id);
    if (it != loaded_.end()) {
      stored = it->second;
    } else {
      stored.hub = hub_.id;
      stored.key = RandomId("esc");
      stored.id = id;
    }
    stored.role = record.role == fed::EscalationRole::kHome ? "home" : "remote";
    stored.state = fed::EscalationStateName(record.state);
    stored.need = needs_[id];
    stored.record = fed::EscalationRecordText(record);
    stored.updated_at = now;
    Status s = tx_.PutEscalation(stored);
    if (!s.ok()) return s;
    loaded_[id] = std::move(stored);
  }
  return Status::Ok();
}

Result<EscalationView> EscalationSession::View(const std::string& id) {
  auto it = loaded_.find(id);
  const fed::Escalation* record = book_.Find(id);
  if (it == loaded_.end() || !record) return Status::NotFound("no such escalation");
  return EscalationView{it->second, *record};
}

}  // namespace kin
