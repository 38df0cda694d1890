// Several hubs' escalation state machines in one process, joined by a fake network that carries every message
// as the JSON text a real inbox would receive (escalation_codec.h) and seals the contact hand-over with the real
// libsodium transport (contact_handover.h). Tests choose when and in which order messages arrive, and can deliver
// each one twice.
#ifndef KIN_TESTING_FAKE_FEDERATION_H_
#define KIN_TESTING_FAKE_FEDERATION_H_

#include <boost/json.hpp>

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/contact.h"
#include "federation/contact_handover.h"
#include "federation/escalation.h"
#include "federation/escalation_codec.h"
#include "federation/json_text.h"

namespace kin::testing {

class FakeFederation {
 public:
  struct Hub {
    std::string actor;
    federation::EscalationBook book;
    federation::ContactKeyPair keys = federation::GenerateContactKeyPair();
    federation::KnownHub listing;               // how other hubs see this one (area, reach)
    std::vector<federation::KnownHub> followed; // hubs this one may offer needs to
    std::vector<federation::EscalationEvent> events;
    std::map<std::string, Contact> contacts;          // home: the person behind each escalated need
    std::map<std::string, Contact> opened_contacts;   // taker: contacts that arrived and opened
    std::vector<std::string> received_json;           // every message delivered here, as text
    std::vector<Status> refused;                      // Receive errors (protocol breaches)

    federation::EscalationOptions options;

    Hub(std::string a, federation::EscalationOptions o) : actor(a), book(std::move(a), o), options(o) {}
    bool Saw(federation::EscalationEventType type) const {
      for (const auto& e : events) if (e.type == type) return true;
      return false;
    }
  };

  struct InFlight {
    std::string from;
    std::string to;
    std::string json;
    federation::MessageType type;
  };

  Timestamp now = Timestamp(Seconds(1'790'000'000));
  bool deliver_twice = false;  // every delivery is repeated at once, as a retried POST would be

  Hub& AddHub(const std::string& name, LatLon area, Meters reach_m, federation::EscalationOptions options = {}) {
    std::string actor = "https://" + name + ".example/hubs/" + name;
    auto hub = std::make_unique<Hub>(actor, options);
    hub->listing = {actor, area, reach_m};
    Hub& ref = *hub;
    hubs_[actor] = std::move(hub);
    return ref;
  }

  // `a` follows `b`: `a` may offer its needs to `b` (and `b` answers `a`).
  void Follow(Hub& a, const Hub& b) { a.followed.push_back(b.listing); }

  // The actor document a hub serves, of which the contact key is what escalation reads.
  boost::json::object ActorDocument(const Hub& hub) const {
    return {{"id", hub.actor}, {"type", "Group"},
            {"contactKey", federation::ContactKeyJson(hub.actor, hub.keys.public_key)}};
  }

  // Records what a state-machine call produced: events, and messages put on the wire (hand-overs sealed first).
  Status Apply(Hub& hub, Result<federation::Effects> result) {
    if (!result.ok()) return result.status();
    for (auto& e : result->events) hub.events.push_back(e);
    for (auto& m : result->send) {
      if (m.type == federation::MessageType::kHandover && m.needs_sealing) {
        auto key = federation::ReadContactKey(ActorDocument(*hubs_.at(m.taker)), m.taker);
        if (!key.ok()) return key.status();
        auto sealed = federation::SealContact(hub.contacts.at(m.escalation), m.escalation, *key);
        if (!sealed.ok()) return sealed.status();
        m.sealed_contact = *sealed;
        m.needs_sealing = false;
      }
      queue_.push_back({m.from, m.to, federation::ToJsonText(federation::EscalationMessageJson(m)), m.type});
    }
    return Status::Ok();
  }

  // Delivers the oldest message in flight; false when none.
  bool DeliverNext() {
    if (queue_.empty()) return false;
    InFlight f = std::move(queue_.front());
    queue_.pop_front();
    Deliver(f);
    if (deliver_twice) Deliver(f);
    return true;
  }

  // Delivers until the network is quiet; returns how many messages went.
  int DeliverAll() {
    int n = 0;
    while (DeliverNext()) ++n;
    return n;
  }

  // Moves the first message in flight from `from` to `to` of `type` to the front (an overtaking delivery);
  // false if there is none.
  bool Prioritise(const std::string& from, const std::string& to, federation::MessageType type) {
    for (auto it = queue_.begin(); it != queue_.end(); ++it) {
      if (it->from == from && it->to == to && it->type == type) {
        InFlight f = *it;
        queue_.erase(it);
        queue_.push_front(std::move(f));
        return true;
      }
    }
    return false;
  }

  // A restart: the hub's book is rebuilt from its escalation records alone, as a store would give them back,
  // so it no longer remembers which message ids it applied.
  void Restart(Hub& hub) {
    federation::EscalationBook fresh(hub.actor, hub.options);
    for (const auto& [id, record] : hub.book.escalations()) fresh.Restore(record);
    hub.book = std::move(fresh);
  }

  // Delivers again, at once, every message the hub has received so far (a queue retrying after a restart).
  void RedeliverAll(Hub& hub) {
    std::vector<std::string> again = hub.received_json;
    for (const std::string& json : again) Deliver({"", hub.actor, json, federation::MessageType::kOffer});
  }

  const std::deque<InFlight>& in_flight() const { return queue_; }
  // Puts a message on the wire as a (possibly misbehaving) hub would, bypassing its state machine.
  void Inject(const federation::EscalationMessage& m) {
    queue_.push_back({m.from, m.to, federation::ToJsonText(federation::EscalationMessageJson(m)), m.type});
  }
  int delivered() const { return delivered_; }
  Hub& hub(const std::string& actor) { return *hubs_.at(actor); }

 private:
  void Deliver(const InFlight& f) {
    Hub& to = *hubs_.at(f.to);
    ++delivered_;
    to.received_json.push_back(f.json);
    auto message = federation::ReadEscalationMessage(boost::json::parse(f.json));
    if (!message.ok()) {
      to.refused.push_back(message.status());
      return;
    }
    auto result = to.book.Receive(*message, now);
    if (!result.ok()) {
      to.refused.push_back(result.status());
      return;
    }
    for (const auto& e : result->events) {
      if (e.type != federation::EscalationEventType::kContactArrived) continue;
      auto contact = federation::OpenContact(e.sealed_contact, e.escalation, to.keys);
      if (contact.ok()) to.opened_contacts[e.escalation] = *contact;
      else to.refused.push_back(contact.status());
    }
    Status s = Apply(to, std::move(result));
    if (!s.ok()) to.refused.push_back(s);
  }

  std::map<std::string, std::unique_ptr<Hub>> hubs_;
  std::deque<InFlight> queue_;
  int delivered_ = 0;
};

}  // namespace kin::testing

#endif  // KIN_TESTING_FAKE_FEDERATION_H_
