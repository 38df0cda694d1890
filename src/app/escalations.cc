// The coordinators' operations on escalations and the settings. The inbox side is escalation_inbox.cc, the
// sweeper escalation_sweep.cc, the per-transaction work escalation_session.cc.
#include "app/escalations.h"

#include <cmath>

#include <boost/json.hpp>

#include "app/access.h"
#include "app/escalation_session.h"
#include "federation/contact_handover.h"
#include "federation/escalation_record_codec.h"
#include "federation/hub_listing.h"
#include "federation/http_signature.h"
#include "federation/shared_item.h"
#include "federation/sharing_codec.h"
#include "federation/signed_request.h"

namespace kin {
namespace {

namespace fed = kin::federation;
namespace ev = escalation_events;

// The hub at `slug` when the caller coordinates it. Anyone not in the hub gets kNotFound, as if its escalations
// did not exist; members who are not coordinators get kForbidden.
Result<Hub> CoordinatedHub(ReadTx& tx, const Caller& caller, const std::string& slug) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in as a coordinator of the hub");
  Result<Hub> hub = tx.GetHubBySlug(slug);
  if (!hub.ok()) return hub.status();
  if (!tx.GetMembership(hub->id, *caller.member)) return Status::NotFound("no such hub");
  Result<Membership> m = RequireRole(tx, caller, hub->id, Role::kCoordinator);
  if (!m.ok()) return m.status();
  return hub;
}

// The hub's escalation `key`: kNotFound when it is another hub's.
Result<StoredEscalation> EscalationOf(ReadTx& tx, const Hub& hub, const std::string& key) {
  Result<StoredEscalation> stored = tx.GetEscalationByKey(key);
  if (!stored.ok() || stored->hub != hub.id) return Status::NotFound("no such escalation");
  return stored;
}

Result<EscalationView> ViewOf(const StoredEscalation& stored) {
  Result<fed::Escalation> record = fed::ReadEscalationRecord(stored.record);
  if (!record.ok()) return record.status();
  return EscalationView{stored, std::move(*record)};
}

// An escalation of the need still under way: offers out and not everyone declined, or a taker waiting.
bool UnderWay(const EscalationView& v) {
  const fed::Escalation& e = v.record;
  if (e.state == fed::EscalationState::kAwaitingConfirm || e.state == fed::EscalationState::kHandedOver) return true;
  return e.state == fed::EscalationState::kOffered && e.declined.size() < e.downstream.size();
}

}  // namespace

Escalations::Escalations(AppContext& ctx, Federation& federation) : ctx_(ctx), federation_(federation) {
  federation_.RegisterExtensionHandler(
      "escalation", [this](WriteTx& tx, const InboxContext& context) { return Receive(tx, context); });
  federation_.AddActorExtension("contactKey", [this](const Hub& hub, const std::string& actor) -> Result<std::string> {
    Result<ContactKeyRecord> keys = ContactKeyOf(hub.id);
    if (!keys.ok()) return keys.status();
    return boost::json::serialize(fed::ContactKeyJson(actor, keys->public_key));
  });
}

Result<ContactKeyRecord> Escalations::ContactKeyOf(const HubId& hub) {
  std::optional<ContactKeyRecord> found;
  Status s = ctx_.store.Read([&](ReadTx& tx) {
    found = tx.GetContactKey(hub);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (found) return *found;
  fed::ContactKeyPair pair = fed::GenerateContactKeyPair();
  ContactKeyRecord made{hub, pair.public_key, pair.secret_key, ctx_.clock.Now()};
  s = ctx_.store.Write([&](WriteTx& tx) { return tx.InsertContactKey(made); });
  if (s.kind() == StatusKind::kConflict) {  // another request made it first: use that one
    s = ctx_.store.Read([&](ReadTx& tx) {
      found = tx.GetContactKey(hub);
      return found ? Status::Ok() : Status::Internal("the contact key vanished");
    });
    if (!s.ok()) return s;
    return *found;
  }
  if (!s.ok()) return s;
  return made;
}

// --- settings ---

Result<EscalationSettings> Escalations::Settings(const Caller& caller, const std::string& hub_slug) {
  return ReadValue<EscalationSettings>(ctx_.store, [&](ReadTx& tx) -> Result<EscalationSettings> {
    Result<Hub> hub = CoordinatedHub(tx, caller, hub_slug);
    if (!hub.ok()) return hub.status();
    return tx.GetEscalationSettings(hub->id);
  });
}

Result<EscalationSettings> Escalations::SetSettings(const Caller& caller, const std::string& hub_slug,
                                                    double delay_hours, int hop_limit) {
  FieldErrors errors;
  if (!std::isfinite(delay_hours) || delay_hours < 0 || delay_hours > kMaxEscalationDelayHours) {
    errors.Add("delay_hours", "must be a number of hours from 0 (only by hand) to 2160 (90 days)");
  }
  if (hop_limit < 1 || hop_limit > kMaxHopLimit) {
    errors.Add("hop_limit", "must be 1 (only hubs this one follows) to 5");
  }
  if (Status s = errors.ToStatus(); !s.ok()) return s;
  Timestamp now = ctx_.clock.Now();
  return WriteValue<EscalationSettings>(ctx_.store, [&](WriteTx& tx) -> Result<EscalationSettings> {
    Result<Hub> hub = CoordinatedHub(tx, caller, hub_slug);
    if (!hub.ok()) return hub.status();
    EscalationSettings settings;
    settings.delay = Seconds(static_cast<int64_t>(std::llround(delay_hours * 3600)));
    if (delay_hours > 0 && settings.delay.count() == 0) settings.delay = Seconds(1);
    settings.hop_limit = hop_limit;
    Status s = tx.PutEscalationSettings(hub->id, settings);
    if (s.ok()) {
      s = RecordEvent(tx, hub->id, now, caller.actor(), "escalation.settings_changed", hub->id.value,
                      "delay " + std::to_string(settings.delay.count()) + " s, hop limit " + std::to_string(hop_limit));
    }
    if (!s.ok()) return s;
    return settings;
  });
}

// --- peers ---

Result<std::string> Escalations::FetchDocument(const std::string& url) {
  const FederationConfig& config = federation_.config();
  if (!config.http) return Status::Unavailable("this server has no outbound HTTP configured");
  Result<FederationKey> key = federation_.KeyOf(kInstanceKeyOwner);
  if (!key.ok()) return key.status();
  Result<fed::RsaPrivateKey> private_key = fed::RsaPrivateKey::FromPem(key->private_pem);
  if (!private_key.ok()) return private_key.status();
  Result<fed::OutboundRequest> request =
      fed::SignedGet(url, federation_.InstanceActorUrl() + "#main-key", *private_key, ctx_.clock.Now());
  if (!request.ok()) return request.status();
  Result<fed::InboundResponse> response = config.http->Send(*request);
  if (!response.ok()) return response.status();
  if (response->status != 200) {
    return Status::Unavailable("fetching " + url + " answered " + std::to_string(response->status));
  }
  return response->body;
}

std::vector<fed::KnownHub> Escalations::KnownHubsOf(const HubId& hub) {
  std::vector<HubFollow> follows;
  Status s = ctx_.store.Read([&](ReadTx& tx) {
    follows = tx.ListHubFollows(hub);
    return Status::Ok();
  });
  std::vector<fed::KnownHub> known;
  if (!s.ok()) return known;
  for (const HubFollow& f : follows) {
    if (f.direction != FollowDirection::kFollowing || f.state != FollowState::kAccepted) continue;
    // The cached document when fresh: a sweep runs every minute and must not fetch every followed hub each time.
    Result<std::string> body = federation_.ActorDocument(f.remote_actor);
    if (!body.ok()) continue;  // unreachable now: not offered this time
    boost::system::error_code ec;
    boost::json::value doc = boost::json::parse(*body, ec);
    if (ec || !doc.is_object()) continue;
    Result<fed::HubListing> listing = fed::ReadHubListing(doc.as_object());
    if (!listing.ok() || listing->reach.actor != f.remote_actor) continue;
    known.push_back(listing->reach);
  }
  return known;
}

// --- the home hub ---

Result<EscalationView> Escalations::Escalate(const Caller& caller, const NeedId& need) {
  Result<Need> found = ReadValue<Need>(ctx_.store, [&](ReadTx& tx) -> Result<Need> {
    Result<Need> n = tx.GetNeed(need);
    if (!n.ok()) return n.status();
    Result<Hub> hub = tx.GetHub(n->hub);
    if (!hub.ok()) return hub.status();
    Result<Hub> allowed = CoordinatedHub(tx, caller, hub->slug);
    if (!allowed.ok()) return allowed.status().kind() == StatusKind::kNotFound ? Status::NotFound("no such need")
                                                                             : allowed.status();
    return n;
  });
  if (!found.ok()) return found.status();
  return EscalateAs(caller.actor(), need, &caller, nullptr);
}

Result<EscalationView> Escalations::EscalateAs(const std::string& actor, const NeedId& need_id, const Caller* caller,
                                               const std::vector<fed::KnownHub>* known_hubs) {
  Result<Need> need = ReadValue<Need>(ctx_.store, [&](ReadTx& tx) { return tx.GetNeed(need_id); });
  if (!need.ok()) return need.status();
  std::vector<fed::KnownHub> known = known_hubs ? *known_hubs : KnownHubsOf(need->hub);  // network: before the tx
  Timestamp now = ctx_.clock.Now();
  return WriteValue<EscalationView>(ctx_.store, [&](WriteTx& tx) -> Result<EscalationView> {
    Result<Need> n = tx.GetNeed(need_id);
    if (!n.ok()) return n.status();
    Result<Hub> hub = tx.GetHub(n->hub);
    if (!hub.ok()) return hub.status();
    if (caller) {
      Result<Hub> allowed = CoordinatedHub(tx, *caller, hub->slug);
      if (!allowed.ok()) return allowed.status();
    }
    Result<fed::SharedItem> item = fed::ShareNeed(*n, hub->settings);
    if (!item.ok()) return Status::Conflict("only an open need can be offered to other hubs");
    std::vector<StoredEscalation> rounds = tx.ListEscalationsOfNeed(hub->id, need_id.value);
    for (const StoredEscalation& r : rounds) {
      Result<EscalationView> v = ViewOf(r);
      if (!v.ok()) return v.status();
      if (UnderWay(*v)) return Status::Conflict("this need is already offered to other hubs (" + r.state + ")");
    }
    std::string actor_url = federation_.HubActorUrl(hub->slug);
    std::string id = fed::ProposalId(*item, {actor_url, actor_url + "/followers", actor_url + "/shared"});
    if (!rounds.empty()) id += "#round-" + std::to_string(rounds.size() + 1);

    EscalationSession session(tx, federation_, *hub, tx.GetEscalationSettings(hub->id));
    Result<fed::Effects> effects = session.book().Escalate(id, *item, known, now);
    if (!effects.ok()) return effects.status();
    session.SetNeed(id, need_id.value);
    Status s = session.Apply(*effects, actor, now);
    if (s.ok()) s = RecordEvent(tx, hub->id, now, actor, ev::kStarted, need_id.value, id);
    if (!s.ok()) return s;
    return session.View(id);
  });
}

Result<EscalationView> Escalations::ConfirmHandover(const Caller& caller, const std::string& hub_slug,
                                                    const std::string& key) {
  return Decide(caller, hub_slug, key, "confirm");
}

Result<EscalationView> Escalations::DeclineHandover(const Caller& caller, const std::string& hub_slug,
                                                    const std::string& key) {
  return Decide(caller, hub_slug, key, "decline-handover");
}

// --- a hub the need was offered to ---

Result<EscalationView> Escalations::Accept(const Caller& caller, const std::string& hub_slug, const std::string& key) {
  return Decide(caller, hub_slug, key, "accept");
}

Result<EscalationView> Escalations::Decline(const Caller& caller, const std::string& hub_slug,
                                            const std::string& key) {
  return Decide(caller, hub_slug, key, "decline");
}

Result<EscalationView> Escalations::Forward(const Caller& caller, const std::string& hub_slug,
                                            const std::string& key) {
  return Decide(caller, hub_slug, key, "forward");
}

Result<EscalationView> Escalations::Decide(const Caller& caller, const std::string& hub_slug, const std::string& key,
                                           const std::string& action) {
  // What needs the network happens first, outside the transaction: the hubs to forward to, or the winner's key.
  Result<EscalationView> before = ReadValue<EscalationView>(ctx_.store, [&](ReadTx& tx) -> Result<EscalationView> {
    Result<Hub> hub = CoordinatedHub(tx, caller, hub_slug);
    if (!hub.ok()) return hub.status();
    Result<StoredEscalation> stored = EscalationOf(tx, *hub, key);
    if (!stored.ok()) return stored.status();
    return ViewOf(*stored);
  });
  if (!before.ok()) return before.status();
  std::vector<fed::KnownHub> known;
  std::string taker_key;
  if (action == "forward") known = KnownHubsOf(before->stored.hub);
  if (action == "confirm") {
    if (before->record.state != fed::EscalationState::kAwaitingConfirm) {
      return Status::Conflict(std::string("nothing to confirm: the escalation is ") + before->stored.state);
    }
    // Fetched now, not from the cache: the person's contact is sealed to this key, which must be the current one.
    Result<std::string> body = FetchDocument(before->record.taker);
    if (!body.ok()) return Status::Unavailable("cannot reach " + before->record.taker + ": " + body.status().message());
    boost::system::error_code ec;
    boost::json::value doc = boost::json::parse(*body, ec);
    if (ec || !doc.is_object()) return Status::Unavailable(before->record.taker + " served no actor document");
    Result<std::string> k = fed::ReadContactKey(doc.as_object(), before->record.taker);
    if (!k.ok()) return Status::Unavailable(before->record.taker + " publishes no usable contact key: " + k.status().message());
    taker_key = *k;
  }

  Timestamp now = ctx_.clock.Now();
  return WriteValue<EscalationView>(ctx_.store, [&](WriteTx& tx) -> Result<EscalationView> {
    Result<Hub> hub = CoordinatedHub(tx, caller, hub_slug);
    if (!hub.ok()) return hub.status();
    Result<StoredEscalation> stored = EscalationOf(tx, *hub, key);
    if (!stored.ok()) return stored.status();
    EscalationSession session(tx, federation_, *hub, tx.GetEscalationSettings(hub->id));
    Status s = session.Load(stored->id);
    if (!s.ok()) return s;
    fed::EscalationBook& book = session.book();
    const std::string& id = stored->id;
    Result<fed::Effects> effects = Status::Invalid("unknown action " + action);
    std::string event, subject = id, detail;
    if (action == "accept") {
      effects = book.AcceptHere(id, now);
      event = ev::kAccepted;
    } else if (action == "decline") {
      effects = book.DeclineHere(id, now);
      event = ev::kDeclined;
    } else if (action == "forward") {
      effects = book.Forward(id, known, now);
      event = ev::kForwarded;
    } else if (action == "decline-handover") {
      effects = book.DeclineHandover(id, now);
      event = ev::kHandoverDeclined;
      subject = stored->need;
      detail = before->record.taker;
    } else if (action == "confirm") {
      // The need must still be open here: a need met or cancelled meanwhile is not handed over.
      Result<Need> need = tx.GetNeed(NeedId{stored->need});
      if (!need.ok()) return need.status();
      if (need->status != NeedStatus::kOpen || need->redacted_at) {
        return Status::Conflict("the need is no longer open here; decline the hand-over");
      }
      effects = book.ConfirmHandover(id, now);
      if (!effects.ok()) return effects.status();
      Contact contact = need->details.contact;
      if (!contact.exact_location) contact.exact_location = need->details.location;
      for (fed::EscalationMessage& m : effects->send) {
        if (!m.needs_sealing) continue;
        if (m.taker != before->record.taker) return Status::Conflict("the taker changed; try again");
        Result<std::string> sealed = fed::SealContact(contact, m.escalation, taker_key);
        if (!sealed.ok()) return sealed.status();
        m.sealed_contact = *sealed;
        m.needs_sealing = false;
      }
      // Reading the contact to seal it is a read like any other: it goes in the hub's contact-read log.
      s = tx.AppendContactAccess({0, hub->id, need->id, *caller.member, "escalation hand-over to " + before->record.taker, now});
      if (!s.ok()) return s;
      Need handed = *need;
      handed.status = NeedStatus::kCancelled;  // it is the taker's now; kept (not deleted) with its log
      handed.updated_at = now;
      s = tx.UpdateNeed(handed);
      if (!s.ok()) return s;
      event = ev::kHandedOver;
      subject = need->id.value;
      detail = before->record.taker;
    }
    if (!effects.ok()) return effects.status();
    s = session.Apply(*effects, caller.actor(), now);
    if (s.ok()) s = RecordEvent(tx, hub->id, now, caller.actor(), event, subject, detail);
    if (!s.ok()) return s;
    return session.View(id);
  });
}

// --- both ---

Result<std::vector<EscalationView>> Escalations::List(const Caller& caller, const std::string& hub_slug) {
  return ReadValue<std::vector<EscalationView>>(ctx_.store, [&](ReadTx& tx) -> Result<std::vector<EscalationView>> {
    Result<Hub> hub = CoordinatedHub(tx, caller, hub_slug);
    if (!hub.ok()) return hub.status();
    std::vector<EscalationView> out;
    for (const StoredEscalation& stored : tx.ListEscalations(hub->id)) {
      Result<EscalationView> v = ViewOf(stored);
      if (!v.ok()) return v.status();
      out.push_back(std::move(*v));
    }
    return out;
  });
}

Result<EscalationView> Escalations::Get(const Caller& caller, const std::string& hub_slug, const std::string& key) {
  return ReadValue<EscalationView>(ctx_.store, [&](ReadTx& tx) -> Result<EscalationView> {
    Result<Hub> hub = CoordinatedHub(tx, caller, hub_slug);
    if (!hub.ok()) return hub.status();
    Result<StoredEscalation> stored = EscalationOf(tx, *hub, key);
    if (!stored.ok()) return stored.status();
    return ViewOf(*stored);
  });
}

Result<std::vector<EscalationView>> Escalations::OfNeed(const Caller& caller, const NeedId& need) {
  return ReadValue<std::vector<EscalationView>>(ctx_.store, [&](ReadTx& tx) -> Result<std::vector<EscalationView>> {
    Result<Need> n = tx.GetNeed(need);
    if (!n.ok()) return n.status();
    Result<Hub> hub = tx.GetHub(n->hub);
    if (!hub.ok()) return hub.status();
    Result<Hub> allowed = CoordinatedHub(tx, caller, hub->slug);
    if (!allowed.ok()) {
      return allowed.status().kind() == StatusKind::kNotFound ? Status::NotFound("no such need") : allowed.status();
    }
    std::vector<EscalationView> out;
    for (const StoredEscalation& stored : tx.ListEscalationsOfNeed(hub->id, need.value)) {
      Result<EscalationView> v = ViewOf(stored);
      if (!v.ok()) return v.status();
      out.push_back(std::move(*v));
    }
    return out;
  });
}

}  // namespace kin
