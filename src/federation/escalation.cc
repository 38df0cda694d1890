#include "federation/escalation.h"

#include <algorithm>
#include <utility>

namespace kin::federation {
namespace {

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// FNV-1a, 64 bits, in hex: a short, stable name for a long URL inside message ids (not a security measure).
std::string Fingerprint(const std::string& text) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  static const char* kHex = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[i] = kHex[h & 15];
  return out;
}

bool IsOpenRemote(EscalationState s) {
  return s == EscalationState::kReceived || s == EscalationState::kForwarded || s == EscalationState::kAccepted ||
         s == EscalationState::kDeclined;
}

}  // namespace

std::vector<std::string> HubsWithinReach(const SharedArea& area, const std::vector<KnownHub>& hubs,
                                         const std::set<std::string>& exclude) {
  std::vector<std::pair<Meters, std::string>> found;
  for (const KnownHub& hub : hubs) {
    if (!hub.area || exclude.count(hub.actor)) continue;
    Meters d = DistanceMeters(area.center, *hub.area);
    if (d <= hub.reach_m) found.emplace_back(d, hub.actor);
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  for (auto& [d, actor] : found) {
    if (!Contains(out, actor)) out.push_back(std::move(actor));
  }
  return out;
}

bool EscalationDue(Timestamp open_since, Seconds delay, Timestamp now) {
  return delay > Seconds{0} && now - open_since >= delay;
}

const char* MessageTypeName(MessageType t) {
  switch (t) {
    case MessageType::kOffer: return "offer";
    case MessageType::kAccept: return "accept";
    case MessageType::kReject: return "reject";
    case MessageType::kWithdraw: return "withdraw";
    case MessageType::kHandover: return "handover";
  }
  return "?";
}

const char* RejectReasonName(RejectReason r) {
  switch (r) {
    case RejectReason::kDeclined: return "declined";
    case RejectReason::kDuplicate: return "duplicate";
    case RejectReason::kOrigin: return "origin";
    case RejectReason::kHopLimit: return "hop-limit";
    case RejectReason::kTaken: return "taken";
    case RejectReason::kClosed: return "closed";
  }
  return "?";
}

std::optional<RejectReason> ParseRejectReason(const std::string& name) {
  for (RejectReason r : {RejectReason::kDeclined, RejectReason::kDuplicate, RejectReason::kOrigin,
                         RejectReason::kHopLimit, RejectReason::kTaken, RejectReason::kClosed}) {
    if (name == RejectReasonName(r)) return r;
  }
  return std::nullopt;
}

const char* EscalationStateName(EscalationState s) {
  switch (s) {
    case EscalationState::kOffered: return "offered";
    case EscalationState::kAwaitingConfirm: return "awaiting_confirm";
    case EscalationState::kHandedOver: return "handed_over";
    case EscalationState::kWithdrawn: return "withdrawn";
    case EscalationState::kReceived: return "received";
    case EscalationState::kForwarded: return "forwarded";
    case EscalationState::kAccepted: return "accepted";
    case EscalationState::kWon: return "won";
    case EscalationState::kDeclined: return "declined";
    case EscalationState::kClosed: return "closed";
  }
  return "?";
}

EscalationBook::EscalationBook(std::string self, EscalationOptions options)
    : self_(std::move(self)), options_(options) {}

void EscalationBook::Restore(Escalation escalation) {
  std::string id = escalation.id;
  escalations_[id] = std::move(escalation);
}

const Escalation* EscalationBook::Find(const std::string& escalation) const {
  auto it = escalations_.find(escalation);
  return it == escalations_.end() ? nullptr : &it->second;
}

EscalationMessage EscalationBook::NewMessage(MessageType type, Escalation& e, const std::string& to) {
  EscalationMessage m;
  m.type = type;
  m.id = self_ + "/escalations/" + Fingerprint(e.id) + "/" + std::to_string(++e.sent);
  m.from = self_;
  m.to = to;
  m.escalation = e.id;
  m.origin = e.origin;
  return m;
}

EscalationMessage EscalationBook::RejectOffer(const EscalationMessage& offer, RejectReason reason) {
  EscalationMessage m;
  m.type = MessageType::kReject;
  // One refusal per Offer refused, so refusing a redelivered Offer again sends the same message.
  m.id = self_ + "/escalations/" + Fingerprint(offer.escalation) + "/refusal-" + Fingerprint(offer.id);
  m.from = self_;
  m.to = offer.from;
  m.escalation = offer.escalation;
  m.origin = offer.origin;
  m.reason = reason;
  return m;
}

// Tells every downstream branch but `except` that the escalation is over (taken by `taker`, or withdrawn).
void EscalationBook::Withdraw(Escalation& e, const std::string& taker, const std::string& except,
                              Effects& out) {
  for (const std::string& hub : e.downstream) {
    if (hub == except || e.declined.count(hub)) continue;
    EscalationMessage m = NewMessage(MessageType::kWithdraw, e, hub);
    m.taker = taker;
    out.send.push_back(std::move(m));
  }
}

Result<Effects> EscalationBook::Escalate(const std::string& escalation, const SharedItem& need,
                                         const std::vector<KnownHub>& followed, Timestamp now) {
  if (escalation.empty()) return Status::InvalidField("escalation", "is required");
  if (!need.area) return Status::InvalidField("location", "a need escalates only with an approximate area");
  if (escalations_.count(escalation)) return Status::Conflict("this need was already escalated");
  std::vector<std::string> candidates = HubsWithinReach(*need.area, followed, {self_});
  if (candidates.empty()) return Status::NotFound("no followed hub reaches this need's area");

  Escalation e;
  e.id = escalation;
  e.role = EscalationRole::kHome;
  e.state = EscalationState::kOffered;
  e.origin = self_;
  e.need = need;
  e.seen = {self_};
  e.seen.insert(e.seen.end(), candidates.begin(), candidates.end());
  e.downstream = candidates;
  e.opened_at = e.updated_at = now;
  Effects out;
  for (const std::string& hub : candidates) {
    EscalationMessage m = NewMessage(MessageType::kOffer, e, hub);
    m.hops = 1;
    m.seen = e.seen;
    m.need = need;
    out.send.push_back(std::move(m));
  }
  escalations_.emplace(escalation, std::move(e));
  return out;
}

Result<Effects> EscalationBook::ConfirmHandover(const std::string& escalation, Timestamp now) {
  auto it = escalations_.find(escalation);
  if (it == escalations_.end() || it->second.role != EscalationRole::kHome) {
    return Status::NotFound("no escalation of this hub's need with that id");
  }
  Escalation& e = it->second;
  if (e.state != EscalationState::kAwaitingConfirm) {
    return Status::Conflict(std::string("nothing to confirm: the escalation is ") + EscalationStateName(e.state));
  }
  Effects out;
  EscalationMessage m = NewMessage(MessageType::kHandover, e, e.route.at(e.taker));
  m.taker = e.taker;
  m.needs_sealing = true;
  out.send.push_back(std::move(m));
  e.state = EscalationState::kHandedOver;
  e.updated_at = now;
  return out;
}

Result<Effects> EscalationBook::DeclineHandover(const std::string& escalation, Timestamp now) {
  auto it = escalations_.find(escalation);
  if (it == escalations_.end() || it->second.role != EscalationRole::kHome) {
    return Status::NotFound("no escalation of this hub's need with that id");
  }
  Escalation& e = it->second;
  if (e.state != EscalationState::kAwaitingConfirm) {
    return Status::Conflict(std::string("nothing to decline: the escalation is ") + EscalationStateName(e.state));
  }
  Effects out;
  out.send.push_back(NewMessage(MessageType::kWithdraw, e, e.route.at(e.taker)));
  e.state = EscalationState::kWithdrawn;
  e.updated_at = now;
  return out;
}

Result<Effects> EscalationBook::CloseAtHome(const std::string& escalation, Timestamp now) {
  auto it = escalations_.find(escalation);
  if (it == escalations_.end() || it->second.role != EscalationRole::kHome) {
    return Status::NotFound("no escalation of this hub's need with that id");
  }
  Escalation& e = it->second;
  Effects out;
  if (e.state == EscalationState::kOffered) {
    Withdraw(e, "", "", out);
  } else if (e.state == EscalationState::kAwaitingConfirm) {
    out.send.push_back(NewMessage(MessageType::kWithdraw, e, e.route.at(e.taker)));
  } else {
    return Status::Conflict(std::string("the escalation is already ") + EscalationStateName(e.state));
  }
  e.state = EscalationState::kWithdrawn;
  e.updated_at = now;
  return out;
}

Result<Effects> EscalationBook::AcceptHere(const std::string& escalation, Timestamp now) {
  auto it = escalations_.find(escalation);
  if (it == escalations_.end() || it->second.role != EscalationRole::kRemote) {
    return Status::NotFound("no need offered to this hub with that id");
  }
  Escalation& e = it->second;
  if (e.state != EscalationState::kReceived && e.state != EscalationState::kForwarded) {
    return Status::Conflict(std::string("cannot accept: the escalation is ") + EscalationStateName(e.state));
  }
  Effects out;
  EscalationMessage m = NewMessage(MessageType::kAccept, e, e.upstream);
  m.taker = self_;
  out.send.push_back(std::move(m));
  e.state = EscalationState::kAccepted;
  e.updated_at = now;
  return out;
}

Result<Effects> EscalationBook::DeclineHere(const std::string& escalation, Timestamp now) {
  auto it = escalations_.find(escalation);
  if (it == escalations_.end() || it->second.role != EscalationRole::kRemote) {
    return Status::NotFound("no need offered to this hub with that id");
  }
  Escalation& e = it->second;
  if (e.state != EscalationState::kReceived && e.state != EscalationState::kForwarded) {
    return Status::Conflict(std::string("cannot decline: the escalation is ") + EscalationStateName(e.state));
  }
  Effects out;
  e.state = EscalationState::kDeclined;
  e.updated_at = now;
  MaybeDeclineUp(e, out);
  return out;
}

// A hub that declined answers upstream once everyone it forwarded to has declined too, so the home hub learns
// when nobody along a branch can help.
void EscalationBook::MaybeDeclineUp(Escalation& e, Effects& out) {
  if (e.role != EscalationRole::kRemote || e.state != EscalationState::kDeclined) return;
  if (e.declined.size() < e.downstream.size()) return;
  EscalationMessage m = NewMessage(MessageType::kReject, e, e.upstream);
  m.reason = RejectReason::kDeclined;
  out.send.push_back(std::move(m));
  e.state = EscalationState::kClosed;
}

Result<Effects> EscalationBook::Forward(const std::string& escalation, const std::vector<KnownHub>& followed,
                                        Timestamp now) {
  auto it = escalations_.find(escalation);
  if (it == escalations_.end() || it->second.role != EscalationRole::kRemote) {
    return Status::NotFound("no need offered to this hub with that id");
  }
  Escalation& e = it->second;
  if (e.state != EscalationState::kReceived && e.state != EscalationState::kAccepted &&
      e.state != EscalationState::kForwarded) {
    return Status::Conflict(std::string("cannot forward: the escalation is ") + EscalationStateName(e.state));
  }
  if (e.hops >= options_.hop_limit) {
    return Status::Conflict("the need has come " + std::to_string(e.hops) + " hops, the limit; it goes no further");
  }
  std::set<std::string> exclude(e.seen.begin(), e.seen.end());
  exclude.insert(self_);
  std::vector<std::string> candidates = e.need.area ? HubsWithinReach(*e.need.area, followed, exclude)
                                                    : std::vector<std::string>{};
  if (candidates.empty()) return Status::NotFound("no followed hub within reach has not already seen this need");
  e.seen.insert(e.seen.end(), candidates.begin(), candidates.end());
  Effects out;
  for (const std::string& hub : candidates) {
    EscalationMessage m = NewMessage(MessageType::kOffer, e, hub);
    m.hops = e.hops + 1;
    m.seen = e.seen;
    m.need = e.need;
    out.send.push_back(std::move(m));
    e.downstream.push_back(hub);
  }
  if (e.state == EscalationState::kReceived) e.state = EscalationState::kForwarded;
  e.updated_at = now;
  return out;
}

Result<Effects> EscalationBook::Receive(const EscalationMessage& m, Timestamp now) {
  if (m.id.empty()) return Status::InvalidField("id", "is required");
  if (m.to != self_) return Status::Forbidden("the message is addressed to another hub");
  if (processed_.count(m.id)) return Effects{};  // a duplicate delivery changes nothing
  Result<Effects> result = Status::Internal("unhandled message");
  if (m.type == MessageType::kOffer) {
    result = ReceiveOffer(m, now);
  } else {
    auto it = escalations_.find(m.escalation);
    if (it == escalations_.end()) return Status::NotFound("no escalation " + m.escalation + " known here");
    Escalation& e = it->second;
    switch (m.type) {
      case MessageType::kAccept: result = ReceiveAccept(e, m, now); break;
      case MessageType::kReject: result = ReceiveReject(e, m, now); break;
      case MessageType::kWithdraw: result = ReceiveWithdraw(e, m, now); break;
      case MessageType::kHandover: result = ReceiveHandover(e, m, now); break;
      case MessageType::kOffer: break;
    }
  }
  if (result.ok()) processed_.insert(m.id);
  return result;
}

Result<Effects> EscalationBook::ReceiveOffer(const EscalationMessage& m, Timestamp now) {
  Effects out;
  auto refuse = [&](RejectReason reason) {
    out.send.push_back(RejectOffer(m, reason));
    out.events.push_back({EscalationEventType::kRefused, m.escalation, "", reason, ""});
    return out;
  };
  if (m.escalation.empty()) return Status::InvalidField("escalation", "is required");
  if (m.origin == self_) return refuse(RejectReason::kOrigin);
  if (auto it = escalations_.find(m.escalation); it != escalations_.end()) {
    if (it->second.role == EscalationRole::kRemote && it->second.upstream == m.from) return out;  // redelivered
    return refuse(it->second.role == EscalationRole::kHome ? RejectReason::kOrigin : RejectReason::kDuplicate);
  }
  if (m.hops < 1 || m.hops > options_.hop_limit) return refuse(RejectReason::kHopLimit);
  if (Status s = ValidateSharedItem(m.need); !s.ok()) return s;
  Escalation e;
  e.id = m.escalation;
  e.role = EscalationRole::kRemote;
  e.state = EscalationState::kReceived;
  e.origin = m.origin;
  e.upstream = m.from;
  e.hops = m.hops;
  e.seen = m.seen;
  if (!Contains(e.seen, self_)) e.seen.push_back(self_);
  e.need = m.need;
  e.opened_at = e.updated_at = now;
  escalations_.emplace(e.id, e);
  out.events.push_back({EscalationEventType::kOfferReceived, m.escalation, "", RejectReason::kDeclined, ""});
  return out;
}

Result<Effects> EscalationBook::ReceiveAccept(Escalation& e, const EscalationMessage& m, Timestamp now) {
  if (!Contains(e.downstream, m.from)) return Status::Forbidden(m.from + " was not offered this need by us");
  if (m.taker.empty()) return Status::InvalidField("taker", "is required");
  Effects out;
  if (auto seen = e.route.find(m.taker); seen != e.route.end() && seen->second == m.from) return out;  // again
  bool open = e.role == EscalationRole::kHome ? e.state == EscalationState::kOffered : IsOpenRemote(e.state);
  if (!open || e.declined.count(m.from)) {
    if (!e.refused_takers.insert(m.taker).second) return out;  // refused before
    EscalationMessage reject = NewMessage(MessageType::kReject, e, m.from);
    reject.taker = m.taker;
    reject.reason = e.role == EscalationRole::kHome && !e.taker.empty() ? RejectReason::kTaken
                                                                         : RejectReason::kClosed;
    out.send.push_back(std::move(reject));
    return out;
  }
  e.route[m.taker] = m.from;
  e.updated_at = now;
  if (e.role == EscalationRole::kRemote) {  // relay it up; the home hub decides
    EscalationMessage up = NewMessage(MessageType::kAccept, e, e.upstream);
    up.taker = m.taker;
    out.send.push_back(std::move(up));
    return out;
  }
  e.taker = m.taker;  // the first valid acceptance wins
  e.state = EscalationState::kAwaitingConfirm;
  Withdraw(e, m.taker, m.from, out);
  out.events.push_back({EscalationEventType::kTakenBy, e.id, m.taker, RejectReason::kDeclined, ""});
  return out;
}

Result<Effects> EscalationBook::ReceiveReject(Escalation& e, const EscalationMessage& m, Timestamp now) {
  Effects out;
  e.updated_at = now;
  if (m.taker.empty()) {  // a downstream hub declined (or refused) our Offer
    if (!Contains(e.downstream, m.from)) return Status::Forbidden(m.from + " was not offered this need by us");
    if (!e.declined.insert(m.from).second) return out;  // already heard
    if (e.role == EscalationRole::kHome) {
      if (e.state == EscalationState::kOffered && e.declined.size() == e.downstream.size()) {
        out.events.push_back({EscalationEventType::kAllDeclined, e.id, "", m.reason, ""});
      }
    } else {
      MaybeDeclineUp(e, out);
    }
    return out;
  }
  // An acceptance was refused upstream: route it down to the taker.
  if (e.role == EscalationRole::kHome || m.from != e.upstream) {
    return Status::Forbidden("only the hub that offered the need may refuse an acceptance of it");
  }
  if (m.taker == self_) {
    if (e.state == EscalationState::kAccepted) {
      e.state = EscalationState::kClosed;
      out.events.push_back({EscalationEventType::kLost, e.id, "", m.reason, ""});
    }
    return out;
  }
  auto route = e.route.find(m.taker);
  if (route == e.route.end()) return Status::NotFound("no acceptance by " + m.taker + " came through this hub");
  EscalationMessage down = NewMessage(MessageType::kReject, e, route->second);
  down.taker = m.taker;
  down.reason = m.reason;
  out.send.push_back(std::move(down));
  return out;
}

Result<Effects> EscalationBook::ReceiveWithdraw(Escalation& e, const EscalationMessage& m, Timestamp now) {
  if (e.role == EscalationRole::kHome || m.from != e.upstream) {
    return Status::Forbidden("only the hub that offered the need may withdraw it");
  }
  Effects out;
  if (e.state == EscalationState::kClosed || e.state == EscalationState::kWon) return out;
  // Pass it on to every branch but the winner's, which still awaits the hand-over.
  std::string winner_branch;
  if (!m.taker.empty()) {
    if (auto route = e.route.find(m.taker); route != e.route.end()) winner_branch = route->second;
  }
  Withdraw(e, m.taker, winner_branch, out);
  e.state = EscalationState::kClosed;
  e.updated_at = now;
  out.events.push_back({EscalationEventType::kLost, e.id, m.taker, RejectReason::kClosed, ""});
  return out;
}

Result<Effects> EscalationBook::ReceiveHandover(Escalation& e, const EscalationMessage& m, Timestamp now) {
  if (e.role == EscalationRole::kHome || m.from != e.upstream) {
    return Status::Forbidden("only the hub that offered the need may hand its contact over");
  }
  if (m.sealed_contact.empty()) return Status::InvalidField("sealed_contact", "is required");
  Effects out;
  e.updated_at = now;
  if (m.taker == self_) {
    if (e.state == EscalationState::kWon) return out;  // redelivered
    if (e.state != EscalationState::kAccepted) {
      return Status::Conflict(std::string("a hand-over arrived but this hub is ") + EscalationStateName(e.state));
    }
    e.state = EscalationState::kWon;
    Withdraw(e, self_, "", out);  // hubs we forwarded to before accepting ourselves
    out.events.push_back({EscalationEventType::kContactArrived, e.id, self_, RejectReason::kDeclined, m.sealed_contact});
    return out;
  }
  auto route = e.route.find(m.taker);
  if (route == e.route.end()) return Status::NotFound("no acceptance by " + m.taker + " came through this hub");
  EscalationMessage down = NewMessage(MessageType::kHandover, e, route->second);
  down.taker = m.taker;
  down.sealed_contact = m.sealed_contact;
  out.send.push_back(std::move(down));
  Withdraw(e, m.taker, route->second, out);
  if (e.state == EscalationState::kAccepted) out.events.push_back({EscalationEventType::kLost, e.id, m.taker,
                                                                   RejectReason::kTaken, ""});
  e.state = EscalationState::kClosed;
  return out;
}

}  // namespace kin::federation
